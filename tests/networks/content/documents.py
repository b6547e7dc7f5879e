"""Small real documents of each kind, an executable, and a factory for resources."""

import io
import zipfile

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from networks.models import Resource

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
OLE2 = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)
# The start of a Windows executable: "MZ", then the DOS stub.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(200)
CSV = b"network,topic\nWest London Museums Group,Learning\n"


def zipped(members, mimetype=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if mimetype:
            archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        for name, content in members.items():
            archive.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


CONTENT_TYPES = '<?xml version="1.0"?><Types/>'
DOCX = zipped({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": "<w:document/>"})
XLSX = zipped({"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": "<workbook/>"})
PPTX = zipped({"[Content_Types].xml": CONTENT_TYPES, "ppt/presentation.xml": "<p/>"})
ODT = zipped({"content.xml": "<office/>"}, "application/vnd.oasis.opendocument.text")
ODS = zipped({"content.xml": "<office/>"}, "application/vnd.oasis.opendocument.spreadsheet")

VALID = {
    "report.pdf": PDF,
    "report.PDF": PDF,
    "notes.docx": DOCX,
    "notes.doc": OLE2,
    "budget.xlsx": XLSX,
    "budget.xls": OLE2,
    "slides.pptx": PPTX,
    "notes.odt": ODT,
    "budget.ods": ODS,
    "notes.rtf": b"{\\rtf1\\ansi Hello}",
    "contacts.csv": CSV,
}


def upload(name, content):
    return SimpleUploadedFile(name, content)


class ResourceFactory(factory.django.DjangoModelFactory):
    """A published resource: a link unless given `file=upload(...)`. Saved after full_clean, as
    the admin does, so that uploads are checked and described."""

    class Meta:
        model = Resource

    title = factory.Sequence(lambda n: f"Skills sharing report {n}")
    slug = factory.Sequence(lambda n: f"skills-sharing-report-{n}")
    description = "What we learned about sharing skills."
    external_url = factory.LazyAttribute(
        lambda resource: "" if resource.file else "https://example.org/report"
    )
    file = None
    is_published = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        resource = model_class(*args, **{k: v for k, v in kwargs.items() if v is not None})
        resource.full_clean()
        resource.save()
        return resource

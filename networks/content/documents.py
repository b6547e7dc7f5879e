"""Which documents staff may upload, told by their name AND their content (magic bytes).

No libmagic: each accepted type has a small check of its own. An executable renamed
"report.pdf" does not start with "%PDF-", so it is refused; a Word file renamed ".xlsx" is a zip
without the spreadsheet's parts, so it is refused too.
"""

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError

OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")  # Word, Excel and PowerPoint 97-2003
HEADER_BYTES = 8192


def _starts_with(magic):
    return lambda header, file: header.startswith(magic)


def _ooxml(folder):
    """Office Open XML: a zip holding [Content_Types].xml and the application's own folder."""

    def check(header, file):
        names = _zip_names(header, file)
        return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)

    return check


def _odf(mimetype):
    """OpenDocument: a zip whose first member, "mimetype", names the kind of document."""

    def check(header, file):
        # The standard stores "mimetype" first and uncompressed, so its local header is at the
        # start: 30 bytes, the name (length at 26), an extra field (length at 28), the content.
        if not header.startswith(b"PK\x03\x04") or header[30:38] != b"mimetype":
            return False
        content = (
            30 + int.from_bytes(header[26:28], "little") + int.from_bytes(header[28:30], "little")
        )
        size = int.from_bytes(header[22:26], "little")
        return header[content : content + size] == mimetype.encode()

    return check


def _zip_names(header, file):
    if not header.startswith(b"PK\x03\x04"):
        return set()
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return set()
    finally:
        file.seek(0)


def _text(header, file):
    """CSV: text in UTF-8 (a character cut at the end of the header is fine) with no NUL or
    other binary control characters, which every executable has."""
    try:
        text = header.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(header) - 3:
            return False
        text = header[: error.start].decode("utf-8")
    return not any(ord(c) < 32 and c not in "\t\r\n\f" for c in text)


@dataclass(frozen=True)
class DocumentType:
    extension: str
    label: str
    mime: str
    check: object


TYPES = {
    t.extension: t
    for t in [
        DocumentType("pdf", "PDF", "application/pdf", _starts_with(b"%PDF-")),
        DocumentType(
            "docx",
            "MS Word Document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            _ooxml("word/"),
        ),
        DocumentType("doc", "MS Word Document", "application/msword", _starts_with(OLE2)),
        DocumentType(
            "xlsx",
            "MS Excel Spreadsheet",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            _ooxml("xl/"),
        ),
        DocumentType("xls", "MS Excel Spreadsheet", "application/vnd.ms-excel", _starts_with(OLE2)),
        DocumentType(
            "pptx",
            "MS PowerPoint Presentation",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            _ooxml("ppt/"),
        ),
        DocumentType(
            "ppt", "MS PowerPoint Presentation", "application/vnd.ms-powerpoint", _starts_with(OLE2)
        ),
        DocumentType(
            "odt",
            "OpenDocument Text",
            "application/vnd.oasis.opendocument.text",
            _odf("application/vnd.oasis.opendocument.text"),
        ),
        DocumentType(
            "ods",
            "OpenDocument Spreadsheet",
            "application/vnd.oasis.opendocument.spreadsheet",
            _odf("application/vnd.oasis.opendocument.spreadsheet"),
        ),
        DocumentType(
            "odp",
            "OpenDocument Presentation",
            "application/vnd.oasis.opendocument.presentation",
            _odf("application/vnd.oasis.opendocument.presentation"),
        ),
        DocumentType("rtf", "Rich Text Format", "application/rtf", _starts_with(b"{\\rtf")),
        DocumentType("csv", "CSV file", "text/csv", _text),
    ]
}
CHOICES = [(t.extension, t.label) for t in TYPES.values()]
ACCEPTED = ", ".join(ext.upper() for ext in TYPES)


def format_size(size):
    """As GOV.UK writes it: "518 KB", "2.4 MB" (1 KB = 1024 bytes, never "0 KB")."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def max_upload_bytes():
    return settings.RESOURCE_MAX_UPLOAD_MB * 1024 * 1024


def inspect_upload(file):
    """The DocumentType of an uploaded file, or a ValidationError saying what is wrong with it.

    `file` is anything with a name, a size and seek/read (an UploadedFile, a File)."""
    name = PurePath(file.name or "").name
    extension = PurePath(name).suffix.lower().removeprefix(".")
    kind = TYPES.get(extension)
    if kind is None:
        raise ValidationError(
            f"“{name}” is not a document we accept. Upload a file ending in one of: {ACCEPTED}.",
            code="file_type",
        )
    if file.size > max_upload_bytes():
        raise ValidationError(
            f"“{name}” is {format_size(file.size)}. Upload a file of "
            f"{settings.RESOURCE_MAX_UPLOAD_MB} MB or less.",
            code="file_size",
        )
    if not file.size:
        raise ValidationError(f"“{name}” is empty. Choose the file again.", code="empty")
    file.seek(0)
    header = file.read(HEADER_BYTES)
    file.seek(0)
    if not kind.check(header, file):
        raise ValidationError(
            f"“{name}” is not really a {kind.extension.upper()} file: its contents do not match "
            f"its name. Save it again as {kind.extension.upper()} and upload that.",
            code="file_content",
        )
    return kind

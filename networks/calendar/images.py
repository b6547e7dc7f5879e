"""An event's picture: a JPEG, PNG or WebP file, told by its content (magic bytes), not its name.

No Pillow: the three formats each start with a signature of their own, which is all we need to
refuse anything else (an executable or an HTML page renamed "photo.jpg" starts with neither).
The stored name is generated and the file is served with the type we found, so nothing of the
uploader's file name or claimed type reaches a visitor.
"""

import uuid
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError

from networks.content.documents import format_size

MAX_IMAGE_MB = 5
HEADER_BYTES = 16


@dataclass(frozen=True)
class ImageType:
    extension: str
    label: str
    mime: str
    check: object


IMAGE_TYPES = {
    t.extension: t
    for t in [
        ImageType("jpg", "JPEG", "image/jpeg", lambda h: h.startswith(b"\xff\xd8\xff")),
        ImageType("png", "PNG", "image/png", lambda h: h.startswith(b"\x89PNG\r\n\x1a\n")),
        ImageType("webp", "WebP", "image/webp", lambda h: h[:4] == b"RIFF" and h[8:12] == b"WEBP"),
    ]
}
ACCEPTED = "JPEG, PNG or WebP"


def image_file_name(event, filename):
    """A generated name with the extension of the type the content was found to be."""
    return f"events/{uuid.uuid4().hex}.{event.image_type or 'bin'}"


def inspect_image(file):
    """The ImageType of an uploaded file, or a ValidationError saying what is wrong with it."""
    name = PurePath(file.name or "").name
    if file.size > MAX_IMAGE_MB * 1024 * 1024:
        raise ValidationError(
            f"“{name}” is {format_size(file.size)}. Upload an image of {MAX_IMAGE_MB} MB or less.",
            code="image_size",
        )
    if not file.size:
        raise ValidationError(f"“{name}” is empty. Choose the image again.", code="empty")
    file.seek(0)
    header = file.read(HEADER_BYTES)
    file.seek(0)
    for kind in IMAGE_TYPES.values():
        if kind.check(header):
            return kind
    raise ValidationError(
        f"“{name}” is not a {ACCEPTED} image. Save it as one of those and upload that.",
        code="image_type",
    )


def image_errors(event):
    """{field: message} for the event's image and its alt text; sets image_type on a new
    upload. A picture needs words for people who cannot see it."""
    errors = {}
    if event.image and not event.image._committed:  # a new upload
        try:
            event.image_type = inspect_image(event.image).extension
        except ValidationError as error:
            errors["image"] = error
    elif not event.image:
        event.image_type = ""
    if event.image and not event.image_alt.strip():
        errors["image_alt"] = (
            "Describe the image for people who cannot see it, or remove the image."
        )
    return errors

"""Where the admin keeps an uploaded import file between its preview and its confirmation.

Files hold people's names and email addresses, so none outlives its use: confirming an import
removes its file, a preview that cannot be confirmed removes it at once, and any file older than
settings.IMPORT_EXPORT_TMP_MAX_AGE is swept away on the next upload (and by the
`clear_import_previews` command, for a server that sees no uploads). The record of an import
run as a task (core/import_jobs.py) goes at the same age, since its errors quote the file.
"""

import contextlib
import datetime
import os
import re
import tempfile
import time
import uuid
from pathlib import Path

from django.conf import settings
from import_export.tmp_storages import BaseStorage

NAME = re.compile(r"[0-9a-f]{32}")


def folder():
    path = Path(settings.IMPORT_EXPORT_TMP_DIR or Path(tempfile.gettempdir()) / "import-previews")
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def clear_old_previews(now=None):
    """Remove preview files and import jobs older than the maximum age; returns how many
    files went."""
    from .import_jobs import clear_old_jobs

    cutoff = (now or time.time()) - settings.IMPORT_EXPORT_TMP_MAX_AGE.total_seconds()
    clear_old_jobs(datetime.datetime.fromtimestamp(cutoff, tz=datetime.UTC))
    removed = 0
    for path in folder().iterdir():
        try:
            if NAME.fullmatch(path.name) and path.stat().st_mtime <= cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # another worker removed it first
            pass
    return removed


class PreviewStorage(BaseStorage):
    """import-export's temporary storage, in a private folder, under a random name that the
    confirmation form sends back and that must look like one (never a path)."""

    def path(self):
        if not (isinstance(self.name, str) and NAME.fullmatch(self.name)):
            raise FileNotFoundError("Not an import preview.")
        return folder() / self.name

    def save(self, data):
        clear_old_previews()
        self.name = uuid.uuid4().hex
        mode = "wb" if isinstance(data, bytes) else "w"
        with open(self.path(), mode, encoding=None if "b" in mode else self.encoding) as file:
            file.write(data)
        # Stamped with the app's clock, which clear_old_previews() reads the age by.
        now = time.time()
        os.utime(self.path(), (now, now))

    def read(self):
        mode = self.read_mode
        with open(self.path(), mode, encoding=None if "b" in mode else self.encoding) as file:
            return file.read()

    def remove(self):
        with contextlib.suppress(FileNotFoundError):
            self.path().unlink()

"""Start Django in a process of its own with some settings in the environment: for settings
that must stop the site starting, and say why."""

import os
import subprocess
import sys


def start_django(**environment):
    """The finished `python -c "import django; django.setup()"`, its output captured."""
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": "x",
             **environment},
        capture_output=True, text=True, check=False,
    )  # fmt: skip

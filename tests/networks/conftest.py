import pytest


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files go to a directory of this test's own, never into the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT

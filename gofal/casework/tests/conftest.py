import pytest

from gofal.casework.tests.fixtures import (  # noqa: F401  (fixtures, found by name)
    allocation,
    child,
    involvement,
    manager,
    team,
    worker,
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }

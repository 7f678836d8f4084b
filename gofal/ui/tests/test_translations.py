"""Every message a user can see has real Welsh: the test fails on any untranslated string.

For each app under gofal/, its committed Welsh catalogue
(gofal/<app>/locale/cy/LC_MESSAGES/django.po) must
- hold every translatable string in the app's Python and templates (found by running
  `makemessages` on a temporary copy of the app, so the working tree is never touched),
- have no empty translation and no fuzzy entry,
- keep every placeholder (`%(name)s`, `{name}`) of the English in the Welsh.

Needs GNU gettext's `xgettext` (Debian package `gettext`; `.ci/run` installs it).
"""

import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import polib
import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
APPS = sorted(p.parent.name for p in (ROOT / "gofal").glob("*/apps.py"))
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|\{\w*\}")
Key = tuple[str, str]  # (msgctxt, msgid)


def _registration_only(app: str, wanted: set[Key]) -> bool:
    """True if the app's only string is its AppConfig's name: an app registered but not built.

    Gofal has no admin site, so that name is never shown; once the app has any other string, it
    needs its catalogue.
    """
    config = next(c for c in django_apps.get_app_configs() if c.name == f"gofal.{app}")
    with translation.override(None):
        name = str(config.verbose_name)
    return wanted <= {("", name)}


def catalogue_path(app: str, root: Path = ROOT / "gofal") -> Path:
    return root / app / "locale" / "cy" / "LC_MESSAGES" / "django.po"


def _extract(app: str, workdir: Path) -> set[Key]:
    """The msgids makemessages finds in `app` (run on a copy; the real tree is not touched)."""
    copy = workdir / app
    shutil.copytree(
        ROOT / "gofal" / app,
        copy,
        ignore=shutil.ignore_patterns("locale", "__pycache__", "*.mo", "*.pyc"),
    )
    (copy / "locale").mkdir()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gofal.settings", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "makemessages", "-l", "cy", "--no-obsolete"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"makemessages failed for {app}:\n{result.stdout}\n{result.stderr}")
    extracted = catalogue_path(app, workdir)
    if not extracted.exists():
        return set()
    return {(e.msgctxt or "", e.msgid) for e in polib.pofile(str(extracted)) if not e.obsolete}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict[str, set[Key]]:
    if shutil.which("xgettext") is None:
        pytest.fail(
            "GNU gettext is not installed (xgettext not found): install the Debian package "
            "`gettext` to check translations (`.ci/run` does this)."
        )
    workdir = tmp_path_factory.mktemp("makemessages")
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = pool.map(lambda app: (app, _extract(app, workdir)), APPS)
    return dict(results)


def _describe(keys: set[Key]) -> str:
    return "\n".join(
        f"  - {msgid!r}" + (f" (context {ctx!r})" if ctx else "") for ctx, msgid in sorted(keys)
    )


@pytest.mark.parametrize("app", APPS)
def test_every_string_in_the_app_is_in_its_welsh_catalogue(app, extracted):
    wanted = extracted[app]
    path = catalogue_path(app)
    if not wanted:
        return
    if not path.exists() and _registration_only(app, wanted):
        return
    assert path.exists(), (
        f"gofal/{app} has {len(wanted)} translatable strings but no Welsh catalogue. From "
        f"gofal/{app} run: ../../.venv/bin/python ../../manage.py makemessages -l cy --no-obsolete"
    )
    catalogue = {(e.msgctxt or "", e.msgid) for e in polib.pofile(str(path)) if not e.obsolete}
    missing = wanted - catalogue
    assert not missing, (
        f"{path.relative_to(ROOT)} lacks {len(missing)} string(s); run makemessages in "
        f"gofal/{app} and translate them:\n{_describe(missing)}"
    )


@pytest.mark.parametrize("app", APPS)
def test_welsh_catalogue_is_complete_and_not_fuzzy(app):
    path = catalogue_path(app)
    if not path.exists():
        return
    catalogue = polib.pofile(str(path))
    assert not catalogue.metadata_is_fuzzy, f"{path.relative_to(ROOT)}: remove the fuzzy header"
    untranslated = {
        (e.msgctxt or "", e.msgid)
        for e in catalogue
        if not e.obsolete
        and (
            (not e.msgid_plural and not e.msgstr.strip())
            or (e.msgid_plural and not all(v.strip() for v in e.msgstr_plural.values()))
        )
    }
    assert not untranslated, (
        f"{path.relative_to(ROOT)} has {len(untranslated)} string(s) with no Welsh:\n"
        f"{_describe(untranslated)}"
    )
    fuzzy = {(e.msgctxt or "", e.msgid) for e in catalogue if "fuzzy" in e.flags and not e.obsolete}
    assert not fuzzy, (
        f"{path.relative_to(ROOT)} has {len(fuzzy)} fuzzy entr(y/ies): check the Welsh and "
        f"remove the fuzzy flag:\n{_describe(fuzzy)}"
    )


@pytest.mark.parametrize("app", APPS)
def test_welsh_keeps_every_placeholder(app):
    path = catalogue_path(app)
    if not path.exists():
        return
    broken = []
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        english = sorted(PLACEHOLDER.findall(entry.msgid))
        for welsh in translations:
            if welsh and sorted(set(PLACEHOLDER.findall(welsh))) != sorted(set(english)):
                broken.append(f"  - {entry.msgid!r} -> {welsh!r}")
    assert not broken, f"{path.relative_to(ROOT)}: placeholders differ:\n" + "\n".join(broken)

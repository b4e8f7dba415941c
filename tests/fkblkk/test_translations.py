"""The English catalogue: complete, compiled from its current source, and served on request.

The portal's source strings are Indonesian; ``locale/en/LC_MESSAGES/django.po`` holds their
English and the committed ``django.mo`` is what Django reads (a fresh machine may lack GNU
gettext, so the compiled catalogue ships in the repository).
"""

import ast
import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO_FILE = CATALOGUE / "django.po"

PUBLIC_PAGES = ["/", "/pelatihan/", "/lembaga/", "/usaha-alumni/", "/mitra/", "/tentang/"]

# The main menu of every public page, in each language.
NAV_LABELS = {
    "id": ["Beranda", "Pelatihan", "Lembaga", "Usaha alumni", "Mitra", "Tentang"],
    "en": ["Home", "Training", "Centres", "Alumni enterprises", "Partners", "About"],
}

# One string of each page's own content: (Indonesian source, its English).
PAGE_STRINGS = {
    "/": ("FK-BLKK dalam angka", "FK-BLKK in numbers"),
    "/pelatihan/": ("Semua kejuruan", "All vocational fields"),
    "/lembaga/": ("Direktori BLK Komunitas", "Community Training Centre (BLKK) directory"),
    "/usaha-alumni/": ("Semua sektor", "All sectors"),
    "/mitra/": ("Mitra dan kemitraan", "Partners and partnerships"),
    "/tentang/": ("Tujuan forum", "Aims of the forum"),
}

# Strings of the layout every public page shares.
LAYOUT_STRINGS = [("Langsung ke isi", "Skip to content"), ("Navigasi utama", "Main navigation")]

NAV_LINK = re.compile(r'<a class="nav-link[^"]*"[^>]*>([^<]+)</a>')
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|</?[a-z][^>]*>")


def po_entries() -> list[dict]:
    """The entries of the .po file: flags, msgid, msgid_plural and msgstr values, unescaped."""
    entries = []
    for block in PO_FILE.read_text(encoding="utf-8").split("\n\n"):
        entry = {"flags": set(), "msgid": None, "msgid_plural": None, "msgstr": {}}
        current = None
        for line in block.splitlines():
            if line.startswith("#~"):
                entry["obsolete"] = True
            elif line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#") or not line.strip():
                continue
            elif line.startswith('"'):
                text = ast.literal_eval(line)
                if current[0] == "msgstr":
                    entry["msgstr"][current[1]] += text
                else:
                    entry[current[0]] += text
            else:
                keyword, _space, quoted = line.partition(" ")
                text = ast.literal_eval(quoted)
                if keyword.startswith("msgstr"):
                    current = ("msgstr", keyword)
                    entry["msgstr"][keyword] = text
                else:
                    current = (keyword,)
                    entry[keyword] = text
        if entry["msgid"] is not None and not entry.get("obsolete"):
            entries.append(entry)
    return entries


def catalogue(path: Path) -> dict:
    with path.open("rb") as compiled:
        return dict(gettext.GNUTranslations(compiled)._catalog)


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_committed_mo_is_compiled_from_the_current_po(tmp_path, language):
    """English holds the portal's own strings; Indonesian only Django's wording of the few
    messages Django REST framework's catalogue would otherwise reword."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext's msgfmt is not installed")
    folder = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES"
    fresh = tmp_path / "django.mo"
    command = [msgfmt, "--check-format", "-o", str(fresh), str(folder / "django.po")]
    subprocess.run(command, check=True)  # noqa: S603 - fixed arguments, the repository's own file

    assert catalogue(folder / "django.mo") == catalogue(fresh), (
        f"locale/{language}/LC_MESSAGES/django.mo is out of date: run "
        f"`python manage.py compilemessages -l {language}` and commit it"
    )


def test_every_entry_of_the_po_is_translated_and_none_is_fuzzy():
    entries = po_entries()
    header, messages = entries[0], entries[1:]

    assert header["msgid"] == ""
    assert len(messages) > 100
    fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry["flags"]]
    empty = [entry["msgid"] for entry in messages if "" in entry["msgstr"].values()]
    assert fuzzy == []
    assert empty == []


def test_every_app_of_the_portal_has_an_english_name_in_the_admin():
    """Each app's heading in the admin; a new app's verbose_name needs its own entry."""
    po_msgids = {entry["msgid"] for entry in po_entries()}
    project = Path(settings.BASE_DIR)
    portal_apps = [
        config for config in apps.get_app_configs() if Path(config.path).parent == project
    ]

    assert {config.label for config in portal_apps} >= {"core", "dashboard", "api"}
    missing = [config.label for config in portal_apps if str(config.verbose_name) not in po_msgids]
    assert missing == []


def test_plural_entries_have_both_forms():
    plurals = [entry for entry in po_entries() if entry["msgid_plural"] is not None]

    assert plurals
    for entry in plurals:
        assert set(entry["msgstr"]) == {"msgstr[0]", "msgstr[1]"}, entry["msgid"]


def test_translations_keep_the_placeholders_and_markup_of_their_source():
    for entry in po_entries()[1:]:
        expected = sorted(PLACEHOLDER.findall(entry["msgid"]))
        for translated in entry["msgstr"].values():
            assert sorted(PLACEHOLDER.findall(translated)) == expected, entry["msgid"]


def nav_labels(html: str) -> list[str]:
    return [label.strip() for label in NAV_LINK.findall(html)]


@pytest.fixture
def restore_language():
    """The middleware activates the visitor's language and leaves it active in the thread."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_speak_english_to_visitors_who_chose_it(client, path, restore_language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get(path)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert response.headers["Content-Language"] == "en"
    assert nav_labels(html) == NAV_LABELS["en"]
    for indonesian, english in [*LAYOUT_STRINGS, PAGE_STRINGS[path]]:
        assert english in html
        assert indonesian not in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_are_indonesian_without_a_choice(client, path):
    response = client.get(path)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert nav_labels(html) == NAV_LABELS["id"]
    for indonesian, english in [*LAYOUT_STRINGS, PAGE_STRINGS[path]]:
        assert indonesian in html
        assert english not in html

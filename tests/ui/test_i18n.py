import re
import string
from pathlib import Path

import pytest

from game.i18n import LANGS, CatalogueError, catalogue, parse_po, translator

ROOT = Path(__file__).resolve().parents[2]


def placeholders(s):
    return {f for _, f, _, _ in string.Formatter().parse(s) if f}


def test_every_key_exists_in_every_language():
    keys = {lang: set(catalogue(lang)) for lang in LANGS}
    assert keys["fi"] == keys["en"] == keys["sv"]
    assert len(keys["fi"]) > 150


def test_translations_keep_the_placeholders():
    en = catalogue("en")
    for lang in ("fi", "sv"):
        for k, v in catalogue(lang).items():
            assert placeholders(v) == placeholders(en[k]), (lang, k)


def test_no_translation_is_empty_and_finnish_differs_from_english():
    for lang in LANGS:
        assert all(v.strip() for v in catalogue(lang).values()), lang
    fi, en = catalogue("fi"), catalogue("en")
    assert sum(fi[k] != en[k] for k in fi) > 0.8 * len(fi)


def test_every_key_the_ui_asks_for_exists():
    used = set()
    for path in (ROOT / "game" / "ui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\btr\(\s*["']([a-z_]+\.[a-z_0-9]+)["']""", text))
        used |= set(
            re.findall(
                r"""["']((?:hint|key|keys|view|alloc|res|refl|delib|debrief)"""
                r"""\.[a-z_]+)["']""",
                text,
            )
        )
    missing = sorted(k for k in used if k not in catalogue("en"))
    assert not missing
    assert len(used) > 100


@pytest.mark.parametrize(
    "family,values",
    [
        ("phase", ["briefing", "deliberation", "allocation", "resolution", "reflection"]),
        ("policy", ["balanced", "mandate", "vision", "cooperative", "solo", "random"]),
        ("kind", ["ministry", "region", "partner"]),
        ("evkind", ["news", "dilemma", "election", "shock"]),
        (
            "sourcekind",
            ["team", "others", "cooperation", "package", "package-trust", "driver", "event"],
        ),
        ("source", ["others", "cooperation", "package-trust"]),
        ("alloc", ["own_title", "own_title_first", "own_title_team", "own_title_team_first"]),
        ("debrief", ["scores", "trajectories", "network", "log"]),
        ("log", ["vote", "allocate", "inject", "cancel", "undo", "end"]),
    ],
)
def test_keys_built_at_run_time_exist(family, values):
    for v in values:
        assert f"{family}.{v}" in catalogue("en")


def test_parser_reads_continuations_and_escapes():
    po = 'msgid ""\nmsgstr "header"\n\n# c\nmsgid "a.b"\nmsgstr "one "\n"\\"two\\"\\n"\n'
    assert parse_po(po) == {"a.b": 'one "two"\n'}


def test_parser_names_the_line_of_an_error():
    with pytest.raises(CatalogueError, match="x.po:2"):
        parse_po('msgid "a"\nnonsense\n', "x.po")


def test_translator_formats_and_falls_back():
    tr = translator("sv")
    assert tr("header.turn", n=2, total=6) == "Omgång 2/6"
    assert tr("no.such.key") == "no.such.key"
    assert translator("fi")("phase.briefing") == "Tilannekuva"

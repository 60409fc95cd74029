"""Control and invisible characters from untrusted input never reach the terminal raw in a message.

User trial: an id holding ESC printed a real escape sequence (terminal escape injection); a
name holding U+202E and U+2066 was printed raw by ``validate --outline`` right after a warning
that said they are left out; ``--variant 'plat<U+200B>form'`` printed "no variant 'platform'
(did you mean 'platform'?)"; ``--lang 'de<LF>x'`` broke its error over two lines. Every error,
warning and note now shows such a character as a Python-style escape (``\\x1b``, ``\\n``,
``\\u202e``, ``\\u200b``); a document written to standard output (``-o -``) stays byte-exact.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app

ESCAPE_ID = 'basics:\n  name: "Ann Example"\ncustom:\n  - id: "\\e[31m"\n    title: Stuff\n    items: [a]\n'
BIDI_NAME = 'basics:\n  name: "Ann \\u202eelpmaxE\\u2066 X"\n'
VARIANTS = ('basics:\n  name: "Ann Example"\nvariants:\n  platform:\n    description: Platform roles\n')
ZWJ_SUMMARY = 'basics:\n  name: "Ann Example"\n  summary: "Family \\U0001F468\\u200d\\U0001F469 here"\n'
#: A YAML syntax error on a line holding a zero-width space and a right-to-left override
#: before the place the caret points at (the ': ' after "Ex").
EXCERPT = "basics:\n  name: A\u200bnn\u202eEx: ample\n"


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _write(folder, name: str, text: str) -> str:
    (folder / name).write_text(text, encoding="utf-8")
    return name


def test_an_escape_sequence_in_an_id_is_shown_escaped(here):
    profile = _write(here, "esc.yaml", ESCAPE_ID)
    result = CliRunner().invoke(app, ["validate", profile])
    assert result.exit_code == 2
    assert result.stderr == ("error: esc.yaml:4:9: custom[0].id: id '\\x1b[31m' may only hold letters, "
                             "digits, '-', '_' and '.'\n")
    assert "\x1b" not in result.output


def test_the_outline_leaves_out_the_bidi_controls_the_warning_says_are_left_out(here):
    profile = _write(here, "bidi.yaml", BIDI_NAME)
    result = CliRunner().invoke(app, ["validate", "--outline", profile])
    assert result.exit_code == 0
    assert result.stdout == "✓ bidi.yaml: valid\n  Ann elpmaxE X\n"
    assert result.stderr == (
        "warning: bidi.yaml:2:9: basics.name: the bidi control U+202E RIGHT-TO-LEFT OVERRIDE (at character 5) "
        "(and 1 more) is left out: it changes the direction of the text after it, so what is shown could differ "
        "from what is read; to set the direction of a run, type a mark instead (U+200E LEFT-TO-RIGHT MARK or "
        "U+200F RIGHT-TO-LEFT MARK), which is kept\n")
    # the name as the résumé prints it
    document = CliRunner().invoke(app, ["render", "-f", "txt", "-o", "-", profile])
    assert document.stdout_bytes == "Ann elpmaxE X\n".encode()


def test_a_zero_width_space_in_a_variant_name_is_shown(here):
    profile = _write(here, "variants.yaml", VARIANTS)
    result = CliRunner().invoke(app, ["render", "--variant", "plat\u200bform", "-f", "txt", "-o", "-", profile])
    assert result.exit_code == 2
    assert result.stderr == ("error: variants.yaml:3:1: variants: the profile has no variant 'plat\\u200bform' "
                             "(did you mean 'platform'?)\n")
    assert result.stdout == ""


def test_a_line_break_in_a_language_is_shown_escaped(here):
    profile = _write(here, "variants.yaml", VARIANTS)
    result = CliRunner().invoke(app, ["render", "--lang", "de\nx", "-f", "txt", "-o", "-", profile])
    assert result.exit_code == 2
    assert result.stderr == "error: 'de\\nx' is not a language (write a language code, e.g. en, de, fr, pt-BR)\n"


def test_an_excerpt_shows_invisible_characters_and_keeps_its_caret_under_the_mistake(here):
    profile = _write(here, "excerpt.yaml", EXCERPT)
    result = CliRunner().invoke(app, ["validate", profile])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: excerpt.yaml:2:16: YAML syntax error: this text contains ': ' (a colon and a space), which YAML "
        "reads as the start of another key (put the whole text in quotes: name: \"A\\u200bnn\\u202eEx: ample\")\n"
        "  2 |   name: A\\u200bnn\\u202eEx: ample\n"
        "    |                          ^\n"
        "    YAML parser: mapping values are not allowed here\n")
    quoted, caret = result.stderr.splitlines()[1:3]
    assert quoted[caret.index("^")] == ":"


def test_a_document_on_standard_output_keeps_its_invisible_characters(here):
    profile = _write(here, "zwj.yaml", ZWJ_SUMMARY)
    result = CliRunner().invoke(app, ["render", "-f", "txt", "-o", "-", profile])
    assert result.exit_code == 0
    assert result.stdout_bytes == "Ann Example\n\nSUMMARY\nFamily \U0001F468\u200d\U0001F469 here\n".encode()
    assert result.stderr.startswith("wrote standard output (")


@pytest.mark.parametrize(("text", "shown"), [
    ("a\x1b[2Jb", "a\\x1b[2Jb"),
    ("bell\x07 del\x7f c1\x9b", "bell\\x07 del\\x7f c1\\x9b"),
    ("tab\tcr\r", "tab\\tcr\\r"),
    ("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c",
     "\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c"),
    ("\u200b\u200c\u200d\u2060\ufeff\u00ad", "\\u200b\\u200c\\u200d\\u2060\\ufeff\\xad"),
    ("tag\U000e0041", "tag\\U000e0041"),
    ("C:\\Users\\ann é 日本 \U0001F468", "C:\\Users\\ann é 日本 \U0001F468"),  # kept as they are
])
def test_messages_show_control_and_invisible_characters_as_escapes(text, shown, capsys):
    from resume_builder.console import err, out

    err(f"warning: {text}\nsecond line")
    out(f"note: {text}")
    captured = capsys.readouterr()
    assert captured.err == f"warning: {shown}\nsecond line\n"
    assert captured.out == f"note: {shown}\n"

"""YAML syntax mistakes come out in plain words, at the right place, with the line quoted.

One example of each common mistake; their messages are in tests/golden/yaml-syntax-errors.txt
(refresh with ``pytest --update-golden``)."""

from __future__ import annotations

import re

import pytest

from resume_builder.errors import UserError
from resume_builder.loading import load_profile

BASICS = "basics:\n  name: Ada Example\n  email: ada@example.com\n"
ROLE = "experience:\n  - company: Example Co\n    position: Developer\n    start: 2020\n    highlights:\n"

# name -> (profile text, (line, column) of the mistake, words the message must use)
MISTAKES: dict[str, tuple[str, tuple[int, int], str]] = {
    "indented-too-far": ("basics:\n  name: Ada Example\n   email: ada@example.com\n", (3, 4), "indented more"),
    "indented-too-little": ("basics:\n  name: Ada Example\n email: ada@example.com\n", (3, 2), "the keys of the mapping"),
    "tab": ("basics:\n\tname: Ada Example\n", (2, 1), "tab"),
    "star": (BASICS + ROLE + "      - **Kubernetes**: ran the clusters\n", (9, 9), "starts with '*'"),
    "ampersand": (BASICS + "summary: & friends\n", (4, 10), "starts with '&'"),
    "exclamation": (BASICS + "summary: !important work\n", (4, 10), "starts with '!'"),
    "at-sign": (BASICS + "summary: @handle on the web\n", (4, 10), "starts with '@'"),
    "backtick": (BASICS + "summary: `make` expert\n", (4, 10), "starts with '`'"),
    "percent": (BASICS + "summary: 50% faster builds\nheadline: x\n".replace("50% faster", "%50 faster"),
                (4, 10), "starts with '%'"),
    "brace": (BASICS + "summary: {draft} notes\n", (4, 10), "starts with '{'"),
    "unclosed-brace": (BASICS + "summary: {draft notes\n", (4, 10), "starts with '{'"),
    "bracket": (BASICS + "summary: [draft] notes\n", (4, 10), "starts with '['"),
    "colon-in-value": ("basics:\n  name: Ada Example\n  headline: Engineer: backend\n", (3, 21), "': '"),
    "unclosed-double-quote": ('basics:\n  name: "Ada Example\n  email: ada@example.com\n', (2, 9), "never closed"),
    "unclosed-single-quote": ("basics:\n  name: 'Ada Example\n  email: ada@example.com\n", (2, 9), "never closed"),
    "windows-path": (BASICS + 'summary: "see C:\\Users\\ada\\cv"\n', (4, 17), "'\\U' is not one"),
    "unknown-escape": (BASICS + 'summary: "C:\\data"\n', (4, 13), "'\\d' is not one"),
    "text-after-quote": ('basics:\n  name: "Ada" Example\n', (2, 14), "after the closing quote"),
    "list-item-level": (BASICS + ROLE + "      - one\n    - two\n", (10, 5), "list item"),
    "byte-order-mark": (BASICS.replace("  email", "\ufeff  email"), (3, 1), "byte-order mark"),
    "no-space-after-dash": (BASICS + ROLE + "      -one\n      -two\n", (9, 7), "space after the '-'"),
    "no-space-after-colon": ("basics:\n  name:Ada\n  email: ada@example.com\n", (2, 7), "no space after the ':'"),
    "no-space-after-colon-alone": ("basics:\n  name:Ada\n", (2, 3), "space after the ':'"),
    # From a newcomer's copy of profiles/example.yaml: the parser noticed each of these lines later.
    "unclosed-quote-noticed-later": (BASICS + "experience:\n  - company: Fresha\n    position: \"Platform Engineer\n"
                                     "    start: 2023-03\n  # named \"MakeMyTrip & GoIbibo\" in later roles\n"
                                     "  - company: Klevu\n    position: DevOps Manager\n    start: 2022-05\n",
                                     (6, 15), "never closed"),
    "no-space-after-colon-mid-mapping": (BASICS + "experience:\n  - company: Fresha\n    position:Platform Engineer\n"
                                         "    location: London, UK\n    start: 2023-03\n",
                                         (6, 13), "no space after the ':'"),
    "no-space-after-dash-later-item": (BASICS + ROLE + "      - Managed a team of ten engineers.\n"
                                       "      -Promote a documented approach to incidents.\n\nprojects: []\n",
                                       (10, 7), "space after the '-'"),
    "no-space-after-dash-next-entry": (BASICS + ROLE + "      - Managed a team of ten engineers.\n"
                                       "  -company: Wipro UK\n    position: Consultant\n    start: 2022\n",
                                       (10, 3), "space after the '-'"),
}


def _error(tmp_path, name: str, text: str) -> str:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as info:
        load_profile(path)
    return info.value.render().replace(str(tmp_path) + "/", "")


@pytest.mark.parametrize("name", MISTAKES)
def test_each_mistake_is_explained_at_its_place(tmp_path, name):
    text, (line, column), words = MISTAKES[name]
    message = _error(tmp_path, name, text)
    first = message.splitlines()[0]
    assert first.startswith(f"{name}.yaml:{line}:{column}: "), message
    assert words in first, message
    for jargon in ("<block end>", "<block mapping start>", "undefined alias", "cannot start any token",
                   "<scalar>", "end of stream"):
        assert jargon not in first, message  # the parser's words only on the secondary line
    if "YAML syntax error" in first:
        # The offending line is quoted with a caret under the column, then the parser's message.
        quoted, caret, parser = message.splitlines()[1:4]
        number, source = re.match(r"\s*(\d+) \| (.*)", quoted).groups()
        assert int(number) == line
        shown = text.splitlines()[line - 1].replace("\t", "→").replace("\ufeff", "◆")
        assert source == shown
        assert caret.index("^") - caret.index("|") - 2 == column - 1
        assert parser.strip().startswith("YAML parser: ")


def test_every_mistake_says_how_to_fix_it(tmp_path):
    for name, (text, _, _) in MISTAKES.items():
        first = _error(tmp_path, name, text).splitlines()[0]
        assert re.search(r"\((put|add|indent|line up|write|a list item|a key|replace|delete)", first), first


def test_golden_messages(tmp_path, golden):
    blocks = []
    for name, (text, _, _) in MISTAKES.items():
        blocks.append(f"== {name}\n{_error(tmp_path, name, text)}\n")
    golden("yaml-syntax-errors.txt", "\n".join(blocks))


def test_utf16_file_is_named(tmp_path):
    path = tmp_path / "wide.yaml"
    path.write_bytes("basics:\n  name: Ada\n".encode("utf-16"))
    with pytest.raises(UserError, match="saved as UTF-16, not UTF-8"):
        load_profile(path)


def test_leading_byte_order_mark_is_fine(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BASICS.encode())
    assert load_profile(path).profile.basics.name == "Ada Example"


def test_flow_list_that_is_a_real_list_still_loads(tmp_path):
    path = tmp_path / "flow.yaml"
    path.write_text(BASICS + "skills:\n  - name: Languages\n    keywords: [Python, Go]\n", encoding="utf-8")
    assert load_profile(path).profile.skills[0].keywords == ["Python", "Go"]


def test_a_raw_control_character_is_located_and_drawn(tmp_path):
    """A NUL or an escape written raw into the file: its line and column, the line quoted with
    the character drawn visibly (before: 'YAML error: unacceptable character #x001b' with no place)."""
    from resume_builder.errors import UserError
    from resume_builder.loading import load_profile

    for raw, picture in (("\x1b", "␛"), ("\x00", "␀")):
        path = tmp_path / "p.yaml"
        path.write_text(f"basics:\n  name: Eve{raw}Tester\n", encoding="utf-8")
        with pytest.raises(UserError) as caught:
            load_profile(path)
        message = str(caught.value)
        assert f"{path}:2:12: the file holds the control character U+{ord(raw):04X}" in message
        assert f"Eve{picture}Tester" in message and raw not in message


#: What str.splitlines() breaks a line at but YAML, JSON and TOML do not.
NOT_LINE_BREAKS = {"U+2028": "\u2028", "U+2029": "\u2029", "U+0085": "\x85"}


def _quoted_line(message: str) -> tuple[int, str]:
    number, source = re.match(r"\s*(\d+) \| (.*)", message.splitlines()[1]).groups()
    return int(number), source


@pytest.mark.parametrize("character", NOT_LINE_BREAKS.values(), ids=NOT_LINE_BREAKS.keys())
@pytest.mark.parametrize("scalar", ["block", "quoted", "misread"])
def test_the_quoted_line_is_the_line_named_whatever_else_the_text_holds(tmp_path, character, scalar):
    """The message said the right line (ls.yaml:6:3) but quoted another: the excerpt split lines
    with str.splitlines(), which also breaks at U+2028 and the like (security review). 'misread':
    ruamel.yaml's scanner takes the character in the middle of a block scalar's line for a break
    and stumbles later; the line it names is the one quoted all the same."""
    value = {"block": f"|\n  one{character}\n  two\n", "quoted": f'"one{character}two"\n',
             "misread": f"|\n  one{character}two\n  three\n  bad: [\n"}[scalar]
    text = "basics:\n  name: Ada Example\nsummary: " + value + 'headline: "Ada" Example\n'
    message = _error(tmp_path, "ls", text)
    line = int(re.match(r"ls\.yaml:(\d+):", message).group(1))
    if scalar != "misread":
        assert line == text.split("\n").index('headline: "Ada" Example') + 1, message
    else:
        assert line == 6, message
    assert _quoted_line(message) == (line, text.split("\n")[line - 1].replace("\x85", "¿")), message


@pytest.mark.parametrize("character", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e"])
def test_a_control_character_that_splitlines_takes_for_a_break_is_quoted_on_its_line(tmp_path, character):
    message = _error(tmp_path, "cc", f"basics:\n  name: Ada{character}Example\n")
    assert message.startswith(f"cc.yaml:2:12: the file holds the control character U+{ord(character):04X}")
    assert _quoted_line(message) == (2, f"  name: Ada{chr(0x2400 + ord(character))}Example")


@pytest.mark.parametrize("character", NOT_LINE_BREAKS.values(), ids=NOT_LINE_BREAKS.keys())
def test_a_tag_after_such_a_character_is_located_on_its_line(tmp_path, character):
    """libyaml (the events' parser) counts U+2028 and the like as line breaks; the place comes from the offset."""
    text = f'basics:\n  name: Ada Example\nsummary: "one{character}two"\nheadline: !!str x\n'
    message = _error(tmp_path, "tag", text)
    assert message.startswith("tag.yaml:4:11: headline: YAML tag '!!str' is not allowed"), message
    assert _quoted_line(message) == (4, "headline: !!str x")


@pytest.mark.parametrize("character", NOT_LINE_BREAKS.values(), ids=NOT_LINE_BREAKS.keys())
def test_a_json_syntax_error_after_such_a_character_is_quoted_on_its_line(tmp_path, character):
    text = '{"basics": {"name": "Ada' + character + 'Example"},\n"summary": "x",\n}\n'
    path = tmp_path / "ls.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as info:
        load_profile(path)
    message = info.value.render()
    assert message.startswith(f"{path}:2:15: JSON syntax error"), message  # the comma to delete
    assert _quoted_line(message) == (2, '"summary": "x",')


def test_lines_are_counted_as_yaml_counts_them():
    from resume_builder.loading.yaml_errors import line_and_column, source_lines

    text = "a\u2028b\x85c\x0bd\x0ce\x1cf\r\ng\rh\ni\n"
    assert source_lines(text) == ["a\u2028b\x85c\x0bd\x0ce\x1cf", "g", "h", "i"]
    assert source_lines(text, lone_cr=False) == ["a\u2028b\x85c\x0bd\x0ce\x1cf", "g\rh", "i"]
    assert [line_and_column(text, text.index(c)) for c in "bgh"] == [(0, 2), (1, 0), (2, 0)]
    assert line_and_column(text, text.index("\n")) == (0, 12)  # the line feed of a CR LF: still line 1
    assert line_and_column(text, text.index("h"), lone_cr=False) == (1, 2)
    assert source_lines("") == [] and source_lines("a\n\n") == ["a", ""]


def test_an_unused_anchor_after_such_a_character_is_quoted_and_fixed_on_its_line(tmp_path):
    """The hint rewrote the wrong line: put the whole text in quotes: b\"\"\" (security review)."""
    message = _error(tmp_path, "a", 'basics:\n  name: Ada Example\nsummary: "a\u2028b"\nheadline: &Engineer\n')
    assert message.splitlines()[0].endswith('(put the whole text in quotes: headline: "&Engineer")'), message
    assert _quoted_line(message) == (4, "headline: &Engineer")


def test_a_toml_key_after_such_a_character_is_named_on_its_line(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from resume_builder.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "resume-builder.toml").write_text(
        'out_dir = "a\u2028b"\nchek = false\n[[targets]]\nprofile = "p.yaml"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["build"])
    assert result.exit_code == 2
    assert "resume-builder.toml:2:1: chek: unknown key 'chek'" in result.output, result.output


def test_a_css_line_is_counted_as_tinycss2_counts_it():
    """WeasyPrint's "at 3:1" counts CSS lines (line feeds, CR, CR LF, form feeds), not U+2028."""
    from resume_builder.render.pdf import _with_css_line

    css = "a { color: red; }\n/* \u2028 */\n.headline { colour: red; }\fb { x: y; }\n"
    assert _with_css_line("Ignored `colour: red` at 3:13, unknown property.", css).endswith(
        "(line 3 of the theme's style sheet as its templates render it: .headline { colour: red; })")
    assert "b { x: y; }" in _with_css_line("Ignored `x: y` at 4:5, unknown property.", css)

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
    "indented-too-little": ("basics:\n  name: Ada Example\n email: ada@example.com\n", (3, 2), "matches no level"),
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

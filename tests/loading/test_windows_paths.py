"""A Windows path in a YAML double-quoted text is said, not silently made into escapes.

Before, ``"Moved the builds from C:\\temp\\new"`` loaded as "C:<tab>emp<line break>ew" and
printed so, and ``photo: "D:\\new\\a.png"`` was "a control character" the user never typed
(user trial). A path whose escapes YAML refuses (``\\U``) is a syntax error said the same way
(tests/loading/test_yaml_errors.py).
"""

from __future__ import annotations

import pytest

from resume_builder.errors import UserError
from resume_builder.loading import load_profile

HEAD = "basics:\n  name: Ann Example\n"


def error(tmp_path, text: str) -> str:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as info:
        load_profile(path)
    return info.value.render().replace(str(tmp_path) + "/", "")


def test_a_path_that_escapes_to_control_characters_is_said_at_its_backslash(tmp_path):
    message = error(tmp_path, HEAD + 'summary: "Builds moved from C:\\temp\\new to the cloud."\n')
    assert message.startswith("p.yaml:3:31: summary: a Windows path in double quotes: '\\t' here is an escape")
    assert "'Builds moved from C:\\temp\\new to the cloud.'" in message  # single quotes keep it
    assert '"Builds moved from C:/temp/new to the cloud."' in message


def test_a_photo_path_and_a_list_item_are_said_too(tmp_path):
    message = error(tmp_path, HEAD + '  photo: "D:\\new\\a.png"\nexperience:\n  - company: Acme\n    position: Dev\n'
                              '    start: 2020-01\n    highlights:\n      - "Ran C:\\tools\\build.bat nightly"\n')
    assert "p.yaml:3:13: basics.photo: a Windows path in double quotes: '\\n'" in message
    assert "experience[0].highlights[0]: a Windows path in double quotes: '\\t'" in message
    assert "control character U+" not in message


@pytest.mark.parametrize("text", [
    HEAD + "summary: 'Builds moved from C:\\temp\\new.'\n",  # single quotes: backslashes as written
    HEAD + "summary: Builds moved from C:\\temp\\new.\n",  # plain
    HEAD + "summary: |\n  Builds moved from \"C:\\temp\\new\".\n",  # a block: literal
    HEAD + 'summary: "Builds moved from C:\\\\temp\\\\new."\n',  # escaped backslashes
    HEAD + 'summary: "Line one.\\nLine two."\n',  # an escape meant as one, no path
])
def test_backslashes_that_are_what_they_say_load(tmp_path, text):
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_profile(path).profile.summary

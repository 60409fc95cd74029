"""A line indented one level too far left or right is named, with the level of its siblings.

From a newcomer trial, on a profile like tests/fixtures/profiles/newcomer.yaml (basics, an
employer with roles, an employer with flat fields, projects, skills):

- ``phone:`` moved to column 0 inside ``basics:`` was reported at the next line (``location:``)
  with "indent it like … 0 spaces ('phone:', line 6)": following that made things worse;
- ``highlights:`` of a job indented by 2 instead of 4 got two levels to choose from, one of
  them the 2 spaces it already had (the '-' of its list item);
- a list item ``- id: sakura`` moved to column 0 was told to line up with "the item on line
  55", a highlight of another list.

The level a line belongs at is read from the structure around it (the keys before and after
it in the same mapping, the items of the same list, the keys below a list item), and a repair
is confirmed by parsing the file again. Every line of the fixture, moved one level left and
one level right, is checked in the sweep at the end.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from resume_builder.errors import UserError
from resume_builder.loading import load_profile

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "profiles" / "newcomer.yaml"
LINES = FIXTURE.read_text(encoding="utf-8").split("\n")


def _moved(number: int, indent: int) -> str:
    """The fixture with its line ``number`` (1-based) indented by ``indent`` spaces."""
    lines = list(LINES)
    lines[number - 1] = " " * indent + lines[number - 1].lstrip(" ")
    return "\n".join(lines)


def _first_line(tmp_path: Path, text: str) -> str:
    path = tmp_path / "newcomer.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_profile(path)
    return caught.value.render().replace(str(tmp_path) + "/", "").splitlines()[0]


def test_the_fixture_is_valid():
    load_profile(FIXTURE)


def test_a_key_moved_left_is_named_with_its_siblings(tmp_path):
    """Before: 'newcomer.yaml:7:3: … indented by 2 spaces, which matches no level above it
    (indent it like the line it belongs with: 0 spaces ('phone:', line 6))'."""
    assert LINES[5] == '  phone: "+44 20 7946 0321"'
    first = _first_line(tmp_path, _moved(6, 0))
    assert first == ("newcomer.yaml:6:1: YAML syntax error: 'phone:' is indented by 0 spaces, but the keys before "
                     "and after it in the same mapping are indented by 2 ('email:', line 5; 'location:', line 7), "
                     "so YAML ends that mapping here (indent it by 2 spaces, like its sibling keys)")


def test_a_key_under_a_list_item_gets_one_level_its_siblings(tmp_path):
    """Before: '… indented by 2 spaces, which matches no level above it (… 4 spaces ('end:',
    line 61) or 2 spaces ('- id:', line 56))': the second is the indent it already had."""
    assert LINES[61] == "    highlights:"
    first = _first_line(tmp_path, _moved(62, 2))
    assert first == ("newcomer.yaml:62:3: YAML syntax error: 'highlights:' is indented by 2 spaces, but the keys "
                     "of the mapping it belongs to are indented by 4 ('end:', line 61) (indent it by 4 spaces, like "
                     "its sibling keys)")


def test_a_list_item_moved_left_lines_up_with_the_items_of_its_own_list(tmp_path):
    """Before: 'line up its '-' with … the item on line 55 … indented by 10 spaces': a highlight
    of a role, not an item of 'experience'."""
    assert LINES[55] == "  - id: sakura"
    first = _first_line(tmp_path, _moved(56, 0))
    assert first == ("newcomer.yaml:56:1: YAML syntax error: this list item is indented by 0 spaces, but the other "
                     "items of its list are indented by 2 ('- company:', line 10) (line up its '-' with theirs: "
                     "indent it by 2 spaces)")


def test_a_plain_first_key_moved_left_is_named(tmp_path):
    """'phone: 555 0100' (no quotes) at column 0: YAML reads the next line as more of its text."""
    text = _moved(6, 0).replace('phone: "+44 20 7946 0321"', "phone: +44 20 7946 0321")
    first = _first_line(tmp_path, text)
    assert first.startswith("newcomer.yaml:6:1: YAML syntax error: 'phone:' is indented by 0 spaces"), first
    assert first.endswith("(indent it by 2 spaces, like its sibling keys)"), first


def _structure_lines() -> list[int]:
    """1-based lines of the fixture that hold a key or a list item (no blank line, comment or
    text of a '|' block)."""
    return [number for number, line in enumerate(LINES, 1)
            if line.strip() and not line.lstrip().startswith("#")]


#: The line moves this sweep leaves out: (line, step) → why.
LEFT_OUT = {
    (7, -2): "basics' last key at the top level: valid YAML, an unknown field (test_a_key_one_level_off_…)",
    (9, 2): "a top-level key moved into basics above it: valid YAML, an unknown field (test_a_key_one_level_off_…)",
    (71, -2): "the only highlight of a project under its key's 'h': the same list, written another way",
    (71, 2): "the only highlight of a project indented deeper: the same list",
}


@pytest.mark.parametrize("number", _structure_lines())
@pytest.mark.parametrize("step", [-2, 2], ids=["left", "right"])
def test_every_line_moved_one_level_is_named_with_its_own_indentation(tmp_path, number, step):
    """Each line of the fixture moved one level left or right: the message names that line and
    suggests one indentation, the one it had. Before, 95 of these named another line, offered
    two levels or the wrong one, and 27 loaded without a word: a highlight indented two more
    spaces became more text of the one above it."""
    indent = len(LINES[number - 1]) - len(LINES[number - 1].lstrip(" "))
    if indent + step < 0 or (number, step) in LEFT_OUT:
        return
    path = tmp_path / "moved.yaml"
    path.write_text(_moved(number, indent + step), encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_profile(path)
    first = caught.value.render().replace(str(tmp_path) + "/", "").splitlines()[0]
    assert first.startswith(f"moved.yaml:{number}:"), first
    hint = re.search(r"\(((?:indent|line up)[^()]*)\)$", first)
    assert hint is not None, first
    assert re.findall(r"(\d+) spaces?", hint.group(1)) == [str(indent)], first


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "newcomer.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_profile(path)
    return [str(problem).replace(str(tmp_path) + "/", "") for problem in caught.value.problems]


def _dedented(first: int, last: int, indent: int) -> str:
    """The fixture with its lines ``first``..``last`` (1-based) moved to ``indent`` spaces."""
    lines = list(LINES)
    for index in range(first - 1, last):
        lines[index] = " " * indent + lines[index].lstrip(" ")
    return "\n".join(lines)


def test_highlights_at_the_level_of_the_roles_are_one_problem(tmp_path):
    """Before: eight problems 'experience[0].roles[1..8]: expected a mapping (key: value), found
    the text …' and one 'roles[0].highlights: expected a list, found nothing (null)', none
    about indentation."""
    assert LINES[15] == "        highlights:" and LINES[16].startswith("          - Led")
    problems = _problems(tmp_path, _dedented(17, 24, 6))
    assert len(problems) == 1, problems
    first, quoted, caret = problems[0].splitlines()
    assert first == ("newcomer.yaml:17:7: experience[0].roles[1]: these 8 lines (to line 24) look like highlights of "
                     "the role above, but they are indented like a role (6 spaces), so YAML reads each as a role "
                     "(indent them by 10 spaces, under 'highlights:' (line 16))")
    assert quoted == "  17 |       - Led the move of the routing service from a monolith to three services."
    assert caret.index("^") - caret.index("|") - 2 == 6


def test_the_last_role_and_a_flat_job_and_a_project_too(tmp_path):
    """The trial's own case was the last role (roles[5..10]); a job without roles and a project
    have highlights too."""
    last = _problems(tmp_path, _dedented(50, 55, 6))
    assert len(last) == 1 and last[0].startswith("newcomer.yaml:50:7: experience[0].roles[5]: these 6 lines "
                                                  "(to line 55) look like highlights of the role above"), last
    assert last[0].splitlines()[0].endswith("(indent them by 10 spaces, under 'highlights:' (line 49))")
    job = _problems(tmp_path, _dedented(63, 64, 2))
    assert len(job) == 1 and job[0].splitlines()[0].endswith(
        "indented like a job (2 spaces), so YAML reads each as a job (indent them by 6 spaces, under 'highlights:' "
        "(line 62))"), job
    project = _problems(tmp_path, _dedented(71, 71, 2))
    assert len(project) == 1 and project[0].startswith(
        "newcomer.yaml:71:3: projects[1]: this line looks like one of the highlights of the project above, but it "
        "is indented like a project (2 spaces)"), project


def test_highlights_after_the_first_ones_line_up_with_them(tmp_path):
    problems = _problems(tmp_path, _dedented(20, 24, 6))
    assert len(problems) == 1, problems
    assert problems[0].startswith("newcomer.yaml:20:7: experience[0].roles[1]: these 5 lines (to line 24) look "
                                  "like more highlights of the role above"), problems
    assert "(indent them by 10 spaces, under 'highlights:' (line 16))" in problems[0]


def test_a_text_where_an_entry_belongs_is_still_said_so(tmp_path):
    """Not after an empty key or a list of texts: the plain message stays."""
    text = "\n".join(LINES).replace("  - id: sakura\n", "  - Sakura Systems, 2013 to 2015\n  - id: sakura\n")
    problems = _problems(tmp_path, text)
    assert len(problems) == 1 and "experience[1]: expected a mapping (key: value), found the text" in problems[0]


def test_a_list_item_indented_more_than_the_one_above_is_not_read_as_its_text(tmp_path):
    """Before: loaded without a word, the highlight 'Led the move … - Cut the p99 latency …'."""
    problems = _problems(tmp_path, _moved(18, 12))
    assert len(problems) == 1, problems
    assert problems[0].splitlines()[0] == (
        "newcomer.yaml:18:13: experience[0].roles[0].highlights[0]: this list item is indented more than the item "
        "above it (line 17): 12 spaces instead of 10, so YAML reads it as more text of that item (line up its '-' "
        "with the item above: indent it by 10 spaces)")


def test_a_first_list_item_under_its_key_is_named_when_the_rest_are_deeper(tmp_path):
    """'highlights:' then its first item at the same column, the rest two spaces deeper: YAML
    read one highlight holding all the others' text."""
    for first, last in ((17, 24), (44, 45)):
        problems = _problems(tmp_path, _moved(first, 8))
        assert len(problems) == 1, problems
        assert problems[0].splitlines()[0].startswith(f"newcomer.yaml:{first}:9: "), problems
        assert problems[0].splitlines()[0].endswith(
            f"this list item is indented by 8 spaces, but the items after it are indented by 10 (line {first + 1}), "
            "so YAML reads them as more text of this one (indent it by 10 spaces, like the items after it)"), problems


def test_a_text_that_goes_on_with_list_items_is_said_to(tmp_path):
    text = "\n".join(LINES).replace("  location: Bristol, UK\n", "  location: Bristol, UK\n    - Remote\n", 1)
    problems = _problems(tmp_path, text)
    assert problems[0].splitlines()[0] == (
        "newcomer.yaml:8:5: basics.location: this line starts with '- ', but YAML reads it as more text of "
        "'location:' on line 7, not as a list item (for a list, write 'location:' alone on its line and each item "
        "under it; for one text, put it in quotes)")


def test_a_text_over_several_lines_still_loads(tmp_path):
    text = "\n".join(LINES).replace("  headline: Backend Engineer\n", "  headline: Backend\n    Engineer - Go\n", 1)
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_profile(path).profile.basics.headline == "Backend Engineer - Go"


def test_a_key_one_level_off_is_told_where_it_belongs(tmp_path):
    """Valid YAML, so the schema speaks: before, "location: unknown field 'location' (did you
    mean 'education'?)" and "basics.experience: unknown field 'experience' (allowed here:
    contact_url, email, …)"."""
    left = _problems(tmp_path, _moved(7, 0))
    assert left == ["newcomer.yaml:7:1: location: unknown field 'location' ('location' is a field of 'basics' above "
                    "it, not of the mapping it is in: indent it by 2 spaces, like the other keys of 'basics' (line 3))"]
    right = _problems(tmp_path, _moved(9, 2))
    assert right == ["newcomer.yaml:9:3: basics.experience: unknown field 'experience' ('experience' is a field "
                     "beside 'basics' (line 2), not inside it: indent it by 0 spaces, like 'basics:')"]


def test_a_misspelt_key_still_gets_did_you_mean(tmp_path):
    problems = _problems(tmp_path, "\n".join(LINES).replace("  location: Bristol", "  locaton: Bristol", 1))
    assert problems == ["newcomer.yaml:7:3: basics.locaton: unknown field 'locaton' (did you mean 'location'?)"]


EXAMPLE = Path(__file__).resolve().parents[2] / "profiles" / "example.yaml"


@pytest.mark.parametrize("number,indent,named", [
    # 'phone:' under 'headline:', whose value is {en: …, de: …}: before, 'email:' (line 17) was
    # to be indented like the languages
    (18, 4, "moved.yaml:18:5: YAML syntax error: this line is indented more than 'email:' on line 17"),
    # 'theme:' under 'max_highlights: 4' after 'overrides:' {basics.headline: …}
    (367, 6, "moved.yaml:367:7: YAML syntax error: this line is indented more than 'max_highlights:' on line 366"),
    # a variant's first key indented under it: before, the variant's own name was to move
    (372, 6, "moved.yaml:372:7: YAML syntax error: 'description:' is indented by 6 spaces, but the keys after it"),
    # the file's first key indented: before, "this is not valid YAML" at line 12
    (10, 2, "moved.yaml:10:3: YAML syntax error: 'lang:' is indented by 2 spaces, but the keys after it"),
])
def test_of_two_readings_yaml_takes_equally_well_the_profiles_fields_choose(tmp_path, number, indent, named):
    """Two repairs of some moves parse equally well: the key before put under the mapping
    above, or the moved key put back; the one the profile's schema accepts is named."""
    lines = EXAMPLE.read_text(encoding="utf-8").split("\n")
    lines[number - 1] = " " * indent + lines[number - 1].lstrip(" ")
    path = tmp_path / "moved.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_profile(path)
    first = caught.value.render().replace(str(tmp_path) + "/", "").splitlines()[0]
    assert first.startswith(named), first
    original = len(EXAMPLE.read_text(encoding="utf-8").split("\n")[number - 1]) - \
        len(EXAMPLE.read_text(encoding="utf-8").split("\n")[number - 1].lstrip(" "))
    assert re.search(rf"\(indent it by {original} spaces?, like [^()]*(\([^()]*\))?[^()]*\)$", first), first

"""Languages, skills and a project's line of dates and link, imported back from every
built-in theme's PDF and DOCX (newcomer trial). Expected values come from the fixture file
(tests/fixtures/profiles/lists_and_links.yaml); each document is rendered and imported once.
"""

from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from resume_builder.importing.document.build import DocumentImport
from tests.conftest import FIXTURES
from tests.importing.rendered import CASES, import_every_theme

PROFILE = FIXTURES / "profiles" / "lists_and_links.yaml"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], DocumentImport]:
    """Each (theme, format) document of the fixture, imported."""
    return import_every_theme(PROFILE, tmp_path_factory.mktemp("lists-and-links"))


@pytest.fixture(scope="module")
def written() -> dict:
    return YAML(typ="safe").load(PROFILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("theme", "fmt"), CASES)
def test_each_language_is_one_entry(imported, written, theme, fmt):
    """compact's run-in "Portuguese: Native; English: C1 (advanced); …" was one language
    whose fluency was all the others (its skill groups, set the same way, were split)."""
    languages = imported[(theme, fmt)].data["languages"]
    assert [item["language"] for item in languages] == [item["language"] for item in written["languages"]]


@pytest.mark.parametrize(("theme", "fmt"), CASES)
def test_a_closing_parenthesis_stays(imported, written, theme, fmt):
    """``fluency: C1 (advanced)`` came back ``C1 (advanced``: the piece was stripped of every
    parenthesis at its ends. Nor is a keyword cut inside its parentheses (``AWS (EC2, S3)``)."""
    data = imported[(theme, fmt)].data
    assert [item.get("fluency") for item in data["languages"]] == [item.get("fluency") for item in written["languages"]]
    assert [(group["name"], group["keywords"]) for group in data["skills"]] == \
        [(group["name"], group["keywords"]) for group in written["skills"]]
    if theme != "compact":  # compact runs "Technologies: …" in after the description, read as its text
        assert data["projects"][0]["keywords"] == written["projects"][0]["keywords"]


@pytest.mark.parametrize(("theme", "fmt"), CASES)
def test_a_projects_dates_and_link_are_read(imported, written, theme, fmt):
    """The line under a project's title, ``2021 · github.com/…``, became its description: its
    start and url were lost (and the real description moved to its summary)."""
    (project,) = imported[(theme, fmt)].data["projects"]
    expected = written["projects"][0]
    assert (project["name"], str(project.get("start")), project.get("url")) == \
        (expected["name"], str(expected["start"]), expected["url"])
    assert project["description"].startswith(expected["description"]), project  # compact runs "Technologies: …" in
    assert "summary" not in project, project


@pytest.mark.parametrize(("theme", "fmt"), CASES)
def test_a_headline_with_a_dash_stays_whole_and_the_location_is_the_contact_lines(imported, written, theme, fmt):
    """compact sets the headline on the contact line ("Backend Engineer — Go, PostgreSQL | rosa@…
    · Lisbon, Portugal"): the importer split it at the dash and took "Go, PostgreSQL" for the
    location, and the real one went to Unsorted (newcomer trial)."""
    basics = imported[(theme, fmt)].data["basics"]
    assert basics["headline"] == written["basics"]["headline"]
    assert basics["location"] == written["basics"]["location"]


@pytest.mark.parametrize(("theme", "fmt"), CASES)
def test_a_social_profiles_user_name_comes_back_from_its_link(imported, written, theme, fmt):
    """Only the link of a GitHub or LinkedIn profile came back; its user name, which the link
    holds, was lost (fresh trial)."""
    back = imported[(theme, fmt)].data["basics"]["profiles"]
    assert [(p["network"], p.get("username")) for p in back] == \
        [(p["network"], p["username"]) for p in written["basics"]["profiles"]]

"""JSON Resume import, pinned where a user sees it: the profile it gives, the warnings about
what is left out (their words and the line and column they name) and the positions the
loaded profile keeps for later messages.

Every document here is made up for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from resume_builder.errors import UserError
from resume_builder.interop import export_json_resume
from resume_builder.loading import load_profile
from resume_builder.loading.jsonresume import company_of, group_roles, json_resume_reason, to_profile_source
from resume_builder.loading.source import parse_json


def written(tmp_path: Path, doc: dict, name: str = "resume.json") -> tuple[Path, str]:
    path = tmp_path / name
    text = json.dumps(doc, indent=2, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path, text


def at(text: str, needle: str, nth: int = 0) -> str:
    """'line:column' of the ``nth`` occurrence of ``needle`` in ``text`` (both 1-based)."""
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return f"{line}:{offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def value_at(text: str, start: str) -> str:
    """'line:column' of the JSON string value that begins with ``start`` (at its opening quote)."""
    return at(text, '"' + start)


def line_of(text: str, needle: str) -> int:
    return int(at(text, needle).split(":")[0])


# ----------------------------------------------------------------------------- values a résumé cannot show


def test_a_required_value_the_resume_cannot_show_is_emptied_and_its_entry_kept(tmp_path: Path):
    """basics.name, a job's name and position, an education entry's only title: each is a
    value the standard accepts (a line break in a name) but a résumé cannot show. It is left
    out with a warning, and the entry stays, shown without it; export writes it back.

    Before: the job without its position and the education entry without its studyType were
    then refused as a whole ("'position' is required", "needs at least an institution...")
    and left out of the résumé entirely, and export lost them ("nowhere to put back")."""
    doc = {"basics": {"name": "Robin\nQuayle", "label": "Surveyor"},
           "work": [{"name": "Tern\nMaps", "position": "Cartographer", "startDate": "2020-04"},
                    {"name": "Fathom Ltd", "position": "Hydrographer\nLead", "startDate": "2017"}],
           "education": [{"studyType": "BSc\nHons", "startDate": "2012"}]}
    path, text = written(tmp_path, doc)
    loaded = load_profile(path)
    assert loaded.warnings == [
        f"{path}:{value_at(text, 'Robin')}: basics.name: must be a single line of text; left out of the résumé "
        "(kept for export)",
        f"{path}:{value_at(text, 'Tern')}: work[0].name: must be a single line of text; left out of the résumé "
        "(kept for export)",
        f"{path}:{value_at(text, 'Hydrographer')}: work[1].position: must be a single line of text; left out of the "
        "résumé (kept for export)",
        f"{path}:{value_at(text, 'BSc')}: education[0].studyType: must be a single line of text; left out of the "
        "résumé (kept for export)"]
    profile = loaded.profile
    assert profile.basics.name == ""
    assert [(job.company, job.position, str(job.start)) for job in profile.experience] == [
        ("", "Cartographer", "2020-04"), ("Fathom Ltd", "", "2017")]
    assert [(e.institution, e.degree, str(e.start)) for e in profile.education] == [(None, "", "2012")]
    assert profile.meta["jsonresume_unmapped"] == [
        {"path": ["basics", "name"], "value": "Robin\nQuayle"},
        {"path": ["work", 0, "name"], "value": "Tern\nMaps"},
        {"path": ["work", 1, "position"], "value": "Hydrographer\nLead"},
        {"path": ["education", 0, "studyType"], "value": "BSc\nHons"}]
    exported = export_json_resume(path).data
    assert exported["basics"]["name"] == "Robin\nQuayle"
    assert exported["work"] == doc["work"]
    assert exported["education"] == doc["education"]


def test_a_value_the_resume_cannot_show_and_no_entry_needs_is_left_out_entirely(tmp_path: Path):
    """Only what an entry needs stays, emptied: a degree beside an institution, a city, an
    awarder of an award without a title are removed (None in the profile, not "")."""
    doc = {"basics": {"name": "Robin Quayle", "location": {"city": "Harwich\nQuay", "countryCode": "GB"}},
           "education": [{"institution": "Estuary College", "studyType": "BSc\nHons"}],
           "awards": [{"date": "2019", "awarder": "Guild\nof Mapmakers"}]}
    path, text = written(tmp_path, doc)
    loaded = load_profile(path, input_format="jsonresume")
    assert [w.split(": ", 2)[:2] for w in loaded.warnings] == [
        [f"{path}:{at(text, '{', 4)}", "awards[0] has no title"],  # the award's own brace, the 5th
        [f"{path}:{value_at(text, 'Harwich')}", "basics.location.city"],
        [f"{path}:{value_at(text, 'BSc')}", "education[0].studyType"],
        [f"{path}:{value_at(text, 'Guild')}", "awards[0].awarder"]]
    profile = loaded.profile
    assert (profile.basics.location.city, profile.basics.location.country_code) == (None, "GB")
    assert [(e.institution, e.degree) for e in profile.education] == [("Estuary College", None)]
    assert [(a.title, a.awarder, str(a.date)) for a in profile.awards] == [("", None, "2019")]


def test_list_items_left_out_are_named_and_their_neighbours_located_as_written(tmp_path: Path):
    """Items left out of highlights in two jobs (a ``](...)`` with a control character is no
    link to take out, so the whole item goes): each warning names the item by its index as
    written, and the items kept are still located at their own lines (later messages, e.g.
    from validate, point there)."""
    doc = {"basics": {"name": "Robin Quayle", "label": "Surveyor"},
           "work": [{"name": "Tern Maps", "position": "Cartographer", "startDate": "2021",
                     "highlights": ["Kept first", "Drawn [b](\u0007b)", "Kept third"]},
                    {"name": "Fathom Ltd", "position": "Hydrographer", "startDate": "2019",
                     "highlights": ["Charted the context [c](\u0007c)", "Sounded [d](\u0007d)",
                                    "Kept last"]}]}
    path, text = written(tmp_path, doc)
    loaded = load_profile(path)
    assert [w.split(": ")[:2] for w in loaded.warnings] == [
        [f"{path}:{value_at(text, 'Drawn')}", "work[0].highlights[1]"],
        [f"{path}:{value_at(text, 'Charted')}", "work[1].highlights[0]"],
        [f"{path}:{value_at(text, 'Sounded')}", "work[1].highlights[1]"]]
    assert [[h.text for h in job.highlights] for job in loaded.profile.experience] == [
        ["Kept first", "Kept third"], ["Kept last"]]
    source = loaded.source
    assert [source.locate(("experience", 0, "highlights", i)).line for i in (0, 1)] == [
        line_of(text, "Kept first"), line_of(text, "Kept third")]
    assert source.locate(("experience", 1, "highlights", 0)).line == line_of(text, "Kept last")
    assert loaded.profile.meta["jsonresume_unmapped"] == [
        {"path": ["work", 0, "highlights", 1], "value": "Drawn [b](\u0007b)"},
        {"path": ["work", 1, "highlights", 0], "value": "Charted the context [c](\u0007c)"},
        {"path": ["work", 1, "highlights", 1], "value": "Sounded [d](\u0007d)"}]


def test_an_end_the_resume_cannot_show_takes_the_start_of_an_open_ended_entry_only(tmp_path: Path):
    """'2021-13' matches the standard's date pattern, but there is no 13th month. A job or
    volunteering entry without its end would read as current, so its start goes too; a job
    with no start keeps everything else, and stays in the résumé."""
    doc = {"basics": {"name": "Robin Quayle", "label": "Surveyor"},
           "work": [{"name": "Tern Maps", "position": "Cartographer", "endDate": "2021-13"}],
           "volunteer": [{"organization": "Tide Watch", "position": "Counter", "startDate": "2018",
                          "endDate": "2019-00"}]}
    path, text = written(tmp_path, doc)
    loaded = load_profile(path)
    assert [w.split(": ", 2)[:2] for w in loaded.warnings] == [
        [f"{path}:{value_at(text, '2021-13')}", "work[0].endDate"],
        [f"{path}:{value_at(text, '2019-00')}", "volunteer[0].endDate"]]
    assert loaded.warnings[0].endswith("; left out of the résumé (kept for export)")
    assert loaded.warnings[1].endswith("; the entry's dates are left out of the résumé (without its end it would "
                                       "read as a current one; kept for export)")
    job, = loaded.profile.experience
    assert (job.company, job.position, job.start, job.end) == ("Tern Maps", "Cartographer", None, None)
    help_, = loaded.profile.volunteering
    assert (help_.organization, help_.start, help_.end) == ("Tide Watch", None, None)
    assert loaded.profile.meta["jsonresume_unmapped"] == [
        {"path": ["work", 0, "endDate"], "value": "2021-13"},
        {"path": ["volunteer", 0, "endDate"], "value": "2019-00"},
        {"path": ["volunteer", 0, "startDate"], "value": "2018"}]


# ----------------------------------------------------------------------------- keys JSON Resume does not know


def test_top_level_keys_that_are_no_section_are_kept_and_only_a_likely_slip_is_named(tmp_path: Path):
    """'wrok' looks like a misspelt 'work': named, at its key. x- fields (any case) are
    extensions on purpose, and a key like no section is simply kept: no warning."""
    doc = {"basics": {"name": "Robin Quayle", "label": "Surveyor"},
           "wrok": [{"name": "Tern Maps"}], "x-wrok": "ext", "X-Skills": ["charts"], "hobbies": ["sailing"]}
    path, text = written(tmp_path, doc)
    loaded = load_profile(path)
    assert loaded.warnings == [f"{path}:{at(text, chr(34) + 'wrok')}: 'wrok' is not a JSON Resume section: kept for "
                               "export, not shown (did you mean 'work'?)"]
    assert loaded.profile.meta["jsonresume_unmapped"] == [
        {"path": ["wrok"], "value": [{"name": "Tern Maps"}]}, {"path": ["x-wrok"], "value": "ext"},
        {"path": ["X-Skills"], "value": ["charts"]}, {"path": ["hobbies"], "value": ["sailing"]}]
    assert loaded.profile.experience == [] and loaded.profile.skills == []


def test_x_fields_of_an_entry_are_kept_without_a_warning_in_any_case(tmp_path: Path):
    doc = {"basics": {"name": "Robin Quayle", "label": "Surveyor", "x-email": "robin@example.org",
                      "X-Label": "Chart maker", "emial": "robin@example.net"}}
    path, text = written(tmp_path, doc)
    loaded = load_profile(path)
    assert loaded.warnings == [f"{path}:{at(text, chr(34) + 'emial')}: basics.emial: not a JSON Resume field: kept "
                               "for export, not shown (did you mean 'email'?)"]
    assert [item["path"] for item in loaded.profile.meta["jsonresume_unmapped"]] == [
        ["basics", "x-email"], ["basics", "X-Label"], ["basics", "emial"]]
    assert loaded.profile.basics.email is None and loaded.profile.basics.headline == "Surveyor"


def test_a_missing_name_is_named_at_basics_or_at_the_top_of_the_file(tmp_path: Path):
    path, text = written(tmp_path, {"work": [{"name": "Tern Maps", "position": "Cartographer"}],
                                    "basics": {"label": "Surveyor"}})
    loaded = load_profile(path)
    assert loaded.warnings == [f"{path}:{at(text, '{', 2)}: basics.name is not given: the résumé has no name at "
                               "its head"]
    assert at(text, "{", 2) == f"{line_of(text, 'basics')}:13"  # basics' own value, not the file's start
    assert loaded.profile.basics.name == "" and loaded.profile.basics.headline == "Surveyor"
    path, _ = written(tmp_path, {"work": [{"name": "Tern Maps", "position": "Cartographer"}]}, "nobasics.json")
    loaded = load_profile(path)
    assert loaded.warnings == [f"{path}:1:1: basics.name is not given: the résumé has no name at its head"]
    assert loaded.profile.basics.name == ""


def test_an_entry_with_nothing_to_title_it_has_empty_titles_not_made_up_ones():
    text = json.dumps({"basics": {"name": "Robin Quayle"}, "work": [{"startDate": "2020", "highlights": ["Charted"]}],
                       "skills": [{"keywords": ["GIS"]}], "education": [{"startDate": "2015"}]})
    source = parse_json(text, "resume.json")
    warnings: list[str] = []
    data = to_profile_source(source, warnings=warnings).data
    assert data["experience"] == [{"company": "", "start": "2020", "highlights": ["Charted"], "position": ""}]
    assert data["skills"] == [{"name": "", "keywords": ["GIS"]}]
    assert data["education"] == [{"start": "2015", "institution": ""}]  # one of the three, given as empty
    job, skill, school = at(text, '{"startDate'), at(text, '{"keywords'), at(text, '{"startDate', 1)
    assert warnings == [f"resume.json:{job}: work[0] has no name or position: shown without a title",
                        f"resume.json:{skill}: skills[0] has no name: its keywords are shown without a title",
                        f"resume.json:{school}: education[0] has no institution or studyType or area: shown "
                        "without a title"]


def test_a_mistake_in_our_own_fields_is_an_error_with_our_hints(tmp_path: Path):
    """Our own top-level fields in a JSON Resume file (variants...) are read as in our
    profiles: a misspelt key in them is refused, located, with the field it resembles."""
    path, text = written(tmp_path, {"basics": {"name": "Robin Quayle", "label": "Surveyor"},
                                    "variants": {"short": {"sectons": ["experience"]}}})
    with pytest.raises(UserError) as caught:
        load_profile(path)
    assert str(caught.value).splitlines() == [
        f"{path}:{at(text, chr(34) + 'sectons')}: variants.short.sectons: unknown field 'sectons' (did you mean "
        "'sections'?)"]


# ----------------------------------------------------------------------------- positions carried over


POSITIONED = {
    "basics": {"name": "Robin Quayle",
               "profiles": [{"network": "Fediverse", "username": "rq"}]},
    "work": [{"name": "Tern Maps", "position": "Cartographer", "highlights": ["", "Charted the estuary"]}],
    "x-survey": {"areas": ["north", "south"], "scale": 5000},
}


def test_sections_lists_and_kept_keys_stay_located_where_they_were_written():
    text = json.dumps(POSITIONED, indent=2)
    source = parse_json(text, "resume.json")
    result = to_profile_source(source)
    # a section under our name: its key and its list where JSON Resume's were
    assert result.locate(("experience",), prefer_key=True) == source.locate(("work",), prefer_key=True)
    assert result.locate(("experience",)) == source.locate(("work",))
    assert result.locate(("experience",)).line == line_of(text, '"work"')
    # lists: the list itself, and its items (a blank one left out: the next moves up)
    assert result.locate(("basics", "profiles")) == source.locate(("basics", "profiles"))
    assert result.locate(("experience", 0, "highlights")) == source.locate(("work", 0, "highlights"))
    assert result.locate(("experience", 0, "highlights", 0)).line == line_of(text, "Charted")
    # a key kept for export (meta.jsonresume_unmapped[0].value), down to its nested values
    kept = ("meta", "jsonresume_unmapped", 0, "value")
    assert result.data["meta"]["jsonresume_unmapped"] == [
        {"path": ["x-survey"], "value": {"areas": ["north", "south"], "scale": 5000}}]
    assert result.locate(kept) == source.locate(("x-survey",))
    assert result.locate(kept, prefer_key=True) == source.locate(("x-survey",), prefer_key=True)
    assert result.locate(kept + ("areas", 1)) == source.locate(("x-survey", "areas", 1))
    assert result.locate(kept + ("areas", 1)).line == line_of(text, "south")
    assert result.locate(kept + ("scale",), prefer_key=True).line == line_of(text, "scale")


def test_the_profile_shares_no_data_with_the_json_resume_document():
    source = parse_json(json.dumps(POSITIONED), "resume.json")
    result = to_profile_source(source)
    result.data["meta"]["jsonresume_unmapped"][0]["value"]["areas"].append("east")
    result.data["experience"][0]["highlights"].append("More")
    assert source.data["x-survey"]["areas"] == ["north", "south"]
    assert source.data["work"][0]["highlights"] == ["", "Charted the estuary"]


# ----------------------------------------------------------------------------- what the standard refuses


@pytest.mark.parametrize("basics, message", [
    ({"email": "robin.example.org"}, "basics.email: 'robin.example.org' is not an e-mail address"),
    # a scheme already there: no https:// to suggest
    ({"url": "https://example.org/a|b"}, "basics.url: 'https://example.org/a|b' is not a URI (RFC 3986) (write a "
                                         "full address, e.g. https://example.com)"),
    # a space: no address to suggest either
    ({"url": "my charts.example"}, "basics.url: 'my charts.example' is not a URI (RFC 3986) (write a full "
                                   "address, e.g. https://example.com)"),
])
def test_format_refusals_in_words(tmp_path: Path, basics, message):
    path, text = written(tmp_path, {"basics": {"name": "Robin Quayle", **basics}})
    with pytest.raises(UserError) as caught:
        load_profile(path, input_format="jsonresume")
    value = next(iter(basics.values()))
    assert str(caught.value).splitlines() == [f"{path}:{at(text, json.dumps(value))}: {message}"]


def test_refusals_on_one_line_come_in_the_order_they_are_written(tmp_path: Path):
    path = tmp_path / "resume.json"
    text = '{"basics": {"url": "charts.example", "phone": 7, "name": 5, "email": "robin"}}'
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_profile(path, input_format="jsonresume")
    assert [line.split(": ")[:2] for line in str(caught.value).splitlines()] == [
        [f"{path}:{at(text, chr(34) + 'charts')}", "basics.url"], [f"{path}:{at(text, '7')}", "basics.phone"],
        [f"{path}:{at(text, '5')}", "basics.name"], [f"{path}:{at(text, chr(34) + 'robin')}", "basics.email"]]


# ----------------------------------------------------------------------------- telling JSON Resume apart


def test_as_many_keys_of_ours_as_of_json_resume_keep_a_profile_ours():
    # basics.label and projects[0].startDate are JSON Resume's; summary and experience ours
    both = {"basics": {"name": "R", "label": "Surveyor"}, "summary": "Charts.", "experience": [{"company": "T"}],
            "projects": [{"name": "P", "startDate": "2020"}]}
    assert json_resume_reason(both) is None
    assert json_resume_reason({**both, "work": []}) == (
        "it has JSON Resume's work, basics.label, projects[0].startDate")
    tie = {"basics": {"name": "R", "label": "Surveyor"}, "summary": "Charts."}
    assert json_resume_reason(tie) is None


def test_the_reason_names_three_keys_and_counts_the_rest():
    three = {"work": [], "volunteer": [], "basics": {"name": "R", "label": "Surveyor"}}
    assert json_resume_reason(three) == "it has JSON Resume's work, volunteer, basics.label"
    four = {**three, "certificates": []}
    assert json_resume_reason(four) == "it has JSON Resume's work, volunteer, certificates and 1 more"


# ----------------------------------------------------------------------------- import --group-roles


def test_jobs_with_every_field_a_role_and_its_company_can_hold_are_grouped():
    def job(position: str, start: str) -> dict:
        return {"id": f"tern-{start}", "tags": ["maps"], "company": "Tern Maps", "url": "https://tern.example",
                "description": "Charts", "position": position, "location": "Harwich", "start": start,
                "end": "present" if start == "2022" else "2021", "summary": "Surveys.", "highlights": ["Charted"]}

    grouped = group_roles([job("Lead", "2022"), job("Cartographer", "2019")])
    assert len(grouped) == 1
    assert [role["position"] for role in grouped[0]["roles"]] == ["Lead", "Cartographer"]


def test_a_company_with_one_role_left_is_that_role_under_its_company():
    one = {"company": "Tern Maps", "url": "https://tern.example", "position": "Lead", "start": "2022"}
    assert company_of([one], {"id": "tern"}) == {
        "id": "tern", "company": "Tern Maps", "url": "https://tern.example",
        "roles": [{"position": "Lead", "start": "2022"}]}

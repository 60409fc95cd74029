"""JSON Resume documents: detection, the field mapping, and errors located in the JSON file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import leaves

from resume_builder.errors import UserError
from resume_builder.loading import load_profile
from resume_builder.loading.jsonresume import company_of, group_roles, is_json_resume, to_profile_source
from resume_builder.loading.source import parse_json


def position(text: str, needle: str) -> str:
    """'line:col' of the first occurrence of ``needle`` in ``text``."""
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    return f"{line}:{offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def convert(text: str) -> dict[str, Any]:
    return to_profile_source(parse_json(text, "resume.json")).data


# ----------------------------------------------------------------------------- the official sample


def test_sample_loads_and_validates(jsonresume_sample: Path):
    loaded = load_profile(jsonresume_sample)
    profile = loaded.profile
    assert loaded.format == "jsonresume"
    assert profile.basics.name == "Ottilie Brannock"
    assert profile.basics.headline == "Data Platform Engineer"
    assert profile.basics.website == "https://brannock.example.net"  # basics.url had no scheme
    assert profile.basics.location.city == "Bristol"
    assert profile.basics.location.postal_code == "BS1 4RN"
    assert profile.basics.location.country_code == "GB"
    assert profile.basics.photo is None  # "image": "" means no image
    assert profile.basics.profiles[0].url is None  # "url": "" means no link
    assert profile.basics.profiles[1].url == "https://gitlab.example.com/obrannock"
    assert profile.summary.startswith("Ottilie builds the pipelines")
    job = profile.experience[0]
    # a year-only start and a month end in that same year: the end is not before the start
    assert (job.company, job.position, str(job.start), str(job.end)) == (
        "Saltmarsh Forecasting", "Senior Data Engineer", "2021", "2021-03")
    assert job.highlights[1].text == "Introduced data contracts between the modelling and operations teams"
    assert profile.volunteering[0].organization == "Estuary Code Club"
    assert profile.education[0].degree == "Master"
    assert profile.education[1].area == "Biology"
    assert profile.skills[1].keywords == ["Kubernetes", "Terraform", "Grafana"]
    assert str(profile.publications[0].date) == "2023-02"
    assert (profile.certifications[0].name, str(profile.certifications[0].date)) == (
        "Certified Kafka Operator", "2022-03-14")
    assert profile.projects[0].url == "https://tidewatch.example.org"  # the sample omits the scheme
    assert profile.projects[0].roles == ["Maintainer", "Designer"]
    assert profile.meta["version"] == "v1.0.0"
    assert profile.section_order() == [
        "summary", "experience", "volunteering", "education", "awards", "certifications", "publications",
        "skills", "languages", "interests", "references", "projects"]


def test_sample_keeps_every_non_empty_string(jsonresume_sample: Path):
    source = parse_json(jsonresume_sample.read_text(encoding="utf-8"), str(jsonresume_sample))
    mapped = [value for _, value in leaves(to_profile_source(source).data) if isinstance(value, str)]
    for path, value in leaves(source.data):
        if isinstance(value, str) and value.strip():
            assert any(value in text for text in mapped), f"{path} = {value!r} was dropped"


def test_sample_positions_point_at_the_source_values(jsonresume_sample: Path):
    text = jsonresume_sample.read_text(encoding="utf-8")
    result = to_profile_source(parse_json(text, str(jsonresume_sample)))
    lines = text.split("\n")
    decoder = json.JSONDecoder()
    checked = 0
    for path, value in leaves(result.data):
        if not isinstance(value, str) or path[:2] == ("meta", "jsonresume_unmapped"):
            continue  # extra keys (the sample's x-url) are kept with their JSON Resume path
        line, col = result.values[path]
        found, _ = decoder.raw_decode(lines[line - 1], col - 1)
        assert found in value, path
        checked += 1
    assert checked > 50
    for path, (line, col) in result.keys.items():
        assert lines[line - 1][col - 1] == '"', path
    source = parse_json(text, "x")
    assert result.values[("summary",)] == source.values[("basics", "summary")]
    assert result.keys[("experience", 0, "start")] == source.keys[("work", 0, "startDate")]


# ----------------------------------------------------------------------------- detection


@pytest.mark.parametrize("data", [
    {"$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
     "basics": {"name": "A"}},
    {"basics": {"name": "A"}, "work": []},
    {"basics": {"name": "A"}, "volunteer": []},
    {"basics": {"name": "A"}, "certificates": []},
    {"basics": {"name": "A", "label": "Engineer"}},
    {"basics": {"name": "A", "url": "https://a.example"}},
    {"basics": {"name": "A", "image": "a.png"}},
    {"basics": {"name": "A", "summary": "Hi"}},
    {"basics": {"name": "A"}, "education": [{"institution": "U", "studyType": "BSc"}]},
    {"basics": {"name": "A"}, "projects": [{"name": "P", "startDate": "2020"}]},
    {"basics": {"name": "A"}, "publications": [{"name": "P", "releaseDate": "2020"}]},
])
def test_detects_json_resume(data):
    assert is_json_resume(data)


@pytest.mark.parametrize("data", [
    {"basics": {"name": "A"}},
    {"$schema": "https://example.com/resume-builder/profile.schema.json", "basics": {"name": "A"}},
    {"basics": {"name": "A", "headline": "Engineer", "website": "https://a.example"},
     "summary": "Hi", "experience": [{"company": "C", "position": "P", "start": "2020", "end": "present"}],
     "education": [{"institution": "U", "degree": "BSc", "start": 2010}]},
    {},
    [],
])
def test_our_profiles_are_not_json_resume(data):
    assert not is_json_resume(data)


# ----------------------------------------------------------------------------- the mapping


def test_every_json_resume_field_is_mapped():
    resume = {
        "basics": {"name": "Ann", "label": "Engineer", "image": "me.png", "email": "ann@example.com",
                   "phone": "+44 20 1234 5678", "url": "https://ann.example", "summary": "About me",
                   "location": {"address": "1 Road", "postalCode": "AB1", "city": "Leeds",
                                "countryCode": "GB", "region": "Yorkshire"},
                   "profiles": [{"network": "GitHub", "username": "ann", "url": "https://github.com/ann"}]},
        "work": [{"name": "Co", "position": "Dev", "url": "https://co.example", "startDate": "2020-01",
                  "endDate": "2021", "summary": "S", "highlights": ["H"], "location": "York",
                  "description": "D"}],
        "volunteer": [{"organization": "Org", "position": "Helper", "url": "https://org.example",
                       "startDate": "2019", "endDate": "2020", "summary": "S", "highlights": ["H"]}],
        "education": [{"institution": "Uni", "url": "https://uni.example", "area": "CS", "studyType": "BSc",
                       "startDate": "2015", "endDate": "2018", "score": "First", "courses": ["C1"]}],
        "awards": [{"title": "Prize", "date": "2018", "awarder": "Body", "summary": "S"}],
        "certificates": [{"name": "Cert", "date": "2021", "issuer": "Iss", "url": "https://cert.example"}],
        "publications": [{"name": "Paper", "publisher": "Pub", "releaseDate": "2017",
                          "url": "https://paper.example", "summary": "S"}],
        "skills": [{"name": "Python", "level": "Expert", "keywords": ["pydantic"]}],
        "languages": [{"language": "English", "fluency": "Native"}],
        "interests": [{"name": "Chess", "keywords": ["openings"]}],
        "references": [{"name": "Bob", "reference": "Great"}],
        "projects": [{"name": "Proj", "startDate": "2016", "endDate": "2017", "description": "D",
                      "highlights": ["H"], "url": "https://proj.example", "roles": ["Lead"],
                      "entity": "Ent", "type": "app", "keywords": ["k"]}],
        "meta": {"canonical": "https://x.example", "version": "v1.0.0", "anything": {"nested": [1]}},
    }
    assert convert(json.dumps(resume)) == {
        "basics": {"name": "Ann", "headline": "Engineer", "photo": "me.png", "email": "ann@example.com",
                   "phone": "+44 20 1234 5678", "website": "https://ann.example",
                   "location": {"address": "1 Road", "postal_code": "AB1", "city": "Leeds",
                                "country_code": "GB", "region": "Yorkshire"},
                   "profiles": [{"network": "GitHub", "username": "ann", "url": "https://github.com/ann"}]},
        "summary": "About me",
        "experience": [{"company": "Co", "position": "Dev", "url": "https://co.example", "start": "2020-01",
                        "end": "2021", "summary": "S", "highlights": ["H"], "location": "York",
                        "description": "D"}],
        "volunteering": [{"organization": "Org", "position": "Helper", "url": "https://org.example",
                          "start": "2019", "end": "2020", "summary": "S", "highlights": ["H"]}],
        "education": [{"institution": "Uni", "url": "https://uni.example", "area": "CS", "degree": "BSc",
                       "start": "2015", "end": "2018", "score": "First", "courses": ["C1"]}],
        "awards": [{"title": "Prize", "date": "2018", "awarder": "Body", "summary": "S"}],
        "certifications": [{"name": "Cert", "date": "2021", "issuer": "Iss", "url": "https://cert.example"}],
        "publications": [{"name": "Paper", "publisher": "Pub", "date": "2017",
                          "url": "https://paper.example", "summary": "S"}],
        "skills": [{"name": "Python", "level": "Expert", "keywords": ["pydantic"]}],
        "languages": [{"language": "English", "fluency": "Native"}],
        "interests": [{"name": "Chess", "keywords": ["openings"]}],
        "references": [{"name": "Bob", "reference": "Great"}],
        "projects": [{"name": "Proj", "start": "2016", "end": "2017", "description": "D",
                      "highlights": ["H"], "url": "https://proj.example", "roles": ["Lead"],
                      "entity": "Ent", "type": "app", "keywords": ["k"]}],
        "meta": {"canonical": "https://x.example", "version": "v1.0.0", "anything": {"nested": [1]}},
    }


def test_blank_texts_are_absent_and_extra_keys_are_kept_with_their_json_resume_path():
    data = convert(json.dumps({
        "basics": {"name": "Ann", "label": "", "image": " "},
        "work": [{"name": "Co", "position": "Dev", "startDate": "2020", "summary": "",
                  "highlights": ["", "Shipped it"], "custom": ""}],
        "skills": [{"name": "Python", "keywords": []}],
    }))
    assert data["basics"] == {"name": "Ann"}
    assert data["experience"] == [{"company": "Co", "position": "Dev", "start": "2020",
                                   "highlights": ["Shipped it"]}]
    assert data["skills"] == [{"name": "Python", "keywords": []}]
    assert data["meta"] == {"jsonresume_unmapped": [{"path": ["work", 0, "custom"], "value": ""}]}


def test_current_job_keeps_end_missing(tmp_path: Path):
    path = tmp_path / "resume.json"
    path.write_text(json.dumps({"basics": {"name": "Ann"},
                                "work": [{"name": "Co", "position": "Dev", "startDate": "2020-02"}]}))
    job = load_profile(path).profile.experience[0]
    assert job.end is None and str(job.start) == "2020-02"


def test_section_order_follows_the_file(tmp_path: Path):
    path = tmp_path / "resume.json"
    path.write_text(json.dumps({"skills": [{"name": "Python"}], "basics": {"name": "Ann", "summary": "Hi"},
                                "certificates": [{"name": "Cert"}],
                                "work": [{"name": "Co", "position": "Dev", "startDate": "2020"}]}))
    profile = load_profile(path).profile
    assert profile.section_order() == ["skills", "summary", "certifications", "experience"]


def test_legacy_names_are_read_as_today_unless_today_is_given_too(tmp_path: Path):
    path = tmp_path / "resume.json"
    path.write_text(json.dumps({"basics": {"name": "Ann"}, "work": [
        {"company": "Old Co", "website": "https://old.example", "position": "Dev"},
        {"name": "New Co", "company": "Old name", "position": "Dev"}]}))
    loaded = load_profile(path)
    first, second = loaded.profile.experience
    assert (first.company, first.url) == ("Old Co", "https://old.example")
    assert second.company == "New Co"
    assert loaded.profile.meta["jsonresume_unmapped"] == [{"path": ["work", 1, "company"], "value": "Old name"}]


# ----------------------------------------------------------------------------- errors in the JSON file


BROKEN = """{
  "basics": {
    "name": "Ann",
    "label": "Engineer",
    "emial": "ann@example.com",
    "email": "ann@@example"
  },
  "work": [
    {"name": "A", "position": "Dev", "startDate": "2019-01"},
    {"name": "B", "position": "Dev", "startDate": "2020"},
    {"name": "C", "position": "Dev", "startDate": "March 2021"}
  ]
}
"""


def test_errors_point_into_the_json_file_with_json_resume_field_names(tmp_path: Path):
    path = tmp_path / "resume.json"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_profile(path)
    assert caught.value.render().splitlines() == [
        f"{path}:11:51: work[2].startDate: 'March 2021' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD "
        "(read as JSON Resume (it has JSON Resume's work, basics.label, work[0].startDate and 2 more); "
        "use --from profile if it is not)",
    ]
    assert position(BROKEN, '"March') == "11:51"


def test_what_the_standard_accepts_is_never_refused_but_named_in_a_warning(tmp_path: Path):
    path = tmp_path / "resume.json"
    path.write_text(BROKEN.replace("March 2021", "2021-03"), encoding="utf-8")
    loaded = load_profile(path)
    assert loaded.warnings == [
        f"{path}:5:5: basics.emial: not a JSON Resume field: kept for export, not shown (did you mean 'email'?)",
        f"{path}:6:14: basics.email: 'ann@@example' is not a valid email address; left out of the résumé "
        "(kept for export)",
    ]
    assert loaded.profile.basics.email is None
    assert loaded.profile.meta["jsonresume_unmapped"] == [
        {"path": ["basics", "emial"], "value": "ann@example.com"},
        {"path": ["basics", "email"], "value": "ann@@example"}]


# ----------------------------------------------------------------------------- links without a scheme
# The official schema wants a URI (RFC 3986, a scheme included) in every link field, so a
# bare host name is refused, located, with the https:// form as "did you mean"; a scheme is
# kept as written.

URL_FIELDS = [  # every JSON Resume link field, with where the profile keeps it
    (("basics", "url"), ("basics", "website")),
    (("basics", "profiles", 0, "url"), ("basics", "profiles", 0, "url")),
    (("work", 0, "url"), ("experience", 0, "url")),
    (("volunteer", 0, "url"), ("volunteering", 0, "url")),
    (("education", 0, "url"), ("education", 0, "url")),
    (("certificates", 0, "url"), ("certifications", 0, "url")),
    (("publications", 0, "url"), ("publications", 0, "url")),
    (("projects", 0, "url"), ("projects", 0, "url")),
]


def _put(data: dict, path: tuple, value: Any) -> None:
    """Set ``path`` (keys and list indexes) in nested dicts, creating one-item lists on the way."""
    for key, following in zip(path, path[1:]):
        if isinstance(key, int):
            continue  # already stepped into the list's item
        if isinstance(following, int):
            data = data.setdefault(key, [{}])[following]
        else:
            data = data.setdefault(key, {})
    data[path[-1]] = value


def _get(data: Any, path: tuple) -> Any:
    for key in path:
        data = data[key]
    return data


@pytest.mark.parametrize("source, target", URL_FIELDS, ids=[".".join(map(str, s)) for s, _ in URL_FIELDS])
@pytest.mark.parametrize("given, expected", [
    ("http://ada.example.com", "http://ada.example.com"),  # a scheme is kept as written
    ("https://ada.example.com/", "https://ada.example.com/"),
    ("https://ada.example.com/work?x=1", "https://ada.example.com/work?x=1"),
])
def test_every_link_with_a_scheme_is_kept_as_written(source, target, given, expected):
    data: dict = {"basics": {"name": "A"}}
    _put(data, source, given)
    assert _get(convert(json.dumps(data)), target) == expected


@pytest.mark.parametrize("source, target", URL_FIELDS, ids=[".".join(map(str, s)) for s, _ in URL_FIELDS])
@pytest.mark.parametrize("given, hint", [
    ("ada.example.com", "did you mean 'https://ada.example.com'?"),
    ("ada.example.com/work?x=1", "did you mean 'https://ada.example.com/work?x=1'?"),
])
def test_every_link_without_a_scheme_is_refused_with_the_https_form(tmp_path, source, target, given, hint):
    data: dict = {"basics": {"name": "A"}}
    _put(data, source, given)
    path = tmp_path / "resume.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_profile(path, input_format="jsonresume")
    message = str(caught.value)
    assert ".".join(str(k) if not isinstance(k, int) else f"[{k}]" for k in source).replace(".[", "[") in message
    assert hint in message


# ------------------------------------------------------------ import --group-roles, pinned
# (group_roles and company_of: consecutive jobs at one company become one entry with roles)

def _job(company="Acme", position="Engineer", **fields):
    return {"company": company, "position": position, **fields}


def test_company_of_shares_what_all_roles_share_and_keeps_the_rest_per_role():
    items = [_job(url="https://acme.example", description="Maps", position="Lead", start="2022-01",
                  location="Berlin", highlights=["Led"], summary="", tags=[]),
             _job(url="https://acme.example", description="Maps", position="", start="2020-01", end="2021-12",
                  location="Berlin", id="first-role", tags=["go"])]
    assert company_of(items) == {
        "company": "Acme", "url": "https://acme.example", "description": "Maps", "location": "Berlin",
        "roles": [{"position": "Lead", "start": "2022-01", "highlights": ["Led"]},
                  {"id": "first-role", "tags": ["go"], "position": "", "start": "2020-01", "end": "2021-12"}]}


def test_company_of_leaves_differing_locations_with_their_roles():
    grouped = company_of([_job(location="Berlin", start="2022"), _job(location="Paris", start="2020"),
                          _job(start="2019")])
    assert "location" not in grouped
    assert [role.get("location") for role in grouped["roles"]] == ["Berlin", "Paris", None]


def test_company_of_takes_the_companys_own_fields_as_export_kept_them():
    company = {"id": "acme", "tags": ["maps"], "location": "Berlin", "summary": "The company", "keywords": ["Go"]}
    grouped = company_of([_job(location="Berlin", start="2022"), _job(location="Paris", start="2020")], company)
    assert grouped == {"id": "acme", "tags": ["maps"], "company": "Acme", "location": "Berlin",
                       "summary": "The company", "keywords": ["Go"],
                       "roles": [{"position": "Engineer", "start": "2022"},
                                 {"position": "Engineer", "location": "Paris", "start": "2020"}]}


def test_group_roles_joins_consecutive_jobs_at_one_company_only():
    jobs = [_job(position="Lead", start="2022"), _job(position="Dev", start="2020"),
            _job(company="Other", start="2019"), _job(position="Intern", start="2018")]
    grouped = group_roles(jobs)
    assert [entry.get("company") for entry in grouped] == ["Acme", "Other", "Acme"]
    assert [role["position"] for role in grouped[0]["roles"]] == ["Lead", "Dev"]
    assert grouped[1] == jobs[2] and grouped[2] == jobs[3]  # a lone job stays flat


@pytest.mark.parametrize("breaker", [
    _job(keywords=["Go"]),  # a role cannot hold keywords
    _job(roles=[{"position": "x"}]),  # already a company with roles
    _job(url="https://other.example"),  # disagrees on what the company shares
    _job(website="https://acme.example"),  # a field neither a company nor a role has
    {"position": "No company"},
    "not a mapping",
])
def test_group_roles_leaves_a_job_that_cannot_be_a_role_as_it_is(breaker):
    jobs = [_job(position="Lead"), breaker, _job(position="Dev")]
    grouped = group_roles(jobs)
    assert grouped == jobs  # nothing grouped: each neighbour of the breaker is alone
    assert group_roles([_job(position="Lead"), _job(position="Dev"), breaker])[-1] == breaker
    assert len(group_roles([_job(position="Lead"), _job(position="Dev"), breaker])) == 2


def test_an_end_before_its_start_leaves_out_a_jobs_dates_but_only_the_end_of_a_degree(tmp_path: Path):
    """A job without its end would read as a current one ("2021 – present"), so its start goes
    too; a degree without an end reads as a start date only, so its start stays. Both are kept
    for export under meta, in JSON Resume's own paths, in the order they were left out."""
    doc = {"basics": {"name": "Ann Example", "label": "Engineer"},
           "work": [{"name": "Acme", "position": "Dev", "startDate": "2021-05", "endDate": "2020-01"},
                    {"name": "Beta", "position": "Ops", "startDate": "2019-01", "endDate": "2020-01"}],
           "education": [{"institution": "Uni", "studyType": "BSc", "startDate": "2015", "endDate": "2014"}]}
    path = tmp_path / "resume.json"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    loaded = load_profile(path)
    assert loaded.warnings == [
        f"{path}:11:18: work[0].endDate: end 2020-01 is before start 2021-05: swap them, or correct the one that is "
        "wrong; the entry's dates are left out of the résumé (without its end it would read as a current one; "
        "kept for export)",
        f"{path}:25:18: education[0].endDate: end 2014 is before start 2015: swap them, or correct the one that is "
        "wrong; left out of the résumé (kept for export)"]
    assert loaded.profile.meta["jsonresume_unmapped"] == [
        {"path": ["work", 0, "endDate"], "value": "2020-01"}, {"path": ["work", 0, "startDate"], "value": "2021-05"},
        {"path": ["education", 0, "endDate"], "value": "2014"}]
    assert [(str(e.start), e.end) for e in loaded.profile.experience][0] == ("None", None)
    assert str(loaded.profile.experience[1].end) and str(loaded.profile.education[0].start).startswith("2015")


def test_a_mistake_in_our_own_fields_stays_an_error_in_a_json_resume_file(tmp_path: Path):
    path = tmp_path / "resume.json"
    path.write_text(json.dumps({"basics": {"name": "Ann Example", "label": "Engineer"},
                                "work": [{"name": "Acme", "position": "Dev", "startDate": "2021-05"}],
                                "variants": 5}, indent=2), encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_profile(path)
    assert "variants: expected a mapping" in str(caught.value) and f"{path}:" in str(caught.value)


def test_items_left_out_of_a_list_are_located_where_each_was_written(tmp_path: Path):
    """Leaving out one list item moves the items after it up: the next one is still located
    at its own line in the file (its positions move with it), and the rest is kept. (A
    ``](...)`` with a control character is no link to take out: its item is left out whole.)"""
    doc = {"basics": {"name": "Ann Example", "label": "Engineer"},
           "work": [{"name": "Acme", "position": "Dev", "startDate": "2021-05",
                     "highlights": ["See [a](\u0007x)", "Shipped", "Also [b](\u0008x.example)", "Ran"]}]}
    path = tmp_path / "resume.json"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    loaded = load_profile(path)
    # ... and named by its index as written (it was named highlights[1], its index after the first went)
    assert [w.split(": ")[:2] for w in loaded.warnings] == [[f"{path}:12:9", "work[0].highlights[0]"],
                                                            [f"{path}:14:9", "work[0].highlights[2]"]]
    assert "link contains the control character U+0007" in loaded.warnings[0]
    assert "link contains the control character U+0008" in loaded.warnings[1]
    assert [h.text for h in loaded.profile.experience[0].highlights] == ["Shipped", "Ran"]
    assert loaded.profile.meta["jsonresume_unmapped"] == [
        {"path": ["work", 0, "highlights", 0], "value": "See [a](\u0007x)"},
        {"path": ["work", 0, "highlights", 2], "value": "Also [b](\u0008x.example)"}]


def test_an_entry_after_one_left_out_is_named_by_its_index_as_written(tmp_path: Path):
    doc = {"basics": {"name": "Ann Example", "label": "Engineer"},
           "work": [{"name": "Acme", "position": "Dev", "startDate": "2021-05",
                     "highlights": ["[a](\u0007x)", "[b](\u0007y)", "Kept"]}]}
    path = tmp_path / "resume.json"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    loaded = load_profile(path)
    named = [w.split(": ")[1] for w in loaded.warnings]
    assert named == ["work[0].highlights[0]", "work[0].highlights[1]"]  # each as written (both are index 0 now)
    assert [h.text for h in loaded.profile.experience[0].highlights] == ["Kept"]


@pytest.mark.parametrize("basics, expected", [
    ({"name": 5}, "3:13: basics.name: expected text, found the number 5"),
    ({"label": None}, "4:14: basics.label: expected text, found nothing (null) (leave the field out when there is "
                      "nothing to say)"),
    ({"url": ""}, "5:12: basics.url: an empty text is not a URI (leave the field out when there is none)"),
    ({"url": "example.com"}, "5:12: basics.url: 'example.com' is not a URI (RFC 3986) (did you mean "
                             "'https://example.com'?)"),
    ({"url": "my site"}, "5:12: basics.url: 'my site' is not a URI (RFC 3986) (write a full address, e.g. "
                         "https://example.com)"),
    ({"url": "no-dot"}, "5:12: basics.url: 'no-dot' is not a URI (RFC 3986) (write a full address, e.g. "
                        "https://example.com)"),
])
def test_what_the_official_schema_refuses_is_said_in_words_at_its_place(tmp_path: Path, basics, expected):
    doc = {"basics": {"name": "Ann Example", "label": "Engineer", **basics},
           "work": [{"name": "Acme", "position": "Dev", "startDate": "2021-05"}]}
    path = tmp_path / "resume.json"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_profile(path)
    assert str(caught.value).splitlines()[0] == f"{path}:{expected}"

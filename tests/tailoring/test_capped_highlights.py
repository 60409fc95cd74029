"""A variant's ``max_highlights`` says what it leaves out.

A trial's manager variant (``max_highlights: 3``) silently dropped "Hired and mentored 4
engineers", its most relevant highlight for the job: nothing told her. Now render (and
build) say it, one line per entry, in the page budget's words.
"""

from __future__ import annotations

from resume_builder import pipeline
from resume_builder.schema.profile import Profile
from resume_builder.schema.variant import Variant
from resume_builder.tailoring.variants import capped_highlights

PROFILE = {
    "basics": {"name": "Sam Example"},
    "experience": [
        {"id": "acme", "company": "Acme", "position": "Engineer", "start": "2020-01",
         "highlights": ["Built the **billing** service", "Ran the on-call rota", "Hired and mentored 4 engineers"]},
        {"company": "Initech", "position": "Developer", "start": "2018-01", "end": "2019-12",
         "highlights": ["Wrote the reports"]},
        {"company": "Globex",
         "roles": [{"position": "Team Lead", "start": "2016-01",
                    "highlights": [{"text": "Led a team of six", "details": ["hiring"]}, "Set up CI", "Cut costs"]}]},
    ],
    "projects": [{"name": "Side project", "tags": ["hobby"], "highlights": ["one", "two", "three", "four"]}],
}


def test_each_capped_entry_is_named_with_what_it_lost():
    profile = Profile.model_validate(PROFILE)
    assert capped_highlights(profile, Variant.model_validate({"max_highlights": 1})) == [
        'max_highlights 1: left out the last 2 of 3 highlights of experience/acme ("Ran the on-call rota")',
        'max_highlights 1: left out the last 2 of 3 highlights of experience/Globex: Team Lead ("Set up CI")',
        'max_highlights 1: left out the last 3 of 4 highlights of projects/Side project ("two")',
    ]
    assert capped_highlights(profile, Variant.model_validate({"max_highlights": 2, "sections": ["experience"]})) == [
        'max_highlights 2: left out the last of 3 highlights of experience/acme ("Hired and mentored 4 engineers")',
        'max_highlights 2: left out the last of 3 highlights of experience/Globex: Team Lead ("Cut costs")',
    ]  # what the variant's sections leave out is not reported as capped


def test_nothing_is_said_when_nothing_is_capped():
    profile = Profile.model_validate(PROFILE)
    assert capped_highlights(profile, Variant.model_validate({"max_highlights": 4})) == []
    assert capped_highlights(profile, Variant.model_validate({"sections": ["experience"]})) == []


def test_render_says_it(tmp_path):
    import json

    path = tmp_path / "p.json"
    path.write_text(json.dumps({**PROFILE, "variants": {"short": {"max_highlights": 2}}}), encoding="utf-8")
    job = pipeline.prepare(pipeline.RenderRequest(profile=path, variant="short"))
    assert 'max_highlights 2: left out the last of 3 highlights of experience/acme ("Hired and mentored 4 engineers")' \
        in job.messages
    assert not [m for m in pipeline.prepare(pipeline.RenderRequest(profile=path)).messages if "max_highlights" in m]


def test_an_entry_the_page_budget_drops_is_not_said_to_be_capped():
    """A trial's build said "max_highlights 4: left out the last 3 of 7 highlights of
    projects/edge-deployment", then "page budget 1: dropped entry projects/edge-deployment"."""
    from tests.conftest import EXAMPLE

    job = pipeline.prepare(pipeline.RenderRequest(profile=EXAMPLE, variant="platform", max_pages=1))  # max_highlights: 4
    dropped = {m.split("dropped entry ", 1)[1].split(" ", 1)[0] for m in job.messages if "dropped entry " in m}
    capped = capped_highlights(job.loaded.profile, job.loaded.profile.variants["platform"])
    assert {line.split(" highlights of ", 1)[1].split(" (", 1)[0] for line in capped} & dropped  # the case
    said = [m for m in job.messages if m.startswith("max_highlights")]
    assert not [m for m in said if m.split(" highlights of ", 1)[1].split(" (", 1)[0] in dropped], job.messages

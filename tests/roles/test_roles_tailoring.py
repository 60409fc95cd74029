"""Several roles at one employer, tailored (issue 18): variants, tags, ids and overrides on
roles, the page budget and the job matching."""

from __future__ import annotations

import pytest

from resume_builder.document import build_document
from resume_builder.errors import UserError
from resume_builder.loading.variant_checks import check_variant
from resume_builder.pipeline import builtin_vocabulary
from resume_builder.schema.profile import Profile
from resume_builder.schema.variant import Variant
from resume_builder.tailoring import tailor
from resume_builder.tailoring.fitting import Relevance, fit
from resume_builder.tailoring.keywords import posting_from_text
from resume_builder.tailoring.matching import match, relevance
from resume_builder.theming import FitLimits, ThemeOptions

DATA = {
    "basics": {"name": "Kit Sample"},
    "experience": [
        {"id": "acme", "tags": ["backend"], "company": "Acme", "location": "Berlin", "roles": [
            {"id": "acme-lead", "tags": ["lead"], "position": "Engineering Lead", "start": "2020-09", "end": "present",
             "highlights": ["Led six engineers", "Ran Kubernetes upgrades", "Hired two people"]},
            {"id": "acme-senior", "tags": ["ops"], "position": "Senior Developer", "start": "2018-04",
             "end": "2020-09", "summary": "Owned the Terraform modules.",
             "highlights": ["Wrote Terraform for every service", "Fixed the billing job", "Tuned Postgres"]},
            {"id": "acme-dev", "position": "Junior Developer", "start": "2016-02", "end": "2018-04",
             "highlights": ["Built the first tracker", "Answered support tickets"]},
        ]},
        {"id": "solo", "tags": ["freelance"], "company": "Solo", "position": "Freelancer", "start": "2013",
         "end": "2016", "highlights": ["Made websites", "Sent invoices"]},
    ],
}


def profile() -> Profile:
    return Profile.model_validate(DATA)


def roles(tailored: Profile, company: str = "acme") -> list[str]:
    job = next(j for j in tailored.experience if j.id == company)
    return [r.id for r in job.roles]


# ----------------------------------------------------------------------------- variants


def test_select_by_a_role_tag_keeps_that_role_only():
    tailored = tailor(profile(), Variant(select={"experience": {"any": ["lead"]}}))
    assert [j.id for j in tailored.experience] == ["acme"] and roles(tailored) == ["acme-lead"]


def test_a_role_inherits_its_company_tags():
    tailored = tailor(profile(), Variant(select={"experience": {"any": ["backend"]}}))
    assert roles(tailored) == ["acme-lead", "acme-senior", "acme-dev"]
    assert [j.id for j in tailored.experience] == ["acme"]
    tailored = tailor(profile(), Variant(select={"experience": {"any": ["backend"], "none": ["ops"]}}))
    assert roles(tailored) == ["acme-lead", "acme-dev"]


def test_keep_and_drop_by_role_id():
    assert roles(tailor(profile(), Variant(drop=["acme-senior"]))) == ["acme-lead", "acme-dev"]
    kept = tailor(profile(), Variant(select={"experience": {"any": ["freelance"]}}, keep=["acme-dev"]))
    assert [j.id for j in kept.experience] == ["acme", "solo"] and roles(kept) == ["acme-dev"]
    # keeping the company keeps its roles, except those dropped by id
    whole = tailor(profile(), Variant(select={"experience": {"any": ["freelance"]}}, keep=["acme"],
                                      drop=["acme-dev"]))
    assert roles(whole) == ["acme-lead", "acme-senior"]
    # a company whose every role is dropped is not shown
    gone = tailor(profile(), Variant(drop=["acme-lead", "acme-senior", "acme-dev"]))
    assert [j.id for j in gone.experience] == ["solo"]


def test_one_role_left_is_shown_as_a_single_job():
    tailored = tailor(profile(), Variant(select={"experience": {"any": ["ops"]}}))
    (entry,) = build_document(tailored).section("experience").entries
    assert (entry.title.plain, entry.subtitle.plain, entry.date) == ("Senior Developer", "Acme", "Apr 2018 – Sep 2020")
    assert not entry.roles and entry.location == "Berlin"


def test_override_a_role_field_and_cap_role_highlights():
    variant = Variant(max_highlights=1, overrides={
        "experience[acme].roles[acme-senior].highlights": ["Wrote the Terraform modules"],
        "experience[acme].roles[acme-lead].position": "Head of Engineering"})
    tailored = tailor(profile(), variant)
    lead, senior, dev = tailored.experience[0].roles
    assert lead.position == "Head of Engineering" and [h.text for h in lead.highlights] == ["Led six engineers"]
    assert [h.text for h in senior.highlights] == ["Wrote the Terraform modules"]  # overrides are not capped
    assert [h.text for h in dev.highlights] == ["Built the first tracker"]
    assert profile().experience[0].roles[1].highlights[0].text == "Wrote Terraform for every service"


def test_variant_mistakes_about_roles_are_named():
    problems = check_variant(profile(), Variant(
        keep=["acme-leed"], overrides={"experience[acme].roles[acme-sneior].highlights": ["x"],
                                       "experience[acme].roles[acme-dev].company": "y"},
        select={"experience": {"any": ["leed"]}}))
    text = [f"{p.path}: {p.message} ({p.hint})" for p in problems]
    assert any("no entry has id 'acme-leed'" in t and "did you mean 'acme-lead'" in t for t in text), text
    assert any("no entry with id 'acme-sneior' in experience[acme].roles" in t and "acme-senior" in t
               for t in text), text
    assert any("has no field 'company'" in t for t in text), text
    assert any("no entry in the profile has tag 'leed'" in t and "did you mean 'lead'" in t for t in text), text


def test_override_of_a_role_the_variant_drops_is_refused():
    with pytest.raises(UserError) as info:
        tailor(profile(), Variant(drop=["acme-dev"],
                                  overrides={"experience[acme].roles[acme-dev].highlights": ["x"]}))
    assert "entry 'acme-dev' is left out by this variant" in str(info.value)


# ----------------------------------------------------------------------------- page budget

LIMITS = FitLimits(min_font_size=10, min_line_height=1.2, min_spacing=0.75)  # no tightening: cuts only
OPTIONS = ThemeOptions(font_size=10, line_height=1.2, spacing=0.75)


def lines(p: Profile) -> int:
    """A fake layout: a line per header (company, role, job) and per highlight or summary."""
    total = 0
    for job in p.experience:
        total += 1 + len(job.highlights)
        for role in job.roles or []:
            total += 1 + len(role.highlights) + (1 if role.summary else 0)
    return total


def pages(per_page: int):
    return lambda p, options: -(-lines(p) // per_page)


def test_the_newest_role_stays_whole_and_past_roles_are_trimmed_like_past_jobs():
    # 16 lines: the company (1), its roles (4 + 5 + 3) and the freelance job (3)
    assert lines(profile()) == 16
    result = fit(profile(), OPTIONS, LIMITS, 1, pages(13))
    # the most recent position (Acme's newest role) is never cut; paragraphs and highlights go
    # oldest first, the company's past roles included, a role's summary before its highlights,
    # before any entry or role goes whole
    assert result.cuts == ['dropped highlight from experience/solo: "Sent invoices"',
                           'dropped highlight from experience/acme-dev: "Answered support tickets"',
                           "dropped paragraph experience/acme-senior summary"]
    assert roles(result.profile) == ["acme-lead", "acme-senior", "acme-dev"]
    assert [h.text for h in result.profile.experience[0].roles[0].highlights] == \
        DATA["experience"][0]["roles"][0]["highlights"]
    assert lines(result.profile) <= 13


def test_one_company_of_many_roles_fits_by_trimming_and_dropping_its_past_roles():
    """Before: the company holding the newest role was pinned whole, so a résumé that is one
    company with many roles could never be fitted ("cutting everything allowed it still takes
    3 pages")."""
    many = [{"id": f"r{i}", "position": f"Role {i}", "start": f"{2020 - i}-01", "end": f"{2020 - i}-12",
             "highlights": [f"r{i} h{j}" for j in range(6)]} for i in range(20)]
    p = Profile.model_validate({"basics": {"name": "Kit"},
                                "experience": [{"id": "acme", "company": "Acme", "roles": many}]})
    assert lines(p) == 1 + 20 * 7
    result = fit(p, OPTIONS, LIMITS, 1, pages(30))
    kept = result.profile.experience[0].roles
    assert lines(result.profile) <= 30
    assert kept[0].id == "r0" and [h.text for h in kept[0].highlights] == many[0]["highlights"]
    assert all(len(role.highlights) == 1 for role in kept[1:])  # trimmed to their first
    assert [r.id for r in kept] == [f"r{i}" for i in range(len(kept))]  # the oldest roles went
    assert result.cuts[-1] == f"dropped entry experience/r{len(kept)}"


def test_budget_cuts_past_roles_of_an_older_company():
    data = {"basics": {"name": "Kit"}, "experience": [
        {"id": "now", "company": "Now", "position": "CTO", "start": "2022", "highlights": ["a", "b"]},
        {"id": "acme", "company": "Acme", "roles": [
            {"id": "r-new", "position": "Lead", "start": "2019", "end": "2022", "highlights": ["l1", "l2", "l3"]},
            {"id": "r-old", "position": "Dev", "start": "2016", "end": "2019", "highlights": ["d1", "d2", "d3"]},
        ]}]}
    p = Profile.model_validate(data)
    assert lines(p) == 12
    result = fit(p, OPTIONS, LIMITS, 1, pages(9))
    # highlights first, the oldest role's down to its first before a newer role loses any
    # (fitting.py's no-posting order: oldest entry first, each trimmed from its end)
    assert result.cuts == ['dropped highlight from experience/r-old: "d3"',
                           'dropped highlight from experience/r-old: "d2"',
                           'dropped highlight from experience/r-new: "l3"']
    kept = {r.id: [h.text for h in r.highlights] for r in result.profile.experience[1].roles}
    assert kept["r-old"][0] == "d1" and kept["r-new"][0] == "l1" and lines(result.profile) <= 9
    # tighter still: the past role goes whole before the company (its newest role stays)
    tight = fit(p, OPTIONS, LIMITS, 1, pages(6))
    assert tight.cuts[-1] == "dropped entry experience/r-old"
    assert [r.id for r in tight.profile.experience[1].roles] == ["r-new"]


def test_a_pinned_role_keeps_its_company_whole():
    data = {"basics": {"name": "Kit"}, "experience": [
        {"id": "now", "company": "Now", "position": "CTO", "start": "2022", "highlights": ["a", "b"]},
        {"id": "acme", "company": "Acme", "roles": [
            {"id": "r-new", "position": "Lead", "start": "2019", "end": "2022", "highlights": ["l1", "l2", "l3"]},
            {"id": "r-old", "position": "Dev", "start": "2016", "end": "2019", "highlights": ["d1", "d2", "d3"]},
        ]},
        {"id": "old", "company": "Old", "position": "Intern", "start": "2014", "end": "2015",
         "highlights": ["o1", "o2"]}]}
    p = Profile.model_validate(data)
    assert lines(p) == 15
    unpinned = fit(p, OPTIONS, LIMITS, 1, pages(12))
    assert unpinned.profile.experience[1] != p.experience[1]  # Acme's past role lost highlights
    pinned = fit(p, OPTIONS, LIMITS, 1, pages(12), pinned_ids={"r-old"})
    assert pinned.profile.experience[1] == p.experience[1]  # Acme whole: the old job went instead
    assert [j.id for j in pinned.profile.experience] == ["now", "acme"]


def test_relevance_cuts_parts_of_roles_by_their_points():
    # a newer job first, so Acme's roles may be cut: 3 + 16 lines
    data = {**DATA, "experience": [{"id": "now", "company": "Now", "position": "CTO", "start": "2023",
                                    "highlights": ["Runs it all"]}, *DATA["experience"]]}
    data["experience"][1] = {**data["experience"][1], "roles": [
        {**data["experience"][1]["roles"][0], "end": "2023"}, *data["experience"][1]["roles"][1:]]}
    p = Profile.model_validate(data)
    rel = Relevance({
        ("experience", 1, "roles[0].highlights[1]"): (5, ("Kubernetes",)),
        ("experience", 1, "roles[1].highlights[0]"): (5, ("Terraform",)),
        ("experience", 1, "roles[1].summary"): (2, ("Terraform",)),
    }, frozenset({"Kubernetes", "Terraform"}))
    result = fit(p, OPTIONS, LIMITS, 1, pages(13), relevance=rel)
    acme = result.profile.experience[1]
    texts = [h.text for r in acme.roles for h in r.highlights]
    # what the posting asks for stays; what it does not goes first
    assert "Ran Kubernetes upgrades" in texts and "Wrote Terraform for every service" in texts
    assert lines(result.profile) <= 13
    labels = [c.label for c in result.cut]
    assert labels and not any("Kubernetes" in label or "Wrote Terraform" in label for label in labels)
    # what was cut is named by the role it belonged to, or the job it was
    assert all(label.startswith(("experience/acme-", "experience/solo")) for label in labels), labels
    assert result.kept["Kubernetes"] == "experience/acme-lead highlights[1]"  # the role that shows it


# ----------------------------------------------------------------------------- job matching

POSTING = """Platform Engineer at Example Corp

Requirements
- Kubernetes in production
- Terraform
"""


@pytest.fixture(scope="module")
def report():
    return match(profile(), posting_from_text(POSTING, "job.txt"), builtin_vocabulary())


def test_evidence_in_roles_is_found_and_named_by_the_role(report):
    by_name = {k.keyword.name: k for k in report.keywords}
    kubernetes = by_name["Kubernetes"].strongest
    assert (kubernetes.section, kubernetes.entry_id, kubernetes.field) == \
        ("experience", "acme-lead", "roles[0].highlights[1]")
    assert kubernetes.title == "Engineering Lead, Acme" and kubernetes.text == "Ran Kubernetes upgrades"
    terraform = by_name["Terraform"].strongest
    assert terraform.entry_id == "acme-senior" and terraform.field.startswith("roles[1].")
    # a role's highlight is proof of work (3), like any job's, not a list (2)
    assert kubernetes.strength[1] == 3


def test_relevance_points_at_role_fields_for_the_page_budget(report):
    pieces = relevance(report).pieces
    assert ("experience", 0, "roles[0].highlights[1]") in pieces
    assert any(key[2].startswith("roles[1].") for key in pieces)


def test_roles_written_oldest_first_lose_the_oldest_and_keep_the_others_in_their_order():
    data = {"basics": {"name": "Kit"}, "experience": [
        {"id": "now", "company": "Now", "position": "CTO", "start": "2022"},
        {"id": "acme", "company": "Acme", "roles": [
            {"id": "r-old", "position": "Intern", "start": "2012", "end": "2014"},
            {"id": "r-mid", "position": "Dev", "start": "2014", "end": "2018"},
            {"id": "r-new", "position": "Lead", "start": "2018", "end": "2022"}]}]}
    p = Profile.model_validate(data)
    assert lines(p) == 5
    result = fit(p, OPTIONS, LIMITS, 1, pages(4))
    assert result.cuts == ["dropped entry experience/r-old"]
    assert roles(result.profile) == ["r-mid", "r-new"]


def test_the_newest_company_with_two_roles_loses_its_past_role_but_never_its_newest():
    data = {"basics": {"name": "Kit"}, "experience": [{"id": "acme", "company": "Acme", "roles": [
        {"id": "r-new", "position": "Lead", "start": "2019", "highlights": ["l1"]},
        {"id": "r-old", "position": "Dev", "start": "2016", "end": "2019", "highlights": ["d1"]}]}]}
    p = Profile.model_validate(data)
    assert lines(p) == 5
    result = fit(p, OPTIONS, LIMITS, 1, pages(3))
    assert result.cuts == ["dropped entry experience/r-old"] and roles(result.profile) == ["r-new"]
    with pytest.raises(UserError, match=r"still takes 2 pages \(1 over\)"):
        fit(p, OPTIONS, LIMITS, 1, pages(2))  # the company and its newest role are all that is left


def test_a_past_role_and_a_past_job_of_the_same_dates_go_later_listed_first():
    jobs = [{"id": "now", "company": "Now", "position": "CTO", "start": "2022"},
            {"id": "solo", "company": "Solo", "position": "Freelancer", "start": "2016", "end": "2018"},
            {"id": "acme", "company": "Acme", "roles": [
                {"id": "r-new", "position": "Lead", "start": "2018", "end": "2022"},
                {"id": "r-old", "position": "Dev", "start": "2016", "end": "2018"}]}]
    p = Profile.model_validate({"basics": {"name": "Kit"}, "experience": jobs})
    assert fit(p, OPTIONS, LIMITS, 1, pages(lines(p) - 1)).cuts == ["dropped entry experience/r-old"]
    p = Profile.model_validate({"basics": {"name": "Kit"}, "experience": [jobs[0], jobs[2], jobs[1]]})
    assert fit(p, OPTIONS, LIMITS, 1, pages(lines(p) - 1)).cuts == ["dropped entry experience/solo"]


def test_the_newest_job_written_as_one_role_keeps_its_company_summary():
    """A company with one role is one position (shown as a single job): the newest, it is kept
    whole, the company's paragraph too, though it shows no posting term."""
    data = {"basics": {"name": "Kit"}, "experience": [
        {"id": "acme", "company": "Acme", "summary": "A shop", "roles": [
            {"id": "r-new", "position": "Lead", "start": "2019", "highlights": ["Ran Go"]}]},
        {"id": "solo", "company": "Solo", "position": "Freelancer", "start": "2016", "end": "2018",
         "highlights": ["Made Kubernetes sites", "Sent invoices"]}]}
    p = Profile.model_validate(data)
    rel = Relevance({("experience", 1, "highlights[0]"): (5, ("Kubernetes",))})

    def with_summaries(profile: Profile, options) -> int:
        return -(-(lines(profile) + sum(1 for j in profile.experience if j.summary)) // 6)

    result = fit(p, OPTIONS, LIMITS, 1, with_summaries, relevance=rel)  # 3 + 1 + 3 lines on 6
    assert [c.label for c in result.cut] == ['experience/solo: "Sent invoices"']
    assert result.profile.experience[0] == p.experience[0]

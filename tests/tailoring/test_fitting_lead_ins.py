"""Page budget: a lead-in and its list are one unit (visual review of the example's 2-page fits).

A lead-in is a paragraph ending with a colon that introduces the highlights shown right after
it: an entry's (or a role's) summary whose last paragraph is "It presents users with following
functionality:". The budget had cut that summary and kept the bullets (LB Manager showed only
"• Route53's entries."), and cut lists down to one item under "Key highlights in this
project:". Now the lead-in is never cut while its list is shown, and a list under a lead-in
keeps two items or goes with its lead-in (README, "Page budget").

Most tests sweep every page capacity of a fake layout (tests/tailoring/page_model.py: a line
per heading and per 40 characters), so no budget, tight or loose, leaves a fragment; the
last ones lay the example out for real, as the review did.
"""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from resume_builder.errors import UserError
from resume_builder.pipeline import builtin_vocabulary, prepare
from resume_builder.loading import load_profile
from resume_builder.schema.profile import Profile
from resume_builder.tailoring.fitting import Cut, Relevance, fit
from resume_builder.tailoring.matching import match, relevance
from resume_builder.theming import FitLimits, ThemeOptions
from tests.conftest import EXAMPLE, FIXTURES, REPO
from tests.tailoring.page_model import lines
from tests.tailoring.posting_corpus import read

TIGHT = ThemeOptions(font_size=8, line_height=1.1, spacing=0.5)
LIMITS = FitLimits(min_font_size=8, min_line_height=1.1, min_spacing=0.5)  # no tightening: cuts only
SRE = FIXTURES / "postings" / "sre-en.md"
LEAD_IN = "It presents users with following functionality:"
SCHEMA = json.loads((REPO / "schemas" / "tailor-report.schema.json").read_text(encoding="utf-8"))


def pages(per_page: int):
    return lambda profile, options: -(-lines(profile) // per_page)


def _profile(data: dict) -> Profile:
    return Profile.model_validate({"basics": {"name": "Sam Sample"}, **data})


def _lists(entry) -> list[tuple[str, object, object]]:
    """(where, summary, highlights) of an entry and of each of its roles, by id."""
    out = [(entry.id, getattr(entry, "summary", None), getattr(entry, "highlights", []))]
    out += [(role.id, role.summary, role.highlights) for role in getattr(entry, "roles", None) or []]
    return out


def fragments(before: Profile, after: Profile) -> list[str]:
    """What the budget left broken: a list shown without the lead-in that introduced it, or a
    lead-in shown with fewer than two of its items (fewer only when the profile had fewer)."""
    out = []
    for section in ("experience", "projects", "volunteering", "education"):
        originals = {e.id: e for e in getattr(before, section)}
        for entry in getattr(after, section):
            was = {where: (summary, items) for where, summary, items in _lists(originals[entry.id])}
            for where, summary, items in _lists(entry):
                old_summary, old_items = was[where]
                if not old_items or not old_summary or not old_summary.rstrip().endswith(":"):
                    continue
                lead = re.split(r"\n\s*\n", old_summary.strip())[-1]
                lead_shown = bool(summary) and summary.strip().endswith(lead)
                if items and not lead_shown:
                    out.append(f"{section}/{where}: {len(items)} highlights without their lead-in {lead!r}")
                if lead_shown and len(items) < min(2, len(old_items)):
                    out.append(f"{section}/{where}: {lead!r} with {len(items)} of its {len(old_items)} highlights")
    return out


def sweep(profile: Profile, **kwargs) -> list:
    """A fit at every capacity from one that cuts nearly everything allowed to one that cuts nothing."""
    results = []
    for per_page in range(max(1, lines(profile) // 4), lines(profile) + 1):
        try:
            results.append(fit(profile, TIGHT, LIMITS, 1, pages(per_page), **kwargs))
        except UserError:  # tighter than anything allowed makes fit
            continue
    assert len(results) >= 3
    return results


LB = {"id": "lb", "name": "LB Manager", "description": "One stop for managing all the live traffic.",
      "summary": "LB Manager hooks to one or more F5 load balancers and shows them in a single view, so "
                 f"that it is quicker to act.\n\n{LEAD_IN}",
      "highlights": ["LTM Pools, Nodes and VIPs.", "GTM Pools.", "DC switch: to move traffic from one DC to another.",
                     "Route53's entries."],
      "outcome": "Integrated this tool with AWS Route53 to change DNS entries of several accounts."}
EDGE = {"id": "edge", "name": "Deployments at scale", "summary": "Salient features ensuring reliability and speed:",
        "highlights": ["Zero downtime staggered deployments", "Canary checks for metric comparison",
                       "Auto roll-forward or roll-back based on Canary decision",
                       "Parallel deployments across data center", "Application health checks"]}
ANCHOR = {"id": "anchor", "name": "Platform", "highlights": ["Ran Kubernetes on EKS for every team"]}
NOW = {"id": "now", "company": "Now Co", "position": "SRE", "start": "2021"}


def _lb_profile() -> Profile:
    return _profile({"experience": [NOW], "projects": [ANCHOR, LB, EDGE]})


LB_RELEVANCE = Relevance({("projects", 0, "highlights[0]"): (9, ("Kubernetes",)),
                          ("projects", 1, "outcome"): (2, ("AWS",)), ("projects", 1, "highlights[3]"): (2, ("AWS",)),
                          ("projects", 2, "highlights[1]"): (1, ("Canary",))}, frozenset({"Kubernetes"}))


# ----------------------------------------------------------------------------- with a posting


def test_with_a_posting_no_budget_leaves_a_list_without_its_lead_in_or_a_lead_in_with_one_item():
    profile = _lb_profile()
    results = sweep(profile, relevance=LB_RELEVANCE, pinned_ids={"anchor"})
    for result in results:
        assert fragments(profile, result.profile) == [], result.cuts
    lb_states = {(p.summary, len(p.highlights)) for r in results for p in r.profile.projects if p.id == "lb"}
    assert (LEAD_IN, 2) in lb_states  # the paragraphs before the lead-in went, the lead-in stayed with two items


def test_the_summary_before_a_lead_in_goes_alone_and_says_so():
    profile = _lb_profile()
    # 1 + 2 + 13 + 9 = 25 lines on 15: Edge's and LB's items and paragraphs without posting terms go
    result = fit(profile, TIGHT, LIMITS, 1, pages(15), relevance=LB_RELEVANCE, pinned_ids={"anchor"})
    lb = next(p for p in result.profile.projects if p.id == "lb")
    # the list keeps its two best: the one with a posting term, and the first of the others
    assert (lb.summary, [h.text for h in lb.highlights]) == (LEAD_IN, ["LTM Pools, Nodes and VIPs.",
                                                                        "Route53's entries."])
    assert "dropped paragraph projects/lb summary before its lead-in (no posting terms)" in result.cuts


def test_a_list_cut_with_its_lead_in_is_one_cut_with_the_points_of_all_its_parts():
    """Its highlights cut one by one before are not listed again, so the points lost are
    counted once."""
    anchor = {"id": "anchor", "name": "Platform", "highlights": ["Ran Kubernetes", "Ran Kafka", "Ran Vault"]}
    edge = {**EDGE, "outcome": "Ran every rollout through Argo CD."}  # the only Argo CD: the entry stays
    profile = _profile({"experience": [NOW], "projects": [anchor, edge]})
    relevance = Relevance({("projects", 0, "highlights[0]"): (9, ("Kubernetes",)),
                           ("projects", 0, "highlights[1]"): (9, ("Kafka",)),
                           ("projects", 0, "highlights[2]"): (9, ("Vault",)),
                           ("projects", 1, "outcome"): (3, ("Argo CD",)),
                           ("projects", 1, "highlights[1]"): (1, ("Canary",)),
                           ("projects", 1, "highlights[2]"): (1, ("Canary",))}, frozenset({"Kubernetes", "Argo CD"}))
    # 1 + 4 + (1 + 2 + 6 + 1) = 15 lines on 9: Edge keeps its outcome, not its list
    result = fit(profile, TIGHT, LIMITS, 1, pages(9), relevance=relevance, pinned_ids={"anchor"})
    edge = next(p for p in result.profile.projects if p.id == "edge")
    assert (edge.summary, edge.highlights, edge.outcome) == (None, [], "Ran every rollout through Argo CD.")
    lists = [c for c in result.cut if c.kind == "list"]
    assert [c.to_dict() for c in lists] == [{"kind": "list", "label": 'projects/edge: "Salient features ensuring '
                                                                     'reliability and speed:"',
                                             "points": 2, "terms": ["Canary"]}]
    assert not [c for c in result.cut if c.label.startswith("projects/edge") and c.kind != "list"]
    assert (result.relevance_total, result.relevance_kept) == (32, 30)
    assert 'dropped list from projects/edge: "Salient features ensuring reliability and speed:" (2 points: Canary)' \
        in result.cuts
    page_budget = SCHEMA["properties"]["page_budget"]["oneOf"][1]  # the report's shape (README, "Job postings")
    jsonschema.validate(result.to_dict(), {**page_budget, "$defs": SCHEMA["$defs"]})


def test_under_a_lead_in_the_two_most_relevant_items_stay():
    profile = _profile({"experience": [NOW], "projects": [ANCHOR, EDGE]})
    relevance = Relevance({("projects", 0, "highlights[0]"): (9, ("Kubernetes",)),
                           ("projects", 1, "highlights[2]"): (3, ("Rollback",)),
                           ("projects", 1, "highlights[4]"): (2, ("Health checks",))}, frozenset({"Kubernetes"}))
    # 1 + 2 + 9 = 12 lines on 9: three items go, the two with posting terms stay under the lead-in
    result = fit(profile, TIGHT, LIMITS, 1, pages(9), relevance=relevance, pinned_ids={"anchor"})
    edge = next(p for p in result.profile.projects if p.id == "edge")
    assert edge.summary == EDGE["summary"]
    assert [h.text for h in edge.highlights] == ["Auto roll-forward or roll-back based on Canary decision",
                                                 "Application health checks"]


def test_a_roles_lead_in_keeps_two_items_and_the_newest_role_keeps_everything():
    profile = _profile({"experience": [{"id": "acme", "company": "Acme", "roles": [
        {"id": "lead", "position": "Lead", "start": "2020", "summary": "Led the team. Highlights:",
         "highlights": ["Hired five", "Ran planning"]},
        {"id": "dev", "position": "Dev", "start": "2016", "end": "2020", "summary": "Wrote the services, which:",
         "highlights": ["Served payments", "Ran on Kubernetes", "Paged nobody", "Logged to Kafka"]}]}],
        "projects": [ANCHOR]})
    relevance = Relevance({("experience", 0, "roles[1].highlights[1]"): (3, ("Kubernetes",))}, frozenset())
    for result in sweep(profile, relevance=relevance, pinned_ids={"anchor"}):
        assert fragments(profile, result.profile) == [], result.cuts
        roles = {r.id: r for r in result.profile.experience[0].roles}
        assert len(roles["lead"].highlights) == 2
        if "dev" in roles and roles["dev"].highlights:
            assert "Ran on Kubernetes" in [h.text for h in roles["dev"].highlights]


def test_a_company_shown_with_one_role_has_its_summary_as_the_lead_in_of_the_roles_highlights():
    """A company with a single role is shown as one job: its summary, the role's (none here),
    then the role's highlights, which that summary introduces."""
    profile = _profile({"experience": [NOW, {"id": "acme", "company": "Acme", "summary": "At Acme I built:",
                                             "roles": [{"id": "dev", "position": "Dev", "start": "2016", "end": "2020",
                                                        "highlights": ["A queue", "A cache", "A scheduler"]}]}],
                        "projects": [ANCHOR]})
    relevance = Relevance({("projects", 0, "highlights[0]"): (9, ("Kubernetes",)),
                           ("experience", 1, "roles[0].highlights[1]"): (1, ("Redis",))}, frozenset({"Kubernetes"}))
    seen = set()
    for result in sweep(profile, relevance=relevance, pinned_ids={"anchor"}):
        acme = [e for e in result.profile.experience if e.id == "acme"]
        if acme:
            shown = len(acme[0].roles[0].highlights)
            assert acme[0].summary == "At Acme I built:" if shown else acme[0].summary is None, result.cuts
            assert shown in (0, 2, 3), result.cuts
            seen.add(shown)
    assert 2 in seen


def test_a_highlight_with_sub_items_goes_whole():
    """A highlight that introduces its own sub-items (``details``) is cut with them: never a
    lead-in bullet without its details."""
    profile = _profile({"experience": [NOW], "projects": [ANCHOR, {
        "id": "ecs", "name": "ECS", "highlights": [
            "Added Docker images", {"text": "Blue-green deployments that include:", "details": ["Task definitions",
                                                                                           "Services", "Canaries"]},
            "Log management"]}]})
    relevance = Relevance({("projects", 0, "highlights[0]"): (9, ("Kubernetes",))}, frozenset({"Kubernetes"}))
    for result in sweep(profile, relevance=relevance, pinned_ids={"anchor"}):
        for project in result.profile.projects:
            for item in project.highlights:
                if item.text.endswith(":"):
                    assert item.details == ["Task definitions", "Services", "Canaries"]


def test_every_fit_of_the_example_for_the_sre_posting_leaves_no_fragment():
    """The reviewed case, on the example profile and the real relevance of sre-en.md, at every
    capacity of the fake layout."""
    profile = load_profile(EXAMPLE).profile
    scores = relevance(match(profile, read(SRE), builtin_vocabulary()))
    for result in sweep(profile, relevance=scores):
        assert fragments(profile, result.profile) == [], result.cuts


# ----------------------------------------------------------------------------- without a posting


def test_without_a_posting_a_list_under_a_lead_in_keeps_its_first_two():
    profile = _profile({"experience": [NOW], "projects": [ANCHOR, LB, EDGE]})
    for result in sweep(profile):
        assert fragments(profile, result.profile) == [], result.cuts
    result = fit(profile, TIGHT, LIMITS, 1, pages(21))  # 25 lines on 21: the last-listed entry loses its last three
    edge = next(p for p in result.profile.projects if p.id == "edge")
    assert [h.text for h in edge.highlights] == EDGE["highlights"][:2]
    assert edge.summary == EDGE["summary"]


def test_every_fit_of_the_example_without_a_posting_leaves_no_fragment():
    profile = load_profile(EXAMPLE).profile
    for result in sweep(profile):
        assert fragments(profile, result.profile) == [], result.cuts


def test_a_list_cut_is_described_by_its_lead_in():
    cut = Cut("list", 'projects/lb: "It presents users with following functionality:"', 2, ("AWS",))
    assert cut.describe() == 'dropped list from projects/lb: "It presents users with following functionality:" ' \
                             '(2 points: AWS)'
    assert cut.to_dict()["kind"] == "list"


# ----------------------------------------------------------------------------- the reviewed renders, laid out


@pytest.mark.slow
@pytest.mark.parametrize("request_", [{"max_pages": 2, "posting": SRE}, {"variant": "platform"}, {"max_pages": 2}],
                         ids=["sre-2-pages", "platform", "2-pages"])
def test_the_reviewed_two_page_fits_of_the_example_leave_no_fragment(request_):
    job = prepare(EXAMPLE, **request_)
    assert job.fit is not None and job.fit.pages <= 2
    assert fragments(job.loaded.profile, job.profile) == []
    for project in job.profile.projects:  # "• Route53's entries." alone under LB Manager, in the review
        if project.id == "lb-manager" and project.highlights:
            assert project.summary.endswith(LEAD_IN) and len(project.highlights) >= 2

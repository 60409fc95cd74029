"""What `render` says the page budget cut: one line per entry touched, not one per highlight
(the example's platform variant said 21 lines, several of them about highlights of entries
it then dropped whole; newcomer trial). The JSON reports keep one cut per highlight."""

from __future__ import annotations

import re

from resume_builder.pipeline import _budget_messages
from resume_builder.schema.profile import Profile
from resume_builder.tailoring.fitting import Relevance, fit
from resume_builder.theming import ThemeOptions
from tests.tailoring.test_fitting import LIMITS, run

TIGHTENED = "tightened the layout: font size 10 → 8 pt, line height 1.3 → 1.1, spacing 1 → 0.5"


def said(result) -> list[str]:
    result.max_pages = 1
    return _budget_messages(result)


def test_highlights_cut_from_one_entry_are_one_line_naming_how_many_of_how_many():
    result = run(12)  # three highlights go: the old job's last, then the middle one's last two
    assert result.cuts == [TIGHTENED, 'dropped highlight from experience/old: "o2"',
                           'dropped highlight from experience/mid: "m3"', 'dropped highlight from experience/mid: "m2"']
    assert said(result) == [f"page budget 1: {TIGHTENED}",
                            "page budget 1: dropped the last of 2 highlights of experience/old",
                            "page budget 1: dropped the last 2 of 3 highlights of experience/mid"]
    assert [cut.to_dict() for cut in result.cut][0] == {
        "kind": "highlight", "label": 'experience/old: "o2"', "points": 0, "terms": []}


def test_a_highlight_of_an_entry_dropped_whole_is_not_listed_again():
    """The old job's last highlight went first, then the job itself: only the job is a cut."""
    result = run(10, pinned_tags={"keep-me"})
    assert result.cuts == [TIGHTENED, "dropped entry education/bsc", "dropped entry experience/old"]
    assert said(result)[1:] == ["page budget 1: dropped entry education/bsc",
                                "page budget 1: dropped entry experience/old"]
    assert [h.text for h in next(j for j in result.profile.experience if j.id == "new").highlights] == \
        ["n1", "n2", "n3"]  # the newest job is whole


def test_with_a_posting_each_highlight_keeps_its_line_and_its_points():
    result = run(12, relevance=Relevance({("experience", 1, "highlights[2]"): (5, ("Kubernetes",))}))
    assert said(result) == [
        f"page budget 1: {TIGHTENED}",
        'page budget 1: dropped highlight from experience/old: "o2" (no posting terms)',
        'page budget 1: dropped highlight from experience/mid: "m1" (no posting terms)',
        'page budget 1: dropped highlight from experience/mid: "m2" (no posting terms)',
        "page budget 1: kept for the posting: Kubernetes: experience/mid highlights[2]",
        "page budget 1: relevance kept 100% (5 of 5 points)"]


def test_paragraphs_and_highlights_cut_from_one_entry_are_one_line():
    profile = Profile.model_validate({"basics": {"name": "A"}, "projects": [
        {"id": "new", "name": "New", "highlights": ["n1"]},
        {"id": "lb", "name": "LB", "summary": "Hooks to load balancers.\n\nIt presents:", "outcome": "Cached",
         "highlights": ["LTM", "GTM", "DC switch", "Route53"]}]})

    def lines(profile, options):  # a line per entry, paragraph (and lead-in) and highlight, 6 a page
        return -(-sum(1 + len(p.highlights) + len(re.split(r"\n\s*\n", p.summary or "")) * bool(p.summary)
                      + bool(p.outcome) for p in profile.projects) // 6)

    result = fit(profile, ThemeOptions(font_size=8, line_height=1.1, spacing=0.5), LIMITS, 1, lines)
    assert said(result) == ["page budget 1: dropped the summary before its lead-in, the outcome and the last 2 of 4 "
                            "highlights of projects/lb"]
    assert [c.to_dict()["label"] for c in result.cut] == [
        "projects/lb summary before its lead-in", "projects/lb outcome", 'projects/lb: "Route53"',
        'projects/lb: "DC switch"']
    lb = result.profile.projects[1]
    assert (lb.summary, [h.text for h in lb.highlights]) == ("It presents:", ["LTM", "GTM"])

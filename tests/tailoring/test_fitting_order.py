"""Page budget without a posting: the least relevant goes first, never the newest.

Relevance without a posting is the profile's own order: older entries first, and among
entries of equal age or with no dates (projects), the one listed later in its section.
"""

from __future__ import annotations

from resume_builder.schema.profile import Profile
from resume_builder.tailoring.fitting import fit
from resume_builder.theming import FitLimits, ThemeOptions

LIMITS = FitLimits(min_font_size=8, min_line_height=1.1, min_spacing=0.5)
TIGHT = ThemeOptions(font_size=8, line_height=1.1, spacing=0.5)  # already as tight as allowed


def _lines(profile: Profile, options: ThemeOptions) -> int:
    """A fake layout: ten lines a page, one per entry and one per highlight."""
    lines = sum(1 + len(p.highlights) for p in profile.projects)
    lines += sum(1 + len(j.highlights) for j in profile.experience)
    return -(-lines // 10)


def _fit(data: dict, pages: int = 1):
    profile = Profile.model_validate({"basics": {"name": "A"}, **data})
    return fit(profile, TIGHT, LIMITS, pages, _lines)


def _highlights(entries) -> dict[str, list[str]]:
    return {e.id: [h.text for h in e.highlights] for e in entries}


def test_undated_projects_lose_highlights_from_the_last_listed_first():
    # 3 projects x (1 + 4) = 15 lines: five must go, all from the last-listed projects
    result = _fit({"projects": [
        {"id": "newest", "name": "Newest", "highlights": ["n1", "n2", "n3", "n4"]},
        {"id": "middle", "name": "Middle", "highlights": ["m1", "m2", "m3", "m4"]},
        {"id": "oldest", "name": "Oldest", "highlights": ["o1", "o2", "o3", "o4"]},
    ]})
    assert _highlights(result.profile.projects) == {
        "newest": ["n1", "n2", "n3", "n4"], "middle": ["m1", "m2"], "oldest": ["o1"]}
    assert result.cuts[0] == 'dropped highlight from projects/oldest: "o4"'


def test_an_older_entry_is_trimmed_to_its_first_highlight_before_a_newer_one_loses_any():
    # the newest job is pinned; of the other two, the older one goes first, whatever the list order
    result = _fit({"experience": [
        {"id": "now", "company": "Now", "position": "P", "start": "2021", "highlights": ["a"]},
        {"id": "old", "company": "Old", "position": "P", "start": "2010", "end": "2012",
         "highlights": ["o1", "o2", "o3"]},
        {"id": "mid", "company": "Mid", "position": "P", "start": "2015", "end": "2020",
         "highlights": ["m1", "m2", "m3", "m4"]},
    ]})  # 2 + 4 + 5 = 11 lines: one must go
    assert _highlights(result.profile.experience) == {"now": ["a"], "old": ["o1", "o2"], "mid": ["m1", "m2", "m3", "m4"]}
    more = _fit({"experience": [
        {"id": "now", "company": "Now", "position": "P", "start": "2021", "highlights": ["a"]},
        {"id": "mid", "company": "Mid", "position": "P", "start": "2015", "end": "2020",
         "highlights": ["m1", "m2", "m3", "m4"]},
        {"id": "old", "company": "Old", "position": "P", "start": "2010", "end": "2012",
         "highlights": ["o1", "o2", "o3", "o4"]},
    ]})  # 2 + 5 + 5 = 12 lines: two must go, both from the older job
    assert _highlights(more.profile.experience) == {"now": ["a"], "mid": ["m1", "m2", "m3", "m4"], "old": ["o1", "o2"]}


def test_whole_undated_entries_go_from_the_last_listed():
    result = _fit({"projects": [{"id": f"p{i}", "name": f"P{i}"} for i in range(12)]})
    assert [p.id for p in result.profile.projects] == [f"p{i}" for i in range(10)]


def test_entries_without_highlights_are_passed_over_when_highlights_go():
    # awards, languages and certifications have no highlights: the highlights of the others go
    result = _fit({"projects": [{"id": "p", "name": "P", "highlights": ["p1", "p2", "p3", "p4", "p5", "p6"]},
                                {"id": "q", "name": "Q", "highlights": ["q1", "q2", "q3", "q4"]}],
                   "awards": [{"id": "prize", "title": "Prize", "date": "2001"}],
                   "languages": [{"id": "de", "language": "German"}],
                   "certifications": [{"id": "cka", "name": "CKA"}]})  # 7 + 5 = 12 lines on 10
    assert _highlights(result.profile.projects) == {"p": ["p1", "p2", "p3", "p4", "p5", "p6"], "q": ["q1", "q2"]}
    assert [a.id for a in result.profile.awards] == ["prize"]


def _lines_with_paragraphs(profile: Profile, options: ThemeOptions) -> int:
    """Ten lines a page: one per entry, per highlight and per paragraph (summary, outcome)."""
    lines = sum(1 + len(p.highlights) + bool(p.summary) + bool(p.outcome) for p in profile.projects)
    lines += sum(1 + len(j.highlights) + bool(j.summary) for j in profile.experience)
    return -(-lines // 10)


def test_an_entry_loses_its_paragraphs_before_its_highlights():
    """Without a posting every part of an entry is equally relevant, and at equal relevance
    paragraphs go before highlights (the rule with a posting): the review found bullets cut
    down to one under long paragraphs of the same entry."""
    profile = Profile.model_validate({"basics": {"name": "A"}, "projects": [
        {"id": "newest", "name": "Newest", "summary": "Why it mattered", "highlights": ["n1", "n2", "n3", "n4"]},
        {"id": "oldest", "name": "Oldest", "summary": "What it was", "outcome": "What came of it",
         "highlights": ["o1", "o2", "o3"]}]})  # 6 + 6 = 12 lines on 10: two go, the oldest's paragraphs
    result = fit(profile, TIGHT, LIMITS, 1, _lines_with_paragraphs)
    oldest = next(p for p in result.profile.projects if p.id == "oldest")
    assert (oldest.summary, oldest.outcome, [h.text for h in oldest.highlights]) == (None, None, ["o1", "o2", "o3"])
    assert [c.label for c in result.cut] == ["projects/oldest outcome", "projects/oldest summary"]  # longest first
    # 3 must go: then the oldest's last highlight, before the newest loses anything
    more = Profile.model_validate({**profile.model_dump(exclude_none=True),
                                   "projects": [*profile.model_dump(exclude_none=True)["projects"],
                                                {"id": "x", "name": "X"}]})
    result = fit(more, TIGHT, LIMITS, 1, _lines_with_paragraphs)
    assert {p.id: (p.summary, [h.text for h in p.highlights]) for p in result.profile.projects} == {
        "newest": ("Why it mattered", ["n1", "n2", "n3", "n4"]), "oldest": (None, ["o1", "o2"]), "x": (None, [])}


def test_an_entry_without_highlights_loses_its_paragraphs_in_its_turn_before_entries_go():
    profile = Profile.model_validate({"basics": {"name": "A"}, "projects": [
        {"id": f"p{i}", "name": f"P{i}", "summary": f"About P{i}"} for i in range(6)]})  # 12 lines on 10
    result = fit(profile, TIGHT, LIMITS, 1, _lines_with_paragraphs)
    assert [p.id for p in result.profile.projects] == [f"p{i}" for i in range(6)]  # no entry went
    assert [c.label for c in result.cut] == ["projects/p5 summary", "projects/p4 summary"]

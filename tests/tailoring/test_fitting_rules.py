"""The page budget's rules one by one: ages, degree ranks, labels, cut messages, ranks.

tests/tailoring/test_fitting.py checks the fitter as a whole; these pin each rule that
decides *what* goes first, so that a change to one of them fails a test.
"""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from resume_builder.schema.profile import Award, Education, Experience, Profile, Project, Role, Volunteering
from resume_builder.loading import load_profile
from resume_builder.pipeline import builtin_vocabulary
from resume_builder.tailoring.fitting import (_age_key, _apply_units, _degree_rank, _label, _lead_in, _pinned,
                                              _relevant_cuts, _scaled, fit)
from resume_builder.tailoring.matching import match, relevance
from resume_builder.theming import FitLimits, ThemeOptions
from tests.conftest import EXAMPLE, FIXTURES
from tests.tailoring.posting_corpus import read
from tests.tailoring.test_fitting_lead_ins import fragments

LIMITS = FitLimits(min_font_size=8, min_line_height=1.1, min_spacing=0.5)
NEVER = (0, 0, 0)
PRESENT = (9999, 12, 31)


# ----------------------------------------------------------------------------- tightening


def test_scaled_moves_each_option_toward_its_floor_by_t():
    options = ThemeOptions(font_size=10, line_height=1.4, spacing=1.0)
    assert _scaled(options, LIMITS, 0.0) == options
    half = _scaled(options, LIMITS, 0.5)
    assert (half.font_size, half.line_height, half.spacing) == (9.0, 1.25, 0.75)
    third = _scaled(options, LIMITS, 1 / 3)
    assert (third.font_size, third.line_height, third.spacing) == (9.33, 1.3, 0.83)  # rounded to 2 places
    tightest = _scaled(options, LIMITS, 1.0)
    assert (tightest.font_size, tightest.line_height, tightest.spacing) == (8, 1.1, 0.5)


def test_an_option_already_below_its_floor_is_left_alone():
    options = ThemeOptions(font_size=7.5, line_height=1.0, spacing=0.45)
    assert _scaled(options, LIMITS, 1.0) == options


def test_an_option_at_its_floor_is_left_alone_however_precise():
    options = ThemeOptions(font_size=8.125, line_height=1.125, spacing=0.625)  # not rounded to 8.12
    limits = FitLimits(min_font_size=8.125, min_line_height=1.125, min_spacing=0.625)
    assert _scaled(options, limits, 1.0) == options


def test_tightening_counts_pages_with_the_tightened_options():
    seen = []

    def count(profile, options):
        seen.append((profile is not None, options.font_size, options.line_height, options.spacing))
        return 1 if options.font_size <= 9 else 2

    profile = Profile.model_validate({"basics": {"name": "A"}})
    result = fit(profile, ThemeOptions(font_size=10, line_height=1.4, spacing=1.0), LIMITS, 1, count)
    assert result.pages == 1 and 8 <= result.options.font_size <= 9
    assert all(has_profile for has_profile, *_ in seen)
    assert (True, 8, 1.1, 0.5) in seen  # the tightest layout was tried
    assert result.options.line_height > 1.1 and result.options.spacing > 0.5  # not more than needed


# ----------------------------------------------------------------------------- ages


def _job(start, end=None):
    return Experience(company="C", position="P", start=start, **({"end": end} if end else {}))


@pytest.mark.parametrize("entry, expected", [
    (_job("2019-04", "present"), (PRESENT, (2019, 4, 1))),
    (_job("2019"), (PRESENT, (2019, 1, 1))),  # a job without an end goes on: the most recent
    (_job("2015-02-03", "2019"), ((2019, 12, 31), (2015, 2, 3))),
    (_job("2015", "2019-06"), ((2019, 6, 31), (2015, 1, 1))),  # a month's last day, for ordering only
    (Project(name="P", start="2018-05"), ((2018, 5, 31), (2018, 5, 1))),  # not a job: ends when it starts
    (Project(name="P", start="2018", end="2020-02"), ((2020, 2, 31), (2018, 1, 1))),
    (Project(name="P"), (NEVER, NEVER)),
    (Award(title="A", date="2021-07"), ((2021, 7, 31), (2021, 7, 1))),
    (Award(title="A"), (NEVER, NEVER)),
    (Education(institution="U", degree="BSc", start="2010"), ((2010, 12, 31), (2010, 1, 1))),
    (Education(institution="U", degree="BSc", end="2014"), ((2014, 12, 31), NEVER)),
    # a position without an end goes on, whether a job, a role at a company or volunteering
    (Volunteering(organization="Club", position="Coach", start="2012-03"), (PRESENT, (2012, 3, 1))),
    (Volunteering(organization="Club", start="2012-03", end="2013"), ((2013, 12, 31), (2012, 3, 1))),
    (Role(position="Lead", start="2017-09"), (PRESENT, (2017, 9, 1))),
    (Role(position="Lead", start="2017-09", end="2019"), ((2019, 12, 31), (2017, 9, 1))),
])
def test_age_key(entry, expected):
    assert _age_key(entry) == expected


def test_age_key_orders_present_before_ended_and_later_starts_first():
    jobs = [_job("2010", "2012"), _job("2015", "present"), _job("2018"), _job("2011", "2012-12")]
    assert sorted(range(4), key=lambda i: _age_key(jobs[i])) == [0, 3, 1, 2]


# ----------------------------------------------------------------------------- degrees


@pytest.mark.parametrize("degree, area, rank", [
    ("PhD", None, 5), ("Doctor of Philosophy", "Physics", 5), ("DPhil", None, 5),
    ("Master of Science", None, 4), ("M.Tech", None, 4), ("MTech", None, 4), ("MSc", None, 4), ("M.Sc.", None, 4),
    ("MBA", None, 4), ("M.S.", None, 4), ("M.A.", None, 4), ("M.Eng.", None, 4),
    ("Bachelor of Arts", None, 3), ("B.Tech", None, 3), ("BTech", None, 3), ("BSc", None, 3), ("B.Sc.", None, 3),
    ("B.A.", None, 3), ("B.S.", None, 3), ("B.Eng.", None, 3),
    ("Associate of Science", None, 2), ("Diploma", "Design", 1),
    ("Certificate", None, 0), (None, None, 0), (None, "PhD research in optics", 5),
    ("Exchange year", "Master of Arts programme", 4),
])
def test_degree_rank(degree, area, rank):
    assert _degree_rank(SimpleNamespace(degree=degree, area=area)) == rank


# ----------------------------------------------------------------------------- labels


@pytest.mark.parametrize("fields, label", [
    ({"id": "the-id", "name": "N", "title": "T", "company": "C"}, "experience/the-id"),
    ({"id": None, "name": "N", "title": "T", "company": "C"}, "experience/N"),
    ({"id": None, "name": None, "title": "T", "company": "C"}, "experience/T"),
    ({"id": None, "company": "C", "institution": "I"}, "experience/C"),
    ({"id": None, "institution": "I", "degree": "D"}, "experience/I"),
    ({"id": None, "institution": None, "degree": "D"}, "experience/D"),
    ({"id": None}, "experience/"),
])
def test_label_names_an_entry_by_its_most_specific_field(fields, label):
    assert _label("experience", SimpleNamespace(**fields)) == label


# ----------------------------------------------------------------------------- lead-ins (and test_fitting_lead_ins.py)


@pytest.mark.parametrize("text, split", [
    ("Key highlights in this project:", ("", "Key highlights in this project:")),
    ("LB Manager hooks to F5.\n\nIt presents users with following functionality:\n",
     ("LB Manager hooks to F5.", "It presents users with following functionality:")),
    ("During my tenure I set up Argo. My primary responsibilities included:",
     ("", "During my tenure I set up Argo. My primary responsibilities included:")),  # one paragraph: all of it
    ("**Key features:**", ("", "**Key features:**")),  # Markdown around the colon
    ("Fonctionnalités principales :", ("", "Fonctionnalités principales :")),
    ("主な機能：", ("", "主な機能：")),  # a fullwidth colon
    ("Ratio 3:1 of reads to writes.", None), ("A paragraph.\n\nAnd another.", None), ("", None), (None, None),
])
def test_a_lead_in_is_the_last_paragraph_when_it_ends_with_a_colon(text, split):
    assert _lead_in(text) == split


def test_no_set_of_cuts_with_a_posting_leaves_a_fragment():
    """Whatever the bisection and the refill pick of the cuts a posting ranks (any prefix, any
    subset), no list is left without its lead-in nor a lead-in with one item: the example
    profile, ranked for sre-en.md."""
    profile = load_profile(EXAMPLE).profile
    scores = relevance(match(profile, read(FIXTURES / "postings" / "sre-en.md"), builtin_vocabulary()))
    units = _relevant_cuts(profile, _pinned(profile, set(), set()), scores)
    assert any(u.kind == "list" for u in units) and any(u.label.endswith(" before its lead-in") for u in units)
    pick = random.Random(0)
    subsets = [units[:n] for n in range(len(units) + 1)] + [pick.sample(units, pick.randrange(len(units) + 1))
                                                            for _ in range(200)]
    for chosen in subsets:
        assert fragments(profile, _apply_units(profile, chosen)) == [], [u.label for u in chosen]


# ----------------------------------------------------------------------------- what goes first, and what is said


def _lines(profile: Profile, options: ThemeOptions) -> int:
    """A fake layout: one line per entry and per highlight, 10 lines a page."""
    lines = 0
    for section in ("experience", "projects"):
        for entry in getattr(profile, section):
            lines += 1 + len(entry.highlights)
    for custom in profile.custom:
        for entry in custom.entries:
            lines += 1 + len(entry.highlights)
    return -(-lines // 10)


LONG = "Moved the nightly batch of invoices to a queue with retries and dead letters for good"  # 85 characters
SIXTY = "x" * 60


def _run(data: dict, pages: int = 1, **kwargs):
    profile = Profile.model_validate({"basics": {"name": "A"}, **data})
    options = ThemeOptions(font_size=8, line_height=1.1, spacing=0.5)  # already as tight as allowed
    return fit(profile, options, LIMITS, pages, _lines, **kwargs)


def test_cut_messages_name_the_entry_and_quote_the_highlight_up_to_60_characters():
    # 3 + 8 lines: one highlight must go, the last of the older entry (its first is its best)
    result = _run({"experience": [
        {"id": "now", "company": "Now", "position": "P", "start": "2020", "highlights": ["a", "b"]},
        {"id": "old", "company": "Old", "position": "P", "start": "2010", "end": "2012",
         "highlights": ["keep", LONG, SIXTY, "d", "e", "f", "g"]},
    ]})
    assert result.cuts == ['dropped highlight from experience/old: "g"']
    # 8 + 4 lines: two must go; 60 characters are quoted whole, longer ones cut at 57 and "…"
    most = _run({"experience": [
        {"id": "now", "company": "Now", "position": "P", "start": "2020", "highlights": list("abcdefg")},
        {"id": "old", "company": "Old", "position": "P", "start": "2010", "end": "2012",
         "highlights": ["keep", LONG, SIXTY]},
    ]})
    assert most.cuts == [f'dropped highlight from experience/old: "{SIXTY}"',
                         f'dropped highlight from experience/old: "{LONG[:57]}…"']
    assert [h.text for h in most.profile.experience[1].highlights] == ["keep"]
    assert len(most.profile.experience[0].highlights) == 7  # the newest job is never trimmed
    # 61 characters are one too many
    over = _run({"experience": [
        {"id": "now", "company": "Now", "position": "P", "start": "2020", "highlights": list("abcdefg")},
        {"id": "old", "company": "Old", "position": "P", "start": "2010", "end": "2012",
         "highlights": ["keep", SIXTY + "y"]}]})
    assert over.cuts == [f'dropped highlight from experience/old: "{SIXTY[:57]}…"']


def test_highlights_of_custom_entries_are_cut_and_the_others_stay():
    result = _run({  # 4 + 7 lines
        "experience": [{"id": "now", "company": "Now", "position": "P", "start": "2020",
                        "highlights": ["a", "b", "c"]}],
        "custom": [
            {"id": "talks", "title": "Talks", "items": ["an item is not a highlight"]},
            {"id": "teaching", "title": "Teaching", "entries": [
                {"id": "course", "title": "Course", "highlights": ["c1", "c2", "c3", "c4", "c5", "c6"]}]},
        ]})
    assert result.cuts == ['dropped highlight from teaching/course: "c6"']
    assert [h.text for h in result.profile.custom[1].entries[0].highlights] == ["c1", "c2", "c3", "c4", "c5"]
    assert [h.text for h in result.profile.custom[0].items] == ["an item is not a highlight"]
    assert [h.text for h in result.profile.experience[0].highlights] == ["a", "b", "c"]


def test_custom_entries_are_dropped_whole_when_highlights_are_not_enough():
    result = _run({
        "experience": [{"id": "now", "company": "Now", "position": "P", "start": "2020"}],
        "custom": [{"id": "teaching", "title": "Teaching", "entries": [
            {"id": f"c{i}", "title": f"Course {i}", "date": f"{2010 + i}"} for i in range(12)]}]})
    assert result.cuts == ["dropped entry teaching/c0", "dropped entry teaching/c1", "dropped entry teaching/c2"]
    assert [e.id for e in result.profile.custom[0].entries] == [f"c{i}" for i in range(3, 12)]






def test_entries_of_the_same_age_go_from_the_end_of_the_list():
    result = _run({"experience": [{"id": "now", "company": "Now", "position": "P", "start": "2020"}],
                   "projects": [{"id": f"p{i}", "name": f"P{i}"} for i in range(11)]})
    assert result.cuts == ["dropped entry projects/p10", "dropped entry projects/p9"]


def test_an_entry_is_pinned_by_its_id_alone_or_by_a_tag_alone():
    data = {"experience": [
        {"id": "now", "company": "Now", "position": "P", "start": "2020", "highlights": ["n1", "n2", "n3"]},
        {"id": "old", "company": "Old", "position": "P", "start": "2010", "end": "2012", "tags": ["ops"],
         "highlights": ["o1", "o2", "o3"]},
        {"id": "mid", "company": "Mid", "position": "P", "start": "2013", "end": "2015",
         "highlights": ["m1", "m2", "m3"]}]}  # 12 lines on 10: two highlights go, the oldest job's
    kept = {j.id: [h.text for h in j.highlights] for j in _run(data).profile.experience}
    assert kept == {"now": ["n1", "n2", "n3"], "old": ["o1"], "mid": ["m1", "m2", "m3"]}
    for pins in ({"pinned_ids": {"old"}}, {"pinned_tags": {"ops"}}, {"pinned_ids": {"old"}, "pinned_tags": {"x"}}):
        kept = {j.id: [h.text for h in j.highlights] for j in _run(data, **pins).profile.experience}
        assert kept == {"now": ["n1", "n2", "n3"], "old": ["o1", "o2", "o3"], "mid": ["m1"]}, pins


# Relevance-ranked cuts (with a posting) are proven in tests/tailoring/test_fitting_relevance.py,
# against the whole-résumé Relevance model that replaced the per-entry score tables, and rule
# by rule in tests/tailoring/test_fitting_posting.py.

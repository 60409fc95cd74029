"""Page budget: tighten first, then highlights, then entries; pins and the newest job stay."""

from __future__ import annotations

import pytest

from resume_builder.errors import UserError
from resume_builder.schema.profile import Profile
from resume_builder.tailoring.fitting import Relevance, fit
from resume_builder.theming import FitLimits, ThemeOptions

PROFILE = {
    "basics": {"name": "Sam Sample"},
    "experience": [
        {"id": "new", "company": "Now Co", "position": "Lead", "start": "2020", "highlights": ["n1", "n2", "n3"]},
        {"id": "mid", "company": "Mid Co", "position": "Senior", "start": "2015", "end": "2019",
         "highlights": ["m1", "m2", "m3"], "tags": ["keep-me"]},
        {"id": "old", "company": "Old Co", "position": "Junior", "start": "2010", "end": "2014",
         "highlights": ["o1", "o2"]},
    ],
    "education": [
        {"id": "bsc", "degree": "BSc", "institution": "U", "start": "2006", "end": "2009"},
        {"id": "msc", "degree": "MSc", "institution": "U", "start": "2009", "end": "2010"},
    ],
}
LIMITS = FitLimits(min_font_size=8, min_line_height=1.1, min_spacing=0.5)


def weight(profile: Profile, options: ThemeOptions) -> float:
    """A fake layout: every highlight and entry costs space; smaller type costs less."""
    units = 0.0
    for job in profile.experience:
        units += 2 + len(job.highlights)
    units += 2 * len(profile.education)
    return units * options.font_size / 10


def pages_for(capacity: float):
    def count(profile: Profile, options: ThemeOptions) -> int:
        return max(1, -(-int(weight(profile, options) * 100) // int(capacity * 100)))
    return count


def run(capacity: float, max_pages: int = 1, **kwargs):
    profile = Profile.model_validate(PROFILE)
    return fit(profile, ThemeOptions(font_size=10), LIMITS, max_pages, pages_for(capacity), **kwargs)


def test_already_fits_changes_nothing():
    result = run(100)
    assert result.cuts == [] and result.options.font_size == 10


def test_tightening_alone_when_enough():
    result = run(16)  # 18 units at 10pt; fits at about 8.9pt
    assert len(result.cuts) == 1 and result.cuts[0].startswith("tightened the layout")
    assert 8 <= result.options.font_size < 10
    assert sum(len(j.highlights) for j in result.profile.experience) == 8
    assert result.options.font_size > 8  # the least tightening that fits, not the most


def test_highlights_go_before_entries_from_the_end_oldest_first():
    result = run(12)  # 14.4 units even at 8pt: three highlights must go
    assert all(c.startswith(("tightened", "dropped highlight")) for c in result.cuts)
    old = next(j for j in result.profile.experience if j.id == "old")
    assert [h.text for h in old.highlights] == ["o1"]  # the last one went first; the best one stays
    assert len(result.profile.experience) == 3


def test_entries_go_last_but_never_the_newest_job_or_highest_degree_or_pinned():
    result = run(10, pinned_tags={"keep-me"})
    ids = [j.id for j in result.profile.experience]
    assert "new" in ids and "mid" in ids
    assert [e.id for e in result.profile.education] == ["msc"]
    assert any(c.startswith("dropped entry experience/old") for c in result.cuts)


def test_relevance_decides_which_highlight_goes():
    result = run(12, relevance=Relevance({("experience", 1, "highlights[2]"): (5, ("Kubernetes",))}))
    mid = next(j for j in result.profile.experience if j.id == "mid")
    assert [h.text for h in mid.highlights] == ["m3"]
    new = next(j for j in result.profile.experience if j.id == "new")
    assert len(new.highlights) == 3  # the most recent position is never trimmed


def test_cannot_fit_says_how_far_over():
    with pytest.raises(UserError, match=r"still takes \d+ pages \(\d+ over\)"):
        run(1, pinned_ids={"mid", "old", "bsc"})


def test_input_profile_is_untouched():
    profile = Profile.model_validate(PROFILE)
    before = profile.model_dump()
    fit(profile, ThemeOptions(font_size=10), LIMITS, 1, pages_for(9))
    assert profile.model_dump() == before


def _education_profile(degrees: list[tuple[str, str, str]]) -> Profile:
    """One job and the given (id, degree, end year) education entries, listed in that order."""
    return Profile.model_validate({
        "basics": {"name": "Sam Sample"},
        "experience": [{"id": "job", "company": "Now Co", "position": "Lead", "start": "2020"}],
        "education": [{"id": i, "degree": d, "institution": "U", "start": str(int(end) - 2), "end": end}
                      for i, d, end in degrees]})


@pytest.mark.parametrize("degrees, kept", [
    # the highest degree is older than a lower one taken later: the highest stays
    ([("phd", "PhD in Physics", "2012"), ("bsc", "BSc in Computing", "2018")], "phd"),
    ([("bsc", "BSc in Computing", "2018"), ("phd", "PhD in Physics", "2012")], "phd"),
    ([("dip", "Diploma in Design", "2020"), ("msc", "Master of Science", "2011"), ("ba", "Bachelor of Arts", "2016")],
     "msc"),
    ([("mba", "MBA", "2015"), ("beng", "B.Eng. Mechanical", "2019"), ("assoc", "Associate Degree", "2021")], "mba"),
    # equal degrees: the more recent one
    ([("bsc1", "BSc Maths", "2010"), ("bsc2", "BSc Physics", "2014")], "bsc2"),
])
def test_the_highest_degree_is_pinned_not_the_newest(degrees, kept):
    profile = _education_profile(degrees)

    def one_entry_per_page(p: Profile, options: ThemeOptions) -> int:
        return len(p.experience) + len(p.education)  # only one education entry fits beside the job

    result = fit(profile, ThemeOptions(font_size=10), LIMITS, 2, one_entry_per_page)
    assert [e.id for e in result.profile.education] == [kept]
    assert [j.id for j in result.profile.experience] == ["job"]
    assert all(c.startswith(("tightened", "dropped entry education/")) for c in result.cuts), result.cuts


def test_the_newest_job_is_pinned_whatever_its_place_in_the_list():
    profile = Profile.model_validate({
        "basics": {"name": "Sam Sample"},
        "experience": [
            {"id": "old", "company": "Old Co", "position": "Junior", "start": "2010", "end": "2014"},
            {"id": "now", "company": "Now Co", "position": "Lead", "start": "2019"},  # no end: current
            {"id": "mid", "company": "Mid Co", "position": "Senior", "start": "2015", "end": "2019-06"},
        ]})
    result = fit(profile, ThemeOptions(font_size=10), LIMITS, 1, lambda p, o: len(p.experience))
    assert [j.id for j in result.profile.experience] == ["now"]

"""The page budget cuts no more than it needs: what an early cut took and a later one made
unnecessary is put back (tailoring/fitting.py, ``_restore``).

Before (a user trial): a profile with a 3,000-character highlight on a 2016 internship and
four undated languages lost the four languages, then the internship; the internship alone
was needed, so "Portuguese (C1)" went for nothing. The layout is tests/tailoring/page_model.py's
(a line per entry heading and per 40 characters, a line per language or interest), the options
already as tight as the theme allows, so every line gained is a cut.
"""

from __future__ import annotations

from resume_builder.errors import UserError
from resume_builder.pipeline import builtin_vocabulary
from resume_builder.schema.profile import Profile
from resume_builder.tailoring import fitting
from resume_builder.tailoring.fitting import RESTORE_TRIALS, _restore, fit
from resume_builder.tailoring.keywords import posting_from_text
from resume_builder.tailoring.matching import match, relevance
from resume_builder.theming import FitLimits, ThemeOptions
from tests.tailoring.page_model import lines

LIMITS = FitLimits(min_font_size=8, min_line_height=1.1, min_spacing=0.5)
TIGHT = ThemeOptions(font_size=8, line_height=1.1, spacing=0.5)  # already at LIMITS
NOW = {"id": "now", "company": "Lumen Freight", "position": "Backend Engineer", "start": "2021-02",
       "highlights": ["Moved 40 services from cron jobs to Kafka consumers"]}  # the newest job: never cut
OCADO = {"id": "ocado", "company": "Ocado Technology", "position": "Intern", "start": "2016-06", "end": "2016-09",
         "highlights": ["Tuned the picking grid's telemetry pipeline. " * 9]}  # 405 characters: 11 lines
LANGUAGES = [{"language": name, "fluency": level}
             for name, level in (("English", "Native"), ("Portuguese", "C1"), ("French", "B2"), ("German", "A2"))]


def _profile(data: dict) -> Profile:
    return Profile.model_validate({"basics": {"name": "Robin Quill"}, **data})


def _fit(profile: Profile, per_page: int, **kwargs):
    return fit(profile, TIGHT, LIMITS, 1, lambda p, options: -(-lines(p) // per_page), **kwargs)


def test_a_cut_a_later_cut_made_unnecessary_comes_back():
    profile = _profile({"experience": [NOW, OCADO], "languages": LANGUAGES})
    assert lines(profile) == 3 + 12 + 4
    # 14 lines a page: five must go. The undated languages rank below the 2016 internship, so
    # the search drops all four (not enough), then the internship, which alone frees 12.
    result = _fit(profile, 14)
    assert result.cuts == ["dropped entry experience/ocado"]
    assert [entry.language for entry in result.profile.languages] == ["English", "Portuguese", "French", "German"]
    assert result.pages == 1


def test_of_the_cuts_that_could_come_back_the_most_relevant_do():
    """Without a posting the most relevant is the profile's own order: the first-listed
    language comes back before the later ones when not all of them can."""
    profile = _profile({"experience": [NOW, OCADO], "languages": LANGUAGES})
    result = _fit(profile, 8)  # 11 lines must go: the internship (12) and... nothing else
    assert result.cuts == ["dropped entry experience/ocado"]
    result = _fit(profile, 5)  # 14 must go: the internship and two languages, the last two listed
    assert result.cuts == ["dropped entry languages/German", "dropped entry languages/French",
                           "dropped entry experience/ocado"]


def _mixed() -> Profile:
    """Entries of every size, paragraphs and highlights of every length, no ids but the newest job's."""
    return _profile({
        "experience": [NOW, OCADO,
                       {"company": "Parcelbox", "position": "Developer", "start": "2018-01", "end": "2021-01",
                        "summary": "Label printing and tracking for 3,000 depots, " * 3,
                        "highlights": ["Designed the label-printing API" + "." * 20, "Partitioned the tracking table",
                                       "Moved the scanners from polling to webhooks, cutting load by two thirds"]}],
        "projects": [{"name": "Queue inspector", "outcome": "Adopted by four teams at work and used in incidents " * 2,
                      "highlights": ["A terminal UI for Kafka topics", "b" * 130, "Packaged for Homebrew and apt"]},
                     {"name": "Dotfiles", "highlights": ["Shell setup", "Editor setup"]}],
        "languages": LANGUAGES, "interests": [{"name": "Bouldering"}, {"name": "Sourdough baking"}]})


def _one_more(original: Profile, result: Profile, from_end: bool = True) -> list[tuple[str, Profile]]:
    """Each single cut of ``result`` undone: a dropped entry back, a dropped paragraph back, or a
    highlight back: without a posting the first one dropped from its list (highlights go from a
    list's end), with one (``from_end`` false) any."""
    out = []
    for section in ("experience", "projects", "languages", "interests"):
        kept = getattr(result, section)
        for entry in getattr(original, section):
            shown = next((e for e in kept if (e.id or e.model_dump(include={"company", "name", "language"}))
                          == (entry.id or entry.model_dump(include={"company", "name", "language"}))), None)
            if shown is None:
                out.append((f"{section} entry", result.model_copy(update={section: [*kept, entry]})))
                continue
            changes = {name: getattr(entry, name) for name in ("summary", "outcome")
                       if getattr(entry, name, None) and not getattr(shown, name)}
            missing = [h for h in getattr(entry, "highlights", []) if h not in shown.highlights]
            lists = [("highlights", entry.highlights[:len(shown.highlights) + 1])] if from_end and missing else \
                [("highlights", [h for h in entry.highlights if h in shown.highlights or h is back])
                 for back in missing]
            for name, value in [*changes.items(), *lists]:
                others = [shown.model_copy(update={name: value}) if e is shown else e for e in kept]
                out.append((f"{section} {name}", result.model_copy(update={section: others})))
    return out


def test_no_cut_could_come_back_whatever_the_page_size():
    """The minimal-cut property: on every page size that can be met, undoing any one cut that
    remains overflows the page."""
    profile = _mixed()
    checked = 0
    for per_page in range(4, lines(profile)):
        try:
            result = _fit(profile, per_page)
        except UserError:  # nothing allowed makes it fit (the newest job stays)
            continue
        assert lines(result.profile) <= per_page, per_page
        for what, bigger in _one_more(profile, result.profile):
            assert lines(bigger) > per_page, (per_page, what, result.cuts)
        checked += 1
    assert checked >= 20


def test_putting_cuts_back_takes_few_layouts():
    """At most RESTORE_TRIALS layouts; none when every cut is as long as the last one, which the
    search already tried to do without (the usual case on a page holding a fixed amount of text)."""
    class Item:
        def __init__(self, size: int):
            self.size, self.blocks = size, 1

    calls = []

    def fits_when(limit: int):
        def fits(cut: list) -> bool:
            calls.append(cut)
            return sum(item.size for item in items) - sum(item.size for item in cut) <= limit
        return fits

    items = [Item(50) for _ in range(60)]
    assert len(_restore(items, items[::-1], fits_when(10), lambda item, kept: False)) == 60
    assert calls == []
    # sixty cuts of 41 to 100 characters in no order and room for 1,000 of them: trying each
    # would take dozens of layouts; it stops at the limit, what it put back fitting
    items = [Item(41 + (i * 37) % 60) for i in range(60)] + [Item(200)]
    fits = fits_when(sum(item.size for item in items) - 200 - 1000)
    staying = _restore(items, items[::-1], fits, lambda item, kept: False)
    assert len(calls) == RESTORE_TRIALS and items[-1] in staying
    assert fits(staying) and len(staying) < 60 - 10  # more than ten came back


POSTING = """\
# Backend Engineer at Tidewater Logistics

## Requirements
- Production experience with Kafka

## Nice to have
- Fluent French is a plus
"""


def test_a_language_the_posting_asks_for_is_kept_over_an_unrelated_interest():
    """Before spoken.py, "French" was no posting term: the language entry (8 characters) and
    the interest ("Chess", 5) were both worth nothing, and the longer went first."""
    profile = _profile({"experience": [NOW], "languages": [{"language": "French", "fluency": "B2"}],
                        "interests": [{"name": "Chess"}]})
    points = relevance(match(profile, posting_from_text(POSTING, "job.md"), builtin_vocabulary()))
    assert lines(profile) == 3 + 1 + 1
    result = _fit(profile, 4, relevance=points)  # one line must go
    assert result.cuts == ["dropped entry interests/Chess (no posting terms)"]
    assert [entry.language for entry in result.profile.languages] == ["French"]
    assert result.kept["French"] == "languages/French language"


def test_with_a_posting_no_cut_could_come_back_given_the_layouts(monkeypatch):
    """The same property with a posting (the language it asks for weighs, the rest by
    relevance), the greedy given layouts enough: on this profile it needs up to 16, more than
    RESTORE_TRIALS allows on some page sizes (then the least relevant of what it did not try
    stays cut)."""
    monkeypatch.setattr(fitting, "RESTORE_TRIALS", 100)
    profile = _mixed()
    points = relevance(match(profile, posting_from_text(POSTING, "job.md"), builtin_vocabulary()))
    checked = 0
    for per_page in range(4, lines(profile)):
        try:
            result = _fit(profile, per_page, relevance=points)
        except UserError:
            continue
        assert lines(result.profile) <= per_page, per_page
        for what, bigger in _one_more(profile, result.profile, from_end=False):
            assert lines(bigger) > per_page, (per_page, what, result.cuts)
        checked += 1
    assert checked >= 20

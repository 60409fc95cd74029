"""Page budget: make a tailored résumé fit ``max_pages``, saying exactly what it cut.

In order, stopping as soon as it fits:

1. tighten the layout (font size, line height, vertical spacing) no further than the
   theme's ``[fit]`` limits, by the least amount that fits;
2. drop highlights, lowest-ranked first — by relevance to the job when one is given, else
   from the end of each entry, oldest entries first — keeping each entry's best one;
3. drop whole entries, least relevant and oldest first; never the most recent position,
   the highest degree, or anything pinned (by id or tag); the contact block is not an
   entry and is never cut;
4. otherwise fail, saying how far over the budget it still is.

Page counts come from a ``count_pages(profile, options)`` function (the real PDF layout in
the pipeline), so this module stays pure and testable. Each search is a bisection over how
much to cut, so a fit needs a dozen or so layouts, not one per bullet point.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from resume_builder.errors import UserError
from resume_builder.markdown import plain_text
from resume_builder.schema.profile import Profile
from resume_builder.theming import FitLimits, ThemeOptions

CountPages = Callable[[Profile, ThemeOptions], int]

# Sections whose entries may be dropped whole, and whose entries' highlights may be trimmed.
DROPPABLE = ("projects", "volunteering", "awards", "certifications", "publications", "experience",
             "education", "references", "interests", "languages")
_DEGREE_RANK = (("phd", 5), ("doctor", 5), ("dphil", 5), ("master", 4), ("m.tech", 4), ("mtech", 4),
                ("msc", 4), ("m.sc", 4), ("mba", 4), ("m.s", 4), ("m.a", 4), ("m.eng", 4), ("bachelor", 3),
                ("b.tech", 3), ("btech", 3), ("bsc", 3), ("b.sc", 3), ("b.a", 3), ("b.s", 3), ("b.eng", 3),
                ("associate", 2), ("diploma", 1))


@dataclass
class FitResult:
    profile: Profile
    options: ThemeOptions
    pages: int
    cuts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Bullet:
    """A highlight that may be dropped: where it is and how it ranks (lower goes first)."""

    section: str
    entry: int  # index in the section (or in the custom section's entries)
    custom: int | None  # index of the custom section, when inside one
    index: int  # index in the entry's highlights
    rank: tuple
    label: str


@dataclass(frozen=True)
class _Droppable:
    section: str
    entry: int
    custom: int | None
    rank: tuple
    label: str


def fit(profile: Profile, options: ThemeOptions, limits: FitLimits, max_pages: int, count_pages: CountPages,
        *, relevance: dict[tuple[str, str], int] | None = None, highlight_relevance: dict[tuple[str, str, int], int]
        | None = None, pinned_ids: set[str] = frozenset(), pinned_tags: set[str] = frozenset()) -> FitResult:
    """Fit ``profile`` into ``max_pages`` (see the module docstring for the order of cuts)."""
    pages = count_pages(profile, options)
    if pages <= max_pages:
        return FitResult(profile, options, pages)
    cuts: list[str] = []
    options, pages = _tighten(profile, options, limits, max_pages, count_pages, cuts)
    if pages <= max_pages:
        return FitResult(profile, options, pages, cuts)
    pinned = _pinned(profile, pinned_ids, pinned_tags)
    bullets = _bullets(profile, pinned, highlight_relevance or {}, relevance or {})
    profile, pages = _bisect_cut(profile, options, bullets, max_pages, count_pages, _drop_bullets, cuts,
                                 "dropped highlight from")
    if pages <= max_pages:
        return FitResult(profile, options, pages, cuts)
    entries = _entries(profile, pinned, relevance or {})
    profile, pages = _bisect_cut(profile, options, entries, max_pages, count_pages, _drop_entries, cuts,
                                 "dropped entry")
    if pages <= max_pages:
        return FitResult(profile, options, pages, cuts)
    raise UserError(
        f"cannot fit the résumé into {max_pages} page{'s' if max_pages != 1 else ''}: after tightening the "
        f"layout to the theme's limits and cutting everything allowed it still takes {pages} pages "
        f"({pages - max_pages} over)",
        hint="raise max_pages, choose a denser theme (compact), drop sections in the variant, or pin fewer entries")


# ----------------------------------------------------------------------------- 1. tighten


def _scaled(options: ThemeOptions, limits: FitLimits, t: float) -> ThemeOptions:
    def toward(value: float, floor: float) -> float:
        return round(value - (value - floor) * t, 2) if value > floor else value

    return options.model_copy(update={
        "font_size": toward(options.font_size, limits.min_font_size),
        "line_height": toward(options.line_height, limits.min_line_height),
        "spacing": toward(options.spacing, limits.min_spacing),
    })


def _tighten(profile: Profile, options: ThemeOptions, limits: FitLimits, max_pages: int,
             count_pages: CountPages, cuts: list[str]) -> tuple[ThemeOptions, int]:
    tightest = _scaled(options, limits, 1.0)
    if tightest == options:
        return options, count_pages(profile, options)
    pages = count_pages(profile, tightest)
    best, best_pages = tightest, pages
    if pages <= max_pages:  # find the least tightening that still fits
        low, high = 0.0, 1.0
        for _ in range(4):
            middle = (low + high) / 2
            candidate = _scaled(options, limits, middle)
            candidate_pages = count_pages(profile, candidate)
            if candidate_pages <= max_pages:
                high, best, best_pages = middle, candidate, candidate_pages
            else:
                low = middle
    changes = [f"{name} {before:g} → {after:g}{unit}"
               for name, before, after, unit in (("font size", options.font_size, best.font_size, " pt"),
                                                 ("line height", options.line_height, best.line_height, ""),
                                                 ("spacing", options.spacing, best.spacing, ""))
               if f"{before:g}" != f"{after:g}"]  # only what visibly changed
    if changes:
        cuts.append("tightened the layout: " + ", ".join(changes))
    return best, best_pages


# ----------------------------------------------------------------------------- what may be cut


def _pinned(profile: Profile, ids: set[str], tags: set[str]) -> set[tuple[str, int, int | None]]:
    """(section, index, custom index) of entries that must stay whole."""
    out = set()
    for section, index, custom, entry in _all_entries(profile):
        if (entry.id and entry.id in ids) or set(entry.tags) & set(tags):
            out.add((section, index, custom))
    # The most recent position and the highest degree are never cut.
    if profile.experience:
        newest = max(range(len(profile.experience)), key=lambda i: _age_key(profile.experience[i]))
        out.add(("experience", newest, None))
    if profile.education:
        best = max(range(len(profile.education)), key=lambda i: (_degree_rank(profile.education[i]),
                                                                   _age_key(profile.education[i])))
        out.add(("education", best, None))
    return out


def _all_entries(profile: Profile):
    for section in DROPPABLE:
        for index, entry in enumerate(getattr(profile, section)):
            yield section, index, None, entry
    for custom_index, custom in enumerate(profile.custom):
        for index, entry in enumerate(custom.entries):
            yield custom.id, index, custom_index, entry


def _age_key(entry: Any) -> tuple:
    """Later end (present counts as latest), then later start: higher is more recent."""
    end = getattr(entry, "end", None)
    start = getattr(entry, "start", None) or getattr(entry, "date", None)
    end_key = (9999, 12, 31) if end == "present" or (end is None and start is not None and hasattr(entry, "company")) \
        else (end.latest() if end is not None else (start.latest() if start is not None else (0, 0, 0)))
    return end_key, start.earliest() if start is not None else (0, 0, 0)


def _degree_rank(entry: Any) -> int:
    text = " ".join(filter(None, (entry.degree, entry.area))).lower()
    return max((rank for word, rank in _DEGREE_RANK if word in text), default=0)


def _label(section: str, entry: Any) -> str:
    name = getattr(entry, "id", None) or getattr(entry, "name", None) or getattr(entry, "title", None) \
        or getattr(entry, "company", None) or getattr(entry, "institution", None) or getattr(entry, "degree", "")
    return f"{section}/{name}"


def _bullets(profile: Profile, pinned: set, scores: dict[tuple[str, str, int], int],
             entry_scores: dict[tuple[str, str], int]) -> list[_Bullet]:
    """Highlights that may go, lowest-ranked first; each entry keeps its best highlight."""
    out = []
    for section, index, custom, entry in _all_entries(profile):
        highlights = getattr(entry, "highlights", None) or []
        if (section, index, custom) in pinned or len(highlights) < 2:
            continue
        key = entry.id or ""
        ranked = sorted(range(len(highlights)),
                        key=lambda i: (scores.get((section, key, i), 0), -i))  # least relevant, then last
        keep_best = ranked[-1]
        age = _age_key(entry)
        for order, i in enumerate(ranked):
            if i == keep_best:
                continue
            text = plain_text(highlights[i].text)
            preview = text if len(text) <= 60 else text[:57] + "…"
            rank = (scores.get((section, key, i), 0), order, age, entry_scores.get((section, key), 0))
            out.append(_Bullet(section, index, custom, i, rank, f"{_label(section, entry)}: \"{preview}\""))
    return sorted(out, key=lambda b: b.rank)


def _entries(profile: Profile, pinned: set, scores: dict[tuple[str, str], int]) -> list[_Droppable]:
    out = []
    for section, index, custom, entry in _all_entries(profile):
        if (section, index, custom) in pinned:
            continue
        rank = (scores.get((section, entry.id or ""), 0), _age_key(entry), -index)
        out.append(_Droppable(section, index, custom, rank, _label(section, entry)))
    return sorted(out, key=lambda d: d.rank)


# ----------------------------------------------------------------------------- cutting


def _drop_bullets(profile: Profile, bullets: list[_Bullet]) -> Profile:
    gone: dict[tuple[str, int, int | None], set[int]] = {}
    for b in bullets:
        gone.setdefault((b.section, b.entry, b.custom), set()).add(b.index)
    return _rewrite(profile, lambda key, entry: entry.model_copy(update={
        "highlights": [h for i, h in enumerate(entry.highlights) if i not in gone[key]]}) if key in gone else entry)


def _drop_entries(profile: Profile, entries: list[_Droppable]) -> Profile:
    gone = {(e.section, e.entry, e.custom) for e in entries}
    return _rewrite(profile, lambda key, entry: None if key in gone else entry)


def _rewrite(profile: Profile, change: Callable[[tuple, Any], Any]) -> Profile:
    update: dict[str, Any] = {}
    for section in DROPPABLE:
        items = getattr(profile, section)
        new = [change((section, i, None), e) for i, e in enumerate(items)]
        update[section] = [e for e in new if e is not None]
    customs = []
    for custom_index, custom in enumerate(profile.custom):
        new = [change((custom.id, i, custom_index), e) for i, e in enumerate(custom.entries)]
        customs.append(custom.model_copy(update={"entries": [e for e in new if e is not None]}))
    update["custom"] = customs
    return profile.model_copy(update=update)


def _bisect_cut(profile: Profile, options: ThemeOptions, candidates: list, max_pages: int,
                count_pages: CountPages, apply: Callable[[Profile, list], Profile], cuts: list[str],
                verb: str) -> tuple[Profile, int]:
    """Cut the fewest candidates (in rank order) that make it fit; all of them if none does."""
    if not candidates:
        return profile, count_pages(profile, options)
    everything = apply(profile, candidates)
    pages = count_pages(everything, options)
    if pages > max_pages:
        cuts.extend(f"{verb} {c.label}" for c in candidates)
        return everything, pages
    low, high = 0, len(candidates)  # cutting `high` fits; cutting `low` may not
    best, best_pages = everything, pages
    while high - low > 1:
        middle = (low + high) // 2
        trial = apply(profile, candidates[:middle])
        trial_pages = count_pages(trial, options)
        if trial_pages <= max_pages:
            high, best, best_pages = middle, trial, trial_pages
        else:
            low = middle
    cuts.extend(f"{verb} {c.label}" for c in candidates[:high])
    return best, best_pages

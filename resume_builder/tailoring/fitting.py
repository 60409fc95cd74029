"""Page budget: make a tailored résumé fit ``max_pages``, saying exactly what it cut.

In order, stopping as soon as it fits:

1. tighten the layout (font size, line height, vertical spacing) no further than the
   theme's ``[fit]`` limits, by the least amount that fits;
2. cut content. Without a job posting, the least relevant by the profile's own order
   (older entries, and among equally old or undated ones those listed later): the oldest
   entry's long paragraphs (``summary``, ``outcome``; the longest first, as a posting's
   equal points have it), then its highlights from the end, keeping its first one (its first
   two under a lead-in), then the next oldest's (see :func:`_bullets`); then whole entries,
   oldest (and among equals, last listed) first. Then what is no longer needed is put back,
   the most relevant (the last cut) first: four undated languages cut before a long 2016
   internship come back once the internship is cut (see :func:`_restore`).
   With a posting (a :class:`Relevance`), by relevance across the whole résumé (see
   :func:`_relevant_cuts`): first what loses no posting term — irrelevant entries, then
   paragraphs and bullets without posting terms, those of the least relevant entries
   first (and within an entry paragraphs before bullets, longest first) —
   then the least relevance per character of room freed, a highlight or paragraph counting
   its own points plus a tenth of its entry's, so a short bullet of the best project
   outlasts a long paragraph of a marginal one;
   at equal value whole entries go before paragraphs (``summary``, ``outcome``) and lists
   under a lead-in, which go before highlights. Never cut: the only evidence of a required
   term, the three most relevant highlights (a role's count too), each entry's best
   highlight (its two best under a lead-in, unless the lead-in goes with its list). Past positions
   and degrees go only after everything else. Then cut items are put back, most relevant
   first, while the pages still fit (:func:`_restore`);
3. never cut the most recent position, the highest degree, or anything pinned (by id or
   tag); the contact block is not an entry and is never cut;

A company with several roles (``experience[].roles``) is one entry whose parts are its
roles: a role's highlights and summary are cut like an entry's (fields
``roles[1].highlights[0]``, ``roles[1].summary``), and a role other than the company's
newest may go whole (``roles[1]``) like a past position, oldest first. The company's newest
role goes only with the company. A pinned role (by id or tag) keeps its company whole. The
most recent position of a company with several roles is its newest role: that role stays
whole and the company stays, but its past roles are cut like any past position's.
4. otherwise fail, saying how far over the budget it still is.

A lead-in and its list are one unit (README, "Page budget"; :func:`_lead_ins`): a summary
whose last paragraph ends with a colon is never cut while the highlights it introduces are
shown (cutting it cuts the paragraphs before the lead-in), and those highlights are never
cut below two; with a posting the lead-in and its whole list may go together, as one cut of
kind ``list``. So no set of cuts, whichever the bisection and the refill pick, leaves a list
without its lead-in or a lead-in with one item.

Page counts come from a ``count_pages(profile, options)`` function (the real PDF layout in
the pipeline), so this module stays pure and testable. Each search is a bisection over how
much to cut, so a fit needs a dozen or so layouts, not one per bullet point; putting cuts
back takes at most :data:`RESTORE_TRIALS` more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, NoReturn

from pydantic import BaseModel

from resume_builder.errors import UserError
from resume_builder.markdown import plain_text
from resume_builder.schema.profile import Profile
from resume_builder.tailoring.matching import proof
from resume_builder.theming import FitLimits, ThemeOptions
from resume_builder.wording import count

CountPages = Callable[[Profile, ThemeOptions], int]

# Sections whose entries may be dropped whole, and whose entries' highlights may be trimmed.
DROPPABLE = ("projects", "volunteering", "awards", "certifications", "publications", "experience",
             "education", "references", "interests", "languages")
_DEGREE_RANK = (("phd", 5), ("doctor", 5), ("dphil", 5), ("master", 4), ("m.tech", 4), ("mtech", 4),
                ("msc", 4), ("m.sc", 4), ("mba", 4), ("m.s", 4), ("m.a", 4), ("m.eng", 4), ("bachelor", 3),
                ("b.tech", 3), ("btech", 3), ("bsc", 3), ("b.sc", 3), ("b.a", 3), ("b.s", 3), ("b.eng", 3),
                ("associate", 2), ("diploma", 1))


@dataclass(frozen=True)
class Relevance:
    """How much each piece of the profile matters to a job posting (see matching.relevance()).

    ``pieces`` maps (section — a custom section by its id —, entry index in it, field such
    as ``highlights[2]`` or ``summary``) to (relevance points, the posting terms it shows);
    ``required`` names the terms the posting requires.
    """

    pieces: dict[tuple[str, int, str], tuple[int, tuple[str, ...]]]
    required: frozenset[str] = frozenset()

    @property
    def total(self) -> int:
        return sum(points for points, _ in self.pieces.values())


@dataclass(frozen=True)
class Cut:
    """Something the page budget cut: an ``entry``, a ``paragraph``, a ``highlight`` or a
    ``list`` (a lead-in with its highlights; labelled by the lead-in)."""

    kind: str
    label: str
    points: int = 0  # relevance points lost (0 without a posting)
    terms: tuple[str, ...] = ()
    ranked: bool = True  # chosen by relevance to a posting (else: by the profile's own order)
    owner: str = ""  # without a posting: the entry (or role) a highlight or paragraph was dropped from
    of: int = 0  # without a posting: how many highlights that entry (or role) had

    def describe(self) -> str:
        why = f" ({count(self.points, 'point')}: {', '.join(self.terms)})" if self.terms else \
            " (no posting terms)" if self.ranked and self.kind != "tighten" else ""
        verb = {"entry": "dropped entry", "paragraph": "dropped paragraph", "highlight": "dropped highlight from",
                "list": "dropped list from", "tighten": ""}[self.kind]
        return f"{verb} {self.label}{why}".strip()

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "label": self.label, "points": self.points, "terms": list(self.terms)}


@dataclass
class FitResult:
    profile: Profile
    options: ThemeOptions
    pages: int
    cuts: list[str] = field(default_factory=list)  # one line per change, for the user
    max_pages: int = 0
    cut: list[Cut] = field(default_factory=list)  # with a posting: what went, and how relevant it was
    kept: dict[str, str] = field(default_factory=dict)  # with a posting: term -> where it is still shown
    relevance_total: int = 0
    relevance_kept: int = 0

    @property
    def relevance_kept_percent(self) -> int | None:
        if not self.relevance_total:
            return None
        return (200 * self.relevance_kept + self.relevance_total) // (2 * self.relevance_total)

    def to_dict(self) -> dict[str, Any]:
        return {"max_pages": self.max_pages, "pages": self.pages, "changes": list(self.cuts),
                "cut": [c.to_dict() for c in self.cut],
                "kept": [{"keyword": term, "where": where} for term, where in self.kept.items()],
                "relevance": {"total": self.relevance_total, "kept": self.relevance_kept,
                              "percent": self.relevance_kept_percent}}


@dataclass(frozen=True)
class _Bullet:
    """A highlight or a paragraph that may be dropped without a posting: where it is and how it
    ranks (lower goes first)."""

    section: str
    entry: int  # index in the section (or in the custom section's entries)
    custom: int | None  # index of the custom section, when inside one
    field: str  # "highlights[3]", "roles[1].highlights[0]", "outcome", "roles[1].summary"
    rank: tuple
    label: str
    role: int | None = None  # index in the company's roles, for a role's highlight or summary
    owner: str = ""  # the entry's (or role's) label
    of: int = 0  # how many highlights the entry (or role) has
    kind: str = "highlight"  # or "paragraph"
    size: int = 0  # characters of text it removes
    blocks: int = 1  # blocks of text it removes (see _room)


@dataclass(frozen=True)
class _Droppable:
    section: str
    entry: int
    custom: int | None
    rank: tuple
    label: str
    role: int | None = None  # a company's role (not its newest), dropped alone
    size: int = 0  # characters of text it removes
    blocks: int = 1  # blocks of text it removes (see _room)


def fit(profile: Profile, options: ThemeOptions, limits: FitLimits, max_pages: int, count_pages: CountPages,
        *, relevance: Relevance | None = None, pinned_ids: set[str] = frozenset(),
        pinned_tags: set[str] = frozenset()) -> FitResult:
    """Fit ``profile`` into ``max_pages`` (see the module docstring for the order of cuts).

    ``count_pages(profile, options)`` lays the résumé out and counts its pages; ``relevance``
    (from a job posting) makes the cuts by relevance. Raises UserError when nothing allowed
    makes it fit.
    """
    result, chosen = _fit(profile, options, limits, max_pages, count_pages, relevance, pinned_ids, pinned_tags)
    result.max_pages = max_pages
    if relevance is not None:
        _account(result, relevance, profile, chosen)
    return result


def _fit(profile: Profile, options: ThemeOptions, limits: FitLimits, max_pages: int, count_pages: CountPages,
         relevance: Relevance | None, pinned_ids: set[str], pinned_tags: set[str]
         ) -> tuple[FitResult, list[_Unit]]:
    pages = count_pages(profile, options)
    if pages <= max_pages:
        return FitResult(profile, options, pages), []
    cuts: list[str] = []
    options, pages = _tighten(profile, options, limits, max_pages, count_pages, cuts)
    if pages <= max_pages:
        return FitResult(profile, options, pages, cuts), []
    pinned = _pinned(profile, pinned_ids, pinned_tags)
    if relevance is not None:
        units = _relevant_cuts(profile, pinned, relevance)
        fitted, pages, chosen = _bisect_units(profile, options, units, max_pages, count_pages, pages)
        if pages <= max_pages:
            staying = _restore(chosen, sorted(chosen, key=lambda u: (u.points, u.rank), reverse=True),
                               lambda trial: count_pages(_apply_units(profile, trial), options) <= max_pages,
                               _in_unit)
            if len(staying) < len(chosen):
                chosen = staying
                fitted = _apply_units(profile, chosen)
                pages = count_pages(fitted, options)
            result = FitResult(fitted, options, pages, cuts)
            result.cut = _describe_cuts(chosen)
            result.cuts.extend(c.describe() for c in result.cut)
            return result, chosen
        _raise_over(max_pages, pages)
    whole = profile
    bullets = _bullets(profile, pinned)
    profile, pages, dropped_bullets = _bisect_cut(profile, options, bullets, max_pages, count_pages, _drop_bullets)
    dropped_entries: list[_Droppable] = []
    if pages > max_pages:
        entries = _entries(profile, pinned)
        profile, pages, dropped_entries = _bisect_cut(profile, options, entries, max_pages, count_pages,
                                                      _drop_entries)
        if pages > max_pages:
            _raise_over(max_pages, pages)

    def without(cut: list) -> Profile:
        return _drop_entries(_drop_bullets(whole, [c for c in cut if isinstance(c, _Bullet)]),
                             [c for c in cut if isinstance(c, _Droppable)])

    cut = dropped_bullets + dropped_entries  # in the order cut: the least relevant first
    staying = _restore(cut, cut[::-1], lambda trial: count_pages(without(trial), options) <= max_pages,
                       _in_profile_order)
    if len(staying) < len(cut):
        profile = without(staying)
        pages = count_pages(profile, options)
    return _in_order(FitResult(profile, options, pages, cuts), [c for c in staying if isinstance(c, _Bullet)],
                     [c for c in staying if isinstance(c, _Droppable)]), []


def _in_order(result: FitResult, bullets: list[_Bullet], entries: list[_Droppable]) -> FitResult:
    """``result`` with the cuts made without a posting: the paragraphs and highlights dropped,
    then the entries. A part of an entry (or role) that went whole afterwards is not listed:
    it went with its entry, as in the posting's report (:func:`_describe_cuts`)."""
    gone = {(e.section, e.entry, e.custom, e.role) for e in entries}
    shown = [b for b in bullets if (b.section, b.entry, b.custom, None) not in gone
             and (b.role is None or (b.section, b.entry, b.custom, b.role) not in gone)]
    result.cut = [Cut(b.kind, b.label, ranked=False, owner=b.owner, of=b.of) for b in shown] + \
        [Cut("entry", e.label, ranked=False) for e in entries]
    result.cuts.extend(c.describe() for c in result.cut)
    return result


def _raise_over(max_pages: int, pages: int) -> NoReturn:
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


#: In :func:`_pinned`'s set after (section, index, custom): the company stays and so does its
#: newest role; its other roles may be cut.
_NEWEST_ROLE = "newest role"


def _pinned(profile: Profile, ids: set[str], tags: set[str]) -> set[tuple]:
    """(section, index, custom index) of entries that must stay whole; (…, _NEWEST_ROLE) of a
    company whose newest role must stay (with the company)."""
    out = set()
    for section, index, custom, entry in _all_entries(profile):
        if (entry.id and entry.id in ids) or set(entry.tags) & set(tags):
            out.add((section, index, custom))
        # a pinned role keeps its company whole (the role, and the company it is shown under)
        if any((role.id and role.id in ids) or set(role.tags) & set(tags) for role in _roles(entry)):
            out.add((section, index, custom))
    # The most recent position and the highest degree are never cut. In a company with
    # several roles the most recent position is its newest role: the company and that role
    # stay (marked _NEWEST_ROLE), its past roles may go.
    if profile.experience:
        newest = max(range(len(profile.experience)), key=lambda i: _age_key(profile.experience[i]))
        many_roles = len(_roles(profile.experience[newest])) > 1
        out.add(("experience", newest, None) + ((_NEWEST_ROLE,) if many_roles else ()))
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
    """Later end (present counts as latest), then later start: higher is more recent.

    A company with several roles is as recent as its roles' span; a role, as its own dates."""
    if getattr(entry, "roles", None) and hasattr(entry, "span"):
        start, end = entry.span()
    else:
        end = getattr(entry, "end", None)
        start = getattr(entry, "start", None) or getattr(entry, "date", None)
    job = hasattr(entry, "company") or hasattr(entry, "position")
    end_key = (9999, 12, 31) if end == "present" or (end is None and start is not None and job) \
        else (end.latest() if end is not None else (start.latest() if start is not None else (0, 0, 0)))
    return end_key, start.earliest() if start is not None else (0, 0, 0)


def _roles(entry: Any) -> list[Any]:
    """A company's roles (``experience[].roles``), or [] for any other entry."""
    roles = getattr(entry, "roles", None)
    return list(roles) if roles and hasattr(entry, "company") else []


def _newest_role(entry: Any) -> int:
    """Index of a company's newest role (as the document lists it first)."""
    from resume_builder.document import newest_first

    roles = _roles(entry)
    return roles.index(newest_first(roles)[0])


def _role_label(section: str, entry: Any, r: int) -> str:
    role = _roles(entry)[r]
    return f"{section}/{role.id or f'{entry.company}: {plain_text(role.position)}'}"


def _highlight_lists(entry: Any) -> list[tuple[int | None, str, list[Any]]]:
    """(role index or None, field prefix, highlights) of the entry and of each of its roles."""
    out = [(None, "", list(getattr(entry, "highlights", None) or []))]
    out += [(r, f"roles[{r}].", list(role.highlights)) for r, role in enumerate(_roles(entry))]
    return out


#: A list under a lead-in keeps at least this many items: a lead-in ("Key features:")
#: announces several, and one item under it reads as a fragment.
LEAD_IN_ITEMS = 2
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")  # where document.paragraphs() splits a text
_COLONS = (":", "\uff1a")  # and the fullwidth colon of Chinese and Japanese texts


def _lead_in(text: str | None) -> tuple[str, str] | None:
    """(the paragraphs before it, the lead-in) when the last paragraph of ``text`` ends with a
    colon ("It presents users with following functionality:"), else None."""
    if not text or not text.strip():
        return None
    blocks = _PARAGRAPH_BREAK.split(text.strip())
    if not plain_text(blocks[-1]).rstrip().endswith(_COLONS):
        return None
    return "\n\n".join(blocks[:-1]), blocks[-1]


def _lead_ins(entry: Any) -> dict[str, str]:
    """The highlight lists of ``entry`` introduced by a lead-in: the list's field prefix (``""``,
    ``"roles[1]."``) -> the field of the paragraph shown right before it whose last paragraph
    ends with a colon (README, "Page budget": a lead-in and its list are one unit).

    That paragraph is the entry's ``summary`` (shown between its description and its
    highlights), a role's ``summary``, or, for a company shown with a single role, the
    company's ``summary`` when the role has none (both are shown above the role's highlights).
    A highlight's own sub-items (``details``) are not a list the budget cuts: a highlight goes
    with its details."""
    out: dict[str, str] = {}
    if getattr(entry, "highlights", None) and _lead_in(getattr(entry, "summary", None)):
        out[""] = "summary"
    roles = _roles(entry)
    for r, role in enumerate(roles):
        if not role.highlights:
            continue
        if role.summary:
            if _lead_in(role.summary):
                out[f"roles[{r}]."] = f"roles[{r}].summary"
        elif len(roles) == 1 and _lead_in(entry.summary):
            out["roles[0]."] = "summary"
    return out


def _shows_a_highlight(entry: Any, prefix: str, fields: set[str]) -> bool:
    """Whether the highlight list ``prefix`` (``""``, ``"roles[1]."``) of ``entry`` still shows
    an item once ``fields`` are cut."""
    if prefix:
        r = int(prefix[len("roles["):-len("].")])
        if f"roles[{r}]" in fields:
            return False
        items = _roles(entry)[r].highlights
    else:
        items = entry.highlights
    return any(f"{prefix}highlights[{i}]" not in fields for i in range(len(items)))


def _without(entry: Any, fields: set[str]) -> Any:
    """``entry`` without the named parts: ``summary``, ``highlights[2]``, ``roles[1]`` (a whole
    role), ``roles[0].summary``, ``roles[0].highlights[3]``.

    A summary that ends with a lead-in keeps it while its list is shown: cutting the summary
    cuts the paragraphs before the lead-in (:func:`_lead_ins`)."""
    update: dict[str, Any] = {name: None for name in _PROSE if name in fields}
    for prefix, name in _lead_ins(entry).items():
        if name in update and _shows_a_highlight(entry, prefix, fields):
            update[name] = _lead_in(getattr(entry, name))[1]
    if any(f.startswith("highlights[") for f in fields):
        update["highlights"] = [h for i, h in enumerate(entry.highlights) if f"highlights[{i}]" not in fields]
    roles = _roles(entry)
    if roles and any(f.startswith("roles[") for f in fields):
        kept = []
        for r, role in enumerate(roles):
            prefix = f"roles[{r}]"
            if prefix in fields:
                continue
            mine = {f[len(prefix) + 1:] for f in fields if f.startswith(prefix + ".")}
            kept.append(_without(role, mine) if mine else role)
        update["roles"] = kept
    return entry.model_copy(update=update) if update else entry


def _degree_rank(entry: Any) -> int:
    text = " ".join(filter(None, (entry.degree, entry.area))).lower()
    return max((rank for word, rank in _DEGREE_RANK if word in text), default=0)


#: The fields an entry without an id is known by, the first one given: a project's, an
#: interest's or a certification's ``name``, an award's or a custom entry's ``title``, a job's
#: ``company``, a volunteer's ``organization``, a degree's ``institution`` (else the degree or
#: its area: a JSON Resume entry may have an empty institution), a ``language``.
_NAMED_BY = ("name", "title", "company", "organization", "institution", "degree", "area", "language")


def _label(section: str, entry: Any) -> str:
    """``languages/Portuguese``: the section and the entry's id, else its name as the résumé
    shows it (:data:`_NAMED_BY`, Markdown removed)."""
    if getattr(entry, "id", None):
        return f"{section}/{entry.id}"
    name = next((plain_text(value) for value in (getattr(entry, field, None) for field in _NAMED_BY) if value), "")
    return f"{section}/{name}"


def capped_report(whole: Profile, capped: Profile, cap: int) -> list[str]:
    """What a variant's ``max_highlights`` (``cap``) left out, one line per entry or role, named
    as the page budget names them (:func:`_label`, :func:`_role_label`): ``whole`` is the profile
    tailored without the cap, ``capped`` with it (the same entries, in the same order). In the
    résumé's order of sections."""
    lines: list[tuple[str, str]] = []
    for (section, _, _, entry), (_, _, _, kept) in zip(_all_entries(whole), _all_entries(capped)):
        for (role, _, highlights), (_, _, left) in zip(_highlight_lists(entry), _highlight_lists(kept)):
            if len(highlights) <= len(left):
                continue
            label = _label(section, entry) if role is None else _role_label(section, entry, role)
            gone = len(highlights) - len(left)
            shown = _preview(highlights[len(left)].text)
            lines.append((section, f"max_highlights {cap}: left out {'the last' if gone == 1 else f'the last {gone}'} "
                                   f"of {count(len(highlights), 'highlight')} of {label}"
                                   + (f' ("{shown}")' if shown else "")))
    order = {key: i for i, key in enumerate(capped.section_order())}
    return [line for _, line in sorted(lines, key=lambda item: order.get(item[0], len(order)))]


def _preview(text: str) -> str:
    text = plain_text(text)
    return text if len(text) <= 60 else text[:57] + "…"


def _bullets(profile: Profile, pinned: set) -> list[_Bullet]:
    """The detail that may go (no posting), least relevant first: the oldest entry's long
    paragraphs (``summary``, ``outcome``; the longest first), then its highlights from its end
    down to its first one (its first two under a lead-in), then the next oldest entry's, and
    so on.

    Without a posting, relevance is the profile's own order: an older entry (``_age_key``) is
    less relevant, and among entries of the same age or with no dates at all (projects often
    have none), one listed later in its section is less relevant, since a résumé lists its
    newest and best first. So the newest, best-placed entries keep their detail longest.
    Within an entry every part is equally relevant, so the rule of a posting's equal points
    holds (see :func:`_relevant_cuts`): paragraphs, which an entry can lose and still say what
    it was, go before highlights. A summary ending with a lead-in loses only the paragraphs
    before it (:func:`_lead_ins`).
    """
    out = []
    for order, (section, index, custom, entry) in enumerate(_all_entries(profile)):
        if (section, index, custom) in pinned:
            continue
        kept_role = _newest_role(entry) if (section, index, custom, _NEWEST_ROLE) in pinned else None
        roles = _roles(entry)
        lead_ins = _lead_ins(entry)
        prose = [(None, name, name, getattr(entry, name, None)) for name in _PROSE]
        prose += [(r, f"roles[{r}].summary", "summary", role.summary) for r, role in enumerate(roles) if r != kept_role]
        for role, name, part, text in prose:
            if text and name in lead_ins.values():
                text, part = _lead_in(text)[0], part + BEFORE_LEAD_IN
            if not text:
                continue
            age = _age_key(entry if role is None else roles[role])
            owner = _label(section, entry) if role is None else _role_label(section, entry, role)
            out.append(_Bullet(section, index, custom, name, (age, -index, order, 0, -len(text)), f"{owner} {part}",
                               role, owner, kind="paragraph", size=len(text)))
        for role, prefix, highlights in _highlight_lists(entry):
            least = LEAD_IN_ITEMS if prefix in lead_ins else 1
            if len(highlights) <= least or (kept_role is not None and role == kept_role):
                continue
            age = _age_key(entry if role is None else roles[role])
            label = _label(section, entry) if role is None else _role_label(section, entry, role)
            for i in range(len(highlights) - 1, least - 1, -1):
                rank = (age, -index, order, 1, len(highlights) - 1 - i)
                out.append(_Bullet(section, index, custom, f"{prefix}highlights[{i}]", rank,
                                   f"{label}: \"{_preview(highlights[i].text)}\"", role, label, len(highlights),
                                   size=len(_highlight_text(highlights[i]))))
    return sorted(out, key=lambda b: b.rank)


def _entries(profile: Profile, pinned: set) -> list[_Droppable]:
    out = []
    for section, index, custom, entry in _all_entries(profile):
        if (section, index, custom) in pinned:
            continue
        if (section, index, custom, _NEWEST_ROLE) not in pinned:
            out.append(_Droppable(section, index, custom, (_age_key(entry), -index), _label(section, entry),
                                  size=_entry_length(entry), blocks=_blocks(entry)))
        roles = _roles(entry)
        if len(roles) > 1:  # a company's past roles go before the company itself
            newest = _newest_role(entry)
            out.extend(_Droppable(section, index, custom, (_age_key(role), -index), _role_label(section, entry, r), r,
                                  _entry_length(role), _blocks(role)) for r, role in enumerate(roles) if r != newest)
    return sorted(out, key=lambda d: d.rank)


_HIGHLIGHT_AT = re.compile(r"(.*)highlights\[(\d+)\]$")  # a highlight's list (its field's prefix) and index


def _in_profile_order(item: _Bullet | _Droppable, kept: _Bullet | _Droppable) -> bool:
    """Whether ``item`` (cut without a posting) cannot come back while ``kept`` stays cut: it is a
    part of the entry or role ``kept`` drops whole, or a later highlight of the list ``kept`` is
    from (highlights go from a list's end, as the change lines say: "the last 2 of 4")."""
    if (item.section, item.entry, item.custom) != (kept.section, kept.entry, kept.custom) or item is kept:
        return False
    if isinstance(kept, _Droppable):
        return kept.role is None or item.role == kept.role
    mine, theirs = _HIGHLIGHT_AT.match(getattr(item, "field", "")), _HIGHLIGHT_AT.match(kept.field)
    return bool(mine and theirs and mine.group(1) == theirs.group(1) and int(mine.group(2)) > int(theirs.group(2)))


# ----------------------------------------------------------------------------- cutting


def _drop_bullets(profile: Profile, bullets: list[_Bullet]) -> Profile:
    gone: dict[tuple[str, int, int | None], set[str]] = {}
    for b in bullets:
        gone.setdefault((b.section, b.entry, b.custom), set()).add(b.field)
    return _rewrite(profile, lambda key, entry: _without(entry, gone[key]) if key in gone else entry)


def _drop_entries(profile: Profile, entries: list[_Droppable]) -> Profile:
    gone = {(e.section, e.entry, e.custom) for e in entries if e.role is None}
    roles: dict[tuple[str, int, int | None], set[str]] = {}
    for e in entries:
        if e.role is not None:
            roles.setdefault((e.section, e.entry, e.custom), set()).add(f"roles[{e.role}]")
    return _rewrite(profile, lambda key, entry: None if key in gone else
                    _without(entry, roles[key]) if key in roles else entry)


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
                count_pages: CountPages, apply: Callable[[Profile, list], Profile]) -> tuple[Profile, int, list]:
    """Cut the fewest candidates (in rank order) that make it fit; all of them if none does.
    Returns the profile cut, its pages and the candidates cut."""
    if not candidates:
        return profile, count_pages(profile, options), []
    everything = apply(profile, candidates)
    pages = count_pages(everything, options)
    if pages > max_pages:
        return everything, pages, list(candidates)
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
    return best, best_pages, list(candidates[:high])


# ----------------------------------------------------------------------------- cutting by relevance

PROTECTED_TOP_HIGHLIGHTS = 3  # the most relevant highlights are never cut
_PROSE = ("summary", "outcome")  # long paragraphs an entry can lose and still say what it was
_TIERS = {"entry": 0, "paragraph": 1, "list": 1, "highlight": 2}  # at equal points, cut in this order
_CAREER = ("experience", "education")  # history: whole entries go only after everything else
_HIGHLIGHT = re.compile(r"(roles\[\d+\]\.)?highlights\[")  # the field of a highlight, an entry's or a role's


@dataclass(frozen=True)
class _Unit:
    """Something the relevance fitter may cut, with the points it would lose."""

    kind: str  # entry | paragraph | highlight | list (a lead-in with its whole list)
    section: str
    entry: int
    custom: int | None
    field: str | None  # "summary", "outcome", "highlights[2]"; None for a whole entry
    points: int
    terms: tuple[str, ...]
    rank: tuple
    label: str
    size: int = 0  # characters of text it removes (to estimate how much must go)
    parts: tuple[str, ...] = ()  # a list's highlights, cut with its lead-in (``field``)
    blocks: int = 1  # blocks of text it removes (see _room)


def _relevant_cuts(profile: Profile, pinned: set, relevance: Relevance) -> list[_Unit]:
    """What may be cut, the least relevant first (see the module docstring)."""
    pieces = relevance.pieces
    # Where each required term is shown inside entries (the skills list claims, entries prove).
    holders: dict[str, list[tuple[str, int, str]]] = {}
    for key, (_, terms) in pieces.items():
        for term in terms:
            if term in relevance.required:
                holders.setdefault(term, []).append(key)
    entry_keys = {(section, index) for section, index, _, _ in _all_entries(profile)}
    sole: set[tuple[str, int, str]] = set()
    sole_entries: set[tuple[str, int]] = set()
    for term, keys in holders.items():
        inside = [k for k in keys if (k[0], k[1]) in entry_keys]
        if len(inside) == 1:
            sole.add(inside[0])
        if inside and len({(k[0], k[1]) for k in inside}) == 1:
            sole_entries.add((inside[0][0], inside[0][1]))
    # an entry's highlights and its roles' (roles[1].highlights[0]) alike
    ranked_highlights = sorted(((points, key) for key, (points, _) in pieces.items()
                                if _HIGHLIGHT.match(key[2]) and (key[0], key[1]) in entry_keys and points),
                               key=lambda pk: -pk[0])  # stable: profile order among equals
    top = {key for _, key in ranked_highlights[:PROTECTED_TOP_HIGHLIGHTS]}

    units: list[_Unit] = []
    for order, (section, index, custom, entry) in enumerate(_all_entries(profile)):
        label = _label(section, entry)
        age = _age_key(entry)
        own = {f: pieces[(section, index, f)] for (s, i, f) in pieces if (s, i) == (section, index)}
        entry_points = sum(points for points, _ in own.values())
        entry_terms = tuple(dict.fromkeys(t for _, terms in own.values() for t in terms))
        context = CONTEXT_SHARE * entry_points  # a part of a relevant entry is worth more
        kept_role = _newest_role(entry) if (section, index, custom, _NEWEST_ROLE) in pinned else None
        if (section, index, custom) not in pinned and kept_role is None and (section, index) not in sole_entries:
            late = section in _CAREER
            length = _entry_length(entry)
            units.append(_Unit("entry", section, index, custom, None, entry_points, entry_terms,
                               (late, entry_points > 0, _density(entry_points, 0, length), _TIERS["entry"], -length, age, order), label,
                               length, blocks=_blocks(entry)))
        if (section, index, custom) in pinned:
            continue
        roles = _roles(entry)
        if len(roles) > 1:  # a company's past roles, whole, late like past positions
            newest = _newest_role(entry)
            for r, role in enumerate(roles):
                name = f"roles[{r}]"
                parts = {f: v for f, v in own.items() if f == name or f.startswith(name + ".")}
                if r == newest or any(key in sole for key in ((section, index, f) for f in parts)):
                    continue
                role_points = sum(points for points, _ in parts.values())
                role_terms = tuple(dict.fromkeys(t for _, terms in parts.values() for t in terms))
                length = _entry_length(role)
                units.append(_Unit("entry", section, index, custom, name, role_points, role_terms,
                                   (True, role_points > 0, _density(role_points, 0, length), _TIERS["entry"], -length,
                                    _age_key(role), order), _role_label(section, entry, r), length,
                                   blocks=_blocks(role)))
        lead_ins = _lead_ins(entry)
        prose = [(name, name, getattr(entry, name, None)) for name in _PROSE]
        prose += [(f"roles[{r}].summary", _role_label(section, entry, r), role.summary)
                  for r, role in enumerate(roles) if r != kept_role]
        for name, where, text in prose:
            if not text or (section, index, name) in sole:
                continue
            if name != where:
                label_of = f"{where} summary"
            else:
                label_of = f"{label} {name}"
            if name in lead_ins.values():  # the lead-in stays with its list: only what is before it may go
                text = _lead_in(text)[0]
                if not text:
                    continue
                label_of += BEFORE_LEAD_IN
            # all the paragraph's points: which of its terms the lead-in names is not known
            points, terms = own.get(name, (0, ()))
            units.append(_Unit("paragraph", section, index, custom, name, points, terms,
                               (False, points > 0, _value(points, context, len(text)), _TIERS["paragraph"], -len(text), age,
                                order), label_of, len(text)))
        for role, prefix, highlights in _highlight_lists(entry):
            if not highlights or (kept_role is not None and role == kept_role):
                continue
            where = label if role is None else _role_label(section, entry, role)
            if prefix in lead_ins:  # the lead-in and its whole list go together, or not at all
                lead = lead_ins[prefix]
                items = tuple(f"{prefix}highlights[{i}]" for i in range(len(highlights)))
                if not any((section, index, f) in sole or (section, index, f) in top for f in (lead, *items)):
                    text = _field_text(entry, lead)
                    points = sum(own.get(f, (0, ()))[0] for f in (lead, *items))
                    terms = tuple(dict.fromkeys(t for f in (lead, *items) for t in own.get(f, (0, ()))[1]))
                    length = len(text) + sum(len(_highlight_text(h)) for h in highlights)
                    units.append(_Unit("list", section, index, custom, lead, points, terms,
                                       (False, points > 0, _value(points, context, length), _TIERS["list"], -length,
                                        age, order), f"{where}: \"{_preview(_lead_in(text)[1])}\"", length, items,
                                       blocks=1 + len(items)))
            least = LEAD_IN_ITEMS if prefix in lead_ins else 1  # each list keeps its best (two under a lead-in)
            if len(highlights) <= least:
                continue
            scored = [(own.get(f"{prefix}highlights[{i}]", (0, ()))[0], -i) for i in range(len(highlights))]
            best = {-i for _, i in sorted(scored, reverse=True)[:least]}  # the first among equals
            for i, item in enumerate(highlights):
                name = f"{prefix}highlights[{i}]"
                if i in best or (section, index, name) in sole or (section, index, name) in top:
                    continue
                points, terms = own.get(name, (0, ()))
                length = len(_highlight_text(item))
                units.append(_Unit("highlight", section, index, custom, name, points, terms,
                                   (False, points > 0, _value(points, context, length), _TIERS["highlight"], -length, age,
                                    order), f"{where}: \"{_preview(item.text)}\"", length))
    return sorted(units, key=lambda u: u.rank)


BEFORE_LEAD_IN = " before its lead-in"  # a summary cut but its lead-in: "projects/lb summary before its lead-in"
CONTEXT_SHARE = 0.1  # share of its entry's points a highlight or paragraph is worth besides its own
_SHORTEST = 40  # characters: shorter texts still take a line


def _value(points: int, context: float, length: int) -> float:
    """How much keeping a part is worth: a part without posting terms by its entry's relevance
    alone (irrelevant entries' parts go first); a relevant part by :func:`_density`."""
    return _density(points, context, length) if points else context


def _density(points: int, context: float, length: int) -> float:
    """Relevance per character: what a cut loses for the room it frees (0 when irrelevant)."""
    return (points + context) / max(length, _SHORTEST)


def _blocks(entry: Any) -> int:
    """Blocks of text ``entry`` (or a role) shows, each starting a line: its heading, each
    paragraph (``description``, ``summary``, ``outcome``) and highlight, each role's."""
    paragraphs = sum(1 for name in ("description", *_PROSE) if getattr(entry, name, None))
    highlights = len(getattr(entry, "highlights", None) or [])
    return 1 + paragraphs + highlights + sum(_blocks(role) for role in _roles(entry))


def _room(item: _Unit | _Bullet | _Droppable) -> int:
    """The room a cut frees, in characters, to compare cuts by (:func:`_restore`): its text,
    and a line's worth (:data:`_SHORTEST`) for each block of it, as each starts a line and a
    text shorter than a line still takes one."""
    return item.size + _SHORTEST * item.blocks


def _field_text(entry: Any, name: str) -> str:
    """The text of a paragraph field of ``entry``: ``summary``, ``outcome``, ``roles[1].summary``."""
    role = re.match(r"roles\[(\d+)\]\.(.*)$", name)
    if role:
        return getattr(_roles(entry)[int(role.group(1))], role.group(2)) or ""
    return getattr(entry, name, None) or ""


def _highlight_text(item: Any) -> str:
    return " ".join([item.text, *getattr(item, "details", [])])


def _entry_length(entry: Any) -> int:
    total = 0
    for name, value in entry:
        if isinstance(value, str):
            total += len(value)
        elif isinstance(value, list):
            total += sum(len(_highlight_text(v)) if hasattr(v, "text") else
                         _entry_length(v) if isinstance(v, BaseModel) else len(str(v)) for v in value)
    return total


def _apply_units(profile: Profile, units: list[_Unit]) -> Profile:
    gone_entries = {(u.section, u.entry, u.custom) for u in units if u.field is None}
    gone_fields: dict[tuple[str, int, int | None], set[str]] = {}
    for u in units:
        if u.field is not None:
            gone_fields.setdefault((u.section, u.entry, u.custom), set()).update((u.field, *u.parts))

    def change(key: tuple, entry: Any) -> Any:
        if key in gone_entries:
            return None
        fields = gone_fields.get(key)
        if not fields:
            return entry
        return _without(entry, fields)

    return _rewrite(profile, change)


def _bisect_units(profile: Profile, options: ThemeOptions, units: list[_Unit], max_pages: int,
                  count_pages: CountPages, pages: int) -> tuple[Profile, int, list[_Unit]]:
    """The shortest prefix of ``units`` whose cutting fits (all of them when none does).

    Cutting nothing is known not to fit (``pages`` pages). The search starts where the text
    lengths say the answer should be (as if every page, the last one too, held the same
    amount of text), gallops from there and bisects once the answer is bracketed: about
    four layouts on the example instead of a bisection's six to eight. Cutting everything is laid
    out only when no shorter prefix fits.
    """
    total = _text_length(profile)
    need = total * (pages - max_pages) / pages  # not total * (1 - max_pages / pages): 1 - 2/3 > 1/3
    freed, estimate = 0, len(units)
    for k, unit in enumerate(units, start=1):
        freed += unit.size
        if freed >= need:
            estimate = k
            break
    low, high = 0, len(units)
    best: Profile | None = None
    best_pages = 0
    probe, step = estimate, 1
    bracketed = False
    while high - low > 1:
        if bracketed or not low < probe < high:
            probe = (low + high) // 2
        trial = _apply_units(profile, units[:probe])
        trial_pages = count_pages(trial, options)
        if trial_pages <= max_pages:
            high, best, best_pages = probe, trial, trial_pages
            bracketed = bracketed or low > 0
            probe -= step
        else:
            low = probe
            bracketed = bracketed or best is not None
            probe += step
        step *= 2
    if best is None:
        best = _apply_units(profile, units)
        best_pages = count_pages(best, options)
    return best, best_pages, list(units[:high])


def _text_length(profile: Profile) -> int:
    """Characters of text in the profile (every string value), to estimate what fits."""
    def walk(value: Any) -> int:
        if isinstance(value, str):
            return len(value)
        if isinstance(value, dict):
            return sum(walk(v) for k, v in value.items() if k not in ("id", "tags", "url", "theme", "variants"))
        if isinstance(value, list):
            return sum(walk(v) for v in value)
        return 0

    return walk(profile.model_dump(mode="json"))


def _in_unit(unit: _Unit, kept: _Unit) -> bool:
    """Whether ``unit`` cannot come back while ``kept`` stays cut: it is a part of the entry, the
    role or the list (a lead-in with its highlights) ``kept`` cuts whole."""
    if (unit.section, unit.entry, unit.custom) != (kept.section, kept.entry, kept.custom) or unit is kept:
        return False
    if kept.field is None:
        return True
    if kept.kind == "entry":  # a past role
        return unit.field is not None and unit.field.startswith(kept.field + ".")
    return kept.kind == "list" and unit.field in (kept.field, *kept.parts)


#: Layouts at most spent putting cuts back (:func:`_restore`).
RESTORE_TRIALS = 8


def _restore(cut: list, order: list, fits: Callable[[list], bool], within: Callable[[Any, Any], bool]) -> list:
    """What of ``cut`` must stay cut, in ``cut``'s order: every cut that is not needed comes back.

    ``cut`` is what made the résumé fit, in the order it was cut, so its last item is the one
    that made it fit; ``order`` is the same items, the most relevant first; ``fits(cuts)`` lays
    the résumé out with ``cuts`` cut and says whether it fits; ``within(item, kept)`` says that
    ``item`` cannot come back while ``kept`` stays cut (a part of an entry dropped whole; without
    a posting, a highlight after one that stays cut, as highlights go from a list's end).

    The searches cut in a fixed order and stop at the first prefix that fits, so what they cut
    early may no longer be needed once a later, longer cut is made (four undated languages, then
    a long past job: the job alone was needed). So, the most relevant first, each cut comes back
    if the résumé still fits with it: greedy, so when two cuts cannot both come back the more
    relevant does. Cost: at most :data:`RESTORE_TRIALS` layouts. Each round first tries putting
    back everything left (one layout; usually the last), else finds how many of the next ones
    can come back together by galloping then bisecting (one layout when the first cannot), so a
    run of cuts costs a few layouts, not one each; the first that cannot stays cut. A cut that
    would take no less room (:func:`_room`) than one that could not come back (the last cut is
    one: the search tried the résumé without it) stays cut untried. When the layouts run out,
    what is left stays cut (the least relevant).
    """
    back: set[int] = set()  # positions in ``cut`` of what comes back
    stay: list[int] = []
    position = {id(item): i for i, item in enumerate(cut)}
    pending = [position[id(item)] for item in order]
    too_long = _room(cut[-1]) if cut else 0
    trials = RESTORE_TRIALS

    def fit_with(more: list[int]) -> bool:
        nonlocal trials
        trials -= 1
        returning = back | set(more)
        return fits([item for i, item in enumerate(cut) if i not in returning])

    while pending and trials:
        left = []
        for i in pending:
            if _room(cut[i]) >= too_long or any(within(cut[i], cut[j]) for j in stay):
                stay.append(i)
            else:
                left.append(i)
        pending = left
        if not pending:
            break
        # pending[:low] may come back together, pending[:high] may not (with nothing staying cut,
        # everything coming back is the résumé before the cuts, which does not fit)
        if stay and fit_with(pending):
            back.update(pending)
            pending = []
            break
        low, high, step = 0, len(pending), 1
        while high - low > 1 and trials:
            probe = min(low + step, (low + high) // 2)
            if fit_with(pending[:probe]):
                low, step = probe, step * 2
            else:
                high = probe
        back.update(pending[:low])
        if high - low > 1:  # out of layouts: the rest stays cut
            break
        stay.append(pending[low])
        too_long = min(too_long, _room(cut[pending[low]]))
        pending = pending[high:]
    return [item for i, item in enumerate(cut) if i not in back]


def _describe_cuts(chosen: list[_Unit]) -> list[Cut]:
    """The cuts to report: parts of an entry, a role or a list (its lead-in's paragraph, its
    highlights) dropped whole are not listed again."""
    dropped = {(u.section, u.entry, u.custom) for u in chosen if u.field is None}
    roles = {(u.section, u.entry, u.custom, u.field) for u in chosen if u.kind == "entry" and u.field is not None}
    lists = {(u.section, u.entry, u.custom, f) for u in chosen if u.kind == "list" for f in (u.field, *u.parts)}
    out = [Cut(u.kind, u.label, u.points, u.terms) for u in sorted(chosen, key=lambda u: u.rank)
           if u.field is None or ((u.section, u.entry, u.custom) not in dropped
                                  and not _inside_role(u, roles)
                                  and (u.kind == "list" or (u.section, u.entry, u.custom, u.field) not in lists))]
    return out


def _inside_role(unit: _Unit, roles: set[tuple]) -> bool:
    """Whether ``unit`` is a part (summary, highlight) of a role that is cut whole."""
    return any(unit.field.startswith(field + ".") and (unit.section, unit.entry, unit.custom) == (s, e, c)
               for s, e, c, field in roles)


def _piece_label(profile: Profile, key: tuple[str, int, str]) -> str:
    """``projects/argo-workflows highlights[0]``, ``skills/skills-containers keywords``, ``summary``."""
    section, index, name = key
    if section in ("summary", "basics"):
        return section if name == section else f"{section} {name}"
    if section in Profile.SECTION_FIELDS:  # experience, skills, ...
        entries = getattr(profile, section)
    else:  # a custom section, by its id: any other name, "letters" or "meta" too (not the Profile's fields)
        custom = next((c for c in profile.custom if c.id == section), None)
        if custom is None or index < 0:  # a section it does not have; a custom section's title or items
            return f"{section} {name}"
        entries = custom.entries
    entry = entries[index]
    role = re.match(r"roles\[(\d+)\]\.?(.*)$", name)
    if role and int(role.group(1)) < len(_roles(entry)):  # the role that shows it, by its id
        return f"{_role_label(section, entry, int(role.group(1)))} {role.group(2)}".rstrip()
    return f"{_label(section, entry)} {name}"


def _account(result: FitResult, relevance: Relevance, profile: Profile, chosen: list[_Unit]) -> None:
    """Relevance kept (points of the pieces still shown) and, per term, where it is still shown."""
    result.relevance_total = relevance.total
    result.relevance_kept = relevance.total - sum(c.points for c in result.cut)
    gone_entries = {(u.section, u.entry) for u in chosen if u.field is None}
    gone_fields = {(u.section, u.entry, f) for u in chosen if u.field is not None for f in (u.field, *u.parts)}
    best: dict[str, tuple[tuple, str]] = {}
    for key, (points, terms) in relevance.pieces.items():
        if (key[0], key[1]) in gone_entries or key in gone_fields or any(
                (s, e) == (key[0], key[1]) and key[2].startswith(f + ".") for s, e, f in gone_fields):
            continue
        strength = (proof(key[0], key[2]), key[0] in ("experience", "projects"), points)
        for term in terms:
            if term not in best or strength > best[term][0]:
                best[term] = (strength, _piece_label(profile, key))
    result.kept = {term: where for term, (_, where) in best.items()}

"""Compare a job posting with a profile: what it asks for, what the profile shows, and where.

The report answers the questions one has before sending a tailored résumé: which of the
posting's skills the profile covers (and in which section and entry), which are missing,
how much is covered, and which entries and bullet points are most relevant, so the
variant can keep those. Everything is computed from the vocabulary in ``keywords``:
offline, deterministic, and explainable (each covered keyword points at its evidence;
a skill shown only through another, like Kubernetes through EKS, says so with ``via``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator

from resume_builder.schema.profile import Highlight, Profile

if TYPE_CHECKING:
    from resume_builder.tailoring.fitting import Relevance
from resume_builder.tailoring.keywords import (JobKeyword, Posting, Vocabulary, extract_keywords,
                                               with_posting_terms)

# Sections whose entries `--write-variant` may leave out: a career history or an education
# with gaps looks odd, a shorter list of projects does not.
TRIMMABLE_SECTIONS = ("projects", "volunteering")
KEEP_AT_MOST = 6
KEEP_AT_LEAST = 3


# How strongly a field proves a skill: what the candidate did (an entry's highlights and
# prose, a position held) beats a list (an entry's keywords, a custom section's bullet
# items), which beats the skills section, which beats the headline and summary (claims
# without context). Among equals, work (experience, projects) beats the rest.
_PROOF = {"skills": 1, "basics": 0, "summary": 0}
_LISTS = ("keywords", "courses", "roles", "items")
_WORK = ("experience", "projects", "volunteering")


def proof(section: str, field_name: str) -> int:
    """Strength of evidence in ``section``/``field_name``: 3 done, 2 listed, 1 claimed, 0 said."""
    if section in _PROOF:
        return _PROOF[section]
    # a role's fields (``roles[1].highlights[0]``) count as the entry's own
    return 2 if field_name.rsplit(".", 1)[-1].split("[")[0] in _LISTS else 3


@dataclass(frozen=True)
class Place:
    """Where the profile shows a keyword: section, entry (id and title), field, and the text there."""

    section: str
    entry_id: str | None
    title: str
    field: str
    via: str | None = None  # the term that implies the keyword (EKS for Kubernetes)
    text: str = ""  # the field's text (its first line), to recognise it after tailoring
    inferred: bool = False  # shown only by a word that suggests it ("web application" for Web Development)

    @property
    def identity(self) -> tuple[str, str | None, str, str]:
        """Stays the same when tailoring removes other highlights (indexes shift, text does not)."""
        return self.section, self.entry_id, re.sub(r"\[\d+\]", "", self.field), self.text

    @property
    def strength(self) -> tuple[bool, int, bool]:
        """Higher is stronger: written (not implied), then :func:`proof`, then work over the rest."""
        return (self.via is None and not self.inferred, proof(self.section, self.field), self.section in _WORK)

    def to_dict(self) -> dict[str, Any]:
        return {"section": self.section, "id": self.entry_id, "title": self.title, "field": self.field,
                "via": self.via, "inferred": self.inferred}


STAGES = ("variant", "page_budget")


@dataclass
class KeywordResult:
    keyword: JobKeyword
    places: list[Place] = field(default_factory=list)
    evidence: Place | None = None  # the strongest place in the full profile (see follow())
    survives: dict[str, bool] = field(default_factory=dict)  # stage -> does the evidence survive it

    @property
    def covered(self) -> bool:
        return bool(self.places)

    @property
    def strongest(self) -> Place | None:
        """The strongest place: direct over implied, done over listed over claimed, first in the résumé."""
        if not self.places:
            return None
        return max(self.places, key=lambda p: p.strength)  # max keeps the first of equals

    def to_dict(self) -> dict[str, Any]:
        k = self.keyword
        evidence = self.evidence if self.evidence is not None else self.strongest
        shown = None
        if evidence is not None:
            shown = {**evidence.to_dict(), "text": evidence.text,
                     **{f"survives_{stage}": self.survives.get(stage) for stage in STAGES}}
        return {"keyword": k.name, "category": k.category, "importance": k.importance, "inferred": k.inferred,
                "weight": k.weight, "mentions": k.count, "in_posting": k.where, "written": k.written,
                "covered": self.covered, "evidence": shown, "where": [p.to_dict() for p in self.places],
                "alternatives": k.alternatives, "met_by": k.met_by, "level": k.level,
                "profile_level": k.profile_level}


@dataclass
class RankedEntry:
    section: str
    entry_id: str | None
    title: str
    score: int
    keywords: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"section": self.section, "id": self.entry_id, "title": self.title, "score": self.score,
                "keywords": self.keywords}


@dataclass
class RankedHighlight:
    section: str
    entry_id: str | None
    title: str
    field: str
    text: str
    score: int
    keywords: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"section": self.section, "id": self.entry_id, "title": self.title, "field": self.field,
                "text": self.text, "score": self.score, "keywords": self.keywords}


@dataclass
class MatchReport:
    posting: Posting
    profile_name: str
    variant: str | None
    keywords: list[KeywordResult]
    entries: list[RankedEntry]
    highlights: list[RankedHighlight]
    pieces: list[ScoredPiece] = field(default_factory=list)  # every profile text with posting terms
    full_coverage: int | None = None  # coverage by the whole profile, before the variant and page budget
    page_budget: Any = None  # a tailoring.fitting.FitResult, when a page budget was applied

    @property
    def required(self) -> list[KeywordResult]:
        return [k for k in self.keywords if k.keyword.required]

    @property
    def covered(self) -> list[KeywordResult]:
        return [k for k in self.keywords if k.covered]

    @property
    def missing(self) -> list[KeywordResult]:
        return [k for k in self.keywords if not k.covered]

    @property
    def coverage(self) -> int:
        """Percentage of the posting's keywords the profile shows (0 when none were found)."""
        if not self.keywords:
            return 0
        return (200 * len(self.covered) + len(self.keywords)) // (2 * len(self.keywords))  # rounded half up

    @property
    def weighted_coverage(self) -> int:
        """Like :attr:`coverage`, with required keywords counting more."""
        total = sum(k.keyword.weight for k in self.keywords)
        if not total:
            return 0
        got = sum(k.keyword.weight for k in self.covered)
        return (200 * got + total) // (2 * total)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON data; its shape is ``tailor-report.schema.json`` (see README)."""
        posting = self.posting
        required = self.required
        return {
            "posting": {"title": posting.title, "company": posting.company, "source": posting.source,
                        "sections": [{"heading": s.heading, "kind": s.kind, "importance": s.importance}
                                     for s in posting.sections]},
            "profile": self.profile_name,
            "variant": self.variant,
            "coverage": {"percent": self.coverage, "weighted_percent": self.weighted_coverage,
                         "covered": len(self.covered), "total": len(self.keywords),
                         "required_covered": sum(k.covered for k in required), "required_total": len(required),
                         "full_profile_percent": self.full_coverage if self.full_coverage is not None
                         else self.coverage},
            "covered": [k.keyword.name for k in self.covered],
            "missing": [k.keyword.name for k in self.missing],
            "keywords": [k.to_dict() for k in self.keywords],
            "entries": [e.to_dict() for e in self.entries],
            "highlights": [h.to_dict() for h in self.highlights],
            "page_budget": self.page_budget.to_dict() if self.page_budget is not None else None,
        }


@dataclass(frozen=True)
class ScoredPiece:
    """A profile text with posting terms: its entry ((section, index); custom sections by id),
    field, relevance points (sum of its terms' weights) and terms, heaviest first."""

    entry_key: tuple[str, int]
    field: str
    score: int
    terms: tuple[str, ...]


def follow(full: MatchReport, *stages: tuple[str, MatchReport]) -> MatchReport:
    """The last stage's report, with each keyword's strongest evidence in the ``full`` profile
    and whether that evidence survives each stage (``("variant", report)``, ``("page_budget",
    report)``): still shown, with the same text, in the same entry and field.
    """
    shown = stages[-1][1] if stages else full
    evidence = {k.keyword.name: k.strongest for k in full.keywords}
    seen = [(stage, {k.keyword.name: {p.identity for p in k.places} for k in report.keywords})
            for stage, report in stages]
    for result in shown.keywords:
        best = evidence.get(result.keyword.name)
        result.evidence = best
        result.survives = {} if best is None else \
            {stage: best.identity in places.get(result.keyword.name, set()) for stage, places in seen}
    shown.full_coverage = full.coverage
    return shown


# --------------------------------------------------------------------------- reading the profile


@dataclass(frozen=True)
class _Text:
    """A piece of profile text and where it is."""

    section: str
    entry_id: str | None
    title: str
    field: str
    text: str
    entry_key: tuple[str, int]  # (section, position) identifies entries without ids
    bullet: bool = False  # a highlight or custom-section item


def _plain(text: str | None) -> str:
    from resume_builder.document import rich

    return rich(text).plain.strip() if text else ""


def _highlight_text(item: Highlight) -> str:
    return "\n".join([item.text, *item.details])


_TITLES = {
    "experience": lambda e: ", ".join(p for p in (e.position, e.company) if p),
    "volunteering": lambda e: ", ".join(p for p in (e.position, e.organization) if p),
    "education": lambda e: ", ".join(p for p in (" ".join(x for x in (e.degree, e.area) if x), e.institution) if p),
    "languages": lambda e: e.language,
}
_SKIP_FIELDS = {"id", "tags", "url", "start", "end", "date", "photo", "type"}
_ROLE_FIELDS = ("position", "location", "summary", "highlights")


def profile_texts(profile: Profile) -> Iterator[_Text]:
    """Every piece of text a résumé shows, with its place, in section order."""
    basics = profile.basics
    if basics.headline:
        yield _Text("basics", None, _plain(basics.name), "headline", basics.headline, ("basics", 0))
    custom = {section.id: section for section in profile.custom}
    for key in profile.section_order():
        if key == "summary":
            if profile.summary:
                yield _Text("summary", None, "Summary", "summary", profile.summary, ("summary", 0))
        elif key in custom and key not in Profile.SECTION_FIELDS:
            yield from _custom_texts(custom[key])
        elif key != "references":  # a referee's words are not the candidate's claims
            for index, entry in enumerate(getattr(profile, key)):
                yield from _entry_texts(key, index, entry)


def _entry_texts(section: str, index: int, entry: Any, *, key: tuple[str, int] | None = None) -> Iterator[_Text]:
    title_of = _TITLES.get(section)
    title = _plain(title_of(entry) if title_of else (getattr(entry, "name", None) or getattr(entry, "title", "")))
    key = key or (section, index)
    for name in type(entry).model_fields:
        if name in _SKIP_FIELDS:
            continue
        value = getattr(entry, name)
        if isinstance(value, str) and value:
            yield _Text(section, entry.id, title, name, value, key)
        elif isinstance(value, list) and value and all(isinstance(v, Highlight) for v in value):
            for i, item in enumerate(value):
                yield _Text(section, entry.id, title, f"{name}[{i}]", _highlight_text(item), key, True)
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            yield _Text(section, entry.id, title, name, "\n".join(value), key)
        elif isinstance(value, dict) and value:
            yield _Text(section, entry.id, title, name, "\n".join(f"{k}: {v}" for k, v in value.items()), key)
    if section == "experience" and getattr(entry, "roles", None):
        # A company's roles: each role's texts, as fields of the company entry
        # (roles[1].highlights[0]) so the page budget can weigh them, named by the role;
        # in the order the résumé shows them (newest first, whatever the file's order), so
        # "first in the résumé" among equal evidence is the role a reader sees first.
        from resume_builder.document import newest_first

        roles = list(entry.roles)
        for role in newest_first(roles):
            r = next(i for i, mine in enumerate(roles) if mine is role)
            role_title = _plain(", ".join(p for p in (role.position, entry.company) if p))
            for name in _ROLE_FIELDS:
                value = getattr(role, name)
                if isinstance(value, str) and value:
                    yield _Text(section, role.id or entry.id, role_title, f"roles[{r}].{name}", value, key)
                elif isinstance(value, list):
                    for i, item in enumerate(value):
                        yield _Text(section, role.id or entry.id, role_title, f"roles[{r}].{name}[{i}]",
                                    _highlight_text(item), key, True)


def _custom_texts(section: Any) -> Iterator[_Text]:
    title = _plain(section.title)
    key = (section.id, -1)
    yield _Text(section.id, section.id, title, "title", section.title, key)
    for i, item in enumerate(section.items):
        yield _Text(section.id, section.id, title, f"items[{i}]", _highlight_text(item), key, True)
    for index, entry in enumerate(section.entries):
        yield from _entry_texts(section.id, index, entry, key=(section.id, index))


def profile_terms(profile: Profile) -> list[str]:
    """The technologies the profile itself lists (skills and entries' ``keywords``)."""
    terms: dict[str, None] = {}
    for group in profile.skills:
        terms.update(dict.fromkeys(group.keywords))
    for key in ("experience", "projects", "interests"):
        for entry in getattr(profile, key):
            terms.update(dict.fromkeys(entry.keywords))
    return list(terms)


def with_profile_terms(vocab: Vocabulary, profile: Profile) -> Vocabulary:
    """``vocab`` plus the profile's own listed technologies not in it, matched with exact case.

    A posting that asks for something only the profile knows (an in-house tool, a niche
    library) is then still recognised; exact case avoids reading "edge cases" as ``Edge``.
    """
    vocab = vocab.copy()
    for term in profile_terms(profile):
        if len(term) > 1 and vocab.lookup(term) is None:
            vocab.add(term, category="profile", case_sensitive=[term])
    return vocab


# --------------------------------------------------------------------------- matching


def _line_at(text: str, offset: int) -> str:
    """The line of ``text`` holding character ``offset``: a list field (a skill's keywords)
    is joined one item a line, so this is the item that names the term."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start:] if end < 0 else text[start:end]


def _levels_met(results: dict[str, "KeywordResult"], profile: Profile, vocab: Vocabulary) -> None:
    """A spoken language asked at a CEFR level ("Inglés nivel B2") that the profile's
    ``languages`` entry gives a lower one ("fluency: B1") is not shown by that entry: its
    places there are taken away, and ``profile_level`` says the level the profile gives. An
    entry whose fluency names no level ("Fluent", "Professional") still shows it: there is no
    level to compare (:func:`resume_builder.tailoring.spoken.cefr_level`)."""
    from resume_builder.tailoring.spoken import cefr_level

    given: dict[str, str] = {}
    for entry in profile.languages:
        term = vocab.spoken.named(_plain(entry.language))
        level = cefr_level(_plain(entry.fluency)) if entry.fluency else None
        if term and level:
            given[term] = max(level, given.get(term, level))
    for result in results.values():
        keyword = result.keyword
        if keyword.level is None or keyword.name not in given or given[keyword.name] >= keyword.level:
            continue
        keyword.profile_level = given[keyword.name]
        result.places = [place for place in result.places if place.section != "languages"]


def _alternatives_met(results: dict[str, "KeywordResult"]) -> None:
    """A required term the profile lacks, offered as a choice with one it shows ("Jest,
    Playwright or Cypress" with Jest shown), is asked for no more than preferred: the posting
    wants one of them. Its ``met_by`` names the one shown, and it weighs as a wish, so the
    weighted coverage does not count it as a requirement missed."""
    from resume_builder.tailoring.posting import PREFERRED, WEIGHT_WISHED

    shown = [name for name, result in results.items() if result.places]
    for result in results.values():
        keyword = result.keyword
        if result.places or not keyword.required:
            continue
        met = next((name for name in shown if name in keyword.alternatives), None)
        if met is not None:
            keyword.importance, keyword.met_by, keyword.weight = PREFERRED, met, WEIGHT_WISHED


def _spoken_languages(piece: _Text, vocab: Vocabulary) -> Iterator[tuple[str, int]]:
    """(English name, offset) of each spoken language ``piece`` shows: an entry of the
    ``languages`` section (``language: Inglés``), or a skill keyword that is a language's
    name; a language named anywhere else ("a German bank") proves nothing of speaking it."""
    if (piece.section, piece.field) not in (("languages", "language"), ("skills", "keywords")):
        return
    offset = 0
    for line in piece.text.split("\n"):
        term = vocab.spoken.named(line)
        if term:
            yield term, offset
        offset += len(line) + 1


def match(profile: Profile, posting: Posting, vocab: Vocabulary, *, profile_name: str = "profile",
          variant: str | None = None, top: int | None = None) -> MatchReport:
    """Match ``posting`` against ``profile`` (usually already tailored)."""
    vocab = with_posting_terms(with_profile_terms(vocab, profile), posting)
    wanted = extract_keywords(posting, vocab)
    weights = {k.name: k.weight for k in wanted}
    results = {k.name: KeywordResult(k) for k in wanted}
    entry_terms: dict[tuple[str, int], dict[str, None]] = {}
    entry_info: dict[tuple[str, int], tuple[str, str | None, str]] = {}
    highlights: list[RankedHighlight] = []
    pieces: list[ScoredPiece] = []
    for piece in profile_texts(profile):
        entry_info.setdefault(piece.entry_key, (piece.section, piece.entry_id, piece.title))
        found: dict[str, str | None] = {}  # term -> via
        at: dict[str, int] = {}  # term -> offset of its first mention (or of the term implying it)
        hinted: set[str] = set()  # terms only suggested by the words used
        written: set[str] = set()
        for m in vocab.find(piece.text):
            found[m.term] = None
            at.setdefault(m.term, m.start)
            (hinted if m.inferred else written).add(m.term)
            for implied in vocab.implied(m.term):
                found.setdefault(implied, m.term)
                at.setdefault(implied, m.start)
        for term, offset in _spoken_languages(piece, vocab):
            found.setdefault(term, None)
            at.setdefault(term, offset)
            written.add(term)
        hits = [term for term in found if term in weights]
        for term in hits:
            place = Place(piece.section, piece.entry_id, piece.title, piece.field, found[term],
                          _plain(_line_at(piece.text, at.get(term, 0))), term in hinted and term not in written)
            places = results[term].places
            same = [p for p in places if (p.section, p.entry_id, p.field) == (place.section, place.entry_id, place.field)]
            if not same:
                places.append(place)
            elif same[0].strength < place.strength:
                places[places.index(same[0])] = place
        entry_terms.setdefault(piece.entry_key, {}).update(dict.fromkeys(hits))
        if hits:
            ordered_hits = sorted(hits, key=lambda t: (-weights[t], t.lower()))
            pieces.append(ScoredPiece(piece.entry_key, piece.field, sum(weights[t] for t in hits),
                                      tuple(ordered_hits)))
        if piece.bullet and hits:
            ordered = sorted(hits, key=lambda t: (-weights[t], t.lower()))
            highlights.append(RankedHighlight(piece.section, piece.entry_id, piece.title, piece.field,
                                              _plain(piece.text.split("\n")[0]), sum(weights[t] for t in hits),
                                              ordered))
    for result in results.values():  # direct evidence first, then what implies the keyword
        result.places.sort(key=lambda p: p.via is not None)
    _levels_met(results, profile, vocab)
    _alternatives_met(results)
    entries = []
    for position, (key, terms) in enumerate(entry_terms.items()):
        if not terms or key[0] in ("basics", "summary"):
            continue
        section, entry_id, title = entry_info[key]
        ordered = sorted(terms, key=lambda t: (-weights[t], t.lower()))
        entries.append((position, RankedEntry(section, entry_id, title, sum(weights[t] for t in terms), ordered)))
    ranked_entries = [e for _, e in sorted(entries, key=lambda pe: (-pe[1].score, pe[0]))]
    ranked_highlights = [h for _, h in sorted(enumerate(highlights), key=lambda ih: (-ih[1].score, ih[0]))]
    if top is not None:
        ranked_entries, ranked_highlights = ranked_entries[:top], ranked_highlights[:top]
    return MatchReport(posting, profile_name, variant, list(results.values()), ranked_entries, ranked_highlights,
                       pieces)


def relevance(report: MatchReport) -> "Relevance":
    """What the page budget needs from ``report``: each profile piece's points and terms."""
    from resume_builder.tailoring.fitting import Relevance

    return Relevance({(p.entry_key[0], p.entry_key[1], p.field): (p.score, p.terms) for p in report.pieces},
                     frozenset(k.keyword.name for k in report.keywords if k.keyword.required))


# --------------------------------------------------------------------------- a starting variant


def starting_variant(report: MatchReport, profile: Profile, *, profile_ref: str,
                     base: dict[str, Any] | None = None) -> dict[str, Any]:
    """Variant data keeping the top-ranked entries of the trimmable sections of ``profile``.

    It keeps between ``KEEP_AT_LEAST`` and ``KEEP_AT_MOST`` projects (and volunteering
    entries) by relevance, plus any entry that is the only evidence of a term the posting
    names, so the résumé tailored by it covers every term ``report`` found covered.
    ``profile`` is the profile the report was made from (tailored by ``base``, if any);
    ``base`` is that variant's data, whose settings are kept. Entries without ids cannot be
    named, so they are always kept.
    """
    base = {k: v for k, v in (base or {}).items() if k not in ("profile", "name", "description")}
    scores = {(e.section, e.entry_id): e.score for e in report.entries if e.entry_id}
    keep_anyway = set(base.get("keep") or [])
    drops: list[str] = list(base.get("drop") or [])
    trimmed: dict[tuple[str, str], int] = {}  # (section, id) -> score, of entries this variant drops
    for section in TRIMMABLE_SECTIONS:
        entries = [e for e in getattr(profile, section) if e.id]
        ranked = sorted(enumerate(entries), key=lambda ie: (-scores.get((section, ie[1].id), 0), ie[0]))
        relevant = [e for _, e in ranked if scores.get((section, e.id), 0) > 0][:KEEP_AT_MOST]
        if len(relevant) < KEEP_AT_LEAST:
            relevant = [e for _, e in ranked[:KEEP_AT_LEAST]]
        kept = {e.id for e in relevant}
        for e in entries:
            if e.id not in kept and e.id not in keep_anyway and e.id not in drops:
                trimmed[(section, e.id)] = scores.get((section, e.id), 0)
    # Never drop the only evidence of a term the posting names: a term shown only in
    # entries this variant would drop keeps the best of them (so coverage never falls).
    for result in report.keywords:
        holders = {(p.section, p.entry_id) for p in result.places}
        if holders and holders <= set(trimmed):
            best = max(sorted(holders), key=lambda key: trimmed[key])
            del trimmed[best]
    drops.extend(entry_id for (_, entry_id) in trimmed)
    title = report.posting.headline
    out: dict[str, Any] = {"profile": profile_ref, "description": f"Tailored for {title}"}
    out.update(base)
    if drops:
        out["drop"] = drops
    return out

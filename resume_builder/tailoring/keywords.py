"""Find the skills a text names, offline and deterministically, through a vocabulary.

Job postings and résumés name one skill in many ways (k8s and Kubernetes, CI/CD and
continuous delivery, NodeJS and Node.js). Rather than guess with a language model, text
is matched against a vocabulary of tech terms and their aliases: the built-in
``vocabulary.toml`` (a few hundred common terms), extended by the user in the profile
(``meta: {keywords: {aliases: {Name: [alias, ...]}}}``) or in a file. One matcher reads
both the posting and the profile, so both sides agree on what a term is, and the same
inputs always give the same report.

Matching ignores case (except for terms that are also English words, e.g. ``Go``,
``React``), treats ``-`` like a space, keeps ``/ . + #`` inside terms (``CI/CD``,
``Node.js``, ``C++``, ``C#``), prefers the longest term (``Argo Workflows`` over
``Argo``), tolerates a plural ``s``, and never matches across punctuation or lines.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

from resume_builder.errors import Location, Problem, UserError
from resume_builder.loading.errors_map import describe, dotted
from resume_builder.loading.source import SourceDocument, parse_json, read_text

# --------------------------------------------------------------------------- tokens

_WORD = r"\.?[^\W_](?:[^\W_]|[+#])*(?:\.[^\W_](?:[^\W_]|[+#])*)*"
_TOKEN_RE = re.compile(
    rf"(?P<url>https?://\S+|www\.\S+)|(?P<word>{_WORD})|(?P<sep>[/&])|(?P<dash>-)|(?P<space>[ \t]+)|(?P<other>.)",
    re.S)
BOUNDARY = "|"


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokenize(text: str) -> list[Token]:
    """Words and ``/``/``&`` separators; other punctuation and line breaks become boundaries."""
    tokens: list[Token] = []
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup
        if kind in ("word", "sep"):
            tokens.append(Token(match.group(), match.start(), match.end()))
        elif kind in ("url", "other") and (not tokens or tokens[-1].text != BOUNDARY):
            tokens.append(Token(BOUNDARY, match.start(), match.end()))
    return tokens


def _phrase(text: str) -> tuple[Token, ...]:
    return tuple(t for t in tokenize(text) if t.text != BOUNDARY)


# --------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class Match:
    """A term found in a text: its canonical name and where (character offsets)."""

    term: str
    start: int
    end: int
    surface: str


class Vocabulary:
    """Canonical terms, the ways to write them, and which terms imply others."""

    def __init__(self) -> None:
        self._insensitive: dict[tuple[str, ...], str] = {}
        self._sensitive: dict[tuple[str, ...], str] = {}
        self.categories: dict[str, str] = {}
        self._implies: dict[str, list[str]] = {}
        self._longest = 1

    def copy(self) -> "Vocabulary":
        new = Vocabulary()
        new._insensitive = dict(self._insensitive)
        new._sensitive = dict(self._sensitive)
        new.categories = dict(self.categories)
        new._implies = {k: list(v) for k, v in self._implies.items()}
        new._longest = self._longest
        return new

    def __len__(self) -> int:
        return len(self.categories)

    def __contains__(self, name: object) -> bool:
        return name in self.categories

    @property
    def names(self) -> list[str]:
        return list(self.categories)

    def lookup(self, text: str) -> str | None:
        """The canonical term ``text`` is a way of writing, if any (whole text only)."""
        phrase = _phrase(text)
        if not phrase:
            return None
        return (self._sensitive.get(tuple(t.text for t in phrase))
                or self._insensitive.get(tuple(t.lower for t in phrase)))

    def add(self, name: str, aliases: Iterable[str] = (), *, category: str = "custom",
            case_sensitive: Iterable[str] = ()) -> str:
        """Add a term (or aliases to an existing one); returns its canonical name.

        A name that already is a way of writing a known term extends that term, so
        ``add("kubernetes", ["kube"])`` adds an alias to ``Kubernetes``.
        """
        name = name.strip()
        canonical = self.lookup(name) or name
        exact = set(case_sensitive)
        if canonical not in self.categories:
            self.categories[canonical] = category
        for surface in [name, *aliases]:
            phrase = _phrase(surface)
            if not phrase:
                continue
            if surface in exact:
                self._sensitive[tuple(t.text for t in phrase)] = canonical
            else:
                self._insensitive[tuple(t.lower for t in phrase)] = canonical
            self._longest = max(self._longest, len(phrase))
        return canonical

    def imply(self, name: str, others: Iterable[str]) -> None:
        """Having ``name`` also shows each of ``others`` (EKS shows Kubernetes)."""
        source = self.lookup(name) or name
        targets = self._implies.setdefault(source, [])
        for other in others:
            target = self.lookup(other) or other
            if target not in targets and target != source:
                targets.append(target)

    def implied(self, name: str) -> list[str]:
        """Every term ``name`` implies, directly or through others, in a stable order."""
        out: list[str] = []
        stack = list(reversed(self._implies.get(name, [])))
        while stack:
            term = stack.pop()
            if term == name or term in out:
                continue
            out.append(term)
            stack.extend(reversed(self._implies.get(term, [])))
        return out

    def find(self, text: str) -> list[Match]:
        """Every term in ``text``, longest first, left to right, not overlapping."""
        tokens = tokenize(text)
        matches: list[Match] = []
        i = 0
        while i < len(tokens):
            found = self._match_at(tokens, i, text)
            if found is None:
                i += 1
                continue
            term, length = found
            start, end = tokens[i].start, tokens[i + length - 1].end
            matches.append(Match(term, start, end, text[start:end]))
            i += length
        return matches

    def _match_at(self, tokens: list[Token], i: int, text: str) -> tuple[str, int] | None:
        if tokens[i].text in (BOUNDARY, "/", "&"):
            return None
        limit = min(self._longest, len(tokens) - i)
        for length in range(limit, 0, -1):
            window = tokens[i:i + length]
            if any(t.text == BOUNDARY for t in window) or window[-1].text in ("/", "&"):
                continue
            exact = tuple(t.text for t in window)
            lower = tuple(t.lower for t in window)
            term = self._sensitive.get(exact) or self._insensitive.get(lower)
            last = lower[-1]
            if term is None and len(last) >= 4 and last.endswith("s") and not last.endswith("ss"):
                term = self._insensitive.get(lower[:-1] + (last[:-1],))
            if term is None:
                continue
            if length == 1 and len(window[0].text) == 1 and _glued(text, window[0]):
                continue  # "R&D", "C-level": a letter, not a language
            return term, length
        return None


def _glued(text: str, token: Token) -> bool:
    before = text[token.start - 1:token.start] if token.start else ""
    after = text[token.end:token.end + 1]
    return bool(set(before + after) & set("&-'’."))


@lru_cache(maxsize=1)
def _builtin() -> Vocabulary:
    from importlib.resources import files

    data = tomllib.loads(files("resume_builder.tailoring").joinpath("vocabulary.toml").read_text("utf-8"))
    vocab = Vocabulary()
    exact = set(data.get("case_sensitive", []))
    for category, terms in data["terms"].items():
        for name, aliases in terms.items():
            surfaces = [name, *aliases]
            vocab.add(name, aliases, category=category, case_sensitive=[s for s in surfaces if s in exact])
    for name, others in data.get("implies", {}).items():
        vocab.imply(name, others)
    return vocab


def builtin_vocabulary() -> Vocabulary:
    """A fresh copy of the built-in vocabulary (callers may extend it)."""
    return _builtin().copy()


# --------------------------------------------------------------------------- user extensions

_EXTENSION_KEYS = ("aliases", "implies")


def extension_problems(data: Any, file: str, source: SourceDocument | None = None,
                       at: tuple[Any, ...] = ()) -> list[Problem]:
    """What is wrong with a ``{aliases: {Name: [alias, ...]}, implies: {...}}`` mapping."""
    problems: list[Problem] = []

    def add(message: str, path: tuple[Any, ...], hint: str = "", key: bool = False) -> None:
        location = source.locate(at + path, prefer_key=key) if source else Location(file)
        problems.append(Problem(message, location, dotted(at + path), hint))

    if not isinstance(data, dict):
        add(f"expected a mapping with 'aliases', found {describe(data)}", ())
        return problems
    for key, table in data.items():
        if key not in _EXTENSION_KEYS:
            from resume_builder.errors import did_you_mean

            add(f"unknown field '{key}'", (key,), did_you_mean(key, _EXTENSION_KEYS) or "allowed: aliases, implies",
                key=True)
            continue
        if not isinstance(table, dict):
            add(f"expected a mapping (Name: [alias, ...]), found {describe(table)}", (key,))
            continue
        for name, values in table.items():
            if isinstance(values, str):
                continue
            if not isinstance(values, list):
                add(f"expected a list of text, found {describe(values)}", (key, name))
                continue
            for i, value in enumerate(values):
                if not isinstance(value, str) or not value.strip():
                    add(f"expected text, found {describe(value)}", (key, name, i))
    return problems


def extend(vocab: Vocabulary, data: Mapping[str, Any]) -> Vocabulary:
    """Add a checked extension mapping to ``vocab`` (in place) and return it."""
    for name, aliases in (data.get("aliases") or {}).items():
        vocab.add(str(name), [aliases] if isinstance(aliases, str) else aliases, category="user")
    for name, others in (data.get("implies") or {}).items():
        vocab.imply(str(name), [others] if isinstance(others, str) else others)
    return vocab


def profile_extension(profile: Any, source: SourceDocument | None = None) -> dict[str, Any]:
    """The user's vocabulary in the profile (``meta.keywords``); located UserError if malformed."""
    data = profile.meta.get("keywords") if isinstance(profile.meta, dict) else None
    if data is None:
        return {}
    problems = extension_problems(data, source.file if source else "profile", source, ("meta", "keywords"))
    if problems:
        raise UserError(problems)
    return data


def read_extension_file(path: Path) -> dict[str, Any]:
    """A vocabulary extension file: YAML or JSON (``aliases:`` mapping) or TOML (``[aliases]``)."""
    if path.suffix.lower() == ".toml":
        text = read_text(path)
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise UserError.at(str(path), None, None, f"TOML syntax error: {exc}") from None
        except RecursionError:  # tomllib recurses once per nested array or table
            raise UserError.at(str(path), None, None, "TOML nested too deeply") from None
        except ValueError as exc:  # a whole number of more than 4,300 digits
            raise UserError.at(str(path), None, None, f"TOML value cannot be read: {exc}") from None
        source = None
    else:
        from resume_builder.loading.profile_loader import load_source

        source = load_source(path)
        data = source.data
    problems = extension_problems(data, str(path), source)
    if problems:
        raise UserError(problems)
    return data


# --------------------------------------------------------------------------- job postings


@dataclass(frozen=True)
class PostingPart:
    """A piece of a posting and how much a term found in it counts (3 asked for ... 1 nice to have)."""

    text: str
    weight: int
    where: str


@dataclass
class Posting:
    title: str
    company: str | None
    source: str
    parts: list[PostingPart] = field(default_factory=list)
    explicit: list[PostingPart] = field(default_factory=list)  # listed skills, one term each


@dataclass
class JobKeyword:
    """A term the posting asks for: its weight (3 required ... 1 nice to have) and where it appears."""

    name: str
    category: str
    weight: int
    count: int
    where: list[str]
    first: int  # order of first appearance, for stable sorting

    @property
    def required(self) -> bool:
        return self.weight >= 2


REQUIRED, NORMAL, OPTIONAL = 3, 2, 1
_NICE = re.compile(r"nice|bonus|plus|prefer|desirable|advantage|optional|ideally|extra", re.I)
_ASKED = re.compile(r"requir|qualif|must|skill|you have|you bring|you.ll need|looking for|stack|technolog|"
                    r"experience|about you|essential|expertise|competenc", re.I)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_BOLD_HEADING = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*$")
_COLON_HEADING = re.compile(r"^\s*([^\s:.!?][^:.!?]{0,60}):\s*$")
_LABELLED_LINE = re.compile(r"^\s*(?:[-*+•]\s+)?(?:\*\*|__)?([A-Za-z][A-Za-z '/&-]{1,40}?)(?:\*\*|__)?:(?:\*\*|__)?\s+(\S.*)$")


def _weight_of(label: str) -> int:
    if _NICE.search(label):
        return OPTIONAL
    if _ASKED.search(label):
        return REQUIRED
    return NORMAL


def _strip_markup(text: str) -> str:
    return re.sub(r"[*_`#]+", "", text).strip()


def posting_from_text(text: str, source: str) -> Posting:
    """A plain-text or Markdown posting: headings like 'Requirements' or 'Nice to have' set weights."""
    lines = text.splitlines()
    title = ""
    for line in lines:
        if line.strip():
            heading = _MD_HEADING.match(line)
            title = _strip_markup(heading.group(1) if heading else line)
            break
    posting = Posting(title[:200], None, source)
    label, weight = "description", NORMAL
    title_seen = False
    for line in lines:
        if not line.strip():
            continue
        heading = _MD_HEADING.match(line) or _BOLD_HEADING.match(line) or _COLON_HEADING.match(line)
        if heading:
            text_ = _strip_markup(heading.group(1))
            if not title_seen and text_ == title:
                title_seen = True
                posting.parts.append(PostingPart(text_, REQUIRED, "title"))
                continue
            label, weight = text_.lower(), _weight_of(text_)
            posting.parts.append(PostingPart(text_, weight, label))
            continue
        if not title_seen and _strip_markup(line) == title:
            title_seen = True
            posting.parts.append(PostingPart(line, REQUIRED, "title"))
            continue
        labelled = _LABELLED_LINE.match(line)
        if labelled and (_NICE.search(labelled.group(1)) or _ASKED.search(labelled.group(1))):
            posting.parts.append(PostingPart(labelled.group(2), _weight_of(labelled.group(1)),
                                             labelled.group(1).strip().lower()))
            continue
        posting.parts.append(PostingPart(line, weight, label))
    return posting


_JOB_KEYS = ("title", "company", "description", "responsibilities", "qualifications", "skills")


def is_job_document(data: Any) -> bool:
    """Whether ``data`` looks like a JSON Resume job description (jsonresume.org job schema)."""
    return isinstance(data, dict) and sum(key in data for key in _JOB_KEYS) >= 2


def posting_from_job(doc: SourceDocument, source: str) -> Posting:
    """A JSON Resume job document: listed skill keywords and qualifications count most."""
    data = doc.data
    problems: list[Problem] = []

    def text(path: tuple[Any, ...], value: Any) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            problems.append(Problem(f"expected text, found {describe(value)}", doc.locate(path), dotted(path)))
            return ""
        return value

    def texts(key: str) -> list[str]:
        value = data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list):
            problems.append(Problem(f"expected a list of text, found {describe(value)}", doc.locate((key,)), key))
            return []
        return [text((key, i), item) for i, item in enumerate(value)]

    title = text(("title",), data.get("title")).strip()
    company = text(("company",), data.get("company")).strip() or None
    posting = Posting(title, company, source)
    if title:
        posting.parts.append(PostingPart(title, REQUIRED, "title"))
    for item in texts("description"):
        posting.parts.append(PostingPart(item, NORMAL, "description"))
    for item in texts("responsibilities"):
        posting.parts.append(PostingPart(item, NORMAL, "responsibilities"))
    for item in texts("qualifications"):
        posting.parts.append(PostingPart(item, REQUIRED, "qualifications"))
    skills = data.get("skills") or []
    if not isinstance(skills, list):
        problems.append(Problem(f"expected a list of skills, found {describe(skills)}", doc.locate(("skills",)),
                                "skills"))
        skills = []
    for i, skill in enumerate(skills):
        if isinstance(skill, str):
            posting.explicit.append(PostingPart(skill, REQUIRED, "skills"))
            continue
        if not isinstance(skill, dict):
            problems.append(Problem(f"expected a skill (name, keywords), found {describe(skill)}",
                                    doc.locate(("skills", i)), f"skills[{i}]"))
            continue
        name = text(("skills", i, "name"), skill.get("name"))
        if name:
            posting.parts.append(PostingPart(name, REQUIRED, "skills"))
        keywords = skill.get("keywords") or []
        if not isinstance(keywords, list):
            problems.append(Problem(f"expected a list of text, found {describe(keywords)}",
                                    doc.locate(("skills", i, "keywords")), f"skills[{i}].keywords"))
            continue
        for j, keyword in enumerate(keywords):
            value = text(("skills", i, "keywords", j), keyword).strip()
            if value:
                posting.explicit.append(PostingPart(value, REQUIRED, "skills"))
    if problems:
        raise UserError(problems)
    return posting


def read_posting(path: Path) -> Posting:
    """Read a posting: a JSON Resume job document (``.json``), else plain text or Markdown."""
    text = read_text(path)
    name = path.name
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        doc = parse_json(text, str(path))
        if not is_job_document(doc.data):
            raise UserError.at(str(path), 1, 1, "not a job description: expected a JSON Resume job document "
                                                "with 'title', 'description', 'skills', ...",
                               hint="or give the posting as plain text or Markdown")
        return posting_from_job(doc, name)
    return posting_from_text(text, name)


def posting_from_string(text: str, source: str = "<posting>") -> Posting:
    """A posting given as a string: JSON Resume job JSON or plain text/Markdown."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):  # bad JSON, deep nesting, 4,300-digit numbers: not a job document
            data = None
        if is_job_document(data):
            return posting_from_job(parse_json(text, source), source)
    return posting_from_text(text, source)


def with_posting_terms(vocab: Vocabulary, posting: Posting) -> Vocabulary:
    """``vocab`` plus the posting's listed skills, so unknown ones are still matched."""
    vocab = vocab.copy()
    for part in posting.explicit:
        if vocab.lookup(part.text) is None:
            vocab.add(part.text, category="posting")
    return vocab


def extract_keywords(posting: Posting, vocab: Vocabulary) -> list[JobKeyword]:
    """The terms the posting asks for, heaviest first (then by how often, then by first mention).

    ``vocab`` should already hold the posting's listed skills (see :func:`with_posting_terms`).
    """
    found: dict[str, JobKeyword] = {}
    order = 0

    def note(term: str, weight: int, where: str) -> None:
        nonlocal order
        keyword = found.get(term)
        if keyword is None:
            found[term] = JobKeyword(term, vocab.categories.get(term, "posting"), weight, 1, [where], order)
            order += 1
            return
        keyword.weight = max(keyword.weight, weight)
        keyword.count += 1
        if where not in keyword.where:
            keyword.where.append(where)

    for part in posting.explicit:
        term = vocab.lookup(part.text)
        if term:
            note(term, part.weight, part.where)
    for part in posting.parts:
        for match in vocab.find(part.text):
            note(match.term, part.weight, part.where)
    return sorted(found.values(), key=lambda k: (-k.weight, -k.count, k.first))

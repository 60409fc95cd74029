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

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from resume_builder.errors import Location, Problem, UserError
from resume_builder.loading.errors_map import describe, dotted, escape_surrogates, surrogate_words
from resume_builder.loading.source import SourceDocument
from resume_builder.tailoring.spoken import CATEGORY as SPOKEN, SpokenLanguages, cefr_level
from resume_builder.tailoring.posting import (IGNORED, PREFERRED, REQUIRED, WEIGHT_WISHED, Posting,  # noqa: F401
                                              PostingPart, posting_from_text)

# --------------------------------------------------------------------------- tokens

# "1:1s" (one-on-one meetings) and times ("10:30") are one word; a colon elsewhere ends one.
_WORD = r"\d+:\d+[^\W_]*|\.?[^\W_](?:[^\W_]|[+#])*(?:\.[^\W_](?:[^\W_]|[+#])*)*"
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


#: Scripts a term may be written against with no space: a word is cut where a letter of one
#: of them meets a letter of another or of any other script (Latin, Cyrillic...). Han and
#: kana: Chinese and Japanese put no space between words ("Pythonの実務経験", "熟悉Kubernetes").
#: Arabic and Hebrew write a one-letter "and", "in", "the"... joined to the next word, a Latin
#: one included ("في Kubernetes وAWS", "בPython", "וRedis"). Ranges: the Unicode blocks of each
#: script (Arabic, its Supplement and Extended-A, its presentation forms; Hebrew and its
#: presentation forms), their combining marks included.
_SCRIPTS = {
    "han_kana": "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f",
    "arabic": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc",
    "hebrew": "\u0590-\u05ff\ufb1d-\ufb4f",
}
_SCRIPT_RUN = re.compile("|".join(f"[{ranges}]+" for ranges in _SCRIPTS.values()))


def _words(text: str, start: int) -> list[Token]:
    """The word ``text`` (at offset ``start``), cut where a script of :data:`_SCRIPTS` meets another script."""
    runs = list(_SCRIPT_RUN.finditer(text))
    if not runs or (len(runs) == 1 and runs[0].group() == text):
        return [Token(text, start, start + len(text))]
    tokens, at = [], 0
    for run in runs:
        if run.start() > at:
            tokens.append(Token(text[at:run.start()], start + at, start + run.start()))
        tokens.append(Token(run.group(), start + run.start(), start + run.end()))
        at = run.end()
    if at < len(text):
        tokens.append(Token(text[at:], start + at, start + len(text)))
    return tokens


def tokenize(text: str) -> list[Token]:
    """Words and ``/``/``&`` separators; other punctuation and line breaks become boundaries.
    A word is also cut where Han or kana, Arabic or Hebrew letters meet other letters
    (:data:`_SCRIPTS`)."""
    tokens: list[Token] = []
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup
        if kind == "word":
            tokens.extend(_words(match.group(), match.start()))
        elif kind == "sep":
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
    inferred: bool = False  # written as a word that only suggests the term ("payments" for Fintech)
    doubtful: bool = False  # may be an ordinary word ("Swift delivery"): see Vocabulary.find


# A term that is also an ordinary English word ("Swift", "Spring", "Go") is known by its
# capital, which says nothing at the start of a sentence or list item: there it counts only
# when the words around it speak of technology (see Vocabulary._doubtful).
_SENTENCE_START = frozenset(".!?:;\n\u2022\u00b7*>|\u2013\u2014-")
_OPENING_QUOTES = " \t\"'\u201c\u2018\u201e\u00ab"
# Words that may follow such a term when it means the technology ("Rust experience",
# "Swift developers", "Go is a plus"): the built-in locales' languages that use these words.
_TECH_CONTEXT = frozenset("""
    experience experienced expert expertise knowledge skill proficiency proficient background
    developer engineer engineering development programming programmer code coding codebase
    service microservice app application backend frontend stack ecosystem framework library
    libraries sdk api tooling tool cluster job pipeline component module project script scripting
    version ui is are was were
    kenntnisse erfahrung entwicklung entwickler programmierung ist sind
    est sont es son sono
""".split())
_JOINING_WORDS = frozenset("and or und oder et ou y o e i en och og".split())
# "{n}" in a vocabulary surface stands for a number ("led a team of {n}"): a number written in
# digits, or in English words up to twenty, is read as this word when nothing else matches.
_NUMBER = "0"
_NUMBER_WORDS = frozenset("""one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty dozen""".split())
# Words that share the noun after them ("Platform / SRE Engineer", "Data & ML Engineer"):
# the first word and that noun are read as a term too (Platform Engineering, Data Engineering).
_SHARING = frozenset(["/", "&", "and", "or"])


def _singular(phrase: tuple[str, ...]) -> tuple[str, ...] | None:
    """``phrase`` with its last word's plural "s" taken off, the way a term tolerates one
    ("payments": "payment"); None when the last word is no such plural."""
    last = phrase[-1]
    if len(last) >= 4 and last.endswith("s") and not last.endswith("ss") and last.isalpha():
        return phrase[:-1] + (last[:-1],)
    return None


def _numbered(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_NUMBER if w.isdigit() or w in _NUMBER_WORDS else w for w in words)


class Vocabulary:
    """Canonical terms, the ways to write them, and which terms imply others."""

    def __init__(self) -> None:
        self._insensitive: dict[tuple[str, ...], str] = {}
        self._sensitive: dict[tuple[str, ...], str] = {}
        self.categories: dict[str, str] = {}
        self._implies: dict[str, list[str]] = {}
        self._hints: set[tuple[str, ...]] = set()  # surfaces (lower case) that only suggest their term
        self._ordinary: set[str] = set()  # one-word surfaces that are also English words ("Swift")
        self._starts: set[str] = set()  # every surface's first word, lower case: where a match may begin
        self._longest = 1
        self._numbered = False  # whether a surface has a number in it ("led a team of {n}")
        self.spoken = SpokenLanguages({})  # spoken languages' names (tailoring/spoken.py)

    def copy(self) -> "Vocabulary":
        new = Vocabulary()
        new.spoken = self.spoken  # read only
        new._insensitive = dict(self._insensitive)
        new._sensitive = dict(self._sensitive)
        new.categories = dict(self.categories)
        new._implies = {k: list(v) for k, v in self._implies.items()}
        new._hints = set(self._hints)
        new._ordinary = set(self._ordinary)
        new._starts = set(self._starts)
        new._longest = self._longest
        new._numbered = self._numbered
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
            case_sensitive: Iterable[str] = (), hints: Iterable[str] = (),
            ordinary_words: Iterable[str] = ()) -> str:
        """Add a term (or aliases to an existing one); returns its canonical name.

        A name that already is a way of writing a known term extends that term, so
        ``add("kubernetes", ["kube"])`` adds an alias to ``Kubernetes``. ``hints`` are words
        that suggest the term without naming it ("payments" for Fintech): they match like
        aliases, but a match through one is :attr:`Match.inferred`. ``ordinary_words`` are
        case-sensitive one-word surfaces that are also English words ("Swift"): at the start
        of a sentence one counts only among words of technology ("Swift delivery" is no
        Swift, "Swift developers" is).
        """
        name = name.strip()
        canonical = self.lookup(name) or name
        exact = set(case_sensitive)
        if canonical not in self.categories:
            self.categories[canonical] = category
        hinted = list(hints)
        for surface in [name, *aliases, *hinted]:
            phrase = _phrase(surface.replace("{n}", _NUMBER))
            if not phrase:
                continue
            lower = tuple(t.lower for t in phrase)
            if surface in exact:
                self._sensitive[tuple(t.text for t in phrase)] = canonical
                if surface in ordinary_words and len(phrase) == 1:
                    self._ordinary.add(surface)
            else:
                self._insensitive[lower] = canonical
            if surface in hinted:
                self._hints.add(lower)
                # A hint's singular suggests as much as its plural ("payment APIs" as "payments");
                # the plural of a singular hint is found like any term's (Vocabulary._match_at).
                single = _singular(lower) if surface not in exact else None
                if single is not None and single not in self._insensitive:
                    self._insensitive[single] = canonical
                    self._hints.add(single)
                    self._starts.add(single[0])
            if _NUMBER in lower:
                self._numbered = True
            self._starts.add(phrase[0].lower)
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
        """Every term in ``text``, longest first, left to right, not overlapping.

        A term that is also an ordinary word, written at the start of a sentence among
        words that do not speak of technology ("Swift delivery of features"), counts only
        if ``text`` also names it where there is no doubt."""
        matches = self.find_all(text)
        sure = {m.term for m in matches if not m.doubtful}
        return [m for m in matches if not m.doubtful or m.term in sure]

    def find_all(self, text: str) -> list[Match]:
        """Like :meth:`find`, but keeps doubtful matches (:attr:`Match.doubtful`), for a
        caller that settles them over several texts (a whole posting)."""
        tokens = tokenize(text)
        matches: list[Match] = []
        i = 0
        while i < len(tokens):
            found = self._match_at(tokens, i, text)
            if found is None:
                shared = self._shared_noun(tokens, i, text)
                if shared is not None:
                    matches.append(shared)
                i += 1
                continue
            term, length = found
            start, end = tokens[i].start, tokens[i + length - 1].end
            inferred = self._hinted(tokens[i:i + length])
            doubtful = length == 1 and self._doubtful(tokens, i, text)
            matches.append(Match(term, start, end, text[start:end], inferred, doubtful))
            i += length
        return matches

    def _hinted(self, window: list[Token]) -> bool:
        """Whether ``window`` is written as a hint (:attr:`Match.inferred`), in the plural too."""
        for surface in (tuple(t.lower for t in window), _numbered(tuple(t.lower for t in window))):
            if surface in self._hints or _singular(surface) in self._hints:
                return True
        return False

    def _shared_noun(self, tokens: list[Token], i: int, text: str) -> Match | None:
        """The term that the word at ``tokens[i]`` makes with the noun it shares with the next
        word ("Platform / SRE Engineer": Platform Engineering), if any; the match spans that
        word, its surface is the term as the two words would be written alone."""
        if i + 3 >= len(tokens) or tokens[i].text in (BOUNDARY, "/", "&") or tokens[i + 1].lower not in _SHARING:
            return None
        if any(t.text in (BOUNDARY, "/", "&") for t in tokens[i + 2:i + 4]):
            return None
        for length in range(min(self._longest - 1, len(tokens) - i - 3), 0, -1):
            noun = tokens[i + 3:i + 3 + length]
            if any(t.text in (BOUNDARY, "/", "&") for t in noun):
                continue
            found = self._match_at([tokens[i], *noun], 0, text)
            if found is not None and found[1] == 1 + length:
                surface = " ".join(t.text for t in [tokens[i], *noun])
                return Match(found[0], tokens[i].start, tokens[i].end, surface, self._hinted([tokens[i], *noun]))
        return None

    def _doubtful(self, tokens: list[Token], i: int, text: str) -> bool:
        """Whether the one-word match at ``tokens[i]`` may be an ordinary word: an ordinary
        word's capitalised form (:attr:`_ordinary`) that starts a sentence or list item and
        is followed by a word that does not speak of technology."""
        token = tokens[i]
        if token.text not in self._ordinary:
            return False
        before = text[:token.start].rstrip(_OPENING_QUOTES)
        if before and before[-1] not in _SENTENCE_START:
            return False
        if text[token.end:token.end + 1] == "-":
            return False  # "Rust-based", "Swift-Kenntnisse"
        following = tokens[i + 1:i + 3]
        if not following or following[0].text in (BOUNDARY, "/", "&"):
            return False  # alone on its line, or listed ("Swift, Kotlin", "Swift/Kotlin")
        word = following[0].lower
        if not (word.isascii() and word.isalpha()):
            return False  # "Swift 5", "Go言語": English words are what make the doubt
        if word in _TECH_CONTEXT or (word.endswith("s") and word[:-1] in _TECH_CONTEXT):
            return False
        if self._names_technology(tokens, i + 1, text):
            return False  # "Go microservices", "React TypeScript"
        return not (word in _JOINING_WORDS and self._names_technology(tokens, i + 2, text))

    def _names_technology(self, tokens: list[Token], i: int, text: str) -> bool:
        if i >= len(tokens):
            return False
        return self._match_at(tokens, i, text) is not None

    def _match_at(self, tokens: list[Token], i: int, text: str) -> tuple[str, int] | None:
        if tokens[i].text in (BOUNDARY, "/", "&"):
            return None
        first = tokens[i].lower
        if first not in self._starts and not (first.endswith("s") and first[:-1] in self._starts) \
                and not (self._numbered and _numbered((first,)) == (_NUMBER,) and _NUMBER in self._starts):
            return None  # no term begins with this word (most words of a text): nothing to try
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
            if term is None and self._numbered and length > 1:
                term = self._insensitive.get(_numbered(lower))
            if term is None:
                continue
            if length == 1 and len(window[0].text) == 1 and _glued(text, window[0]):
                continue  # "R&D", "C-level": a letter, not a language
            if length == 1 and window[0].text == "Go" and text[window[0].end:window[0].end + 1] == "-":
                continue  # "Go-live" (German postings), not the language
            return term, length
        return None


def _glued(text: str, token: Token) -> bool:
    before = text[token.start - 1:token.start] if token.start else ""
    after = text[token.end:token.end + 1]
    return bool(set(before + after) & set("&-'’."))


def vocabulary_from(data: Mapping[str, Any]) -> Vocabulary:
    """A vocabulary built from data shaped like ``vocabulary.toml`` (read by
    :func:`resume_builder.loading.vocabulary.read_builtin_vocabulary`): ``[terms.<category>]``
    tables of ``Name = [alias, ...]``, ``case_sensitive``, ``[inferred]`` and ``[implies]``;
    ``spoken_languages`` (``{code: {locale: name}}``) for :class:`SpokenLanguages`."""
    vocab = Vocabulary()
    vocab.spoken = SpokenLanguages(data.get("spoken_languages", {}))
    exact = set(data.get("case_sensitive", []))
    for category, terms in data["terms"].items():
        for name, aliases in terms.items():
            surfaces = [name, *aliases]
            sensitive = [s for s in surfaces if s in exact]
            vocab.add(name, aliases, category=category, case_sensitive=sensitive,
                      ordinary_words=[s for s in sensitive if len(s) > 1 and s[0].isupper() and not s.isupper()])
    for name, hints in data.get("inferred", {}).items():
        if name not in vocab:
            raise AssertionError(f"vocabulary.toml: [inferred] names an unknown term {name!r}")
        vocab.add(name, hints=hints, case_sensitive=[h for h in hints if h in exact])
    for name, others in data.get("implies", {}).items():
        vocab.imply(name, others)
    return vocab


# --------------------------------------------------------------------------- user extensions

_EXTENSION_KEYS = ("aliases", "implies")
#: Each table's items, in messages: (what one is, how the fix names it, the shape of the table).
_ITEM_WORDS = {"aliases": ("alias", "the alias", "Name: [alias, ...]"),
               "implies": ("term", "the term it implies", "Name: [term it implies, ...]")}


def extension_problems(data: Any, file: str, source: SourceDocument | None = None,
                       at: tuple[Any, ...] = ()) -> list[Problem]:
    """What is wrong with a ``{aliases: {Name: [alias, ...]}, implies: {...}}`` mapping, every
    problem at once, each located when ``source`` has positions (a YAML or JSON file's, or a
    TOML file's found in its lines: :class:`resume_builder.loading.errors_map.TomlDocument`)."""
    problems: list[Problem] = []
    toml = file.lower().endswith(".toml")
    json_text = file.lower().endswith(".json")

    def add(message: str, path: tuple[Any, ...], hint: str = "", key: bool = False) -> None:
        location = source.locate(at + path, prefer_key=key) if source else Location(file)
        shown = dotted(at + path) if path[-1:] != ("",) else dotted(at + path[:-1]) + '.""'  # an empty key
        problems.append(Problem(message, location, escape_surrogates(shown), hint))

    if not isinstance(data, dict):
        add(f"expected a mapping with 'aliases', found {describe(data)}", ())
        return problems
    for key, table in data.items():
        if key not in _EXTENSION_KEYS:
            from resume_builder.errors import did_you_mean

            add(f"unknown field '{key}'", (key,), did_you_mean(key, _EXTENSION_KEYS) or "allowed: aliases, implies",
                key=True)
            continue
        noun, fix, shape = _ITEM_WORDS[key]
        if not isinstance(table, dict):
            add(f"expected a mapping ({shape}), found {describe(table)}", (key,),
                f'write a table: [{key}], then Name = ["{noun}", ...] under it' if toml and not at else "")
            continue
        for name, values in table.items():
            if isinstance(name, str) and not name.strip():
                add("empty term name", (key, name), "remove the entry or write the term's name", key=True)
            elif isinstance(name, str) and (words := surrogate_words(name, json_text)):
                add(words[0], (key, name), words[1], key=True)
            if not isinstance(values, (str, list)):
                add(f"expected a list of text, found {describe(values)}", (key, name),
                    f"write its {noun}{'es' if noun.endswith('s') else 's'} after it, or remove it"
                    if values is None else "", key=values is None)  # nothing: at its key, not after it
                continue
            # one text stands for a list of it
            items = [((key, name), values)] if isinstance(values, str) else \
                [((key, name, i), value) for i, value in enumerate(values)]
            for path, value in items:
                if not isinstance(value, str):
                    add(f"expected text, found {describe(value)}", path,
                        "put it in quotes to make it text" if isinstance(value, (int, float)) else "")
                elif not value.strip():
                    add(f"empty {noun}", path, f"remove it or write {fix}")
                elif words := surrogate_words(value, json_text):
                    add(words[0], path, words[1])
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


def extension_from(data: Any, file: str, source: SourceDocument | None = None) -> dict[str, Any]:
    """A vocabulary extension read from ``file`` (by :func:`resume_builder.loading.vocabulary.read_keyword_file`),
    checked; raises one UserError listing every problem, located when ``source`` has positions."""
    problems = extension_problems(data, file, source)
    if problems:
        raise UserError(problems)
    return data


# --------------------------------------------------------------------------- what a posting asks for


@dataclass
class JobKeyword:
    """A term the posting names: how much it is asked for, whether it was written, and where.

    ``importance`` is ``required`` when the posting names the term in a requirements section
    or its title, else ``preferred``; ``inferred`` is true when the posting never wrote the
    term, only a word that suggests it ("payments" for Fintech), and an inferred term is
    never required. ``weight`` is the relevance points the term gives résumé content:
    3 required, 2 preferred in the description of the job, 1 named as optional or inferred.
    """

    name: str
    category: str
    importance: str
    inferred: bool
    weight: int
    count: int
    where: list[str]
    first: int  # order of first appearance, for stable sorting
    written: list[str] = field(default_factory=list)  # how the posting wrote it
    # Terms the posting offers in its place ("Jest, Playwright or Cypress"): any one will do.
    alternatives: list[str] = field(default_factory=list)
    met_by: str | None = None  # the alternative the profile shows, when it lacks this term (matching.match)
    level: str | None = None  # a spoken language's CEFR level asked ("Inglés nivel B2": B2), spoken.cefr_level
    profile_level: str | None = None  # the lower level the profile gives it, when that fails the one asked

    @property
    def required(self) -> bool:
        return self.importance == REQUIRED


def with_posting_terms(vocab: Vocabulary, posting: Posting) -> Vocabulary:
    """``vocab`` plus the posting's listed skills, so unknown ones are still matched."""
    vocab = vocab.copy()
    for part in posting.explicit:
        if vocab.lookup(part.text) is None and not vocab.spoken.asked(part.text, posting.language):
            vocab.add(part.text, category="posting")  # "Inglés B2" is English (spoken.py), not a skill of its own
    return vocab


# Words that offer a choice between the terms they join, in the built-in locales' languages
# written with spaces ("React or Vue", "Jest, Playwright oder Cypress", "Java ou Kotlin").
_OR_WORDS = frozenset("or oder ou o of lub albo или veya ya da または 或 或者 또는".split())
_LIST_GLUE = re.compile(r"[\s,/]*")
# "and/or" and its kin offer a choice too ("Java and/or Kotlin", "Java und/oder Kotlin").
_AND_OR = re.compile(r"(?<!\w)(?:and|und|et|y|e|i|en)\s*/\s*(?:or|oder|ou|o|lub|of)(?!\w)", re.I)


def alternative_groups(text: str, matches: list[Match]) -> list[list[str]]:
    """The groups of terms ``text`` offers as a choice: consecutive matched terms joined only by
    commas, slashes and an "or" word ("Jest, Playwright or Cypress", "React or Vue", "Go oder
    Rust", "Java and/or Kotlin"), at least one join being that word or a bare slash
    ("AWS/GCP"); "Kubernetes, Terraform and Go" asks for all."""
    groups: list[list[str]] = []
    current: list[str] = []
    offered = False
    for before, after in zip(matches, matches[1:]):
        between = _AND_OR.sub(" or ", text[before.end:after.start])
        words = between.replace(",", " ").replace("/", " ").split()
        slash = not words and between.strip() == "/"  # "AWS/GCP", "React/Vue": either
        joined = (not words and _LIST_GLUE.fullmatch(between) is not None) or \
            (len(words) == 1 and words[0].casefold() in _OR_WORDS)
        if joined:
            if not current:
                current = [before.term]
            if after.term not in current:
                current.append(after.term)
            offered = offered or bool(words) or slash
            continue
        if offered and len(current) > 1:
            groups.append(current)
        current, offered = [], False
    if offered and len(current) > 1:
        groups.append(current)
    return groups


@dataclass
class _Mentions:
    first: int
    count: int = 0
    where: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    weight: int = 0  # highest weight among written mentions
    required: bool = False  # written in a required part


def extract_keywords(posting: Posting, vocab: Vocabulary) -> list[JobKeyword]:
    """The terms the posting asks for: required first, then by weight, mentions, first mention.

    Terms named only where the posting asks nothing of the candidate (about the company,
    benefits, salary, how to apply) are left out. ``vocab`` should already hold the
    posting's listed skills (see :func:`with_posting_terms`). Spoken languages the posting
    asks for ("Inglés nivel B2") are terms too, named in English (category ``spoken``,
    :mod:`resume_builder.tailoring.spoken`).
    """
    found: dict[str, _Mentions] = {}
    categories: dict[str, str] = {}

    def note(term: str, part: PostingPart, inferred: bool, surface: str) -> None:
        mentions = found.setdefault(term, _Mentions(len(found)))
        mentions.count += 1
        if part.where not in mentions.where:
            mentions.where.append(part.where)
        if not inferred:
            mentions.weight = max(mentions.weight, part.weight)
            mentions.required = mentions.required or part.importance == REQUIRED
            if surface not in mentions.written:
                mentions.written.append(surface)

    for part in posting.explicit:
        term = vocab.lookup(part.text)
        if term:
            note(term, part, False, part.text)
        for mention in [] if term else vocab.spoken.asked(part.text, posting.language):
            categories[mention.term] = SPOKEN
            note(mention.term, part, False, mention.surface)
    alternatives: dict[str, list[str]] = {}
    levels: dict[str, str] = {}  # a spoken language's lowest CEFR level asked
    # A doubtful mention ("Swift delivery", Vocabulary.find) counts where the posting names
    # the term without doubt somewhere else.
    read = [(part, vocab.find_all(part.text)) for part in posting.parts if part.importance != IGNORED]
    sure = {m.term for _, matches in read for m in matches if not m.doubtful} | set(found)
    for part, matches in read:
        matches = [m for m in matches if not m.doubtful or m.term in sure]
        for match in matches:
            note(match.term, part, match.inferred, match.surface)
        for group in alternative_groups(part.text, matches):
            for term in group:
                known = alternatives.setdefault(term, [])
                known.extend(other for other in group if other != term and other not in known)
        for mention in vocab.spoken.asked(part.text, posting.language):
            categories[mention.term] = SPOKEN
            note(mention.term, part, False, mention.surface)
            level = cefr_level(part.text)
            if level is not None and part.importance == REQUIRED:
                levels[mention.term] = min(level, levels.get(mention.term, level))
    keywords = []
    for term, m in found.items():
        inferred = not m.written
        keywords.append(JobKeyword(
            term, categories.get(term) or vocab.categories.get(term, "posting"),
            REQUIRED if m.required else PREFERRED, inferred,
            WEIGHT_WISHED if inferred else m.weight, m.count, m.where, m.first, m.written,
            alternatives.get(term, []), level=levels.get(term)))
    return sorted(keywords, key=lambda k: (not k.required, -k.weight, -k.count, k.first))

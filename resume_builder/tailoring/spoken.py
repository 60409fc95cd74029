"""Spoken languages a job posting asks for, and where a profile shows them.

A posting asks for a spoken language as "Fluent German", "Inglés nivel B2", "Sehr gute
Englischkenntnisse", "Znajomość języka angielskiego" or a bare "Alemán" among its wishes; a
profile shows one in its ``languages`` section (``language: English``, or ``Inglés`` in a
Spanish profile) or as a skill's keyword. Both sides are read here, so "Inglés B2" in a
Spanish posting is met by ``language: English``: each language is one term, named by its
English name (``German``), whatever language either side is written in.

Names: ``spoken_languages.toml``, CLDR's names of some fifty languages in English and in
the 16 built-in locales (read by ``loading/vocabulary.py``, written by ``tools/spoken_languages.py`` from Babel's CLDR data, so
the answer does not depend on the Babel installed), plus the inflected forms postings use
(:data:`_FORMS`): German compounds with ``-kenntnisse``, Polish and Russian case endings.

A language name is also an adjective ("a German company", "polish the UI", Dutch "Pools" is
English "pools"), so in a posting a name counts only where the text speaks of languages:

- the same part (a line, a bullet) names a CEFR level (A1-C2, Council of Europe), a
  language test (TOEFL, IELTS, DELE, JLPT N2, ...) or a word of language ability in one of
  the built-in languages (:data:`CUES`: "fluent", "nivel", "verhandlungssicher", "courant",
  "biegła", "свободно", "流暢", ...), or
- the part holds nothing but language names, words joining them and words of a wish
  ("German, French", "Inglés y alemán", "French is a plus").

English names match with their capital only ("Polish", never "polish"); Dutch names only in
a posting in Dutch (:attr:`Posting.language`: "Pools", "Fins" and "Turks" are English words),
every other locale's always (a posting in German that reads as English still asks for
"Englischkenntnisse"). Chinese and Japanese names are found inside
words (those scripts put no spaces between words: "英語力").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

#: Category of the spoken-language terms in a report (``JobKeyword.category``).
CATEGORY = "spoken"

# Locales whose names are matched only in a posting written in that language: Dutch names
# are English words ("Pools" Polish, "Fins" Finnish, "Turks" Turkish, "Frans" French).
_GUESSED = ("nl",)
_UNSPACED = ("ja", "zh")

# Names CLDR does not give that postings use (English and Spanish usage), by language code.
_EXTRA = {
    "zh": ("Mandarin", "Mandarin Chinese", "mandarín", "chino mandarín"),
    "fa": ("Farsi",),
    "bn": ("Bengali",),
    "es": ("castellano",),
    "no": ("Norwegian Bokmål",),
}

# Words of language ability, casefolded, by built-in locale. A part naming a language
# together with one of these asks for that language. Chinese, Japanese and Korean ones
# are found inside words.
CUES = {
    "en": "fluent fluency fluently native proficient proficiency speaker speakers speaking spoken speak speaks "
          "written verbal bilingual conversational tongue language languages level",
    "de": "fließend fliessend verhandlungssicher muttersprache muttersprachlich muttersprachler sprache "
          "sprachen sprachkenntnisse kenntnisse niveau konversationssicher schrift sprichst sprechen spricht",
    "fr": "courant couramment natif native bilingue niveau maîtrise maitrise parlé écrit langue langues parles "
          "parlez parler",
    "es": "idioma idiomas lengua nivel fluido fluida fluidez nativo nativa bilingüe hablado escrito "
          "dominio conversacional avanzado intermedio hablas habla hablar",
    "it": "lingua lingue fluente madrelingua nativo bilingue livello conoscenza parlato scritto parli parlare",
    "pt": "idioma idiomas língua fluente fluência nativo nativa bilíngue nível domínio falado escrito "
          "avançado intermediário fala falar",
    "nl": "taal talen vloeiend moedertaal tweetalig niveau beheersing mondeling schriftelijk spreekt spreken "
          "spreek kennis",
    "pl": "język języka języku językiem znajomość biegły biegła biegle płynny płynnie ojczysty poziom "
          "poziomie komunikatywny",
    "ru": "язык языка языком языке свободно свободный свободное владение носитель уровень уровне "
          "разговорный письменный",
    "tr": "dil dili akıcı seviye seviyede seviyesinde bilgisi anadil",
    "ar": "اللغة لغة طلاقة إجادة مستوى",
    "he": "שפה שפת שליטה ברמה רמה",
    "hi": "भाषा धाराप्रवाह",
    "ko": "능통 유창 원어민 회화 가능 수준 언어",
}
_UNSPACED_CUES = ("語学", "言語", "流暢", "ネイティブ", "ビジネスレベル", "日常会話", "母国語", "レベル",
                  "流利", "母语", "语言", "水平", "熟练", "능통", "유창", "원어민", "회화", "수준")
# CEFR levels (A1..C2, also "B2+", "C1/C2"), JLPT levels and language tests by their names.
_LEVEL = re.compile(r"(?<![\w-])(?:[ABC][12]\+?|N[1-5]|TOEFL|IELTS|TOEIC|DELE|DELF|DALF|TestDaF|Goethe|"
                    r"JLPT|HSK|TOPIK|CELI|CILS|CAPLE|Cambridge|CEFR|GER|MCER|QECR|ERK)(?![\w-])")
_CEFR = re.compile(r"(?<![\w-])([ABC][12])(?![\w-])")
# A mother tongue, in the built-in languages' words (casefolded, accents kept): as good as C2.
_NATIVE = re.compile(r"(?<!\w)(?:native|mother tongue|first language|bilingual|muttersprach\w*|"
                     r"langue maternelle|natif|native|bilingue|nativ[oa]|lengua materna|madrelingua|"
                     r"língua materna|moedertaal|ojczyst\w*|родной|anadil\w*)(?!\w)", re.I)


def cefr_level(text: str) -> str | None:
    """The CEFR level (Council of Europe: A1 < A2 < B1 < B2 < C1 < C2) ``text`` names: the
    lowest one written ("B2 o superior", "C1/C2": B2, C1), else C2 for a mother tongue
    ("Native", "Muttersprache", "nativo"), else None (no level to compare: "Fluent")."""
    levels = sorted(_CEFR.findall(text))
    if levels:
        return levels[0]
    return "C2" if _NATIVE.search(text) else None


# Words that join names in a list of languages ("German and French", "Inglés y alemán"), and
# those of a wish that closes it ("French is a plus", "Alemán es un plus", "Französisch von
# Vorteil", "un atout"): a part of nothing else asks for the languages it names.
_JOINERS = frozenset("and or y o e und oder et ou i lub oraz или и ve veya ile en of "
                     "is a an plus bonus nice to have would be great preferred desirable advantage welcome "
                     "es un una valorará valorable deseable ist ein von vorteil wünschenswert erwünscht "
                     "est atout serait apprécié souhaité é um diferencial desejável è gradito "
                     "mile widziane pluspunt".split())
_TOKEN = re.compile(r"\w+(?:['’]\w+)?")


@dataclass(frozen=True)
class Mention:
    """A spoken language named in a text: its English name, how it was written, and where."""

    term: str
    surface: str
    start: int
    end: int


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _forms(locale: str, name: str) -> list[str]:
    """``name`` and the inflected forms a posting in ``locale`` writes it in."""
    forms = [name]
    if locale == "de":
        forms.append(name + "kenntnisse")  # Englischkenntnisse, Deutschkenntnisse
    elif locale == "pl" and name.endswith("i"):  # angielski: angielskiego, angielskim
        forms += [name[:-1] + "iego", name + "m"]
    elif locale == "ru" and name.endswith(("ий", "ый")):  # английский: английского, английском, английским
        forms += [name[:-2] + "ого", name[:-2] + "ом", name[:-2] + ("им" if name.endswith("ий") else "ым")]
    return forms


@lru_cache(maxsize=1)
def _cue_words() -> frozenset[str]:
    return frozenset(_fold(word) for words in CUES.values() for word in words.split())


def _speaks_of_languages(text: str, mentions: list[Mention], words: list[tuple[int, int]]) -> bool:
    """Whether ``text`` names a level, a test or an ability, or holds only language names."""
    if _LEVEL.search(text) or any(cue in text for cue in _UNSPACED_CUES):
        return True
    cues = _cue_words()
    rest = [text[s:e] for s, e in words if not any(m.start <= s and e <= m.end for m in mentions)]
    if any(_fold(word) in cues for word in rest):
        return True
    if any(_fold(m.surface).endswith("kenntnisse") for m in mentions):
        return True  # "Englischkenntnisse": the word says it
    return all(_fold(word) in _JOINERS for word in rest)


class SpokenLanguages:
    """Spoken languages' names: ``names`` is ``{language code: {locale: name}}`` (CLDR, as in
    ``spoken_languages.toml``; the ``en`` name is the term's name). Read only."""

    def __init__(self, names: Mapping[str, Mapping[str, str]]) -> None:
        self._names = names
        self._tables: dict[str | None, tuple[dict, dict, dict]] = {}
        self._inside: dict[str | None, re.Pattern[str] | None] = {}  # the names found inside words, as one pattern
        self._english: dict[tuple[str, ...], str] | None = None

    def _table(self, language: str | None) -> tuple[dict[tuple[str, ...], str], dict[tuple[str, ...], str],
                                                   dict[str, str]]:
        """(names matched with their case, names matched in any case, names found inside
        words), each to its English name, for a text in ``language`` (None: every locale's)."""
        if language in self._tables:
            return self._tables[language]
        exact: dict[tuple[str, ...], str] = {}
        folded: dict[tuple[str, ...], str] = {}
        inside: dict[str, str] = {}
        for code, by_locale in self._names.items():
            term = by_locale["en"]
            extras = _EXTRA.get(code, ())
            for locale, name in by_locale.items():
                if locale == "en":
                    for written in (name, *(e for e in extras if e[:1].isupper())):
                        exact[tuple(_TOKEN.findall(written))] = term
                elif language is not None and locale in _GUESSED and locale != language:
                    continue
                elif locale in _UNSPACED:
                    inside[name] = term
                else:
                    for form in _forms(locale, name):
                        folded[tuple(_fold(t) for t in _TOKEN.findall(form))] = term
            for extra in extras:
                if not extra[:1].isupper():
                    folded[tuple(_fold(t) for t in _TOKEN.findall(extra))] = term
        self._tables[language] = exact, folded, inside
        return exact, folded, inside

    def _find(self, text: str, language: str | None) -> tuple[list[Mention], list[tuple[int, int]]]:
        """Every language name in ``text``, left to right, longest first, not overlapping; and
        the spans of its words."""
        exact, folded, inside = self._table(language)
        tokens = list(_TOKEN.finditer(text))
        words = [t.group() for t in tokens]
        folded_words = [_fold(w) for w in words]  # once each: a long posting has tens of thousands
        found: list[Mention] = []
        i = 0
        while i < len(tokens):
            for length in (3, 2, 1):
                window = tokens[i:i + length]
                if len(window) < length:
                    continue
                term = exact.get(tuple(words[i:i + length])) or folded.get(tuple(folded_words[i:i + length]))
                if term:
                    start, end = window[0].start(), window[-1].end()
                    found.append(Mention(term, text[start:end], start, end))
                    i += length
                    break
            else:
                i += 1
        taken = [(m.start, m.end) for m in found]
        pattern = self._inside_pattern(language, inside)
        for hit in pattern.finditer(text) if pattern is not None else ():
            if not any(s < hit.end() and hit.start() < e for s, e in taken):
                found.append(Mention(inside[hit.group()], hit.group(), hit.start(), hit.end()))
                taken.append((hit.start(), hit.end()))
        found.sort(key=lambda m: m.start)
        return found, [(t.start(), t.end()) for t in tokens]

    def _inside_pattern(self, language: str | None, inside: dict[str, str]) -> "re.Pattern[str] | None":
        """One pattern for every name found inside words (Japanese, Chinese), longest first:
        one search of a text instead of one per name."""
        if language not in self._inside:
            names = sorted(inside, key=lambda name: (-len(name), name))
            self._inside[language] = re.compile("|".join(map(re.escape, names))) if names else None
        return self._inside[language]

    def asked(self, text: str, language: str | None) -> list[Mention]:
        """The spoken languages a posting's part ``text`` asks for (see the module docstring);
        ``language`` is the posting's (``"en"``, ``"es"``...), None to match every locale's names."""
        if not self._names:
            return []
        mentions, words = self._find(text, language)
        if not mentions or not _speaks_of_languages(text, mentions, words):
            return []
        return mentions

    def named(self, text: str) -> str | None:
        """The English name of the language ``text`` is (the whole of it, in any built-in
        locale, any case: a profile's ``language: inglés``), else None."""
        words = _TOKEN.findall(text)
        if not self._names or not words or len(words) > 3:
            return None
        exact, folded, inside = self._table(None)
        if self._english is None:  # English names in any case ("english"), for a whole field only
            self._english = {tuple(_fold(w) for w in written): term for written, term in exact.items()}
        key = tuple(_fold(w) for w in words)
        return exact.get(tuple(words)) or folded.get(key) or self._english.get(key) or inside.get(text.strip())

    @property
    def terms(self) -> list[str]:
        """Every language's English name."""
        return [by_locale["en"] for by_locale in self._names.values()]

"""The script a text is written in, and whether a locale writes it.

A locale decides more than words: Hebrew texts under ``--locale ja`` got Japanese dates,
salutation and closing, and were laid out left to right, which scrambles the order of
their words (user trial). :func:`foreign_script` finds that case, so the commands can warn
and name the locale to give. It reads:

- a letter's script from the first word of its Unicode name (``HEBREW LETTER ALEF``: Hebrew),
  matched with CLDR's English names of scripts (Babel's ``Locale("en").scripts``: ``Hebr``),
  ``CJK`` ideographs being Han (``Hani``) and the full- and half-width forms their script;
- a locale's script from CLDR's likely subtags (:func:`resume_builder.i18n.script_of`:
  ``ja`` → ``Jpan``, ``zh`` → ``Hans``); the combined scripts of ISO 15924 write their parts
  (``Jpan``: Han, Hiragana and Katakana; ``Kore``: Hangul and Han; ``Hans``/``Hant``: Han);
- words, not letters, so that a Japanese text with "Python" and "Kubernetes" in it is still
  Japanese: a run of letters of one script is one word, and in the scripts written without
  spaces between words (:data:`UNSPACED`) each letter is one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

#: Scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar): each
#: letter counts as a word, as a run of letters does in the others.
UNSPACED = frozenset({"Hani", "Hira", "Kana", "Thai", "Laoo", "Khmr", "Mymr"})

#: ISO 15924's combined scripts and the scripts they write.
_COMBINED = {"Jpan": {"Hani", "Hira", "Kana"}, "Kore": {"Hang", "Hani"}, "Hans": {"Hani"}, "Hant": {"Hani"}}

#: Words needed in the foreign script before it is warned about: a name or two is not a text.
MIN_WORDS = 3


@dataclass(frozen=True)
class ForeignScript:
    """Most words of a text are in ``script``, which ``locale`` does not write."""

    script: str  # ISO 15924, e.g. Hebr (Jpan/Kore for Japanese/Korean text)
    name: str  # CLDR's English name of it: Hebrew
    locale: str  # the locale that does not write it
    language: str | None  # a language that writes it (the profile's first, else CLDR's likely): he
    direction: str | None  # "rtl"/"ltr" when the script is laid out otherwise than the locale, else None


@lru_cache(maxsize=1)
def _script_codes() -> dict[str, str]:
    """The upper-case English name of each script CLDR names → its ISO 15924 code."""
    from babel import Locale

    codes = {name.upper(): code for code, name in Locale("en").scripts.items()}
    codes.update({"CJK": "Hani", "IDEOGRAPHIC": "Hani", "BENGALI": "Beng", "ORIYA": "Orya"})
    return codes


def char_script(char: str) -> str | None:
    """The ISO 15924 code of the script of the letter ``char`` (``א`` → ``Hebr``), else None
    (not a letter, or a script CLDR has no name for)."""
    if not unicodedata.category(char).startswith("L"):
        return None
    words = unicodedata.name(char, "").split()
    if words and words[0] in ("FULLWIDTH", "HALFWIDTH"):
        words = words[1:]
    if not words:
        return None
    return _script_codes().get(words[0].split("-")[0])


#: An e-mail address or a web address: Latin in every language, so no word of the text's script.
_ADDRESS = re.compile(r"[^\s@]+@[^\s@]+|(?:https?://|www\.)\S+", re.I)


def word_counts(texts: Iterable[str]) -> Counter[str]:
    """Words per script in ``texts`` (see the module's docstring); e-mail and web addresses
    are left out (:data:`_ADDRESS`)."""
    counts: Counter[str] = Counter()
    for text in texts:
        text = _ADDRESS.sub(" ", text)
        previous = None
        for char in text:
            script = char_script(char)
            if script is not None and (script != previous or script in UNSPACED):
                counts[script] += 1
            if script is not None or not unicodedata.category(char).startswith("M"):
                previous = script  # a combining mark (niqqud, harakat) does not end a word
    return counts


def writes(tag: str) -> frozenset[str]:
    """The scripts the locale ``tag`` writes (``ja`` → Jpan, Hani, Hira, Kana); empty when
    CLDR does not know its script."""
    from resume_builder.i18n import script_of

    script = script_of(tag)
    if script is None:
        return frozenset()
    return frozenset({script, *_COMBINED.get(script, ())})


def foreign_script(texts: Iterable[str], locale: str, prefer: Iterable[str | None] = ()) -> ForeignScript | None:
    """The script most words of ``texts`` are in, when ``locale`` does not write it, else None.

    More than half of the words must be in scripts the locale does not write, and at least
    :data:`MIN_WORDS` in the commonest of them. Han words count as Japanese beside kana and as
    Korean beside Hangul. The language suggested is the first of ``prefer`` (the profile's
    ``lang:`` and ``locale:``) that writes the script, else CLDR's likely language for it
    (``und_Hebr`` → ``he``).
    """
    own = writes(locale)
    if not own:
        return None
    counts = word_counts(texts)
    total = sum(counts.values())
    foreign = Counter({script: n for script, n in counts.items() if script not in own})
    for combined, marks in (("Jpan", ("Hira", "Kana")), ("Kore", ("Hang",))):
        if any(foreign[mark] for mark in marks):
            foreign[combined] = sum(foreign.pop(part, 0) for part in (*marks, "Hani"))
            break
    foreign = +foreign
    if not foreign or 2 * sum(foreign.values()) <= total:
        return None
    script, words = foreign.most_common(1)[0]
    if words < MIN_WORDS:
        return None
    from babel import Locale

    language = next((tag for tag in prefer if tag and script in writes(tag)), None) or _likely_language(script)
    name = Locale("en").scripts.get(script, script)
    return ForeignScript(script, name, locale, language, _direction(language, locale))


def _likely_language(script: str) -> str | None:
    """The language CLDR's likely subtags give for ``script`` (``und_Arab`` → ``ar``; Latin, which
    has no entry of its own, is ``und``'s: ``en``)."""
    from babel.core import get_global, parse_locale

    likely = get_global("likely_subtags")
    for key in (f"und_{script}", "und"):
        if key in likely:
            language, _, found, *_ = parse_locale(likely[key])
            if key != "und" or found == script:
                return language
    return None


def _direction(language: str | None, locale: str) -> str | None:
    """The direction of ``language`` when it differs from ``locale``'s, else None."""
    if language is None:
        return None
    from resume_builder.i18n import labels_for

    theirs, ours = labels_for(language).direction, labels_for(locale).direction
    return theirs if theirs != ours else None


def script_warning(texts: Iterable[str], locale: str, *, what: str, words: str, untranslated: str,
                   fix: Callable[[str], str], prefer: Iterable[str | None] = ()) -> list[str]:
    """The warning about ``what`` ("the letter") when its ``texts`` are mostly in a script
    ``locale`` does not write (:func:`foreign_script`), else []. ``words``: what the locale
    gives it ("its date, salutation and closing"); ``untranslated``: what a locale without a
    built-in translation still gives it, from CLDR ("its date": the rest stays English, which
    the commands say in a warning of their own; --locale zh-Hant said both that the headings
    were English and that they were Chinese: trial); ``fix(language)``: how to give the locale
    that writes the script ("give --locale he")."""
    found = foreign_script(texts, locale, prefer)
    if found is None:
        return []
    from babel import Locale

    from resume_builder.i18n import labels_for

    labels = labels_for(locale)
    tongue = Locale.parse(labels.locale).get_display_name("en")
    own = words if labels.translated else untranslated
    laid = {"rtl": "it is laid out left to right, which scrambles the order of its words",
            "ltr": "it is laid out right to left"}.get(found.direction or "", "")
    said = [f"{own} {'are' if _plural(own) else 'is'} in {tongue}"]
    said += [laid] if laid else []
    how = fix(found.language) if found.language else f"give a locale written in {found.name} script"
    return [f"{what} is written mostly in {found.name} script, which its locale '{locale}' does not write: "
            f"{', and '.join(said)}; {how}"]


def _plural(words: str) -> bool:
    """Whether ``words`` ("its date", "its dates", "its date and closing") take "are"."""
    return " and " in words or "," in words or words.endswith("s")

"""Whether a line of text reads as a person's name: what ``check`` without ``--profile`` asks
of the first line, the one ATS take the candidate's name from.

With no profile to compare with, a name is told by its shape. A name is one to eight words
in any script (Latin, Cyrillic, Greek, Hangul, CJK, Arabic, Hebrew, Devanagari…), each made
of letters and their combining marks (Devanagari vowel signs are marks, not ``\\w``), joined
inside a word by hyphens, apostrophes (O'Brien, Kaʻahumanu, ג׳ורג׳), middle dots (ジョン・スミス,
Gal·la) or the periods of initials and short abbreviations (J. R. R., J.R.R., Jr., Ph.D.).
Besides those it may hold:

- an alternative name or nickname in parentheses or quotes (``Jiwoo Park (박지우)``,
  ``Jiwoo (Ji-woo) Park``, ``Robert “Bob” Smith``), or pronouns (``Alex Kim (they/them)``,
  ``Ann Example, she/her``);
- lower-case particles (van der, de la, bin, al-…; :data:`_PARTICLES`);
- up to two commas (``Park, Jiwoo``; ``Jane Doe, PhD``).

It is not a name when it holds an e-mail address, a web address, digits, a sentence's
lower-case words, more words than a name has, or is the document's title ("Curriculum
Vitae", "이력서"). One word alone reads as a name only in a script without capitals
(박지우, 王小明): a capitalised word alone is more often a title ("Resume") than a mononym.
"""

from __future__ import annotations

import re
import unicodedata

#: The longest line taken for a name (parentheses included), and the most words outside them.
MAX_CHARACTERS = 80
MAX_WORDS = 8
#: The most words that are not particles ("Juan Pablo de la Cruz Fernández García": 5 of 7).
MAX_NAME_WORDS = 6
#: The most Han, kana or Hangul letters in a row: a Chinese, Japanese or Korean full name
#: written without a space is 2 to 6 characters; a sentence is longer.
MAX_UNSPACED = 10
#: The most letters before a period inside or at the end of a word: initials (J.), short
#: abbreviations (Jr., St., Chas., Ph.D.); "jiwoo.dev" or "Example.com" is an address.
MAX_ABBREVIATION = 4

#: Lower-case words names hold: Dutch tussenvoegsels (van, der, ter), German, French, Italian,
#: Spanish, Catalan, Portuguese and Scandinavian particles (von, zu, de, la, del, della, di, da,
#: dos, y, i, e, af), the patronymic words of Welsh and Kikuyu names (ap, wa), and those of
#: Arabic and Hebrew names (bin, binti, ibn, al, el, ben, bat; in their own scripts بن, بنت,
#: ابن, آل, أبو, בן, בת).
_PARTICLES = frozenset({
    "van", "von", "der", "den", "de", "del", "dela", "della", "delle", "dello", "degli", "dei", "di", "da", "das",
    "do", "dos", "du", "des", "la", "le", "les", "lo", "ter", "ten", "te", "zu", "zum", "zur", "y", "i", "e",
    "af", "av", "ap", "wa", "bin", "binti", "bint", "ibn", "al", "el", "ben", "bat",
    "بن", "بنت", "ابن", "آل", "أبو", "בן", "בת",
})

#: What a résumé is titled in the built-in locales' languages (resume_builder/locales): a title
#: at the top is not the name, though it has a name's shape.
_DOCUMENT_TITLES = frozenset({
    "resume", "résumé", "cv", "c.v.", "curriculum vitae", "curriculum vitæ", "curriculum", "vita",
    "lebenslauf", "currículum", "currículum vitae", "currículo", "hoja de vida", "levensloop",
    "życiorys", "özgeçmiş", "резюме", "履歴書", "職務経歴書", "简历", "个人简历", "履歷", "個人履歷",
    "이력서", "자기소개서", "बायोडाटा", "रिज़्यूमे", "सीवी", "السيرة الذاتية", "سيرة ذاتية", "קורות חיים",
})

_APOSTROPHES = "'’ʼʻ׳״"
_HYPHENS = "-‐‑"
_DOTS = "·・‧"
_JOINERS = "\u200c\u200d"  # ZWNJ, ZWJ: inside Persian and Indic words

#: An alternative name or nickname: in parentheses (ASCII or full-width) or quotes.
_ASIDE = re.compile(r"\(([^()]*)\)|（([^（）]*)）|\"([^\"]*)\"|“([^“”]*)”|„([^„“”]*)[“”]|«([^«»]*)»"
                    r"|‘([^‘’]*)’|「([^「」]*)」|(?<!\w)'([^']*)'(?!\w)")
_JOINED = re.compile(rf"^[^\W\d_]{{1,4}}[{re.escape(_APOSTROPHES + _HYPHENS)}](.)")
#: Pronouns written beside a name, "(they/them)", "(she/her)", ", he/him": one to three words of
#: letters joined by slashes.
_PRONOUNS = re.compile(r"[^\W\d_]{1,6}(?:\s*/\s*[^\W\d_]{1,6}){1,2}")
_PRONOUNS_AFTER = re.compile(r",\s*[^\W\d_]{1,6}(?:\s*/\s*[^\W\d_]{1,6}){1,2}\s*$")
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\W\d_]{2,}")
_WEB = re.compile(r"(?i)(?:https?://|www\.)|\w\.(?:com|org|net|dev|io|me|info|eu)\b")


def _is_letter(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM"


def _unspaced_script(char: str) -> bool:
    """A letter of a script written without spaces between words: Han, kana, Hangul."""
    return unicodedata.name(char, "").startswith(("CJK UNIFIED IDEOGRAPH", "HIRAGANA", "KATAKANA", "HANGUL"))


def _cased(text: str) -> bool:
    return any(char.isupper() or char.islower() for char in text)


def _word_problem(word: str) -> str | None:
    """Why ``word`` is not a word of a name, or None when it is one."""
    if unicodedata.category(word[0])[0] != "L":
        return "it has characters names do not"
    piece = ""
    unspaced = 0  # Han, kana or Hangul letters in a row
    for char in word:
        unspaced = unspaced + 1 if _unspaced_script(char) else 0
        if unspaced > MAX_UNSPACED:
            return "it reads as a sentence, not a name"
        if _is_letter(char) or char in _JOINERS:
            piece += char
        elif char == ".":
            if len(piece) > MAX_ABBREVIATION:
                return "it has a web address or a sentence's period"
            piece = ""
        elif char in _APOSTROPHES or char in _HYPHENS or char in _DOTS:
            piece = ""
        else:
            return "it has characters names do not"
    return None


def _particle(word: str) -> bool:
    """A lower-case word a name holds: a particle (van, de, bin), or one joined to the rest of
    the name by an apostrophe or hyphen (d'Artagnan, dell'Acqua, al-Hassan)."""
    if word.casefold() in _PARTICLES and not word[:1].isupper():
        return True
    joined = _JOINED.match(word)
    return bool(joined) and not joined.group(1).islower()


def _words_problem(text: str) -> tuple[str | None, int, int]:
    """Why ``text`` (no asides) is not words of a name, else None; and its words and name words."""
    words = text.split()
    name_words = 0
    for word in words:
        problem = _word_problem(word)
        if problem:
            return problem, 0, 0
        if word[0].islower():
            if not _particle(word):
                return "its lower-case words read as a sentence, not a name", 0, 0
        elif word.casefold() not in _PARTICLES:
            name_words += 1
    return None, len(words), name_words


def not_a_name(line: str) -> str | None:
    """Why ``line`` does not read as a name (words for a message: "it holds an e-mail
    address"), or None when it does. See the module's docstring for the rule."""
    text = " ".join(line.split())
    if not text:
        return "it is empty"
    if _EMAIL.search(text):
        return "it holds an e-mail address"
    if _WEB.search(text):
        return "it holds a web address"
    if any(char.isdigit() for char in text):
        return "it has digits"
    if len(text) > MAX_CHARACTERS:
        return f"it is longer than a name ({len(text)} characters)"
    if text.casefold().rstrip(":：") in _DOCUMENT_TITLES:
        return "it is the document's title"
    asides = []

    def aside(match: re.Match) -> str:
        asides.append(next(group for group in match.groups() if group is not None))
        return ","  # a break between words, as a comma is: 'Jiwoo (Ji-woo) Park'
    outside = _PRONOUNS_AFTER.sub("", _ASIDE.sub(aside, text))
    for inner in asides:
        if _PRONOUNS.fullmatch(inner.strip()):
            continue  # "(they/them)": pronouns beside the name
        problem, count, names = _words_problem(inner.strip(" ,"))
        if problem or not names or count > MAX_WORDS // 2:
            return problem or "its parentheses or quotes hold no name"
    # A comma ends one part of the name; an aside is not another part.
    parts = [part.strip() for part in re.split(r"\s*,\s*", outside)]
    written = [part for part in parts if part]
    if len(re.findall(r",", outside)) - len(asides) > 2 or not written:
        return "it has more commas than a name" if written else "it has no name outside its parentheses"
    words = names = 0
    for part in written:
        problem, count, name_count = _words_problem(part)
        if problem:
            return problem
        words, names = words + count, names + name_count
    if not names:
        return "it has no name, only particles"
    if words > MAX_WORDS or names > MAX_NAME_WORDS:
        return f"it has more words than a name ({words})"
    if words == 1 and not asides and _cased(written[0]):
        return "one word alone is more often a title than a name"
    return None

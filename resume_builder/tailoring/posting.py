"""The structure of a job posting: title, company, sections, and how much each part asks.

A posting says what it demands in its structure, not in its words: "Kubernetes" under
*Requirements* is a demand, the same word under *Nice to have* or in "Istio is a plus" is
a wish, and under *About us* or *Benefits* it asks nothing of the candidate. This module
finds that structure, offline and deterministically, for postings in every built-in language
(English, German and French words below, the others' in :mod:`.posting_words`), as plain text
or Markdown (``#`` headings, ``**bold**`` headings, ``Heading:``
lines, bare heading lines such as ``Requirements``, and ``Label: text`` lines), and for
JSON Resume job documents (https://jsonresume.org/job-description-schema: ``qualifications``
and ``skills`` state requirements; ``description`` and ``responsibilities`` describe the
job).

Every piece of text becomes a :class:`PostingPart` with an ``importance``:

* ``required``: in a requirements section ("Requirements", "Must have", "What you bring",
  "Qualifications", "Who you are", "Anforderungen", "Dein Profil", "Profil recherché", ...)
  or in the title;
* ``preferred``: in a preferences section ("Nice to have", "Bonus", "Preferred", "A plus",
  "Wünschenswert", "Atouts", ...), in a sentence or parenthesis that says so inside any
  section ("Istio is a plus", "ideally Go", "(Vault a plus)", "von Vorteil", "serait un
  plus"), or anywhere else describing the job (intro, responsibilities, tech stack);
* ``ignored``: about the company, benefits, salary, how to apply, and details such as
  location: terms there are not asked of the candidate.

Pure functions only: reading files lives in :mod:`resume_builder.loading.posting`
(``structure(read_posting(path))``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterator

from resume_builder.schema.posting import JobPosting, PostingDocument
from resume_builder.tailoring.posting_words import PLACES, SECTION_WORDS, WORK_ARRANGEMENTS

REQUIRED, PREFERRED, IGNORED = "required", "preferred", "ignored"

# Section kinds, and the importance of what they say.
TITLE, REQUIREMENTS, PREFERENCES, RESPONSIBILITIES, DESCRIPTION = (
    "title", "requirements", "preferences", "responsibilities", "description")
ABOUT, BENEFITS, SALARY, APPLICATION, DETAILS = "about", "benefits", "salary", "application", "details"
KIND_IMPORTANCE = {TITLE: REQUIRED, REQUIREMENTS: REQUIRED, PREFERENCES: PREFERRED, RESPONSIBILITIES: PREFERRED,
                   DESCRIPTION: PREFERRED, ABOUT: IGNORED, BENEFITS: IGNORED, SALARY: IGNORED,
                   APPLICATION: IGNORED, DETAILS: IGNORED}

# Relevance points of a term by where the posting names it (used to rank résumé content):
# a demand 3, a description of the job 2, an explicit wish (or an inferred term) 1.
WEIGHT_REQUIRED, WEIGHT_DESCRIBED, WEIGHT_WISHED = 3, 2, 1


@dataclass(frozen=True)
class PostingPart:
    """A piece of posting text, the section it is in, and how much a term in it is asked for."""

    text: str
    importance: str  # required | preferred | ignored
    where: str  # the section's heading as written, or "title", "description", "skills", ...
    kind: str = DESCRIPTION  # the section's kind (see KIND_IMPORTANCE)
    optional: bool = False  # said to be optional ("a plus", a "Nice to have" section)

    @property
    def weight(self) -> int:
        if self.importance == IGNORED:
            return 0
        if self.importance == REQUIRED:
            return WEIGHT_REQUIRED
        return WEIGHT_WISHED if self.optional else WEIGHT_DESCRIBED


@dataclass(frozen=True)
class PostingSection:
    """A section of the posting: its heading as written (None before the first) and its kind."""

    heading: str | None
    kind: str

    @property
    def importance(self) -> str:
        return KIND_IMPORTANCE[self.kind]


@dataclass
class Posting:
    title: str
    company: str | None
    source: str
    parts: list[PostingPart] = field(default_factory=list)
    explicit: list[PostingPart] = field(default_factory=list)  # listed skills, one term each
    sections: list[PostingSection] = field(default_factory=list)
    language: str = "en"  # guessed from common words: "en", "de", "fr", "es", "it", "pt" or "nl" (see _guess_language)

    @property
    def headline(self) -> str:
        """The title and the company in the posting's language ("Engineer at Acme", "Ingénieur
        chez Acme", "Ingenieur bei Acme"); the title alone, or the file name, without one."""
        title = self.title or self.source
        if not self.company:
            return title
        return f"{title} {_AT.get(self.language, '—')} {self.company}"


_AT = {"en": "at", "de": "bei", "fr": "chez", "es": "en", "it": "presso", "pt": "em", "nl": "bij"}
_COMMON_WORDS = {
    "en": {"and", "the", "we", "you", "with", "for", "our", "of", "to", "are"},
    "de": {"und", "wir", "die", "der", "das", "mit", "für", "unser", "du", "sie", "ist", "bei"},
    "fr": {"et", "les", "des", "nous", "vous", "pour", "avec", "une", "est", "du", "sur"},
    "es": {"y", "el", "los", "las", "con", "para", "nuestro", "nuestra", "una", "es", "del", "somos"},
    "it": {"il", "della", "delle", "con", "per", "una", "siamo", "nostro", "nostra", "sei", "che", "gli"},
    "pt": {"os", "as", "com", "para", "uma", "nosso", "nossa", "somos", "você", "do", "da", "são"},
    "nl": {"en", "het", "een", "wij", "jij", "je", "met", "voor", "van", "onze", "ons", "bij"},
}


# Words of a letter's first-person register, beside the common words above: what a cover
# letter in each language is written with ("I", "my", "would", "your").
_LETTER_WORDS = {
    "en": {"i", "my", "me", "your", "am", "have", "would", "this", "in", "at", "be", "will", "as", "look"},
    "de": {"ich", "mich", "mir", "mein", "meine", "meinen", "ihr", "ihre", "ihnen", "habe", "bin", "würde",
           "gerne", "einen", "eine", "den", "dem", "ein", "zu", "als", "auf", "nicht"},
    "fr": {"je", "mon", "mes", "votre", "vos", "suis", "ai", "serais", "au", "aux", "dans", "ce", "cette", "qui",
           "chez", "ma"},
    "es": {"yo", "mis", "soy", "tengo", "estoy", "sería", "por", "al", "lo", "muy", "su", "sus", "equipo"},
    "it": {"io", "mio", "mia", "miei", "sono", "ho", "sarei", "vostro", "vostra", "nel", "nella", "alla",
           "molto", "di"},
    "pt": {"eu", "meu", "minha", "meus", "tenho", "seria", "vossa", "vosso", "na", "no", "ao", "não", "muito",
           "em"},
    "nl": {"ik", "mijn", "mij", "ben", "heb", "zou", "uw", "graag", "te", "op", "dat", "zijn"},
}


def _own_words() -> dict[str, frozenset[str]]:
    """Each language's common and letter words that no other language here has ("et" is
    French only; "de", "con" and "para" are several languages' and tell nothing)."""
    words = {lang: _COMMON_WORDS[lang] | _LETTER_WORDS[lang] for lang in _COMMON_WORDS}
    return {lang: frozenset(own - set().union(*(other for name, other in words.items() if name != lang)))
            for lang, own in words.items()}


_OWN_WORDS = _own_words()


def text_language(text: str, *, at_least: int = 4) -> str | None:
    """The language ``text`` is written in, among those of :data:`_COMMON_WORDS` (English,
    German, French, Spanish, Italian, Portuguese, Dutch), when the words only one of them has
    (:data:`_OWN_WORDS`) say so clearly: at least ``at_least`` of one language's and more than
    twice any other's; else None (too short, mixed, or another language)."""
    words = re.findall(r"\w+", text.lower())
    counts = sorted(((sum(word in own for word in words), lang) for lang, own in _OWN_WORDS.items()), reverse=True)
    (best, lang), (second, _) = counts[0], counts[1]
    return lang if best >= at_least and best > 2 * second else None


def _guess_language(text: str) -> str:
    """"en", "de", "fr", "es", "it", "pt" or "nl": whose most common function words the text uses most (English on a tie)."""
    words = re.findall(r"\w+", text.lower())
    counts = {lang: sum(word in common for word in words) for lang, common in _COMMON_WORDS.items()}
    best = max(counts, key=lambda lang: (counts[lang], lang == "en"))
    return best if counts[best] else "en"


_ALT = "|".join

#: Legal forms that end a company's name, for the countries of the built-in languages (case
#: matters: "SA", "AS", "AB" are forms only in capitals). Longer forms first, so "Co., Ltd."
#: is not read as "Co." followed by a place.
_LEGAL_FORMS = _ALT([
    r"GmbH & Co\. KG", r"GmbH", r"AG", r"SE", r"KGaA", r"KG", r"UG(?: \(haftungsbeschränkt\))?", r"e\.\s?V\.",  # de
    r"Co\.,? Ltd\.?", r"Pvt\.? Ltd\.?", r"Private Limited", r"Ltd\.?", r"Limited", r"Inc\.?", r"LLC", r"LLP",
    r"plc", r"Corp\.?", r"Co\.",  # en, and English forms used in Asia
    r"SASU?", r"SARL", r"EURL", r"S\.A\.S\.", r"S\.A\.U\.", r"S\.A\.", r"SAU?", r"S\.L\.U\.", r"S\.L\.?", r"SLU?",
    r"S\.C\.",  # fr, es
    r"S\.r\.l\.s?", r"Srls?", r"S\.p\.A\.", r"SpA", r"S\.n\.c\.", r"S\.a\.s\.",  # it
    r"Ltda\.?", r"Lda\.?", r"S/A", r"EIRELI",  # pt
    r"B\.V\.", r"BV", r"N\.V\.", r"NV", r"V\.O\.F\.",  # nl, and Belgium
    r"[Ss]p\. z o\.o\.", r"[Ss]p\. j\.", r"[Ss]p\. k\.",  # pl
    r"AB", r"ASA", r"AS", r"A/S", r"ApS", r"Oyj?",  # Nordic countries
    r"A\.Ş\.", r"Ltd\. Şti\.",  # tr
    r"K\.K\.", r"G\.K\.",  # ja, in Latin letters
    r'בע"מ', r"בע״מ",  # he
    r"ش\.م\.م\.?", r"ذ\.م\.م\.?", r"ش\.م\.ع\.?",  # ar
])
#: What may follow the company on its line: a place, the work mode ("NubeCobro S.L., Madrid (híbrido)").
_AFTER_COMPANY = r"(?:\s*[,;|–—(（，、].*)?"
_NAME = r"[^,;|–—，、]"
#: A company line just under the title: a name ending in a legal form ("Nordlicht Logistik
#: GmbH, Hamburg", "NubeCobro S.L., Madrid", "Marés Pagamentos, S.A., Lisboa"), a Russian, Japanese or Korean form before the
#: name ("ООО «Пример», Москва", "株式会社サンプル", "(주)예시"), or a Chinese or Japanese
#: form written after the name without a space ("示例科技有限公司", "サンプル株式会社").
_COMPANY_LINE = re.compile(
    rf"(?P<company>{_NAME}{{1,80}}?,?\s(?:{_LEGAL_FORMS})"
    rf"|(?:ООО|ОАО|ЗАО|ПАО|АО|ИП)\s+{_NAME}{{1,80}}?"
    rf"|(?:株式会社|合同会社|有限会社|\(株\)|（株）|주식회사|\(주\)|（주）|㈜)\s*{_NAME}{{1,80}}?"
    rf"|{_NAME}{{1,80}}?(?:股份有限公司|有限责任公司|有限公司|集团|集團|株式会社|合同会社|有限会社|\s?주식회사))"
    + _AFTER_COMPANY)


# --------------------------------------------------------------------------- headings

_PREFERENCE_WORDS = _ALT([
    r"nice[- ]to[- ]haves?", r"bonus(?: points)?", r"preferred(?: qualifications| skills)?", r"(?:a|big) plus",
    r"pluses", r"plus points?", r"desirable", r"would be (?:great|nice|a plus)", r"even better(?: if)?",
    r"ideally", r"extra credit", r"optional", r"not required", r"good to have", r"great to have",
    r"wünschenswert", r"von vorteil", r"pluspunkte", r"ein plus", r"idealerweise", r"kann[- ]kriterien",
    r"gerne auch", r"atouts?", r"un plus", r"serait un plus", r"souhaitée?s?", r"appréciée?s?", r"idéalement",
    r"les plus", r"optionnel"])
_HEADINGS: list[tuple[str, str]] = [
    (PREFERENCES, _PREFERENCE_WORDS),
    (REQUIREMENTS, _ALT([r"about you", r"who you are", r"what you bring", r"what you(?:'|’)ll bring",
                         r"what you will bring", r"(?:who|what) we(?:'|’)re looking for",
                         r"(?:who|what) we are looking for"])),
    (RESPONSIBILITIES, _ALT([r"about the (?:role|job|position)", r"the role", r"your role", r"in this role",
                             r"what you(?:'|’)ll do", r"what you will do", r"what you(?:'|’)ll be doing",
                             r"day[- ]to[- ]day", r"your mission", r"the job", r"responsibilit(?:y|ies)",
                             r"duties", r"tasks", r"aufgaben", r"was dich erwartet", r"das erwartet dich",
                             r"was sie erwartet", r"deine rolle", r"ihre rolle", r"vos missions", r"tes missions",
                             r"missions?", r"responsabilités", r"le poste", r"ton rôle", r"votre rôle",
                             r"ce que (?:vous|tu) fer(?:ez|as)"])),
    (DESCRIPTION, _ALT([r"about the team", r"the team", r"our team", r"tech(?:nology)? stack", r"our stack",
                        r"stack", r"tools", r"technologies", r"das team", r"unser team", r"unser stack",
                        r"l(?:'|’)équipe", r"notre stack", r"environnement technique", r"stack technique"])),
    (BENEFITS, _ALT([r"benefits", r"perks", r"what we offer", r"we offer", r"why join(?: us)?", r"why us",
                     r"why you(?:'|’)ll love", r"what(?:'|’)s in it for you", r"what you get", r"wir bieten",
                     r"was wir bieten", r"das bieten wir", r"unser angebot", r"deine vorteile", r"ihre vorteile",
                     r"avantages", r"ce que nous (?:offrons|proposons)", r"nous offrons", r"nous proposons",
                     r"pourquoi nous rejoindre", r"ce qu(?:'|’)on (?:t|vous)(?:'|’)offre"])),
    (SALARY, _ALT([r"salary", r"compensation", r"pay(?: range)?", r"gehalt", r"vergütung", r"rémunération",
                   r"salaire"])),
    (APPLICATION, _ALT([r"how to apply", r"to apply", r"application process", r"hiring process",
                        r"interview process", r"our process", r"equal opportunit(?:y|ies)", r"diversity",
                        r"bewerbung(?:sprozess)?", r"so bewirbst du dich", r"kontakt", r"interesse",
                        r"candidature", r"processus de recrutement", r"comment postuler", r"postuler"])),
    (ABOUT, _ALT([r"about us", r"who we are", r"about the company", r"our company", r"the company",
                  r"company overview", r"our mission", r"über uns", r"wer wir sind", r"das unternehmen",
                  r"unser unternehmen", r"qui sommes[- ]nous", r"à propos(?: de nous)?", r"l(?:'|’)entreprise",
                  r"notre entreprise", r"la société", r"about \S.*"])),
    (REQUIREMENTS, _ALT([r"requirements?", r"required(?: qualifications| skills)?", r"must[- ]haves?",
                         r"must have", r"qualifications?", r"what we(?:'|’)re looking for",
                         r"what we are looking for", r"we(?:'|’)re looking for", r"you have", r"you bring",
                         r"your profile", r"your skills", r"skills", r"experience", r"essentials?",
                         r"minimum qualifications", r"basic qualifications", r"what you need",
                         r"what you(?:'|’)ll need", r"you should have", r"anforderungen", r"dein profil",
                         r"ihr profil", r"profil", r"was du mitbringst", r"was sie mitbringen",
                         r"das bringst du mit", r"das bringen sie mit", r"qualifikation(?:en)?", r"voraussetzungen",
                         r"kenntnisse", r"muss[- ]kriterien", r"profil recherché", r"votre profil", r"ton profil",
                         r"compétences(?: requises)?", r"prérequis", r"exigences", r"ce que (?:vous|tu) apporte[sz]?",
                         r"vous avez", r"tu as", r"qui (?:es[- ]tu|êtes[- ]vous)"])),
]


def _fold(text: str) -> str:
    """``text`` without accents and other combining marks, so ``Que haras`` reads as
    ``Qué harás`` (and ``İş tanımı`` as ``Is tanimi``, lower-cased by ``re.I`` like any ``I``)."""
    return unicodedata.normalize("NFC", "".join(
        char for char in unicodedata.normalize("NFD", text) if unicodedata.category(char) != "Mn"))


_NOT_A_COMPANY = frozenset(_fold(word).casefold() for word in (*WORK_ARRANGEMENTS, *PLACES))


# Every other built-in language's words (posting_words.py) join the last group of their kind,
# so the more specific groups above are still tried first. Chinese, Japanese and Korean write
# words without spaces between them: their words are found anywhere in a heading.
_UNSPACED = ("ja", "zh", "ko")
_LAST_OF_KIND = {kind: index for index, (kind, _) in enumerate(_HEADINGS)}


def _heading_patterns(index: int, kind: str, words: str) -> tuple[str, str]:
    """(spaced words, unspaced words) of group ``index`` of ``_HEADINGS``, as regex alternatives."""
    spaced, unspaced = [words], []
    if _LAST_OF_KIND[kind] == index:
        for lang, table in SECTION_WORDS.items():
            (unspaced if lang in _UNSPACED else spaced).extend(table.get(kind, ()))
    return _fold(_ALT(spaced)), _fold(_ALT(unspaced))


def _compile(spaced: str, unspaced: str, *, whole: bool) -> re.Pattern[str]:
    if whole:
        pattern = rf"(?:our |your |the |dein |deine |ihr |ihre |vos |tes |nos )?(?:{spaced})"
    else:
        pattern = rf"(?<!\w)(?:{spaced})(?!\w)"
    return re.compile(pattern + (rf"|(?:{unspaced})" if unspaced else ""), re.I)


_HEADING_SEARCH = [(kind, _compile(*_heading_patterns(index, kind, words), whole=False))
                   for index, (kind, words) in enumerate(_HEADINGS)]
_HEADING_WHOLE = [(kind, _compile(*_heading_patterns(index, kind, words), whole=True))
                  for index, (kind, words) in enumerate(_HEADINGS)]
_DETAIL_LABELS = re.compile(r"location|standort|arbeitsort|lieu|localisation|type|employment|contract|vertrag|"
                            r"contrat|start(?: date)?|beginn|remote|team size|reports? to|level|seniority|"
                            r"department|abteilung|département|posted|date", re.I)
_TITLE_LABELS = re.compile(r"(?:job )?title|position|role|stelle|poste|intitulé(?: du poste)?", re.I)
_COMPANY_LABELS = re.compile(r"company|employer|unternehmen|firma|arbeitgeber|entreprise|société", re.I)


def heading_kind(text: str, *, whole: bool = False) -> str | None:
    """The kind of section a heading starts, or None when it is not a known heading.

    With ``whole``, the heading phrase must be all of ``text`` (for bare lines, which are
    headings only when they are nothing else).
    """
    text = _fold(_strip_markup(text).strip(" :：-–—?!¿¡？！؟【】「」"))
    for kind, pattern in (_HEADING_WHOLE if whole else _HEADING_SEARCH):
        if (pattern.fullmatch(text) if whole else pattern.search(text)):
            return kind
    return None


# --------------------------------------------------------------------------- optional phrases

# "Istio is a plus", "Kafka would be great": a wish that closes its clause.
_TRAILING = re.compile(r"(?<!\w)(?:would be (?:great|nice|ideal|helpful|awesome)|"
                       r"(?:(?:is|are|would be|will be|is also|are also|as) )?(?:an? )?(?:big |huge )?"
                       r"(?:plus|bonus|advantage|nice[- ]to[- ]have|desirable|preferred|welcome|appreciated|"
                       r"great to have|good to have|not required|not a must|optional|"
                       r"von vorteil|wünschenswert|ein plus|gern gesehen|gerne gesehen|erwünscht|"
                       r"est un plus|serait un plus|un atout|appréciée?s?|souhaitée?s?|bienvenue?s?|"
                       r"optionnel(?:le)?|"
                       # Spanish, Portuguese, Italian, Dutch, Polish
                       r"(?:es|será|sería) un plus|se valorará|valorable|deseable|"
                       r"(?:é|será|seria) um (?:plus|diferencial)|desejável|"
                       r"(?:è|sarà|sarebbe) un plus|costituisce (?:un )?titolo preferenziale|gradit[oa]|"
                       r"is een pré|is een pluspunt|een pluspunt|mile widziane))(?!\w)", re.I)
# "ideally Go", "bonus points for Rust": a wish that opens what follows.
_LEADING = re.compile(r"(?<!\w)(?:ideally|preferably|bonus(?: points)?(?: if| for)?|even better(?: if)?|"
                      r"plus if|nice if|extra points? (?:if|for)|idealerweise|vorzugsweise|gerne auch|"
                      r"idéalement|de préférence|(?:un|en) plus)(?!\w)", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\s+[–—]\s+")
_CLAUSE_BREAK = re.compile(r";|:|,\s+(?:and|but|while|und|aber|et|mais)\s|\s[–—-]\s")


def _bare_wish(text: str) -> bool:
    """Whether a parenthesis says only that something is optional: "(nice to have)", "(a plus)"."""
    found = _TRAILING.search(text) or _LEADING.search(text)
    return bool(found) and len(text.split()) <= len(found.group().split())


def optional_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of ``text`` that say what they name is optional.

    A parenthesis holding a wish ("(Vault a plus)") is optional whole; a wish that opens
    ("ideally", "bonus if") covers the rest of its sentence; a wish that closes ("is a
    plus", "von Vorteil", "serait un plus") covers its clause back to the last ``;`` or
    ``, and``. Every other span keeps the importance of its section.
    """
    spans: list[tuple[int, int]] = []
    for paren in re.finditer(r"\(([^()]*)\)", text):
        if not _bare_wish(paren.group(1)) and (_TRAILING.search(paren.group(1)) or _LEADING.search(paren.group(1))):
            spans.append((paren.start(), paren.end()))
    start = 0
    bounds = [m.start() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    for end in bounds:
        sentence = text[start:end]
        # A parenthesis that names things keeps its wish to itself; "(nice to have)" alone
        # speaks for its clause, like "is a plus".
        masked = re.sub(r"\(([^()]*)\)", lambda m: m.group() if _bare_wish(m.group(1)) else " " * len(m.group()),
                        sentence)
        lead = _LEADING.search(masked)
        if lead:
            spans.append((start + lead.start(), end))
        for trail in _TRAILING.finditer(masked):
            if lead and trail.start() >= lead.start():
                continue
            breaks = [m.end() for m in _CLAUSE_BREAK.finditer(masked, 0, trail.start())]
            begin = breaks[-1] if breaks else 0
            begin += len(masked[begin:]) - len(masked[begin:].lstrip())
            spans.append((start + begin, start + trail.end()))
        start = end
    return spans


def split_optional(text: str) -> Iterator[tuple[str, bool]]:
    """``text`` cut into consecutive pieces, each with whether it is said to be optional."""
    spans = sorted(optional_spans(text))
    position = 0
    for begin, end in spans:
        if end <= position:
            continue
        begin = max(begin, position)
        if begin > position:
            yield text[position:begin], False
        yield text[begin:end], True
        position = end
    if position < len(text):
        yield text[position:], False


# --------------------------------------------------------------------------- plain text and Markdown

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_BOLD_HEADING = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*[:：]?\s*$")
_COLON_HEADING = re.compile(r"^\s*([^\s:.!?•*\-][^:.!?]{0,60}?)\s*[:：]\s*$")
_LABELLED_LINE = re.compile(r"^\s*(?:[-*+•]\s+)?(?:\*\*|__)?([^\W\d_][\w '’/&()-]{1,40}?)\s*(?:\*\*|__)?\s*[:：]"
                            r"(?:\*\*|__)?\s+(\S.*)$")
_BULLET = re.compile(r"^\s*(?:[-*+•▪◦‣·]|\d{1,2}[.)])\s+")
_TITLE_AT = re.compile(r"^(?P<title>.+?)\s+(?:at|@|bei|chez|presso|bij)\s+(?P<company>[^,;()|]+?)\s*(?:[,;(|].*)?$")
#: A title heading's parts after a dash or bar: "Senior Backend Engineer — Initech Systems",
#: "Data Engineer – Acme | Berlin" (a spaced hyphen is left alone: "Developer - React/Node").
_TITLE_SEPARATOR = re.compile(r"\s+[—–|｜]\s+")
_GENDER_MARK = re.compile(r"\(?(?<!\w)[mwfdhxai]{1,3}(?:\s*/\s*[mwfdhxai]{1,3}){1,3}(?!\w)\)?", re.I)
_TAIL_PIECES = re.compile(r"[,;/·•&+()]|\s(?:or|oder|ou|o|of|lub|und|and|et|y|e|en|ou)\s", re.I)


def _names_no_company(text: str) -> bool:
    """Whether a title heading's tail ("Remote", "Berlin (hybrid)", "Vollzeit", "Paris ou
    télétravail") says where or how the job is worked: each of its pieces is a work
    arrangement or a place (:mod:`.posting_words`), so it is not the company."""
    text = _GENDER_MARK.sub(" ", _fold(text).casefold())
    if text.strip(" -–—") in _NOT_A_COMPANY:
        return True
    pieces = [piece.strip(" -–—.") for piece in _TAIL_PIECES.split(text)]
    pieces = [piece for piece in pieces if piece]
    return not pieces or all(piece in _NOT_A_COMPANY for piece in pieces)


def _title_company(written: str) -> tuple[str, str | None] | None:
    """(title, company) from a heading as written, "Role — Company", "Role – Company" or "Role |
    Company"; a part that is a place or a work arrangement ("Role — Remote", "Role – Berlin"),
    or code ("Staff Engineer – `Go`"), is not the company, so the next part is tried. When
    every other part is a place or an arrangement ("Role — Remoto (Lisboa)"), (title, None):
    the role alone is the job's title. None when the heading has no such parts."""
    parts = [part.strip() for part in _TITLE_SEPARATOR.split(_strip_markup(written))]
    if len(parts) < 2 or not parts[0]:
        return None
    raw = [part.strip() for part in _TITLE_SEPARATOR.split(written.strip())]
    code = [bool(_CODE_SPAN.fullmatch(part)) for part in raw] if len(raw) == len(parts) else [False] * len(parts)
    for part, is_code in zip(parts[1:], code[1:]):
        if part and not is_code and not _names_no_company(part):
            return parts[0], part
    if all(part and _names_no_company(part) for part in parts[1:]):
        return parts[0], None
    return None


def same_company(one: str, other: str) -> bool:
    """Whether two writings name one company: the same words, in any case, with or without
    a legal form at the end ("Northwind Health" and "Northwind Health Inc.", "Marés
    Pagamentos" and "Marés Pagamentos, S.A.")."""
    def bare(name: str) -> str:
        name = " ".join(name.split())
        name = re.sub(rf",?\s(?:{_LEGAL_FORMS})$", "", name)
        return name.strip(" ,").casefold()

    return bare(one) == bare(other)


#: Markdown emphasis as posting authors write it: ``**bold**``, ``__bold__``, ``*em*``,
#: ``_em_``, the markers outside words (CommonMark's flanking rules, simplified), so an
#: intraword ``*`` or ``_`` (``{{ 7*7 }}``, ``snake_case``) is text.
_EMPHASIS = re.compile(r"(?<![\w*\\])(\*\*\*|___|\*\*|__|\*|_)(?=[^\s*_])(.+?)(?<=[^\s\\])\1(?![\w*])")
_CODE_SPAN = re.compile(r"(`+)(?=\S)(.+?)(?<=\S)\1")
_LEADING_HASHES = re.compile(r"^\s{0,3}#{1,6}\s+")


def _strip_markup(text: str) -> str:
    """``text`` without the Markdown that formats it (a heading's ``#``, emphasis markers,
    code-span backticks); every other character stays as written, so a posting's
    ``C#``, ``7*7``, ``snake_case`` or ``{{ 7*7 }}`` is read and shown literally."""
    text = _LEADING_HASHES.sub("", text)
    text = _CODE_SPAN.sub(lambda m: m.group(2), text)
    for _ in range(3):  # ***both*** and nested emphasis, from the outside in
        text = _EMPHASIS.sub(lambda m: m.group(2), text)
    return text.strip()


def _heading_of(line: str) -> tuple[str, str | None] | None:
    """(heading text, kind) when ``line`` is a heading; None otherwise."""
    found = _MD_HEADING.match(line) or _BOLD_HEADING.match(line) or _COLON_HEADING.match(line)
    if found:
        text = _strip_markup(found.group(1))
        return text, heading_kind(text)
    if _BULLET.match(line):
        return None
    text = _strip_markup(line)
    if len(text.split()) <= 6:
        kind = heading_kind(text, whole=True)
        if kind is not None:
            return text, kind
    return None


def posting_from_text(text: str, source: str) -> Posting:
    """A plain-text or Markdown posting, cut into its sections (see the module docstring)."""
    lines = [line for line in text.splitlines() if line.strip()]
    posting = Posting("", None, source)
    if not lines:
        return posting
    first = lines[0]
    labelled = _LABELLED_LINE.match(first)
    heading = _MD_HEADING.match(first) or _BOLD_HEADING.match(first)
    if labelled and _TITLE_LABELS.fullmatch(labelled.group(1).strip()):
        written = labelled.group(2)
    else:
        written = heading.group(1) if heading else first
    title = _strip_markup(written)
    at = _TITLE_AT.match(title)
    if at:
        title, posting.company = at.group("title").strip(), at.group("company").strip()
    # "Role — Company": the company a later line names wins; the heading's is used without one.
    dashed = None if at else _title_company(written)
    posting.title = title[:200]
    posting.language = _guess_language(text)
    if posting.company is None and len(lines) > 1 and not _heading_of(lines[1]):
        company = _COMPANY_LINE.fullmatch(_strip_markup(lines[1]).strip())
        if company:
            posting.company = company.group("company").strip()
    posting.parts.append(PostingPart(posting.title, REQUIRED, TITLE, TITLE))
    section = PostingSection(None, DESCRIPTION)
    posting.sections.append(section)
    for line in lines[1:]:
        found = _heading_of(line)
        if found:
            text_, kind = found
            kind = kind or DESCRIPTION
            if kind == ABOUT and posting.company is None:
                named = re.fullmatch(r"(?:about|über|à propos de)\s+(.+)", text_, re.I)
                if named and named.group(1).lower() not in ("us", "uns", "nous", "the company"):
                    posting.company = named.group(1).strip()
            section = PostingSection(text_, kind)
            posting.sections.append(section)
            continue
        labelled = _LABELLED_LINE.match(line)
        if labelled and _BULLET.match(line) and heading_kind(labelled.group(1)) != PREFERENCES:
            labelled = None  # "- Kubernetes: 3 years" is an item of its section, not a section
        if labelled:
            label, rest = labelled.group(1).strip(), labelled.group(2)
            if _COMPANY_LABELS.fullmatch(label):
                posting.company = posting.company or _strip_markup(rest)
                continue
            if _TITLE_LABELS.fullmatch(label) or _DETAIL_LABELS.fullmatch(label):
                posting.parts.append(PostingPart(rest, IGNORED, label, DETAILS))
                continue
            kind = heading_kind(label)
            if kind is not None:
                posting.parts.extend(_parts(rest, kind, label))
                continue
        posting.parts.extend(_parts(line, section.kind, section.heading or "description"))
    if dashed is not None:
        role, company = dashed
        if posting.company is None:
            posting.company = company
        if company is None or (posting.company is not None and same_company(posting.company, company)):
            posting.title = role[:200]  # the company, a place or "Remote" is not part of the job's title
            posting.parts[0] = PostingPart(posting.title, REQUIRED, TITLE, TITLE)
    return posting


def _parts(text: str, kind: str, where: str) -> Iterator[PostingPart]:
    importance = KIND_IMPORTANCE[kind]
    if importance == IGNORED:
        yield PostingPart(text, IGNORED, where, kind)
        return
    if kind == PREFERENCES:
        yield PostingPart(text, PREFERRED, where, kind, optional=True)
        return
    for piece, optional in split_optional(text):
        if piece.strip():
            yield PostingPart(piece, PREFERRED if optional else importance, where, kind, optional)


# --------------------------------------------------------------------------- JSON Resume job documents


def posting_from_job(job: JobPosting, source: str) -> Posting:
    """A validated JSON Resume job document: ``qualifications`` and ``skills`` are requirements
    (a qualification that says it is optional is preferred), ``description`` and
    ``responsibilities`` describe the job; salary, location and the rest ask nothing.
    """
    title = (job.title or "").strip()
    posting = Posting(title, (job.company or "").strip() or None, source)
    if title:
        posting.parts.append(PostingPart(title, REQUIRED, TITLE, TITLE))
    for key, kind, texts in (("description", DESCRIPTION, [job.description] if job.description else []),
                             ("responsibilities", RESPONSIBILITIES, job.responsibilities),
                             ("qualifications", REQUIREMENTS, job.qualifications)):
        if texts:
            posting.sections.append(PostingSection(key, kind))
        for text in texts:
            posting.parts.extend(_parts(text, kind, key))
    if job.skills:
        posting.sections.append(PostingSection("skills", REQUIREMENTS))
    for skill in job.skills:
        if skill.name:
            posting.parts.append(PostingPart(skill.name, REQUIRED, "skills", REQUIREMENTS))
        for keyword in skill.keywords:
            if keyword.strip():
                posting.explicit.append(PostingPart(keyword.strip(), REQUIRED, "skills", REQUIREMENTS))
    return posting


def structure(document: PostingDocument) -> Posting:
    """The structure of a posting as read by :func:`resume_builder.loading.posting.read_posting`."""
    if document.job is not None:
        return posting_from_job(document.job, document.source)
    return posting_from_text(document.text or "", document.source)

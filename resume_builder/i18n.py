"""Words the résumé prints itself: section headings, month names, "present", date formats.

A locale (``de``, ``en-GB``, ``pt-BR``, ``ar``...) picks them:

- the words (headings, "present", "Technologies", "Courses", "Score") come from the
  translation files in ``resume_builder/locales/<language>.toml`` (``pt-BR`` uses
  ``pt-BR.toml`` when there is one, else ``pt.toml``); a language without a file keeps the
  English words, and :attr:`Labels.translated` says so;
- month names, the month-and-year format (``Mar 2023``, ``März 2023``, ``2023年3月``) and the
  writing direction come from CLDR through Babel, never from tables of our own.

Babel is imported only when labels are built or a locale is checked, never when the CLI
starts. :func:`labels_for` caches its result per locale.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any

DEFAULT_LOCALE = "en"
HEADING_KEYS = ("summary", "experience", "projects", "skills", "education", "awards", "certifications",
                "publications", "languages", "volunteering", "interests", "references")
WORD_KEYS = ("present", "technologies", "courses", "score")
_TAG_RE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")

# The English words, for Labels() built directly; labels_for("en") reads locales/en.toml,
# which says the same (tests/i18n checks that they agree).
_EN_HEADINGS = {
    "summary": "Summary", "experience": "Experience", "projects": "Projects", "skills": "Skills",
    "education": "Education", "awards": "Awards", "certifications": "Certifications",
    "publications": "Publications", "languages": "Languages", "volunteering": "Volunteering",
    "interests": "Interests", "references": "References",
}


@dataclass(frozen=True)
class Labels:
    """The localised words and formats a document needs.

    ``language`` is the BCP 47 tag written into documents (``de-AT``); ``locale`` is the
    same locale as Babel names it (``de_AT``). ``months`` holds CLDR's abbreviated month
    names, for renderers that want them; dates are formatted by :meth:`format_month` and
    :meth:`format_year`, which follow the locale's own pattern (``MMM y``, ``y年M月``...).
    """

    language: str = "en"
    headings: dict[str, str] = field(default_factory=lambda: dict(_EN_HEADINGS))
    months: tuple[str, ...] = ()
    present: str = "present"
    range_separator: str = " – "
    technologies: str = "Technologies"
    courses: str = "Courses"
    score: str = "Score"
    #: What ends a label before its value ("Technologies: Go"): ``label_end`` in the
    #: translation file (French "\u00a0:", Japanese and Chinese the full-width "："), else ":".
    label_end: str = ":"
    #: What sets apart items that hold commas themselves (compact's "Languages: Go, Rust; Spoken:
    #: …", its sub-points): ``semicolon`` in the translation file (Arabic "؛", Japanese and
    #: Chinese the full-width "；", French "\u00a0;"), else ";".
    semicolon: str = ";"
    direction: str = "ltr"
    locale: str = "en"
    translated: bool = True  # False: no translation file for this language, English words kept

    def format_month(self, year: int, month: int) -> str:
        """``Mar 2023`` in English, ``März 2023`` in German, ``2023年3月`` in Japanese."""
        return _format_skeleton(self.locale, "yMMM", year, month)

    def format_year(self, year: int) -> str:
        return _format_skeleton(self.locale, "y", year, 1)

    @property
    def list_separator(self) -> str:
        """What goes between two items of a list (a degree and its field, keywords): CLDR's
        standard list pattern for the locale (``, `` in English, ``، `` in Arabic, ``、`` in
        Japanese)."""
        return _list_separator(self.locale)

    def with_headings(self, overrides: dict[str, str] | None) -> "Labels":
        """These labels with some headings replaced (a profile's ``headings:``)."""
        if not overrides:
            return self
        return replace(self, headings={**self.headings, **overrides})


class UnknownLocale(ValueError):
    """A locale name that is malformed or unknown to CLDR. :attr:`hint` says how to fix it:
    the code CLDR gives for a deprecated one (``iw`` → ``he``), the region to write for an
    unknown one (``de-XX``: :func:`region_hint`), else ``None``."""

    def __init__(self, tag: str, hint: str | None = None) -> None:
        super().__init__(tag)
        self.tag = tag
        self.hint = hint or replacement_hint(tag)


def normalize_tag(tag: str) -> str:
    """``pt_br`` → ``pt-BR``, ``zh-hant-tw`` → ``zh-Hant-TW`` (BCP 47 casing)."""
    parts = re.split(r"[-_]", tag.strip())
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) in (2, 3) and (part.isalpha() or part.isdigit()):
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def base_language(tag: str) -> str:
    """``de-AT`` → ``de``."""
    return re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower()


def looks_like_tag(value: Any) -> bool:
    return isinstance(value, str) and bool(_TAG_RE.match(value.strip()))


@lru_cache(maxsize=1)
def _cldr_languages() -> frozenset[str]:
    from babel.localedata import locale_identifiers

    return frozenset(ident.split("_")[0].lower() for ident in locale_identifiers())


def is_language_tag(value: Any) -> bool:
    """Whether ``value`` names a language CLDR knows (``en``, ``de-AT``, ``zh-Hans``); a
    deprecated code (``iw``: :func:`deprecated_alias`) is not one, nor a tag whose region CLDR
    does not know (``de-XX``: :func:`unknown_region`; a build target's ``lang`` took it)."""
    return looks_like_tag(value) and base_language(value) in _cldr_languages() and unknown_region(value) is None


def language_hint(value: str) -> str | None:
    """How to write ``value``, which :func:`is_language_tag` refuses: the code CLDR gives for a
    deprecated one (``iw`` → ``he``), the region to write for an unknown one (``de-XX``), else None."""
    region = unknown_region(value) if looks_like_tag(value) else None
    return replacement_hint(value) or (region_hint(value, region) if region is not None else None)


@lru_cache(maxsize=64)
def deprecated_alias(value: str) -> str | None:
    """The tag that replaces a deprecated language code, by CLDR's language aliases (Babel's
    ``language_aliases``: ``iw`` → ``he``, ``in`` → ``id``, ``ji`` → ``yi``, ``mo`` → ``ro``,
    ``sh`` → ``sr-Latn``), the rest of the tag kept (``iw-IL`` → ``he-IL``); None when the
    language of ``value`` is not deprecated, or its replacement is no language CLDR has data for.

    Such a code is refused, with this tag as "did you mean", rather than read as its
    replacement: the tag is written into file names (``-he``), the HTML ``lang`` and the DOCX
    language, and keys texts in several languages, so one spelling of each language keeps
    ``iw:`` and ``he:`` from naming one language twice.
    """
    if not looks_like_tag(value):
        return None
    parts = normalize_tag(value).split("-")
    if parts[0] in _cldr_languages():
        return None
    from babel.core import get_global

    replacement = get_global("language_aliases").get(parts[0])
    if not replacement or base_language(replacement) not in _cldr_languages():
        return None
    return "-".join([normalize_tag(replacement), *parts[1:]])


def replacement_hint(value: str) -> str | None:
    """"did you mean 'he'? 'iw' is an old code for Hebrew, now written 'he'" for a deprecated language
    code (:func:`deprecated_alias`), else None: the hint of every message refusing a language or locale."""
    replacement = deprecated_alias(value) if isinstance(value, str) else None
    if replacement is None:
        return None
    from babel import Locale

    from babel.core import get_global

    language = normalize_tag(get_global("language_aliases")[base_language(value)])  # sh → sr-Latn
    name = Locale.parse(base_language(replacement)).get_display_name("en")
    return f"did you mean '{replacement}'? '{base_language(value)}' is an old code for {name}, now written '{language}'"


@lru_cache(maxsize=64)
def _babel_locale(tag: str):
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(normalize_tag(tag).replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        pass
    try:  # an unknown region or script: fall back to the language (de-XX → de)
        return Locale.parse(base_language(tag))
    except (UnknownLocaleError, ValueError):
        raise UnknownLocale(tag) from None


def check_locale(value: str) -> str:
    """Return ``value`` normalised (``en_gb`` → ``en-GB``); UnknownLocale if CLDR lacks its
    language, or its region (``de-XX``: :func:`unknown_region`), whose hint names one to write."""
    if not looks_like_tag(value):
        raise UnknownLocale(value)
    if base_language(value) not in _cldr_languages():
        raise UnknownLocale(value)
    region = unknown_region(value)
    if region is not None:
        raise UnknownLocale(value, hint=region_hint(value, region))
    return normalize_tag(value)


def _region_at(tag: str) -> int | None:
    """The index of the region subtag of ``tag`` split at ``-`` (BCP 47: after the language and
    a four-letter script, two letters or three digits), else None. Three letters there count
    too: no extended language subtag is written so, but ISO 3166 alpha-3 (``en-USA``) is."""
    parts = normalize_tag(tag).split("-")
    at = 2 if len(parts) > 1 and len(parts[1]) == 4 and parts[1].isalpha() else 1
    if len(parts) > at and re.fullmatch(r"[A-Z]{2,3}|\d{3}", parts[at]):
        return at
    return None


@lru_cache(maxsize=1)
def _cldr_regions() -> frozenset[str]:
    """The region codes CLDR names (Babel's ``Locale("en").territories``: ``DE``, ``419``...),
    without the codes ISO 3166 leaves for private use that CLDR gives its own meanings to
    (``ZZ`` "Unknown Region", ``XA``/``XB`` pseudo-locales, ``QO`` "Outlying Oceania"; Kosovo's
    ``XK``, in common use, kept)."""
    from babel import Locale

    return frozenset(code for code in Locale("en").territories
                     if code.isdigit() or code == "XK" or not (code in ("AA", "ZZ") or code[0] == "X"
                                                               or code[0] == "Q" and code[1] >= "M"))


def unknown_region(tag: str) -> str | None:
    """The region subtag of ``tag`` when CLDR knows no such region (``de-XX`` → ``XX``,
    ``en-UK`` → ``UK``, ``en-USA`` → ``USA``: see :func:`region_hint`), else None (``de-AT``,
    ``es-419``, ``zh-Hant-TW``, or no region)."""
    at = _region_at(tag)
    if at is None:
        return None
    region = normalize_tag(tag).split("-")[at]
    if region in _cldr_regions():
        return None
    if len(region) == 3 and region.isalpha() and region not in _territory_aliases():
        return None  # three letters but no country's: not a region subtag, left to Babel as before
    return region


def _territory_aliases() -> dict[str, list[str]]:
    """CLDR's territory aliases (Babel's ``territory_aliases``): old and other codes of regions
    (``UK`` → GB, ``USA`` → US, ``276`` → DE, ``SU`` → RU, AM, AZ...)."""
    from babel.core import get_global

    return get_global("territory_aliases")


def _region_alias(code: str) -> str | None:
    """The one region CLDR writes for ``code`` (its territory aliases: ``UK`` → ``GB``,
    ``USA`` → ``US``, ``276`` → ``DE``), else None (none, or several: ``SU``)."""
    regions = _territory_aliases().get(code) or []
    return regions[0] if len(regions) == 1 and regions[0] in _cldr_regions() else None


def region_hint(tag: str, region: str) -> str:
    """How to write the unknown ``region`` of ``tag``: "did you mean 'en-GB'? the code for United
    Kingdom is 'GB'" when CLDR writes it otherwise (``en-UK``, ``en-USA``, ``de-276``), else the
    country CLDR gives the language (its likely subtags) and the tag without a region:
    "'XX' is not a country or region code; write e.g. de-DE, or leave the region out: de"."""
    from babel import Locale

    parts = normalize_tag(tag).split("-")
    at = _region_at(tag)
    if at is None or parts[at] != region:
        at = parts.index(region)
    alias = _region_alias(region)
    if alias is not None:
        name = Locale("en").territories.get(alias, alias)
        return f"did you mean '{'-'.join([*parts[:at], alias, *parts[at + 1:]])}'? the code for {name} is '{alias}'"
    bare = "-".join([*parts[:at], *parts[at + 1:]])
    likely = likely_region("-".join(parts[:at]))
    if likely is None:
        return f"'{region}' is not a country or region code; write a country's code or leave the region out: {bare}"
    return (f"'{region}' is not a country or region code; write e.g. {'-'.join([*parts[:at], likely, *parts[at + 1:]])}"
            f", or leave the region out: {bare}")


def built_in_languages() -> list[str]:
    """Languages with a translation file (their headings and words are translated)."""
    folder = resources.files("resume_builder") / "locales"
    return sorted(item.name[:-5] for item in folder.iterdir() if item.name.endswith(".toml"))


def built_in_headings() -> dict[str, list[str]]:
    """Section headings of every translation file, by key: ``{"experience": ["Berufserfahrung", ...]}``.

    ``check`` recognises these as standard headings whatever the résumé's language.
    """
    out: dict[str, list[str]] = {}
    for language in built_in_languages():
        for key, title in (_translation(language) or {}).get("headings", {}).items():
            out.setdefault(key, []).append(title)
    return out


@lru_cache(maxsize=64)
def _translation(tag: str) -> dict[str, Any] | None:
    """The built-in words of ``tag``, else of its language when written in the same script
    (``de-CH`` → ``de``; not ``zh-Hant``/``zh-TW`` → ``zh``, which is Simplified), else None."""
    folder = resources.files("resume_builder") / "locales"
    for name in (normalize_tag(tag), base_language(tag)):
        item = folder / f"{name}.toml"
        if item.is_file() and (name != base_language(tag) or script_of(tag) == script_of(name)):
            return tomllib.loads(item.read_text(encoding="utf-8"))
    return None


@lru_cache(maxsize=256)
def script_of(tag: str) -> str | None:
    """The script ``tag`` is written in (ISO 15924): its own subtag, else CLDR's likely subtags
    (Babel's ``likely_subtags``: ``zh`` → ``zh_Hans_CN``, ``zh_TW`` → ``zh_Hant_TW``, ``ja`` →
    ``ja_Jpan_JP``, ``he`` → ``he_Hebr_IL``), else None. The tags are split, not parsed as
    Babel locales, which drop a script Babel has no locale data for (``ja_Jpan_JP`` is ``ja_JP``)."""
    from babel.core import get_global, parse_locale

    try:
        language, territory, script, *_ = parse_locale(normalize_tag(tag), sep="-")
    except (ValueError, TypeError):
        return None
    if script:
        return script
    likely = get_global("likely_subtags")
    for key in ([f"{language}_{territory}"] if territory else []) + [language]:
        if key in likely:
            return parse_locale(likely[key])[2]
    return None


#: Countries whose paper is US Letter (8.5 × 11 in), per CLDR's supplemental measurement data
#: (``<paperSize type="US-Letter" territories="...">``); elsewhere it is A4 (CLDR's ``001``).
US_LETTER_TERRITORIES = frozenset("BZ CA CL CO CR GT MX NI PA PH PR SV US VE".split())


def page_size_for(tag: str) -> str | None:
    """The paper of the country ``tag`` names (``en-US`` → ``"Letter"``, ``de-AT`` → ``"A4"``),
    as the theme option ``page_size`` writes it; None when the tag names no country (``en``)."""
    parts = normalize_tag(tag).split("-")
    region = next((part for part in parts[1:] if re.fullmatch(r"[A-Z]{2}|\d{3}", part)), None)
    if region is None:
        return None
    return "Letter" if region in US_LETTER_TERRITORIES else "A4"


@lru_cache(maxsize=256)
def likely_region(tag: str) -> str | None:
    """The country a language is most likely used in, by CLDR's likely subtags (Babel's
    ``likely_subtags``: ``es`` → ES, ``pt`` → BR, ``en`` → US, ``zh-Hant`` → TW: its script
    first), for a tag that names none itself; None when CLDR does not know the language."""
    from babel import Locale
    from babel.core import get_global

    try:
        locale = Locale.parse(normalize_tag(tag), sep="-")
    except (ValueError, TypeError, LookupError):
        return None
    subtags = get_global("likely_subtags")  # a script first: zh-Hant is Taiwan's, zh (Hans) China's
    likely = (subtags.get(f"{locale.language}_{locale.script}") if locale.script else None) \
        or subtags.get(locale.language)
    try:
        return Locale.parse(likely).territory if likely else None
    except (ValueError, TypeError, LookupError):
        return None


@lru_cache(maxsize=256)
def country_name(code: str, locale: str | None = None) -> str | None:
    """The name CLDR gives the country ``code`` (ISO 3166-1 alpha-2, any case: ``"pt"``) in
    ``locale``'s language (default English): ``PT`` → "Portugal", in ``de`` "Portugal", in
    ``ja`` "ポルトガル". None for anything else ("Portugal", "UK", "ZZ", "EU": see
    :func:`_is_country`), which is then printed as written; an unknown locale reads as English."""
    code = code.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", code) or not _is_country(code):
        return None
    try:
        names = _babel_locale(locale or DEFAULT_LOCALE).territories
    except UnknownLocale:
        names = _babel_locale(DEFAULT_LOCALE).territories
    return names.get(code)


def _is_country(code: str) -> bool:
    """Whether the upper-case two-letter ``code`` may name a country: not one of ISO 3166-1's
    user-assigned codes (AA, QM–QZ, XA–XZ, ZZ), which CLDR uses for "Unknown Region", its
    pseudo-locales and "Outlying Oceania" (Kosovo's XK, in common use, excepted), nor the
    groupings CLDR names with letters (EU, EZ, UN)."""
    if code in ("EU", "EZ", "UN", "AA", "ZZ"):
        return False
    if code[0] == "Q" and code[1] >= "M" or code[0] == "X" and code != "XK":
        return False
    return True


@lru_cache(maxsize=64)
def labels_for(locale: str | None = None) -> Labels:
    """The labels of ``locale`` (default English); UnknownLocale if CLDR does not know it."""
    tag = check_locale(locale or DEFAULT_LOCALE)
    babel_locale = _babel_locale(tag)
    words = _translation(tag)
    english = _translation(DEFAULT_LOCALE) or {}
    chosen = words or english
    headings = {**english.get("headings", {}), **chosen.get("headings", {})}
    months_map = babel_locale.months["format"]["abbreviated"]
    return Labels(
        language=tag,
        headings=headings,
        months=tuple(months_map[i] for i in range(1, 13)),
        present=chosen.get("present", english.get("present", "present")),
        range_separator=chosen.get("range_separator", " – "),
        technologies=chosen.get("technologies", english.get("technologies", "Technologies")),
        courses=chosen.get("courses", english.get("courses", "Courses")),
        score=chosen.get("score", english.get("score", "Score")),
        label_end=chosen.get("label_end", ":"),
        semicolon=chosen.get("semicolon", ";"),
        direction="rtl" if babel_locale.character_order == "right-to-left" else "ltr",
        locale=str(babel_locale),
        translated=words is not None,
    )


def resolve_locale(*, locale: str | None = None, lang: str | None = None,
                   profile_locale: str | None = None, profile_lang: str | None = None) -> str:
    """The locale a résumé is printed in.

    An explicit ``locale`` (``--locale``) wins. A language picked for the text (``--lang``)
    comes next, unless the profile's own ``locale:`` is a regional form of that language
    (``--lang de`` keeps ``locale: de-CH``). Then the profile's ``locale:``, then its ``lang:``,
    then English. Raises UserError for a ``locale`` or ``lang`` that is empty or only
    spaces (``--locale ""``), which was taken for no choice at all; spaces around one are dropped.
    """
    locale, lang = _given(locale, "locale", "de-CH"), _given(lang, "language", "de")
    profile_locale, profile_lang = canonical_tag(profile_locale), canonical_tag(profile_lang)
    if locale:
        return locale
    if lang:
        if profile_locale and base_language(profile_locale) == base_language(lang):
            return profile_locale
        return lang
    return profile_locale or profile_lang or DEFAULT_LOCALE


def canonical_tag(value: str | None) -> str | None:
    """The one spelling of a language or locale tag as the user may write it (``DE`` → ``de``,
    ``de_de`` → ``de-DE``, ``ZH_hant_tw`` → ``zh-Hant-TW``: :func:`normalize_tag`), so that a
    language written two ways is never two languages (file names, recorded metadata, messages,
    comparisons); spaces around it dropped. What is no tag at all (``not a language``) is
    returned as written, for the message that refuses it to quote."""
    if value is None:
        return None
    return normalize_tag(value) if looks_like_tag(value) else value.strip()


def _given(value: str | None, what: str, example: str) -> str | None:
    """``value`` in its one spelling (:func:`canonical_tag`) without spaces around it; a UserError
    when nothing is left."""
    if value is None:
        return None
    if not value.strip():
        from resume_builder.errors import UserError

        raise UserError(f"the {what} is empty", hint=f"give a {what} code, e.g. {example}, or leave the option out")
    return canonical_tag(value)


@lru_cache(maxsize=4096)
def _format_skeleton(locale: str, skeleton: str, year: int, month: int) -> str:
    import datetime

    from babel.dates import format_skeleton

    return format_skeleton(skeleton, datetime.date(year, month, 1), locale=locale)


def __getattr__(name: str) -> Any:
    if name == "ENGLISH":  # kept for callers of the English-only version; built on first use
        return labels_for(DEFAULT_LOCALE)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@lru_cache(maxsize=64)
def _list_separator(locale: str) -> str:
    """The separator between list items in ``locale``, from CLDR's list patterns ("{0}, {1}").

    The first of the ``standard``, ``standard-short``, ``unit-short`` and ``unit`` middle
    patterns whose separator is punctuation and spaces only; where every one holds a word
    (Arabic writes "{0} و{1}", "and"), the punctuation they use plus a space ("، "). ", " if
    the locale is unknown.
    """
    import unicodedata

    from babel import Locale, UnknownLocaleError

    try:
        patterns = Locale.parse(locale).list_patterns
    except (UnknownLocaleError, ValueError, TypeError):
        return ", "
    separators = [patterns[kind]["middle"].replace("{0}", "").replace("{1}", "")
                  for kind in ("standard", "standard-short", "unit-short", "unit")
                  if kind in patterns and "middle" in patterns[kind]]
    for separator in separators:
        if separator.strip() and not any(ch.isalpha() for ch in separator):
            return separator
    for separator in separators:
        marks = "".join(ch for ch in separator if unicodedata.category(ch).startswith("P"))
        if marks:
            return marks + " "
    return ", "


@dataclass(frozen=True)
class LetterWords:
    """What a cover letter says when the letter does not: its salutation and closing
    (``[letter]`` in the locale's translation file) and the date, in CLDR's long format."""

    salutation: str
    closing: str
    locale: str  # as Babel names it (de_AT)
    #: The closing under the default (unnamed) salutation, where the locale's region says
    #: another than ``closing`` (``Yours faithfully,`` in en-GB: ``closing_unnamed`` and
    #: ``closing_unnamed_regions`` in the translation file); else ``closing``.
    closing_unnamed: str = ""
    #: Salutations that name no one (``unnamed_salutations`` in the translation file, compared
    #: in lower case without "dear" and punctuation): a letter that uses one closes with
    #: ``closing_unnamed`` as the default salutation does.
    unnamed_salutations: tuple[str, ...] = ()

    def closing_for(self, salutation: str | None) -> str:
        """The default closing under ``salutation`` (None: the default salutation)."""
        if salutation is None or _salutation_key(salutation) in self.unnamed_salutations:
            return self.closing_unnamed or self.closing
        return self.closing

    def format_date(self, when: Any) -> str:
        """``30 November 2026`` (en-GB), ``November 30, 2026`` (en), ``30. November 2026`` (de):
        CLDR's long date format for the locale, via Babel."""
        from babel.dates import format_date

        return format_date(when, format="long", locale=self.locale)


@lru_cache(maxsize=64)
def letter_words(locale: str | None = None) -> LetterWords:
    """The letter words of ``locale`` (English where its file has none); UnknownLocale if CLDR lacks it."""
    tag = check_locale(locale or DEFAULT_LOCALE)
    english = (_translation(DEFAULT_LOCALE) or {}).get("letter", {})
    own = (_translation(tag) or {}).get("letter", {})
    words = {**english, **own}
    babel = _babel_locale(tag)
    closing = words.get("closing", "Yours sincerely,")
    rule = own if "closing" in own else english  # the unnamed closing goes with the closing it stands beside
    unnamed = rule.get("closing_unnamed", "") if (babel.territory or "") in rule.get("closing_unnamed_regions", ()) \
        else ""
    return LetterWords(salutation=words.get("salutation", "Dear Hiring Manager,"), closing=closing,
                       locale=str(babel), closing_unnamed=unnamed or closing,
                       unnamed_salutations=tuple(_salutation_key(s) for s in rule.get("unnamed_salutations", ())))


def _salutation_key(salutation: str) -> str:
    """``dear sir or madam,`` → ``sir or madam``: lower case, without "dear" and final punctuation."""
    key = " ".join(salutation.lower().split()).rstrip(",.:;!،")
    return key[5:] if key.startswith("dear ") else key


def given_language(lang: str) -> str:
    """A language given by a command (``--lang``) or a variant's ``lang:`` in its one spelling
    (``DE`` → ``de``: :func:`canonical_tag`), without spaces around it; UserError when empty."""
    return _given(lang, "language", "de")


def given_locale(locale: str) -> str:
    """A locale given by a command (``--locale``) in its one spelling (``de_de`` → ``de-DE``:
    :func:`canonical_tag`), without spaces around it; UserError when empty."""
    return _given(locale, "locale", "de-CH")

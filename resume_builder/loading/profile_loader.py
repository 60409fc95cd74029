"""Load a profile file: read, parse, detect JSON Resume, validate, cross-check."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from resume_builder.errors import Problem, UserError, did_you_mean
from resume_builder.loading.errors_map import BLANK_ITEM_NOUNS as _BLANK_ITEM_NOUNS
from resume_builder.loading.errors_map import ONE_PER_LINE as _ONE_PER_LINE
from resume_builder.loading.errors_map import describe, problems_from_validation
from resume_builder.loading.source import SourceDocument, dotted, in_file_order, parse, read_bytes, read_text
from resume_builder.schema.profile import Profile
from resume_builder.containment import real

DEFAULT_PROFILE = Path("profiles/example.yaml")
#: What ``resume-builder init`` writes when given no name; read first when it is there.
STARTER_PROFILE = Path("profile.yaml")


def default_profile() -> Path:
    """The profile commands read when none is named: :data:`STARTER_PROFILE` when ``init``
    wrote one here (the user's own: in a clone of this repository, ``init`` then ``render``
    rendered the example instead; newcomer trial), else :data:`DEFAULT_PROFILE` (this
    repository's example, whose absence is then the error shown)."""
    import os

    if os.path.lexists(STARTER_PROFILE):  # also a folder, a FIFO or a broken link: its error is shown,
        return STARTER_PROFILE            # not the example's résumé in its place (fresh trial)
    return DEFAULT_PROFILE

# ``--from``: the input formats a profile file may be read as; None guesses from the content.
INPUT_FORMATS = ("profile", "jsonresume")


@dataclass
class LoadedProfile:
    """A validated profile with where it came from, so later stages can locate errors too."""

    profile: Profile
    source: SourceDocument
    path: Path
    format: str  # "yaml", "json" or "jsonresume"
    lang: str = "en"  # the language picked where text is given in several (loading/languages.py)
    warnings: list[str] = dataclass_field(default_factory=list)  # e.g. texts missing in that language
    translations: dict[tuple, dict[str, Any]] = dataclass_field(default_factory=dict)  # path → {lang: text, ...}
    requested: str | None = None  # the language asked for (None: the profile's default)
    #: Files the profile includes (loading/includes.py), symlinks resolved → SHA-256 as read.
    included: dict[Path, str] = dataclass_field(default_factory=dict)

    @property
    def folder(self) -> Path:
        return real(self.path).parent


def load_source(path: Path, kind: str = "profile", judge: Any = None) -> SourceDocument:
    """Read and parse a YAML or JSON file whose top level must be a mapping; ``kind`` names
    the file in messages ("profile", "variant file", "letter file", "vocabulary file");
    ``judge``: see :func:`resume_builder.loading.yaml_errors.explain`."""
    text = read_text(path, kind=kind)
    prose = _PROSE_SUFFIXES.get(Path(path).suffix.lower()) if kind == "profile" else None
    try:
        doc = parse(text, str(path), judge)
    except UserError:
        if prose is None:
            raise
        doc = None
    if doc is None or not isinstance(doc.data, dict):
        if prose is not None:  # "kvarn.md:6:1: YAML syntax error: this is not valid YAML" (trial)
            raise UserError.at(str(path), None, None, f"is {prose}, not a profile",
                               hint="a profile is YAML or JSON (.yaml, .yml, .json; 'resume-builder init' writes "
                                    "one); a job posting goes to --job") from None
        raise UserError.at(str(path), 1, 1, f"the top level must be a mapping (key: value pairs), "
                                            f"found {describe(doc.data)}")
    return doc


#: What a file of these names is, when given as a profile and not read as one.
_PROSE_SUFFIXES = {".md": "a Markdown file", ".markdown": "a Markdown file", ".txt": "a text file",
                   ".html": "a web page", ".htm": "a web page"}


def load_profile(path: str | Path, *, lang: str | None = None, variant: str | None = None,
                 input_format: str | None = None) -> LoadedProfile:
    """Load and validate a profile; every problem in the file is raised as one UserError.

    Text given in several languages (``summary: {en: ..., de: ...}``) is read in ``lang``;
    without it, in the ``lang`` of the variant named ``variant`` (one declared under
    ``variants:`` in this profile), else in the profile's default language (see
    :mod:`resume_builder.loading.languages`). The variant's language is read from the
    parsed file, so the file is read and parsed once either way.
    ``input_format`` (``--from``) is ``"profile"`` (ours), ``"jsonresume"``, or None to tell
    them apart by content (:func:`resume_builder.loading.jsonresume.is_json_resume`).
    """
    path = Path(path)
    if lang is not None:
        from resume_builder.i18n import given_language

        lang = given_language(lang)
    if input_format is not None and input_format not in INPUT_FORMATS:
        raise UserError(f"unknown input format '{input_format}'",
                        hint=did_you_mean(input_format, INPUT_FORMATS) or "use " + " or ".join(INPUT_FORMATS))
    key = _cache_key(path, input_format)
    cached = _LOADED.get(key, {}) if key is not None else {}
    if cached and not _includes_unchanged(next(iter(cached.values()))):
        _LOADED.clear()
        cached = {}
    if lang is None and variant is not None and cached:
        known = next(iter(cached.values())).profile.variants.get(variant)
        lang = known.lang if known is not None else None
    if lang in cached:
        return cached[lang]
    wanted = lang if lang is not None or variant is None else _VariantLanguage(variant)
    loaded = (None if input_format == "jsonresume" else _load_fast(path, wanted, input_format)) \
        or _load_careful(path, wanted, input_format)
    if key is not None:
        if key not in _LOADED:
            _LOADED.clear()  # keep one file: long-lived processes (watch, build workers) re-render one profile
        _LOADED.setdefault(key, {})[loaded.requested] = loaded
    return loaded


@dataclass(frozen=True)
class _VariantLanguage:
    """The language of the variant ``name`` declared in the profile, read from its data."""

    name: str

    def pick(self, data: Any) -> str | None:
        variants = data.get("variants") if isinstance(data, dict) else None
        chosen = variants.get(self.name) if isinstance(variants, dict) else None
        value = chosen.get("lang") if isinstance(chosen, dict) else None
        return value if isinstance(value, str) and value.strip() else None


def _wanted(lang: "str | _VariantLanguage | None", data: Any) -> str | None:
    return lang.pick(data) if isinstance(lang, _VariantLanguage) else lang


def _load_careful(path: Path, lang: "str | _VariantLanguage | None",
                  input_format: str | None = None) -> LoadedProfile:
    """Parse with positions, so that every problem is reported with its line and column."""
    from resume_builder.loading.includes import resolve_includes, with_chain
    from resume_builder.loading.source import gathered_sizes, with_oversized

    with gathered_sizes():  # a text or list over its limit is told with the schema's problems
        resolved = resolve_includes(load_source(path, judge=profile_problems), path)
    oversized = resolved.doc.oversized
    try:
        loaded = _validate_careful(path, resolved.doc, lang, input_format)
    except UserError as error:
        if oversized:
            error = UserError(with_oversized(error.problems, oversized, str(path)))
        raise with_chain(error, resolved.chains) from None
    if oversized:
        raise with_chain(UserError(oversized), resolved.chains)
    loaded.included = resolved.files
    return loaded


def profile_problems(text: str) -> int | None:
    """How many problems the profile ``text`` has (0: none), or None when it cannot be told
    quickly (a syntax error, an anchor or a tag, no libyaml): tells apart two readings of an
    indentation mistake that YAML reads equally well (loading/yaml_levels.py)."""
    from resume_builder.loading.languages import select_language
    from resume_builder.loading.source import parse_yaml_fast

    doc = parse_yaml_fast(text, "<repaired profile>")
    if doc is None or not isinstance(doc.data, dict):
        return None
    try:
        validate_profile(select_language(doc, None).source)
    except UserError as error:
        return len(error.problems)
    except Exception:  # noqa: BLE001  (a text no reading of which is a profile)
        return None
    return 0


def _validate_careful(path: Path, doc: SourceDocument, lang: "str | _VariantLanguage | None",
                      input_format: str | None) -> LoadedProfile:
    """``doc`` (the profile with its includes resolved) told apart, in its language, validated."""
    from resume_builder.loading import jsonresume
    from resume_builder.loading.bidi_controls import dropped_controls
    from resume_builder.loading.languages import check_language, select_language
    from resume_builder.loading.other_tools import refuse_rendercv

    if not isinstance(doc.data, dict):
        loc = doc.locate(())
        raise UserError.at(loc.file, loc.line, loc.column, f"the top level must be a mapping (key: value pairs), "
                                                           f"found {describe(doc.data)}")
    refuse_rendercv(doc, path)  # neither format: read as either, it gave errors or an empty résumé
    fmt = "json" if str(path).lower().endswith(".json") else "yaml"
    warnings: list[str] = []
    written = doc.data
    reason = jsonresume.json_resume_reason(doc.data) if input_format is None else None
    if input_format == "jsonresume" or reason:
        try:
            doc = jsonresume.to_profile_source(doc, warnings=warnings)
        except UserError as exc:
            raise _guessed(exc, reason) if reason else _forced(exc, written) from None
        doc = _with_export_extras(doc, warnings)
        fmt = "jsonresume"
    wanted = _wanted(lang, doc.data)
    try:
        checked = check_language(wanted) if wanted else None
    except UserError as error:
        if not isinstance(lang, _VariantLanguage):
            raise
        at = ("variants", lang.name, "lang")  # the variant's own lang:, at its line and column
        raise UserError(Problem(error.problems[0].message, doc.locate(at), dotted(at), error.problems[0].hint)) \
            from None
    lang = wanted
    chosen = select_language(doc, checked, json_resume=fmt == "jsonresume")
    if fmt == "jsonresume":
        try:
            profile = jsonresume.validate_json_resume(chosen.source, warnings)
        except UserError as exc:  # the file as written: the mapped data has our names (experience)
            raise _guessed(exc, reason) if reason else _forced(exc, written) from None
    else:
        try:
            profile = validate_profile(chosen.source)
        except UserError as error:
            if input_format is None and _json_resume_sections_only(doc.data):
                import dataclasses

                hint = ("every top-level key is a JSON Resume section name: if this is a JSON Resume file "
                        "(where 'basics' is optional), add --from jsonresume")
                raise UserError([dataclasses.replace(problem, hint=hint) if problem.path == "basics" else problem
                                 for problem in error.problems]) from None
            raise
        if not profile.basics.name.strip():  # required, but an importer writes "" for the user to fill in
            warnings.append(f"{chosen.source.locate(('basics', 'name'))}: basics.name is empty: the résumé has "
                            "no name at its head (write your name there)")
        warnings.extend(blank_texts(profile, chosen.source)[1])
        warnings.extend(future_dates(profile, chosen.source))
        said = phone_warning(profile)
        if said:
            warnings.append(f"{chosen.source.locate(('basics', 'phone'))}: basics.phone: {said}")

    warnings.extend(dropped_controls(chosen.source))
    return LoadedProfile(profile, chosen.source, path, fmt, chosen.lang, [*warnings, *chosen.warnings],
                         chosen.alternatives, requested=lang)


def phone_warning(profile: Profile) -> str:
    """What is doubtful about ``basics.phone``, or "": a number libphonenumber finds impossible
    (printed, never linked) or not valid for its country (linked, likely a typo), or one
    without a country code that no country of the profile lets us link (newcomer trial:
    ``+44 7700 9001``, a digit short, was linked; ``07700 900123`` was silently not)."""
    import phonenumbers

    from resume_builder.phones import parse_phone, region_for

    written = profile.basics.phone
    if not written:
        return ""
    location = profile.basics.location
    region = region_for(location.country_code if location else None, profile.locale)
    if written.strip().startswith("00") and region is None:
        return (f"'{written}' starts with 00, which is read as the international prefix only in a country "
                f"the profile does not give: write + for it ('+{written.strip()[2:]}') so it can be linked")
    if not written.strip().startswith("+") and region is None:
        tag = profile.locale or profile.lang
        if tag:  # 'locale: es' names a language, not a country: say so, with the country it likely is
            from resume_builder.i18n import likely_region

            parts = tag.replace("_", "-").split("-")
            own = region_for(None, "-".join(parts[:1] + parts[1:])) if profile.locale is None else None
            guess = own or likely_region(tag)
            guess = guess if guess in phonenumbers.SUPPORTED_REGIONS else None
            example = f"+{phonenumbers.country_code_for_region(guess)}" if guess else "+44"
            named = f"'locale: {parts[0]}-{guess}'" if guess else f"a locale with a country, e.g. 'locale: {parts[0]}-XX'"
            said = f"the profile's locale '{tag}' names a language but no country" if profile.locale else \
                f"the profile gives no locale (its lang '{tag}' sets the language only)"
            return (f"'{written}' has no country code, and {said}: it is printed but not linked (write it with its "
                    f"country code, e.g. {example} …, or name the country: {named}, or basics.location.country_code)")
        return (f"'{written}' has no country code, and the profile gives no country: it is printed but not "
                "linked (write it with its country code, e.g. +44 …, or give basics.location.country_code)")
    number = parse_phone(written, region)
    if number is None:
        read = "" if written.strip().startswith("+") else f" in {region} (the profile's country)"
        return (f"'{written}' is not a possible phone number{read}: it is printed but not linked (check its "
                "digits" + (", or write it with its country code" if read else "") + ")")
    if not phonenumbers.is_valid_number(number):
        where = phonenumbers.region_code_for_country_code(number.country_code)
        return (f"'{written}' is not a valid number for country code +{number.country_code}"
                f"{f' ({where})' if where and where != 'ZZ' else ''}: check its digits")
    return ""


#: JSON Resume's top-level keys (schema v1.0.0), which a profile of ours may share.
_JSON_RESUME_KEYS = frozenset({"$schema", "basics", "work", "volunteer", "education", "awards", "certificates",
                               "publications", "skills", "languages", "interests", "references", "projects", "meta"})


def _forced(error: UserError, data: Any) -> UserError:
    """``error`` from reading a file as JSON Resume because ``--from jsonresume`` said so; when
    the file has a top-level key only our profiles have (``experience``, ``variants``...), its
    first problem says so and to drop the option (newcomer trial: a profile of ours read as
    JSON Resume gave JSON Resume's errors and no way out)."""
    from resume_builder.loading.jsonresume import PASS_THROUGH  # ours, and read in a JSON Resume file too

    ours = sorted((key for key in (data if isinstance(data, dict) else {})
                   if key in Profile.model_fields and key not in _JSON_RESUME_KEYS and key not in PASS_THROUGH),
                  key=lambda key: (key != "experience", key))  # the key most profiles have, first
    if not ours:
        return error
    return _noted(error, f"this looks like a resume-builder profile (it has '{ours[0]}'): drop --from jsonresume")


def _guessed(error: UserError, reason: str | None) -> UserError:
    """``error`` from reading a file as JSON Resume, its first problem saying why the file was
    read so when that was a guess (``reason``), and how to read it as a profile of ours."""
    if not reason:
        return error
    return _noted(error, f"read as JSON Resume ({reason}); use --from profile if it is not")


def _noted(error: UserError, note: str) -> UserError:
    """``error`` with ``note`` added to its first problem's hint."""
    if not error.problems:
        return error
    import dataclasses

    first = error.problems[0]
    error.problems[0] = dataclasses.replace(first, hint=f"{first.hint}; {note}" if first.hint else note)
    return error


def _with_export_extras(doc: SourceDocument, warnings: list[str]) -> SourceDocument:
    """``doc`` (a JSON Resume file mapped to our names) with what ``export`` kept under
    ``meta.resume_builder`` put back, as ``import`` does (custom sections, sub-points,
    section order...), so rendering an exported file gives the résumé it came from."""
    from resume_builder.interop.jsonresume_export import EXTRAS_KEY
    from resume_builder.interop.jsonresume_import import _apply_extras

    meta = doc.data.get("meta") if isinstance(doc.data, dict) else None
    if not isinstance(meta, dict) or EXTRAS_KEY not in meta:
        return doc
    extras = meta.pop(EXTRAS_KEY)
    if not meta:
        doc.data.pop("meta")
    data = _apply_extras(doc.data, extras, doc, warnings)
    return SourceDocument(doc.file, data, doc.values, doc.keys)


def _json_resume_sections_only(data: object) -> bool:
    """Whether ``data``'s top-level keys are all JSON Resume names ({"awards": []}): a
    document our format cannot tell apart by content."""
    from resume_builder.schema.jsonresume import TOP

    return isinstance(data, dict) and bool(data) and "basics" not in data and all(key in TOP for key in data)


def _load_fast(path: Path, lang: "str | _VariantLanguage | None",
               input_format: str | None = None) -> LoadedProfile | None:
    """A YAML profile of ours read without positions; None sends it the careful way.

    A valid profile never needs positions unless a later stage (a variant, a theme option)
    finds a mistake, so they are computed then, by the careful path, from the same file.
    Any problem here returns None and the careful path reports it with its location.
    """
    from resume_builder.loading import jsonresume
    from resume_builder.loading.bidi_controls import dropped_controls
    from resume_builder.loading.languages import check_language, select_language
    from resume_builder.loading.includes import resolve_includes
    from resume_builder.loading.source import parse_yaml_fast

    if str(path).lower().endswith(".json"):
        return None
    try:
        doc = parse_yaml_fast(read_text(path), str(path))
        included: dict[Path, str] = {}
        if doc is not None:
            resolved = resolve_includes(doc, path, parser=_parse_fast_or_refuse)
            doc, included = resolved.doc, resolved.files
        if doc is None or not isinstance(doc.data, dict) or (
                input_format is None and jsonresume.is_json_resume(doc.data)):
            return None
        lang = _wanted(lang, doc.data)
        chosen = select_language(doc, check_language(lang) if lang else None)
        profile = validate_profile(chosen.source)
    except UserError:
        return None
    if not profile.basics.name.strip() or phone_warning(profile) or blank_texts(profile, chosen.source)[1] \
            or future_dates(profile, chosen.source) or dropped_controls(chosen.source):
        return None  # the careful path warns, at the name's (the phone's, the blank text's, the date's...) line
    source = chosen.source
    source.deferred = lambda: _load_careful(path, lang, input_format).source
    return LoadedProfile(profile, source, path, "yaml", chosen.lang, chosen.warnings, chosen.alternatives,
                         requested=lang, included=included)


def _parse_fast_or_refuse(text: str, file: str) -> SourceDocument:
    """An included file for the fast path: without positions, or a UserError that sends the
    whole profile the careful way (which then reports any mistake with its place)."""
    from resume_builder.loading.source import parse_yaml_fast

    doc = None if file.lower().endswith(".json") else parse_yaml_fast(text, file)
    if doc is None:
        raise UserError(f"{file}: read with positions")
    return doc


def _includes_unchanged(loaded: LoadedProfile) -> bool:
    """Whether every file ``loaded`` included still has the bytes it was read with."""
    from resume_builder.loading.includes import file_digest

    return all(file_digest(path) == digest for path, digest in loaded.included.items())


# A warm process (watch mode, build workers, benchmarks) re-renders the same file: a
# valid profile is reused while the file's bytes are unchanged (hashing them costs far
# less than parsing). Nothing downstream mutates a loaded profile (tailoring returns new
# objects). One file is kept, by the language asked for (None: the profile's default).
_LOADED: dict[tuple, dict[str | None, LoadedProfile]] = {}


def _cache_key(path: Path, input_format: str | None = None) -> tuple | None:
    """The key of ``path``'s loaded profile, from its bytes; None when they cannot be read
    (read as :func:`~resume_builder.loading.source.read_bytes` reads: never a FIFO or a
    device, never more than the limit), so that reading it again reports why."""
    import hashlib

    try:
        digest = hashlib.sha256(read_bytes(path)).hexdigest()
    except (UserError, OSError):
        return None
    return (str(real(path)), path.as_posix(), digest, input_format)


def validate_profile(doc: SourceDocument, *, blanks: bool = True, json_resume: bool = False) -> Profile:
    """``doc``'s data as a :class:`Profile`; every problem raised as one UserError.

    ``blanks``: a blank item of a list of texts is an error (:func:`blank_texts`); a JSON
    Resume file read as a profile leaves out such items itself (loading/jsonresume.py).
    ``json_resume``: ``doc`` was read from a JSON Resume file, so its variants' messages say
    how to give an entry an id there (:func:`resume_builder.loading.variant_checks.check_variant`)."""
    from resume_builder.loading.letter_checks import check_profile_letters, check_profile_letters_data

    try:
        profile = Profile.model_validate(doc.data)
    except ValidationError as exc:
        problems = problems_from_validation(exc, doc, Profile)
        found = {problem.path for problem in problems}
        duplicates = [p for p in _duplicates(_raw_ids(doc.data), doc) if p.path not in found]
        # Said with the rest, in line order, not only once the rest is fixed: duplicate ids
        # (newcomer trial), the letters' placeholders and the letter each variant names.
        raise UserError(in_file_order(problems + duplicates + check_profile_letters_data(doc.data, doc, found),
                                    doc.file)) from None
    # Every check of a valid profile, each told with the others rather than once they are fixed.
    problems = cross_check(profile, doc)
    if blanks:
        problems += blank_texts(profile, doc)[0]
    if profile.variants:
        from resume_builder.loading.variant_checks import check_profile_variants

        problems += check_profile_variants(profile, doc, json_resume=json_resume)
    if profile.letters or any(v.letter for v in profile.variants.values()):
        problems += check_profile_letters(profile, doc)
    if problems:
        raise UserError(in_file_order(problems, doc.file))
    return profile


#: Required texts left blank without a warning from :func:`blank_texts`: a blank name has its
#: own (_validate_careful); a skill group without a name shows its keywords as one list (the
#: LinkedIn import writes one).
_BLANK_ALLOWED = {("Basics", "name"), ("SkillGroup", "name")}


def blank_texts(profile: Profile, doc: SourceDocument) -> tuple[list[Problem], list[str]]:
    """Blank (empty or white-space only) texts where the résumé prints one (newcomer trial:
    ``highlights: ["", "  "]`` rendered two bare bullets, ``position: ""`` a job without a
    title, both silently): (an error at each item of a list of texts that is blank, a
    highlight, a keyword, a sub-point...; a warning at each required text that is blank, a
    job's position, a project's name).

    A required text left blank is a warning, not an error, as a blank name is: an import
    leaves one blank for the person to fill in (a LinkedIn position without a title, with a
    comment saying so) and its profile must load. An optional text left blank is as if absent
    and is not reported."""
    from pydantic import BaseModel

    from resume_builder.schema.profile import Highlight

    problems: list[Problem] = []
    warnings: list[str] = []

    def blank(value: Any) -> bool:
        return isinstance(value, str) and not value.strip()

    def walk(model: BaseModel, path: tuple[Any, ...]) -> None:
        cls = type(model)
        for name, info in cls.model_fields.items():
            key = info.alias or name
            value = getattr(model, name, None)
            if isinstance(value, str):
                instead = getattr(cls, "REQUIRED_OR", {}).get(name, ())
                required = info.is_required() or (instead and not any(getattr(model, other, None)
                                                                       for other in instead))
                said = (cls.__name__, name) in _BLANK_ALLOWED or cls is Highlight  # a highlight: said as an item
                if required and blank(value) and not said:
                    warnings.append(f"{doc.locate(path + (key,))}: {dotted(path + (key,))}: '{key}' is empty: it is "
                                    "printed as nothing (write it, or remove the entry)")
            elif isinstance(value, BaseModel):
                walk(value, path + (key,))
            elif isinstance(value, list):
                for index, element in enumerate(value):
                    if blank(element) or isinstance(element, Highlight) and blank(element.text):
                        noun = _BLANK_ITEM_NOUNS.get(key, f"item of '{key}'")
                        fix = "remove the line or write its text" if key in _ONE_PER_LINE else \
                            "remove it or write its text"
                        problems.append(Problem(f"empty {noun}", doc.locate(path + (key, index)),
                                                dotted(path + (key, index)), fix))
                    if isinstance(element, BaseModel):
                        walk(element, path + (key, index))
            elif isinstance(value, dict) and key != "meta":
                for entry, element in value.items():
                    if isinstance(element, BaseModel):
                        walk(element, path + (key, entry))

    walk(profile, ())
    return problems, warnings


def future_dates(profile: Profile, doc: SourceDocument, today: Any = None) -> list[str]:
    """A warning at each date after ``today`` (default: :func:`resume_builder.output.today`,
    SOURCE_DATE_EPOCH's day when set) that reads as a slip: a start in the future with the end
    'present' (newcomer trial: 'start: 2030-01, end: present' validated in silence), or an end
    in the future that is not 'present'. Warnings, not errors: an offer accepted for a later
    start, a contract that ends on a known day, are real."""
    from pydantic import BaseModel

    from resume_builder.schema.base import DateRange
    from resume_builder.schema.types import PRESENT, PartialDate

    if today is None:
        from resume_builder.output import today as clock

        today = clock()
    now = (today.year, today.month, today.day)
    warnings: list[str] = []

    def walk(model: BaseModel, path: tuple[Any, ...]) -> None:
        if isinstance(model, DateRange):
            start, end = getattr(model, "start", None), getattr(model, "end", None)
            if isinstance(start, PartialDate) and end == PRESENT and start.earliest() > now:
                warnings.append(f"{doc.locate(path + ('start',))}: {dotted(path + ('start',))}: start {start} is in "
                                f"the future (today is {today.isoformat()}), and the end is 'present' (check the "
                                "year; for an offer accepted for a later start, this is how it is shown)")
            if isinstance(end, PartialDate) and end.earliest() > now:
                warnings.append(f"{doc.locate(path + ('end',))}: {dotted(path + ('end',))}: end {end} is in the "
                                f"future (today is {today.isoformat()}) (if it goes on, write end: present; keep the "
                                "date if it ends then, as a contract does)")
        for name, info in type(model).model_fields.items():
            key = info.alias or name
            value = getattr(model, name, None)
            if isinstance(value, BaseModel):
                walk(value, path + (key,))
            elif isinstance(value, list):
                for index, element in enumerate(value):
                    if isinstance(element, BaseModel):
                        walk(element, path + (key, index))

    walk(profile, ())
    return warnings


def cross_check(profile: Profile, doc: SourceDocument) -> list[Problem]:
    """Rules that span entries: ids must be unique across the whole profile."""
    return _duplicates(_ids(profile), doc)


def _duplicates(ids: Any, doc: SourceDocument) -> list[Problem]:
    """A problem at each ``(path, id)`` of ``ids`` whose id an earlier one already has."""
    problems = []
    seen: dict[str, tuple[Any, ...]] = {}
    for path, entry_id in ids:
        if entry_id in seen:
            first = doc.locate(seen[entry_id])
            problems.append(Problem(f"id '{entry_id}' is already used at line {first.line}",
                                    doc.locate(path + ("id",)), dotted(path + ("id",)),
                                    "ids must be unique across the profile"))
        else:
            seen[entry_id] = path + ("id",)
    return problems


def _raw_ids(data: Any):
    """``(path, id)`` of every id written in a profile's data that did not validate, where
    :func:`_ids` finds them in a valid one (entries of the sections, of custom sections, roles)."""
    if not isinstance(data, dict):
        return
    for field in Profile.SECTION_FIELDS:
        value = data.get(field)
        if not isinstance(value, list):
            continue
        for index, entry in enumerate(value):
            if not isinstance(entry, dict):
                continue
            if isinstance(entry.get("id"), str) and entry["id"].strip():
                yield (field, index), entry["id"].strip()
            for key in ("entries", "roles"):
                subs = entry.get(key)
                for sub_index, sub in enumerate(subs if isinstance(subs, list) else []):
                    if isinstance(sub, dict) and isinstance(sub.get("id"), str) and sub["id"].strip():
                        yield (field, index, key, sub_index), sub["id"].strip()


def _ids(profile: Profile):
    for field in Profile.SECTION_FIELDS:
        value = getattr(profile, field)
        if not isinstance(value, list):
            continue
        for index, entry in enumerate(value):
            if getattr(entry, "id", None):
                yield (field, index), entry.id
            for sub_index, sub in enumerate(getattr(entry, "entries", []) or []):
                if sub.id:
                    yield (field, index, "entries", sub_index), sub.id
            if field == "experience":
                for sub_index, role in enumerate(entry.roles or []):
                    if role.id:
                        yield (field, index, "roles", sub_index), role.id

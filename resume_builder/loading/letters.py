"""Read the cover letter a command asks for, with the profile (and variant) it belongs to.

``--letter`` names a letter declared under ``letters:`` in the profile, or a letter file:
a small YAML/JSON file whose ``profile:`` names the profile (relative to the letter file),
like a variant file, and whose ``variant:`` may name the variant of the same application.
Without ``--letter``, the variant's ``letter:`` is used, else the profile's only letter.
Every problem is a located :class:`~resume_builder.errors.UserError` with "did you mean".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from resume_builder.errors import Location, Problem, UserError, did_you_mean
from resume_builder.loading.errors_map import problems_from_validation
from resume_builder.loading.letter_checks import check_letter
from resume_builder.loading.profile_loader import default_profile, load_source
from resume_builder.loading.source import SourceDocument
from resume_builder.loading.variants import LoadedVariant, beside, load_variant, looks_like_file
from resume_builder.schema.letter import Letter, LetterFile


@dataclass
class LoadedLetter:
    """A letter, checked, with the loaded profile and variant it goes with."""

    chosen: LoadedVariant
    letter: Letter
    name: str
    source: SourceDocument  # where the letter was read (positions)
    at: tuple  # the letter's path in ``source``: ("letters", name) in a profile, () in a letter file
    path: Path | None = None  # the letter file, when it came from one


def load_letter_file(path: Path) -> tuple[LetterFile, SourceDocument]:
    """Read and validate a letter file; every problem raised as one located UserError."""
    letter, doc, problems = _read_letter_file(path)
    if problems or letter is None:
        raise UserError(_in_order(problems))
    return letter, doc


def _read_letter_file(path: Path) -> tuple[LetterFile | None, SourceDocument, list[Problem]]:
    """A letter file validated (None when it is not valid), with every problem found in it:
    its schema's, a text or list over its size limit, its placeholders. Raised only when the
    file cannot be read as a mapping at all, so its other problems (its profile:, its
    variant:) can be told in the same run."""
    from resume_builder.loading.letter_checks import check_letter_data
    from resume_builder.loading.source import gathered_sizes, with_oversized

    with gathered_sizes():  # a text over its limit is told with the rest, not alone before it
        doc = load_source(Path(path), kind="letter file")
    try:
        letter = LetterFile.model_validate(doc.data)
    except ValidationError as exc:
        # The placeholders of the texts that did validate are told too: a bad date: (or any
        # other field's mistake) hid every {compnay} until it was fixed (user trial).
        problems = problems_from_validation(exc, doc, LetterFile)
        problems += check_letter_data(doc.data, source=doc, skip={problem.path for problem in problems})
        return None, doc, with_oversized(_in_order(problems), doc.oversized, doc.file)
    return letter, doc, with_oversized(check_letter(letter, source=doc), doc.oversized, doc.file)


def _written(letter: LetterFile | None, doc: SourceDocument, key: str, problems: list[Problem]) -> str | None:
    """The letter file's ``profile:`` or ``variant:`` (``key``): as validated, or, in a letter
    that did not validate, as written when that key has no problem of its own (so where it
    leads is checked with the letter's other mistakes); None when not given or not usable."""
    if letter is not None:
        return getattr(letter, key)
    value = doc.data.get(key) if isinstance(doc.data, dict) else None
    if not isinstance(value, str) or not value.strip() or any(
            problem.path == key or problem.path.startswith((key + ".", key + "[")) for problem in problems):
        return None
    return value.strip()


def _in_order(problems: list[Problem]) -> list[Problem]:
    """Problems of one file by their line and column, as the file reads."""
    return sorted(problems, key=lambda p: (p.location.line or 0, p.location.column or 0)
                  if p.location else (0, 0))


def load_letter(profile_path: Path | None, letter: str | None, variant: str | None = None, *,
                lang: str | None = None, input_format: str | None = None) -> LoadedLetter:
    """The letter ``letter`` (a name, a file or None) with its profile and variant, loaded and checked.

    A letter file's ``profile:`` and ``variant:`` apply unless ``profile_path`` /
    ``variant`` are given. Texts given in several languages (the letterhead's name and
    headline, the letter's own) are read in ``lang`` (``--lang``), else in the language of
    the letter's ``locale:`` when the profile has texts in it (:func:`letter_language`), else
    in the variant's ``lang``, else in the profile's. Raises UserError (located) when the
    letter does not exist, has unknown placeholders, or when no letter can be chosen.
    """
    loaded = _load_letter(profile_path, letter, variant, lang, input_format)
    own = letter_language(loaded) if lang is None else None
    return loaded if own is None else _load_letter(profile_path, letter, variant, own, input_format)


def letter_language(loaded: LoadedLetter) -> str | None:
    """The letter's ``locale:`` when it names another language than the one the profile's texts
    were read in and the profile has texts in that language, else None.

    A letter's ``locale:`` names the language it is written in, so a Hebrew profile's letter
    with ``locale: en-US`` is headed by the profile's English name and headline, and its
    English texts are chosen, as ``--lang en`` would choose them (user trial: it kept the
    Hebrew letterhead and texts under an English date and salutation). A profile with no text
    in that language is read in its own: a letter in Portuguese for a résumé written only in
    English keeps the English letterhead, without a warning that nothing is translated.
    """
    from resume_builder.i18n import base_language
    from resume_builder.loading.languages import written_in

    locale, base = loaded.letter.locale, loaded.chosen.base
    if not locale or base_language(locale) == base_language(base.lang):
        return None
    return locale if written_in(base.translations, locale) else None


def default_letter(chosen: LoadedVariant) -> str | None:
    """The letter taken when none is named (``--letter``): the variant's ``letter:`` (a name
    under ``letters:``, or a letter file relative to the variant file), else the profile's only
    letter, else None. The one statement of the rule: ``bundle`` names its folder by it."""
    if chosen.variant is not None and chosen.variant.letter:
        return chosen.variant.letter
    letters = chosen.base.profile.letters
    return next(iter(letters)) if len(letters) == 1 else None


def _load_letter(profile_path: Path | None, letter: str | None, variant: str | None, lang: str | None,
                 input_format: str | None) -> LoadedLetter:
    if letter is not None and looks_like_file(letter):
        return _from_file(profile_path, Path(letter), variant, lang, input_format)
    chosen = load_variant(profile_path, variant, lang=lang, input_format=input_format)
    profile, source = chosen.base.profile, chosen.base.source
    wanted = letter if letter is not None else default_letter(chosen)
    if letter is None and chosen.variant is not None and chosen.variant.letter and looks_like_file(wanted):
        folder = chosen.variant_path.parent if chosen.variant_path is not None else chosen.base.folder
        return _from_file(chosen.base.path, folder / wanted, variant, lang, input_format, chosen=chosen)
    if wanted is None:
        names = list(profile.letters)
        raise UserError(Problem(
            "which letter? " + (f"the profile has {len(names)} letters" if names else "the profile has no letters"),
            Location(str(chosen.base.path)), "letters",
            ("name one with --letter: " + ", ".join(names)) if names else
            "add one under 'letters:' in the profile, or pass a letter file with --letter FILE.yaml"))
    found = profile.letters.get(wanted)
    if found is None:
        names = list(profile.letters)
        location = source.locate(("letters",), prefer_key=True) if names else Location(str(chosen.base.path))
        raise UserError(Problem(f"the profile has no letter '{wanted}'", location, "letters",
                                did_you_mean(wanted, names) or (("letters here: " + ", ".join(names)) if names else
                                                                "declare it under 'letters:' in the profile, or "
                                                                "pass a letter file (.yaml)")))
    return LoadedLetter(chosen, found, wanted, source, ("letters", wanted))


def _from_file(profile_path: Path | None, letter_path: Path, variant: str | None, lang: str | None,
               input_format: str | None, chosen: LoadedVariant | None = None) -> LoadedLetter:
    # Every mistake of the letter file at once: its schema's, its placeholders, its profile:
    # and its variant:, so one run names them all (the profile's own problems come along).
    letter, doc, problems = _read_letter_file(letter_path)
    if chosen is None:
        base = profile_path
        missing = False
        if base is None:
            written = _written(letter, doc, "profile", problems)
            if written is not None:
                base = beside(letter_path, written)
                if not base.is_file():
                    problems.append(_no_file("profile", written, base, doc.locate(("profile",)), "profile"))
                    missing = True
            else:
                missing = letter is None  # no usable profile: (its own problem is told)
        named_at = None
        written = _written(letter, doc, "variant", problems)
        if variant is None and written:
            named_at = doc.locate(("variant",))
            variant = written
            if looks_like_file(written):
                variant = str(beside(letter_path, written))
                if not Path(variant).is_file():
                    problems.append(_no_file("variant file", written, Path(variant), named_at, "variant"))
                    missing = True
        if missing:  # nothing more to load: the profile or the variant file is not there
            raise UserError(_in_order(problems))
        try:
            chosen = load_variant(base if base is not None else default_profile(), variant, lang=lang,
                                  input_format=input_format, named_at=named_at)
        except UserError as error:
            here = [p for p in error.problems if p.location is not None and p.location.file == doc.file]
            raise UserError(_in_order(problems + here) + [p for p in error.problems if p not in here]) from None
    if problems or letter is None:
        raise UserError(_in_order(problems))
    return LoadedLetter(chosen, letter, letter.name or Path(letter_path).stem, doc, (), Path(letter_path))


def _no_file(what: str, written: str, path: Path, at: Location | None, key: str) -> Problem:
    """The problem of a letter file's ``profile:`` or ``variant:`` (``key``, as ``written``) whose
    ``path`` is no file: what it is (a link that leads nowhere, a folder, a FIFO), as a variant
    file's ``profile:`` says it (each was "not found")."""
    from resume_builder.output import path_kind

    found = path_kind(path)
    if found.kind == "missing":
        return Problem(f"{what} '{written}' not found (looked for {path})", at, key,
                       "the path is relative to the letter file")
    file = "the profile's file" if what == "profile" else f"the {what}"
    return Problem(f"{what} '{written}' {found.said}", at, key,
                   f"point the link at the {what}, or name the {what} itself" if found.link
                   else f"name {file}, relative to the letter file")

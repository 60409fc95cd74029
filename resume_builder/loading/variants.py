"""Read the variant a command asks for and check it against its profile, located.

Commands take ``--variant`` as either a name declared under ``variants:`` in the profile,
or the path of a variant file (a small YAML/JSON file whose ``profile:`` names its base
profile, relative to the variant file). Both get the same located messages as profiles,
so a typo in a tag or id points at its line and column. The result also names the output
(``<profile-stem>-<variant>`` unless the variant sets ``output``), so every command writes
tailored files under the same names. Applying the variant is tailoring's job
(:func:`resume_builder.tailoring.variants.tailor`); reading it is this module's.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from resume_builder.errors import Location, Problem, UserError, did_you_mean
from resume_builder.loading.errors_map import problems_from_validation
from resume_builder.loading.profile_loader import LoadedProfile, default_profile, load_profile, load_source
from resume_builder.loading.source import SourceDocument
from resume_builder.loading.variant_checks import check_variant, emptied_sections
from resume_builder.schema.variant import Variant, VariantFile
from resume_builder.containment import real

VARIANT_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass
class LoadedVariant:
    """A loaded profile and the variant asked for (None: the base profile), checked."""

    base: LoadedProfile
    variant: Variant | None
    name: str | None  # the variant's name
    stem: str  # output file name without extension
    variant_path: Path | None = None  # the variant file, when the variant came from one
    source: SourceDocument | None = None  # the document the variant was read from (positions)
    at: tuple = ()  # the variant's path in ``source``: ("variants", name) in a profile, () in a file
    warnings: list[str] = field(default_factory=list)

    @property
    def max_pages(self) -> int | None:
        return self.variant.max_pages if self.variant else None


def beside(file: str | Path, relative: str | Path) -> Path:
    """The path ``relative`` names from the folder of ``file`` (a variant or letter file's
    ``profile:``), written as the user would name it: ``apps/../profile.yaml`` is
    ``profile.yaml``. The written form is kept when dropping ``..`` would name another file
    (a symbolic link to a folder on the way)."""
    joined = Path(file).parent / relative
    shown = Path(os.path.normpath(joined))
    try:
        return shown if shown == joined or os.path.samefile(shown, joined) else joined
    except OSError:  # one of them is not there: the caller says which one is missing
        return shown if not joined.exists() else joined


def looks_like_file(value: str) -> bool:
    """Whether ``--variant`` names a file rather than a variant declared in the profile."""
    return value.lower().endswith(VARIANT_SUFFIXES) or "/" in value or os.sep in value


def load_variant_file(path: str | Path) -> tuple[VariantFile, SourceDocument]:
    """Read and validate a variant file; every problem is raised as one located UserError."""
    doc = load_source(Path(path), kind="variant file")
    profile_keys = [key for key in ("basics", "experience", "education", "work") if key in doc.data]
    if profile_keys and "profile" not in doc.data:  # a profile (or JSON Resume file) given as --variant
        raise UserError(Problem(f"this is a profile (it has {profile_keys[0]}:), not a variant file",
                                doc.locate((profile_keys[0],), prefer_key=True), "",
                                "give it as the PROFILE argument; a variant file names its profile with "
                                "'profile:' and holds what to change"))
    try:
        variant = VariantFile.model_validate(doc.data)
    except ValidationError as exc:
        raise UserError(problems_from_validation(exc, doc, VariantFile)) from None
    return variant, doc


def base_profile_path(variant: VariantFile, variant_path: Path, doc: SourceDocument) -> Path:
    """The profile a variant file names, relative to the variant file; located error if missing."""
    path = beside(variant_path, variant.profile)
    if path.is_file() and real(path) == real(variant_path):
        raise UserError(Problem("the variant file names itself as its profile", doc.locate(("profile",)), "profile",
                                "name the profile it tailors, relative to this file, e.g. profile: ../profiles/me.yaml"))
    if not path.is_file():
        from resume_builder.output import path_kind

        found = path_kind(path)  # a link that leads nowhere, a folder, a FIFO: said as the profile loader says it
        if found.kind == "missing":
            raise UserError(Problem(f"base profile '{variant.profile}' not found (looked for {path})",
                                    doc.locate(("profile",)), "profile", "the path is relative to the variant file"))
        raise UserError(Problem(f"base profile '{variant.profile}' {found.said}", doc.locate(("profile",)), "profile",
                                "point the link at the profile, or name the profile itself" if found.link
                                else "name the profile's file, relative to the variant file"))
    return path


def load_variant(profile_path: Path | None, variant: str | None, *, lang: str | None = None,
                 input_format: str | None = None, named_at: Location | None = None) -> LoadedVariant:
    """Load the profile and the variant ``variant`` (a name, a file, or None for no variant).

    Texts given in several languages are read in ``lang``, else in the variant's ``lang``,
    else in the profile's default; the profile is read once. With a variant file, an
    explicitly given ``profile_path`` wins over the file's ``profile:``, so one variant
    file can be tried on another copy of the profile. ``input_format`` (``--from``:
    profile or jsonresume) states the profile's format. Raises UserError, located, for
    anything the variant names that the profile lacks. ``named_at``: where the variant's
    name was written when a file gave it (a letter file's ``variant:``), so an unknown name
    is reported there rather than at the profile's ``variants:`` or as the command line's.
    """
    if variant is not None and looks_like_file(variant):
        return _from_file(profile_path, Path(variant), lang, input_format)
    loaded = load_profile(profile_path if profile_path is not None else default_profile(), lang=lang,
                          variant=variant, input_format=input_format)
    stem = loaded.path.stem
    if variant is None:
        return LoadedVariant(loaded, None, None, stem)
    chosen = loaded.profile.variants.get(variant)
    if chosen is None:
        raise UserError(_unknown_variant(variant, loaded, named_at))
    problems = check_variant(loaded.profile, chosen, source=loaded.source, at=("variants", variant),
                             json_resume=loaded.format == "jsonresume")
    if problems:
        raise UserError(problems)
    return LoadedVariant(loaded, chosen, variant, chosen.output or f"{stem}-{variant}", None, loaded.source,
                         ("variants", variant),
                         warnings=emptied_sections(loaded.profile, chosen, source=loaded.source,
                                                   at=("variants", variant)))


def _from_file(profile_path: Path | None, variant_path: Path, lang: str | None,
               input_format: str | None = None) -> LoadedVariant:
    chosen, doc = load_variant_file(variant_path)
    if chosen.lang and not lang:
        from resume_builder.i18n import is_language_tag, replacement_hint

        if not is_language_tag(chosen.lang):
            raise UserError(Problem(f"'{chosen.lang}' is not a language", doc.locate(("lang",)), "lang",
                                    replacement_hint(chosen.lang) or "write a language code, e.g. en, de, fr, pt-BR"))
    base = profile_path if profile_path is not None else base_profile_path(chosen, variant_path, doc)
    from resume_builder.loading.bidi_controls import dropped_controls

    warnings = dropped_controls(doc)
    named = variant_path.parent / chosen.profile if chosen.profile else None
    elsewhere = profile_path is not None and named is not None and real(named) != real(profile_path)
    if elsewhere:
        # The given profile wins (one variant file can be tried on a copy of its profile), said aloud.
        warnings.append(f"{doc.locate(('profile',))}: {variant_path.name} was written for {chosen.profile}; "
                        f"it tailors {profile_path} here, as given")
    loaded = load_profile(base, lang=lang or chosen.lang, input_format=input_format)
    problems = check_variant(loaded.profile, chosen, source=doc, json_resume=loaded.format == "jsonresume")
    if problems:
        if elsewhere:  # the likely cause first: its ids are another profile's (it was said only without them: trial)
            problems = [Problem(f"{variant_path.name} was written for {chosen.profile}, not for {profile_path}: the "
                                "entries it names are that profile's", doc.locate(("profile",)), "profile",
                                f"leave out {profile_path} to tailor {chosen.profile}, or write a variant for "
                                f"{profile_path}: resume-builder tailor {profile_path} --job POSTING --write-variant "
                                "FILE"), *problems]
        raise UserError(problems)
    warnings += emptied_sections(loaded.profile, chosen, source=doc)
    name = chosen.name or variant_path.stem
    stem = chosen.output or f"{loaded.path.stem}-{name}"
    return LoadedVariant(loaded, chosen, name, stem, variant_path, doc, warnings=warnings)


def _unknown_variant(name: str, loaded: LoadedProfile, named_at: Location | None = None) -> Problem:
    names = list(loaded.profile.variants)
    if named_at is not None:  # a file named it: the mistake is there, and a save of that file fixes it
        hint = did_you_mean(name, names) or (("variants of " + str(loaded.path) + ": " + ", ".join(names)) if names
                                             else f"{loaded.path} declares no variants")
        return Problem(f"{loaded.path} has no variant '{name}'", named_at, "variant", hint)
    if names:
        location = loaded.source.locate(("variants",), prefer_key=True)
        hint = did_you_mean(name, names) or "variants here: " + ", ".join(names)
    else:
        location = Location(str(loaded.path))
        hint = "declare it under 'variants:' in the profile, or pass a variant file (.yaml)"
    return Problem(f"the profile has no variant '{name}'", location, "variants", hint, from_command_line=True)

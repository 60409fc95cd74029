"""The build file: which profiles, variants, formats and themes to build, and how to name them.

Read from ``resume-builder.toml`` or from ``[tool.resume-builder]`` in ``pyproject.toml``::

    out_dir = "output"
    check = true

    [[targets]]
    profile = "profiles/example.yaml"
    variants = ["", "platform", "monitoring"]   # "" is the untailored profile; "*" all declared
    formats = ["pdf", "docx"]
    themes = ["classic"]                        # default: the profile's (or variant's) theme
    name = "{profile}-{variant}-{theme}"        # default: "{profile}" or "{profile}-{variant}",
                                                # then "+<posting>" and "-<N>pages" as render names them
    max_pages = 1                               # the résumé's page budget, as render --max-pages
    posting = "postings/acme.md"                # ranks what the budget cuts, as render --job

Each target row expands to profiles × variants × themes × formats.
"""

from __future__ import annotations

import fnmatch
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Collection, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError, field_validator

from resume_builder.errors import Problem, UserError, did_you_mean
from resume_builder.limits import DEFAULT_TIMEOUT, PAGES, SECONDS, WORKERS
from resume_builder.loading.toml_text import without_bom
from resume_builder.schema.numbers import amount_of, toml_float
from resume_builder.containment import real

if TYPE_CHECKING:
    from resume_builder.pipeline import RenderRequest

BUILD_FILE = "resume-builder.toml"
PLACEHOLDERS = ("profile", "variant", "theme", "lang", "document")  # what a target's name may hold


class TargetSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    profile: str | list[str]
    variants: list[str] = Field(default_factory=lambda: [""])
    formats: list[str] = Field(default_factory=lambda: ["pdf"])
    themes: list[str] = Field(default_factory=list)
    lang: str | None = None
    name: str | None = Field(default=None, description="Output stem template")
    documents: list[Literal["resume", "letter"]] = Field(
        default_factory=lambda: ["resume"], description="What to build: the résumé, the cover letter, or both")
    letter: str | None = Field(default=None, description="The letter (a name, or a letter file relative to the "
                                                         "build file); default: the variant's, else the only one")
    posting: str | None = Field(default=None, description="A job posting (relative to the build file): ranks what "
                                                          "the résumé's page budget cuts (as render --job), fills "
                                                          "the letter's placeholders")
    # amount_of: "max_pages = true" would be read as a budget of one page, "2" as 2, 1e20 as 1e20 pages
    max_pages: Annotated[int, amount_of(PAGES)] | None = Field(
        default=None, description="The résumé's page budget, 1 to 100 (as render --max-pages); default: the "
                                  "variant's")
    bundle: StrictBool = Field(default=False, description="Also build one application bundle per variant and theme "
                                                    "(résumé + letter, PDF/DOCX/text, application.json)")
    zip: StrictBool = Field(default=False, description="The bundle as one reproducible zip instead of a folder")

    @field_validator("lang")
    @classmethod
    def _one_spelling(cls, value: str | None) -> str | None:
        """``lang = "DE"`` is ``de``, as ``--lang DE`` is, in ``{lang}`` too (it was written as typed:
        :func:`resume_builder.i18n.canonical_tag`); an empty one stays for its own message."""
        from resume_builder.i18n import canonical_tag

        return canonical_tag(value) if value is not None and value.strip() else value

    @field_validator("name")
    @classmethod
    def _placeholders(cls, value: str | None) -> str | None:
        if value is None:
            return value
        from string import Formatter

        try:  # "{profile" and "a}" were a ValueError traceback when the build expanded the name (trial)
            fields = [(field, spec, conversion) for _, field, spec, conversion in Formatter().parse(value)
                      if field is not None]
        except ValueError:
            raise ValueError("a '{' or '}' without its other half; a placeholder is written {profile}, and a "
                             "brace itself as {{ or }}") from None
        # every unknown one, in the order written, not only the first; "{profile!r}", "{variant.x}" or
        # "{profile:>9}" is none of ours either ("{variant.x}" was an AttributeError traceback, trial)
        unknown = list(dict.fromkeys("{" + field + (f"!{conversion}" if conversion else "")
                                     + (f":{spec}" if spec else "") + "}"
                                     for field, spec, conversion in fields if field not in PLACEHOLDERS
                                     or spec or conversion))
        if unknown:
            raise ValueError(f"unknown placeholder{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; use "
                             "{profile}, {variant}, {theme}, {lang} or {document}")
        return value


class BuildConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    out_dir: str = "output"
    check: StrictBool = True  # "yes" or "no" in quotes is a text: refused, not read as a yes/no
    # amount_of: as --jobs and --timeout say it. Python's bool is an int, so "timeout = true" was a
    # one-second time limit; "30" in quotes was read as 30; TOML's inf or 1e999 ended in an
    # OverflowError traceback, and nan was said to be "out of range" of "at least 0.0"
    jobs: Annotated[int, amount_of(WORKERS)] = Field(
        default=0, description="Worker processes; 0 = one per core; at most 256")
    timeout: Annotated[float, amount_of(SECONDS)] = Field(
        default=DEFAULT_TIMEOUT, description="Seconds one target may take to render; 0 = no limit; at most a day")
    targets: list[TargetSpec] = Field(min_length=1)


@dataclass(frozen=True)
class Target:
    """One output file to build."""

    profile: Path
    variant: str  # "" for none
    theme: str | None
    fmt: str
    lang: str | None
    output: Path
    document: str = "resume"  # resume, letter, or bundle (fmt "bundle": application.json and its files)
    letter: str | None = None  # the letter's name or file (letters and bundles)
    posting: Path | None = None  # the job posting: ranks a résumé's page-budget cuts, fills a letter
    zip: bool = False  # a bundle written as one zip
    # a PDF or DOCX is at the output path that the build's manifest does not list (made by
    # `render`, say): it is replaced only if it records the same document (replacing.py)
    guard: bool = False
    max_pages: int | None = None  # the résumé's page budget (résumés and bundles; else the variant's)

    def request(self) -> "RenderRequest":
        """The render request this target's render is made from (its letter aside): for a
        résumé, what ``render --max-pages N --job POSTING`` asks for."""
        from resume_builder.pipeline import RenderRequest

        return RenderRequest(profile=self.profile, variant=self.variant or None, lang=self.lang or None,
                             theme=self.theme, posting=self.posting, max_pages=self.max_pages)

    @property
    def group(self) -> tuple:
        """Targets sharing a group are rendered from one prepared job."""
        return (str(self.profile), self.variant, self.theme, self.lang, self.document, self.letter,
                str(self.posting or ""), self.max_pages)


def find_build_file(start: Path) -> tuple[Path, dict[str, Any]]:
    for candidate in (start / BUILD_FILE, start / "pyproject.toml"):
        if not candidate.is_file():
            if candidate.name == BUILD_FILE and os.path.lexists(candidate):  # there, but no file to read
                from resume_builder.loading.source import read_bytes

                read_bytes(candidate, "build file")  # says what it is: a link to nothing, a folder, a FIFO
            continue
        try:
            text = without_bom(candidate.read_text(encoding="utf-8"))
            data = tomllib.loads(text, parse_float=toml_float)
        except tomllib.TOMLDecodeError as exc:
            from resume_builder.loading.toml_errors import toml_syntax_error

            raise toml_syntax_error(candidate, exc, text) from None
        if candidate.name == "pyproject.toml":
            section = data.get("tool", {}).get("resume-builder")
            if section is None:
                continue
            return candidate, section
        return candidate, data
    raise UserError(f"no build file: create {BUILD_FILE} (or [tool.resume-builder] in pyproject.toml)",
                    hint="see the README's 'Release builds' section")


def load_config(path: Path | None = None) -> tuple[Path, BuildConfig]:
    if path is not None:
        from resume_builder.loading.source import read_bytes

        if path.is_dir():
            raise UserError.at(str(path), None, None, "is a folder, not a build file",
                               hint=f"give the build file, e.g. {path / BUILD_FILE}")
        raw = read_bytes(path, "build file")  # not found, a FIFO or device, over MAX_FILE_BYTES: refused
        try:
            text = without_bom(raw.decode("utf-8"))
            data = tomllib.loads(text, parse_float=toml_float)
        except UnicodeDecodeError:
            raise UserError.at(str(path), None, None, "not a text file (a build file is TOML, in UTF-8)") from None
        except tomllib.TOMLDecodeError as exc:
            from resume_builder.loading.toml_errors import toml_syntax_error

            raise toml_syntax_error(path, exc, text) from None
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("resume-builder", {})
        file = path
    else:
        file, data = find_build_file(Path("."))  # named as the user sees it: resume-builder.toml
    try:
        return file, BuildConfig.model_validate(data)
    except ValidationError as exc:
        from resume_builder.loading.errors_map import problems_from_toml_validation
        from resume_builder.schema.base import table_keys

        def names_at(loc: tuple) -> list[str]:
            return list(TargetSpec.model_fields if "targets" in loc else BuildConfig.model_fields)

        problems = problems_from_toml_validation(exc, file, names_at, tables_at=lambda loc: table_keys(BuildConfig, loc),
                                                 within=_section(file))
        problems += _what_else(data, exc, file)
        raise UserError(_in_line_order(problems)) from None


def _what_else(data: Any, exc: ValidationError, file: Path) -> list[Problem]:
    """The mistakes :func:`check_targets` finds in the targets that do validate, once the keys
    the schema refused are left out, so a build file's mistakes are all said in one run
    (newcomer trial: unknown keys, then a placeholder, then a missing profile and an unknown
    format and theme took three runs). Nothing when too little of the file is valid to tell."""
    if not isinstance(data, dict) or not isinstance(data.get("targets"), list):
        return []
    refused: dict[int, set[str]] = {}
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        if len(loc) >= 3 and loc[0] == "targets" and isinstance(loc[1], int):
            refused.setdefault(loc[1], set()).add(str(loc[2]))
        elif len(loc) == 2 and loc[0] == "targets":
            refused.setdefault(loc[1], set()).add("*")  # the target itself (not a table)
    specs: list[TargetSpec] = []
    kept: list[int] = []
    for index, raw in enumerate(data["targets"]):
        if not isinstance(raw, dict) or "*" in refused.get(index, ()):
            continue
        try:
            specs.append(TargetSpec.model_validate({k: v for k, v in raw.items() if k not in refused.get(index, ())}))
            kept.append(index)
        except ValidationError:
            continue  # a required key is what is missing: said already
    if not specs:
        return []
    config = BuildConfig.model_construct(out_dir=data.get("out_dir") if isinstance(data.get("out_dir"), str)
                                         else "output", targets=specs)
    # a target with a refused key that names its outputs (all but 'letter' do; an unknown key
    # names none) has a default standing in for it: its files cannot be told, only whether its
    # name leaves out_dir (trial: documents = ["lettr"] hid the names that leave out_dir and meet)
    naming = set(TargetSpec.model_fields) - {"letter"}
    unsure = {index for index in kept if refused.get(index, set()) & naming}
    # the folders are probed as the build would, unless out_dir was refused: "output" stands in for it
    probe = not any(tuple(error["loc"])[:1] == ("out_dir",) for error in exc.errors(include_url=False))
    return survey(config, real(file).parent, source=file, numbering=kept, unsure=unsure, probe=probe)[1]


def expand(config: BuildConfig, base: Path, *, only: str | list[str] | None = None,
           source: Path | None = None) -> list[Target]:
    """All targets of the build file, in a stable order, filtered by ``only`` (globs: any matches,
    :func:`select`). :func:`check_targets` says every mistake of the file, these among them.

    Raises UserError for names that put a file outside ``out_dir`` or give one too long a name,
    and for two targets writing one file, each at the line of the build file ``source`` (when
    given) that says so, all of them at once."""
    targets, problems = _outputs(config, base, source)
    if problems:
        raise UserError(_in_line_order(problems))
    return select(targets, only, base) if only else targets


def select(targets: list[Target], only: str | list[str], base: Path) -> list[Target]:
    """The targets whose output's file name or path from ``base`` (the build file's folder)
    matches a glob of ``only``; UserError for a glob that matches none."""
    globs = [only] if isinstance(only, str) else list(only)

    def names(target: Target) -> tuple[str, ...]:  # its file name, its path from the build file, in full
        folder = real(base)
        relative = real(target.output).relative_to(folder).as_posix() \
            if real(target.output).is_relative_to(folder) else target.output.name
        return target.output.name, relative, str(target.output)

    for glob in globs:  # a glob that matches nothing is a typo, also beside others that match
        if not any(fnmatch.fnmatch(name, glob) for target in targets for name in names(target)):
            shown = ", ".join(sorted({target.output.name for target in targets})[:6])
            raise UserError(f"--only '{glob}' matches no target",
                            hint=f"it matches an output's file name or its path from the build file's folder "
                                 f"(e.g. '*.pdf', 'output/*.pdf'); outputs here: {shown}"
                                 + (", …" if len({target.output.name for target in targets}) > 6 else ""))
    return [t for t in targets if any(fnmatch.fnmatch(name, glob) for glob in globs for name in names(t))]


def _outputs(config: BuildConfig, base: Path, source: Path | None = None, numbering: list[int] | None = None,
             unsure: Collection[int] = ()) -> tuple[list[Target], list[Problem]]:
    """Every target of ``config`` whose output is sound, and the problems of the others, each
    said once per target (or pair of targets), however many of its outputs share it: a name
    that puts a file outside ``out_dir``, a file name longer than the file system allows, two
    targets writing one file. It does not stop at the first (trial: an escaping name, an
    absolute one and two targets writing one file took a run each).

    An unknown format is passed over (it is :func:`check_targets`' to say). ``numbering``: each
    target's index in the file, when ``config`` holds only some of them. ``unsure``: those
    indices whose outputs cannot be told, as a key that names them (``formats``, ``variants``,
    ``documents``, ``name``...) was refused and its default stands in: only their name is
    checked for leaving ``out_dir`` (a '..' or an absolute path leaves it whatever the rest
    is); a length or a meeting of two files worked out from a default would be no one's
    mistake, so they take no part in those."""
    from resume_builder.formats import TABLE

    problems: list[Problem] = []
    told: set[tuple] = set()  # (target, what[, other]) already said

    def problem(key: tuple, message: str, loc: tuple, hint: str = "") -> None:
        if key not in told:
            told.add(key)
            problems.append(_problem(source, message, loc, hint))

    out_dir = (base / config.out_dir) if not Path(config.out_dir).is_absolute() else Path(config.out_dir)
    targets: list[Target] = []
    seen: dict[Path, tuple[Target, int]] = {}
    themes_used: dict[tuple[Path, str, str | None], str] = {}

    def add(target: Target, index: int, spec: TargetSpec) -> None:
        if not _inside(target.output, out_dir):
            problem((index, "outside"),
                    f"the name puts {target.output.name} in {os.path.normpath(target.output.parent)}, "
                    f"outside the output folder {os.path.normpath(out_dir)}", ("targets", index, "name"),
                    "a name is a file name inside out_dir: no '..', no absolute path")
            return
        if index in unsure:
            return
        long = _too_long(target, out_dir)
        if long:
            where = "name" if spec.name is not None else "profile"
            problem((index, "long"), f"the name gives a file name of {long[1]} bytes ({_shortened(long[0])}), "
                    f"over the file system's limit of {long[2]} bytes", ("targets", index, where),
                    "shorten 'name'; what its placeholders stand for counts too"
                    + ("; a PNG's pages add -1, -2, …" if target.fmt == "png" else ""))
            return
        # only the files that can be written meet: one outside out_dir or with too long a name is
        # said above, and would only say its mistake again here
        if target.output in seen:
            other, other_index = seen[target.output]
            problem((index, "meets", other_index),
                    f"two targets write {target.output}: this one ({_described(target)}) and "
                    f"{_named(other_index, index, source)} ({_described(other)})", ("targets", index),
                    "add {variant}, {theme}, {lang} or {document} to 'name'")
            return
        seen[target.output] = (target, index)
        targets.append(target)

    def theme_of(profile: Path, variant: str, theme: str | None, lang: str | None) -> str:
        """``{theme}``: the target's theme, else the one the render will use (the variant's,
        else the profile's, else the default), so ``x-{theme}`` never loses its theme."""
        if theme is not None:
            return theme
        key = (profile, variant, lang)
        if key not in themes_used:
            themes_used[key] = _theme_used(profile, variant, lang)
        return themes_used[key]

    for index, spec in zip(numbering if numbering is not None else range(len(config.targets)), config.targets):
        profiles = [spec.profile] if isinstance(spec.profile, str) else spec.profile
        formats = [fmt for fmt in spec.formats if fmt in TABLE]  # an unknown one: check_targets says it
        for profile_name in profiles:
            profile = (base / profile_name)
            letter = _relative_file(spec.letter, base)
            posting = base / spec.posting if spec.posting else None
            for variant in _variants(spec, profile, base):
                for theme in spec.themes or [None]:
                    template = spec.name or ("{profile}-{variant}" if variant else "{profile}")
                    if spec.lang and not spec.name:  # as render --lang de: never the profile's own name (trial)
                        template += "-{lang}"
                    if len(spec.themes) > 1 and "{theme}" not in template:
                        template += "-{theme}"
                    for document in dict.fromkeys(spec.documents):
                        named = template if document == "resume" or "{document}" in template \
                            else template + "-letter"
                        stem = _stem(named, profile=profile.stem, variant=_slug(variant),
                                     theme=theme_of(profile, variant, theme, spec.lang) if "{theme}" in named else "",
                                     lang=spec.lang or "", document=document)
                        resume = document == "resume"
                        if resume and spec.name is None:  # named as render names it: +<posting>, -<N>pages
                            from resume_builder.pipeline import tailored_stem

                            stem = tailored_stem(stem, spec.max_pages, posting)
                        for fmt in formats:
                            add(Target(profile, variant, theme, fmt, spec.lang, out_dir / f"{stem}.{TABLE[fmt].extension}",
                                       document, None if resume else letter, posting,
                                       max_pages=spec.max_pages if resume else None), index, spec)
                    if spec.bundle:
                        stem = _stem(template, profile=profile.stem, variant=_slug(variant),
                                     theme=theme_of(profile, variant, theme, spec.lang) if "{theme}" in template else "",
                                     lang=spec.lang or "", document="application")
                        if posting is not None and "{document}" not in template:
                            from resume_builder.pipeline import posting_slug

                            stem += "+" + posting_slug(posting)  # the mark of a posting, as render names it
                        if "{document}" not in template:
                            stem += "-application"
                        output = out_dir / (f"{stem}.zip" if spec.zip else f"{stem}/application.json")
                        add(Target(profile, variant, theme, "bundle", spec.lang, output, "bundle", letter, posting,
                                   spec.zip, max_pages=spec.max_pages), index, spec)
    return targets, problems


def _in_line_order(problems: list[Problem]) -> list[Problem]:
    """``problems`` by their line in the build file (those of one line as they were found)."""
    return sorted(problems, key=lambda p: (p.location.line or 0) if p.location else 0)


def _theme_used(profile: Path, variant: str, lang: str | None) -> str:
    """The theme a target that lists no ``themes`` renders with: the variant's ``theme:
    name``, else the profile's, else the default theme; "" when the profile or variant cannot
    be loaded (the target then fails with their own errors)."""
    from resume_builder.loading.variants import load_variant
    from resume_builder.theming import DEFAULT_THEME

    try:
        chosen = load_variant(profile, variant or None, lang=lang)
    except UserError:
        return ""
    variant_theme = chosen.variant.theme if chosen.variant is not None else None
    base_theme = chosen.base.profile.theme
    return (variant_theme.name if variant_theme else None) or (base_theme.name if base_theme else None) \
        or DEFAULT_THEME


def _described(target: Target) -> str:
    """What a target builds, in the build file's words: "profile.yaml, variant backend, pdf"."""
    parts = [target.profile.name, f"variant {_slug(target.variant)}" if target.variant else "no variant"]
    if target.theme:
        parts.append(f"theme {target.theme}")
    if target.document != "resume":
        parts.append(target.document)
    return ", ".join(parts + [target.fmt])


def _named(other: int, index: int, source: Path | None) -> str:
    """``targets[N]`` (with its line in the build file ``source``), or "another of its own
    outputs" when a target's own outputs meet."""
    if other == index:
        return "another of its own outputs"
    from resume_builder.loading.toml_errors import toml_location

    line = toml_location(source, _section(source) + ("targets", other)).line if source else None
    return f"targets[{other}]" + (f" at line {line}" if line else "")


def name_limit(folder: Path) -> int:
    """The most bytes a file name may have in ``folder`` (or, while it does not exist, in the
    folder it will be made in): ``os.pathconf``'s PC_NAME_MAX, else 255."""
    existing = next((p for p in (folder, *folder.parents) if p.is_dir()), None)
    try:
        if existing is not None and hasattr(os, "pathconf"):
            limit = os.pathconf(existing, "PC_NAME_MAX")
            if limit and limit > 0:
                return limit
    except (OSError, ValueError):
        pass
    return 255


def _too_long(target: Target, out_dir: Path) -> tuple[str, int, int] | None:
    """The name in ``target``'s path below ``out_dir`` that is longer than the file system
    allows (a PNG's by its pages' names), its length in bytes and the limit; None when none is."""
    limit = name_limit(out_dir)
    try:
        parts = list(target.output.relative_to(out_dir).parts)
    except ValueError:
        parts = [target.output.name]
    if target.fmt == "png" and parts:
        parts[-1] = f"{target.output.stem}-99.png"  # its pages: NAME-1.png, NAME-2.png, …
    for part in parts:
        size = len(part.encode("utf-8", "surrogateescape"))
        if size > limit:
            return part, size, limit
    return None


def _shortened(name: str) -> str:
    return name if len(name) <= 40 else f"{name[:20]}…{name[-16:]}"


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, its '..' taken out as written, is below ``folder``."""
    return os.path.normpath(path).startswith(os.path.normpath(folder) + os.sep)


def _problem(source: Path | None, message: str, loc: tuple, hint: str = "") -> Problem:
    """A problem at the line of the build file ``source`` (when given) that ``loc`` names."""
    from resume_builder.loading.source import dotted
    from resume_builder.loading.toml_errors import toml_location

    return Problem(message, toml_location(source, _section(source) + loc) if source else None, dotted(loc), hint)


def _section(file: Path) -> tuple[str, ...]:
    """The table of ``file`` that holds the build settings: ``[tool.resume-builder]`` in
    pyproject.toml, else the whole file."""
    return ("tool", "resume-builder") if Path(file).name == "pyproject.toml" else ()


def names_a_file(value: str) -> bool:
    """Whether a target's variant or letter is a file (.yaml, .yml, .json, as ``--variant``
    tells them: loading.variants.VARIANT_SUFFIXES) rather than a name the profile declares."""
    from resume_builder.loading.variants import VARIANT_SUFFIXES

    return value.lower().endswith(VARIANT_SUFFIXES)


def _relative_file(value: str | None, base: Path) -> str | None:
    """A letter named by file is made absolute (relative to the build file); a name stays a name."""
    if value and names_a_file(value):
        return str(base / value)
    return value



def _stem(template: str, **values: str) -> str:
    """``template`` (a target's ``name``) filled with ``values``; the dashes, underscores and
    spaces around a value that is empty (the base variant "", no theme) go with it:
    ``{profile}-{variant}-{theme}`` gives ``me-classic``, not ``me--classic``,
    ``{profile}_{variant}`` gives ``me``, not ``me_``, and ``Zoë CV {variant} 履歴書`` gives
    ``Zoë CV 履歴書``, not ``Zoë CV  履歴書``."""
    empty = "\0"
    filled = template.format(**{key: value or empty for key, value in values.items()})

    def join(found: re.Match) -> str:  # separators before and after: the one before stays, its dashes as one
        return re.sub("-+", "-", found.group(1)) if found.group(1) and found.group(2) else ""

    return re.sub(rf"([-_ ]*){empty}(?:[-_ ]*{empty})*([-_ ]*)", join, filled).strip("-_ ")


def _slug(variant: str) -> str:
    return Path(variant).stem if names_a_file(variant) else variant


def _variants(spec: TargetSpec, profile: Path, base: Path) -> list[str]:
    """Variant names, with variant files made absolute (relative to the build file)."""
    named = [str(base / v) if names_a_file(v) else v for v in spec.variants]
    if "*" not in named:
        return named
    from resume_builder.loading import load_profile

    rest = [v for v in named if v != "*"]
    try:
        declared = list(getattr(load_profile(profile).profile, "variants", {}) or {})
    except UserError:  # its targets fail with the profile's own errors; the other targets are built
        return rest or [""]
    return rest + [v for v in declared if v not in rest]


def check_targets(config: BuildConfig, base: Path, source: Path | None = None,
                  numbering: list[int] | None = None) -> list[Target]:
    """Raises one UserError naming every mistake of the build file that can be seen before
    anything is built (:func:`survey`), each at the line of ``source`` that makes it, in line
    order; else returns every target, as :func:`expand` does without ``only``."""
    targets, problems = survey(config, base, source, numbering)
    if problems:
        raise UserError(problems)
    return targets


def survey(config: BuildConfig, base: Path, source: Path | None = None, numbering: list[int] | None = None,
           unsure: Collection[int] = (), probe: bool = False) -> tuple[list[Target], list[Problem]]:
    """Every target whose output is sound, and every mistake of the build file that can be seen
    before anything is built, in line order, each at the line of ``source`` that makes it: those
    of :func:`_target_problems` (missing inputs, unknown names...) and of :func:`_outputs` (a
    name that leaves ``out_dir`` or is too long, two targets writing one file). Each is looked
    for whatever the others found (trial: an unknown placeholder, a name with '..', an absolute
    name and two targets writing one file took four runs).

    With those (or, ``probe``, with the schema's mistakes said beside them), the folders the
    sound targets write to are probed as the build probes them before rendering
    (:func:`~resume_builder.building.session.unwritable_problems`), so a read-only ``out_dir``
    is not said a run later; not when ``out_dir`` has a mistake of its own (it would be said
    twice). A file with no other mistake leaves that to the build, which probes only the
    targets ``--only`` selects. ``numbering``, ``unsure``: as for :func:`_outputs`."""
    problems = _target_problems(config, base, source, numbering)
    targets, more = _outputs(config, base, source, numbering, unsure)
    problems += more
    if (problems or probe) and not any(p.path == "out_dir" for p in problems):
        from resume_builder.building.session import unwritable_problems

        problems += unwritable_problems(source, base / config.out_dir, [target.output for target in targets])
    return targets, _in_line_order(problems)


def _target_problems(config: BuildConfig, base: Path, source: Path | None = None,
                     numbering: list[int] | None = None) -> list[Problem]:
    """Every mistake of the build file's settings and targets (all of them, not the first), each
    at the line of ``source`` that makes it: an ``out_dir`` that is a file or inside one; an
    unknown format; a profile, variant, letter or posting file
    that does not exist; a theme no search finds (the same search a target's render makes:
    the working directory, then the profile's folder); a variant or letter the profile does
    not declare, ``variants = ["*"]`` or a letter for a profile that declares none; a résumé
    given a ``posting`` without a page budget (the target's ``max_pages`` or its variant's),
    which the posting could not tailor, as ``render --job`` without ``--max-pages`` is
    refused; ``max_pages`` on a target that builds no résumé. A profile
    that cannot be loaded is left to its targets, which report its own located errors.
    ``numbering``: each target's index in the file, when ``config`` holds only some of them."""
    from resume_builder.formats import FORMATS
    from resume_builder.i18n import is_language_tag, language_hint
    from resume_builder.theming import ThemeFinder

    problems = []

    def problem(message: str, loc: tuple, hint: str = "") -> None:
        problems.append(_problem(source, message, loc, hint))

    def relative(path: Path) -> str:
        try:
            return str(path.relative_to(base))
        except ValueError:
            return str(path)

    def listing(words: list[str], what: str) -> str:
        return f"{what} there: " + ", ".join(words) if words else f"the profile declares no {what}"

    from resume_builder.output import in_system_folder, looping_link, path_kind

    out_dir = base / config.out_dir
    loop = looping_link(out_dir)
    if loop is not None:  # it was a RuntimeError traceback from Path.resolve (trial)
        problem(f"the output folder {config.out_dir}: {relative(loop)} {path_kind(loop).said}", ("out_dir",),
                "point the link at a folder, or give another out_dir")
    elif in_system_folder(out_dir):  # /proc/self was "cannot write in /proc/self: No such file or directory"
        problem(f"the output folder {config.out_dir} is in a system folder of devices and processes", ("out_dir",),
                "give a folder of your own; it is made when missing")
    else:
        # the folder, or the nearest thing above it that is there: "me.pdf/out" cannot be made.
        # A link to nothing was "cannot write in out: it does not exist" and a FIFO "a file" (trial)
        for place in (out_dir, *out_dir.parents):
            kind = path_kind(place)
            if kind.kind == "missing":
                continue
            if kind.kind not in ("folder", "unknown"):  # unknown: check_writable says why, at the write
                said = {"special": f"is {kind.what}, not a folder"}.get(kind.kind, kind.said)
                problem(f"the output folder {config.out_dir} {said}" if place == out_dir else
                        f"the output folder {config.out_dir} would be inside {relative(place)}"
                        + (f", {said.removeprefix('is ')}" if kind.kind == "dangling" else f", which {said}"),
                        ("out_dir",), "point the link at a folder, or give another out_dir" if kind.kind == "dangling"
                        else "give a folder; it is made when missing")
            break
    for index, spec in zip(numbering if numbering is not None else range(len(config.targets)), config.targets):
        for key in ("formats", "variants", "documents"):
            if not getattr(spec, key):
                problem(f"{key} is empty, so this target builds nothing", ("targets", index, key),
                        f"leave '{key}' out for its default, or name what to build")
        if spec.zip and not spec.bundle:
            problem("zip = true without bundle = true does nothing", ("targets", index, "zip"),
                    "add bundle = true: zip makes the bundle one .zip file")
        if spec.lang is not None and not spec.lang.strip():
            problem("lang is empty", ("targets", index, "lang"), "give a language code, e.g. de, or leave 'lang' out")
        elif spec.lang is not None and not is_language_tag(spec.lang.strip()):
            problem(f"'{spec.lang}' is not a language", ("targets", index, "lang"),
                    language_hint(spec.lang.strip()) or "write a language code, e.g. en, de, fr, pt-BR")
        for number_format, fmt in enumerate(spec.formats):
            if fmt not in FORMATS:
                problem(f"unknown format '{fmt}'", ("targets", index, "formats", number_format),
                        did_you_mean(fmt, list(FORMATS)) or "formats: " + ", ".join(FORMATS))
        profiles = [spec.profile] if isinstance(spec.profile, str) else spec.profile
        letters_wanted = "letter" in spec.documents or spec.bundle
        for number, name in enumerate(profiles):
            profile = base / name
            if not profile.is_file():
                where = ("targets", index, "profile") if isinstance(spec.profile, str) \
                    else ("targets", index, "profile", number)
                said, hint = _not_a_file(profile, "profile")
                problem(f"profile {relative(profile)} {said}", where, hint)
                continue
            finder = ThemeFinder(search_dirs=[Path.cwd(), profile.parent])
            known = sorted({candidate[0] for candidate in finder.candidates()})
            for number_theme, theme in enumerate(spec.themes):
                if theme not in known:
                    hint = did_you_mean(theme, known)
                    problem(f"no theme named '{theme}'", ("targets", index, "themes", number_theme),
                            (hint + " " if hint else "") + "available: " + ", ".join(known))
            declared = _declared(profile)
            if declared is None:  # the profile's own errors are its targets' to report
                continue
            variants, letters = declared
            for number_variant, variant in enumerate(spec.variants):
                where = ("targets", index, "variants", number_variant)
                if variant == "":
                    continue
                if variant == "*":
                    if not variants:
                        problem(f"{relative(profile)} declares no variants, so \"*\" builds nothing", where,
                                "declare variants under 'variants:' in the profile, or leave \"*\" out")
                elif names_a_file(variant):
                    if not (base / variant).is_file():
                        said, hint = _not_a_file(base / variant, "variant file")
                        problem(f"variant file {variant} {said}", where, hint)
                elif variant not in variants:
                    hint = did_you_mean(variant, variants)
                    problem(f"{relative(profile)} has no variant '{variant}'", where,
                            (hint + " " if hint else "") + listing(variants, "variants"))
            if spec.posting and "resume" in spec.documents and spec.max_pages is None:
                unbudgeted = [variant for variant in _variants(spec, profile, base)
                              if (variant == "" or names_a_file(variant) or variant in variants)
                              and _variant_budget(profile, variant, spec.lang) is None]
                if unbudgeted:
                    problem(f"a posting tailors the résumé by ranking what its page budget cuts, as render --job "
                            f"does, but {_without_budget(unbudgeted)} no max_pages",
                            ("targets", index, "posting"),
                            "add max_pages = N here, as render --max-pages N --job POSTING; or keep the posting "
                            "for the letter alone: documents = [\"letter\"] here, the résumé in a target of its own")
            letter = spec.letter
            if letters_wanted and letter and not names_a_file(letter) and letter not in letters:
                hint = did_you_mean(letter, letters)
                problem(f"{relative(profile)} has no letter '{letter}'", ("targets", index, "letter"),
                        (hint + " " if hint else "") + listing(letters, "letters"))
            elif letters_wanted and not letter and not letters:
                key = "documents" if "letter" in spec.documents else "bundle"
                problem(f"{relative(profile)} declares no letters, so there is no letter to build",
                        ("targets", index, key),
                        "declare one under 'letters:' in the profile, or give a letter file: letter = \"FILE.yaml\"")
        if spec.max_pages is not None and "resume" not in spec.documents and not spec.bundle:
            problem("max_pages is the résumé's page budget, and this target builds no résumé",
                    ("targets", index, "max_pages"),
                    "add \"resume\" to documents, or leave max_pages out (a letter keeps to one page by itself)")
        for key in ("posting", "letter"):
            value = getattr(spec, key)
            if value and (key == "posting" or names_a_file(value)) \
                    and not (base / value).is_file():
                said, hint = _not_a_file(base / value, f"{key} file")
                problem(f"{key} file {value} {said}", ("targets", index, key), hint)
    return problems


def _variant_budget(profile: Path, variant: str, lang: str | None) -> int | bool | None:
    """The page budget (``max_pages``) of ``variant`` ("" the untailored profile: none), or
    False when the variant cannot be loaded (its targets report their own errors)."""
    if not variant:
        return None
    from resume_builder.loading.variants import load_variant

    try:
        chosen = load_variant(profile, variant, lang=lang)
    except UserError:
        return False
    return chosen.variant.max_pages if chosen.variant is not None else None


def _without_budget(variants: list[str]) -> str:
    """``the untailored profile has``, ``variant backend has``, ``variants backend and web have``."""
    named = [f"'{_slug(variant)}'" for variant in variants if variant]
    parts = (["the untailored profile"] if "" in variants else []) + \
        ([f"variant{'s' if len(named) > 1 else ''} " + (" and ".join(named) if len(named) < 3
                                                          else ", ".join(named[:-1]) + " and " + named[-1])]
         if named else [])
    return " and ".join(parts) + (" have" if len(variants) > 1 else " has")


def _declared(profile: Path) -> tuple[list[str], list[str]] | None:
    """The variants and letters ``profile`` declares, or None when it cannot be loaded."""
    from resume_builder.loading import load_profile

    try:
        loaded = load_profile(profile).profile
    except UserError:
        return None
    return list(loaded.variants or {}), list(loaded.letters or {})


def _not_a_file(path: Path, what: str) -> tuple[str, str]:
    """What ``path``, a target's ``what`` ("profile", "posting file") that is no regular file,
    is instead, and the hint: ``("not found", "give the profile's path relative to the build
    file's folder")``, ``("is a folder", ...)``, ``("is a named pipe (FIFO), not a regular file",
    ...)`` (a FIFO named as a profile was "not found": trial), or, for a symbolic link that
    leads nowhere, where it points and that the link is to fix (:func:`~resume_builder.output.path_kind`)."""
    from resume_builder.output import path_kind

    found = path_kind(path)
    if found.link:  # the path was right: the link's target is not there (trial)
        return found.said, f"point the link at the {what}, or name the {what} itself"
    return found.said, f"give the {what}'s path relative to the build file's folder"

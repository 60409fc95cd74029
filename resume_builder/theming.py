"""Find, load and validate themes.

A theme is a folder (mkdocs's model) holding ``theme.toml``, Jinja2 templates under
``templates/`` and a stylesheet template ``style.css.j2``. Found by name, first match wins:

1. ``--theme-dir PATH`` (a theme folder given directly);
2. ``./themes/<name>`` beside the working directory, then beside the profile;
3. Python entry points in the group ``resume_builder.themes`` (installable theme packages);
4. the built-in themes shipped inside the package (``resume_builder.builtin_themes``, which
   is the top-level ``themes/`` folder of the source tree), found through the same entry
   points (declared in pyproject.toml), ranked after other packages' (mkdocs's model).

``extends = "other"`` inherits the parent's templates, stylesheet blocks, fonts and option
defaults; the child's files win.
"""

from __future__ import annotations

import importlib.util
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from resume_builder.containment import contained, is_inside, real
from resume_builder.errors import Location, Problem, UserError, did_you_mean
from resume_builder.loading.toml_text import without_bom
from resume_builder.schema.numbers import NOT_BOOLEAN, Number, WholeNumber
from resume_builder.theme_paths import builtin_themes_folder

API_VERSION = 1
ENTRY_POINT_GROUP = "resume_builder.themes"
FALLBACK_FONTS = ("Noto Sans", "Noto Sans Symbols2", "Noto Sans CJK SC",
                  "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari")
#: Monospace faces for `code spans`, installed by the set-up (Debian fonts-dejavu-core; the
#: Noto CJK monospace face of fonts-noto-cjk as a second choice). DOCX names CODE_FONT_DOCX,
#: which Word has on Windows and macOS (LibreOffice substitutes a metric-compatible face).
CODE_FONTS = ("DejaVu Sans Mono", "Noto Sans Mono CJK SC")
#: Noto CJK's regional faces (JP, KR, SC, TC, HK draw the same Han character in each
#: region's form: 直, 骨, 次 differ between Japanese and Simplified Chinese), by language tag
#: (lower case, most specific first); the SC faces above stand for every other language.
CJK_REGIONS = (("zh-hk", "HK"), ("zh-mo", "HK"), ("zh-tw", "TC"), ("zh-hant", "TC"), ("ja", "JP"), ("ko", "KR"))


def cjk_region(language: str) -> str:
    """The Noto CJK region code (JP, KR, SC, TC or HK) of a BCP 47 ``language``: the first of
    :data:`CJK_REGIONS` it is or starts with, else SC."""
    tag = (language or "").replace("_", "-").lower()
    return next((code for prefix, code in CJK_REGIONS if tag == prefix or tag.startswith(prefix + "-")), "SC")


def regional_fonts(fonts: tuple[str, ...], language: str) -> tuple[str, ...]:
    """``fonts`` (:data:`FALLBACK_FONTS` or :data:`CODE_FONTS`) with the Noto CJK faces of
    ``language``'s region (:func:`cjk_region`) in place of the Simplified Chinese ones, so a
    Japanese résumé's kanji take Japanese forms (visual review: its PDF used Noto Sans CJK SC)."""
    region = cjk_region(language)
    return tuple(name[:-2] + region if name.endswith("CJK SC") else name for name in fonts)
CODE_FONT_DOCX = "Courier New"


# ----------------------------------------------------------------------------- models


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


#: A font family name: printed into CSS strings and Word's XML attributes, so no control
#: characters, quotes or backslashes.
FAMILY_PATTERN = r'^[^\x00-\x1f\x7f-\x9f"\\]+$'
#: Sizes in points a theme may give Word (body text up to a poster-sized name) and spacing.
_SIZE = {"ge": 4, "le": 144}
_SPACE = {"ge": 0, "le": 144}


#: OpenType width classes (OS/2 usWidthClass 1-9) by per cent of normal width, and the
#: names Google's static Noto instances use for them.
WIDTH_NAMES = {50: "UltraCondensed", 62.5: "ExtraCondensed", 75: "Condensed", 87.5: "SemiCondensed",
               100: "", 112.5: "SemiExpanded", 125: "Expanded", 150: "ExtraExpanded", 200: "UltraExpanded"}


class FontFiles(_Strict):
    regular: str
    bold: str | None = None
    italic: str | None = None
    bold_italic: str | None = None
    semibold: str | None = None


class FontSpec(_Strict):
    """A font family a theme offers: files in the theme folder or in an installed package."""

    family: str = Field(pattern=FAMILY_PATTERN)
    package: str | None = Field(default=None, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$",
                                description="Top-level Python package holding the files (no dots: finding "
                                            "'a.b' would import 'a')")
    dir: str = Field(default="", description="Folder of the files, inside the package or the theme")
    files: FontFiles
    license: str = "OFL-1.1"
    width: Number = Field(default=100, ge=50, le=200, description=(
        "Width of a variable font with a 'wdth' axis, in per cent of normal (CSS font-stretch): "
        "87.5 is semi-condensed. The PDF sets it with font-variation-settings; the DOCX embeds "
        "that instance under the family name plus the width's name, e.g. 'Noto Serif SemiCondensed'"))

    @property
    def word_family(self) -> str:
        """The family name Word sees: the family, plus the width's name when not normal."""
        suffix = WIDTH_NAMES.get(self.width)
        if suffix is None:
            suffix = f"Width{self.width:g}"
        return f"{self.family} {suffix}".strip()


#: The first bytes of the font files a theme may name (OpenType/TrueType, collections, WOFF,
#: WOFF2; OpenType spec "Organization of an OpenType Font", W3C WOFF 1.0 and 2.0).
FONT_SIGNATURES = (b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf", b"wOFF", b"wOF2")


class FitLimits(_Strict):
    """How far a page budget may shrink the layout (used by tailoring's page fitting)."""

    # within the bounds of the options they limit (ThemeOptions)
    min_font_size: Number = Field(default=8.5, ge=7, le=14)
    min_line_height: Number = Field(default=1.15, ge=1.0, le=2.0)
    min_spacing: Number = Field(default=0.6, ge=0.4, le=2.0)


class DocxStyle(_Strict):
    """How the theme looks in Word (used by the DOCX renderer)."""

    body_font: str | None = Field(default=None, pattern=FAMILY_PATTERN)
    heading_font: str | None = Field(default=None, pattern=FAMILY_PATTERN)
    font_size: Number | None = Field(default=None, **_SIZE)
    name_size: Number = Field(default=22, **_SIZE)
    headline_size: Number = Field(default=12, **_SIZE)
    heading_size: Number = Field(default=12, **_SIZE)
    entry_title_size: Number | None = Field(default=None, **_SIZE)
    meta_size: Number | None = Field(default=None, **_SIZE)  # the date line; unset: 0.92 x font_size
    contacts_size: Number | None = Field(default=None, **_SIZE)  # unset: 0.9 x font_size
    text_color: str = "#222222"
    muted_color: str = "#555555"
    heading_color: str | None = None
    name_color: str | None = None
    heading_caps: bool | Literal["small_caps"] = True  # true: capitals; "small_caps": small capitals
    # a cover letter's subject line, as its letter-theme.css.j2 sets it; unset: as the headings
    letter_subject_caps: bool | Literal["small_caps"] | None = None
    name_align: Literal["center", "left"] = "center"  # the name, headline and contact line
    headline_color: str | None = None  # default: the muted colour
    headline_italic: bool = True
    heading_rule: bool = True
    heading_space_before: Number = Field(default=10, **_SPACE)
    heading_space_after: Number = Field(default=4, **_SPACE)
    paragraph_space_after: Number = Field(default=3, **_SPACE)
    # Word's "multiple" of the font's own line. Unset (the built-in themes), every line is
    # exactly as tall as the PDF's: its size times the CSS line-height (the line_height option;
    # the *_line_height keys below for the name, headings and date lines).
    line_spacing: Number = Field(default=1.1, ge=0.5, le=5)
    name_line_height: Number = Field(default=1.1, ge=0.8, le=3)  # CSS .name line-height
    heading_line_height: Number = Field(default=1.2, ge=0.8, le=3)  # CSS .section-title line-height
    meta_line_height: Number | None = Field(default=None, ge=0.8, le=3)  # .entry-meta; unset: the option's
    # The PDF's vertical gaps, from the theme's CSS, in points at the default options (the
    # spacing option scales them, as the CSS's multiples of it): above the headline (not
    # scaled: the CSS gives points), above the contact line, below the masthead beyond the first
    # section's gap; above an entry (with a body / without), its description, its paragraphs,
    # its fields, its list (the first bullet), each further bullet, a sub-list and each
    # further sub-bullet, each further pair. Unset: derived from paragraph_space_after.
    headline_space_before: Number | None = Field(default=None, **_SPACE)
    contacts_space_before: Number | None = Field(default=None, **_SPACE)
    masthead_space_after: Number | None = Field(default=None, **_SPACE)
    entry_space_before: Number | None = Field(default=None, **_SPACE)
    entry_no_body_space_before: Number | None = Field(default=None, **_SPACE)
    description_space_before: Number | None = Field(default=None, **_SPACE)
    text_space_before: Number | None = Field(default=None, **_SPACE)
    field_space_before: Number | None = Field(default=None, **_SPACE)
    list_space_before: Number | None = Field(default=None, **_SPACE)
    item_space_before: Number | None = Field(default=None, **_SPACE)
    sublist_space_before: Number | None = Field(default=None, **_SPACE)
    subitem_space_before: Number | None = Field(default=None, **_SPACE)
    pair_space_before: Number | None = Field(default=None, **_SPACE)
    # Above each further paragraph of the summary (CSS .summary-text + .summary-text); unset:
    # paragraph_space_after.
    summary_paragraph_space: Number | None = Field(default=None, **_SPACE)
    # A rule under the masthead (compact's): its colour is the accent, its width in points,
    # and masthead_rule_space the gap above it (the CSS padding, scaled like the gaps).
    masthead_rule: Number = Field(default=0, ge=0, le=6)
    masthead_rule_space: Number = Field(default=0, **_SPACE)
    # A cover letter's letterhead (letter.css.j2 and letter-theme.css.j2 .letter-page .masthead):
    # the space below it, and its own rule (classic's hairline) where the résumé's masthead has
    # none; unset: the résumé's masthead space, no rule but the masthead's.
    letterhead_space_after: Number | None = Field(default=None, **_SPACE)
    letterhead_rule: Number = Field(default=0, ge=0, le=6)
    letterhead_rule_space: Number = Field(default=0, **_SPACE)
    # Set what the theme's templates run in as they do (compact's): the headline and contact
    # line, the summary's paragraphs, pairs, an undated entry's title and text, short lists.
    run_in: bool = False
    reference_docx: str | None = None


class ThemeOptions(BaseModel):
    """Options every theme understands; set in the profile's ``theme:`` block or with -O."""

    model_config = ConfigDict(extra="forbid")

    accent_color: str = Field(default="#1f3a5f", description="Hex colour, e.g. #1f3a5f")
    text_color: str = Field(default="#1d1d1f")
    font_family: str = Field(default="", description="One of the families the theme offers")
    font_size: Number = Field(default=10.0, ge=7, le=14, description="Base font size in points")
    line_height: Number = Field(default=1.3, ge=1.0, le=2.0)
    spacing: Number = Field(default=1.0, ge=0.4, le=2.0, description="Scale of vertical gaps")
    margins: Number = Field(default=16.0, ge=5, le=40, description="Page margins in millimetres")
    page_size: Literal["A4", "Letter"] = "A4"
    page_numbers: bool = True
    section_order: list[str] = Field(default_factory=list, description="Section keys; empty = profile order")
    entry_urls: bool = Field(default=True, description="Show each entry's link as text (shortened, no scheme) "
                                                       "after its date and place, so print and ATS keep it")
    phone_format: Literal["as_written", "national", "international", "e164"] = Field(
        default="as_written", description="How the phone number is printed (libphonenumber formats)")

    @field_validator("page_size", mode="before")
    @classmethod
    def _page_size_any_case(cls, value: Any) -> Any:
        """``a4``, ``letter``, ``LETTER``: paper sizes are names, not case-sensitive codes."""
        if isinstance(value, str):
            return {"a4": "A4", "letter": "Letter"}.get(value.strip().lower(), value)
        return value

    @field_validator("accent_color", "text_color")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not re.fullmatch(r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}", value.strip()):
            raise ValueError(f"'{value}' is not a hex colour like #1f3a5f")
        return value.strip().lower()


class Manifest(_Strict):
    name: str
    description: str = ""
    api_version: WholeNumber = API_VERSION
    extends: str | None = None
    options: dict[str, Any] = Field(default_factory=dict)
    fonts: list[FontSpec] = Field(default_factory=list)
    fit: FitLimits = Field(default_factory=FitLimits)
    docx: dict[str, Any] = Field(default_factory=dict)


@dataclass(frozen=True)
class FontFace:
    """One @font-face: a family, weight, style and an absolute file path."""

    family: str
    weight: int
    style: str
    path: Path
    width: float = 100  # per cent of normal, for a variable font's 'wdth' axis
    word_family: str = ""  # the family name in the DOCX (the family plus the width's name)


@dataclass
class Theme:
    """A loaded theme: its manifest chain (child first), folders and merged settings."""

    name: str
    source: str  # where it was found: "--theme-dir", "./themes", "entry point", "built-in"
    folders: list[Path]  # this theme's folder, then its parents'
    manifests: list[Manifest]
    notes: list[str] = field(default_factory=list)  # warnings for the user, e.g. a shadowing local theme

    @property
    def folder(self) -> Path:
        return self.folders[0]

    @property
    def description(self) -> str:
        return self.manifests[0].description

    @cached_property
    def fonts(self) -> list[FontSpec]:
        return [font for font, _folder in self._font_origins.values()]

    @cached_property
    def _font_origins(self) -> dict[str, tuple[FontSpec, Path]]:
        """Each family with the folder of the manifest that declared it (child first wins)."""
        seen: dict[str, tuple[FontSpec, Path]] = {}
        for manifest, folder in zip(self.manifests, self.folders):
            for font in manifest.fonts:
                seen.setdefault(font.family, (font, folder))
        return seen

    @cached_property
    def fit(self) -> FitLimits:
        return self.manifests[0].fit

    @cached_property
    def default_options(self) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        for manifest in reversed(self.manifests):
            merged.update(manifest.options)
        if not merged.get("font_family") and self.fonts:
            merged["font_family"] = self.fonts[0].family
        return merged

    def _manifest_location(self, key: str) -> Location | None:
        """Where the theme sets option ``key``: the theme.toml of the nearest theme in its
        ``extends`` chain that sets it (child first), at its line when it can be found."""
        for manifest, folder in zip(self.manifests, self.folders):
            if key in manifest.options:
                from resume_builder.loading.toml_errors import toml_location

                return toml_location(folder / "theme.toml", ("options", key))
        return None

    @cached_property
    def docx_style(self) -> DocxStyle:
        merged: dict[str, Any] = {}
        for manifest in reversed(self.manifests):
            merged.update(manifest.docx)
        try:
            return DocxStyle.model_validate(merged)
        except ValidationError as exc:
            raise UserError(f"theme '{self.name}': invalid [docx] table: {_first_error(exc)}") from None

    def font_folders(self) -> list[Path]:
        """Folders the fetcher may read font files from."""
        return sorted({face.path.parent for face in self.font_faces()})

    def font_faces(self) -> list[FontFace]:
        """Every @font-face of the theme, each file checked (see :meth:`_font_file`).

        Raises:
            UserError: a file outside the theme folder or font package, missing, or not a font.
        """
        faces = []
        for font, folder in self._font_origins.values():
            base, root = self._font_base(font, folder)
            for key, (weight, style) in {"regular": (400, "normal"), "bold": (700, "normal"),
                                         "italic": (400, "italic"), "bold_italic": (700, "italic"),
                                         "semibold": (600, "normal")}.items():
                name = getattr(font.files, key)
                if name:
                    faces.append(FontFace(font.family, weight, style, self._font_file(font, base, root, name),
                                          font.width, font.word_family))
        return faces

    def _font_file(self, font: FontSpec, base: str, root: Path, name: str) -> Path:
        """The font file ``base/name`` inside ``root`` (the theme folder or the package's).

        Containment is checked before existence, so the message for a path outside says
        nothing about it. Inside, the file must exist and start like a font file.
        """
        owner = f"theme '{self.name}'"
        where = "package" if font.package else "theme folder"
        path = contained(root, str(Path(base) / name) if base else name, owner=owner,
                         what=f"the {font.family} font file")
        shown = f"{base}/{name}" if base else name
        if not path.is_file():
            raise UserError(f"{owner}: font file '{shown}' for {font.family} is missing from the {where}",
                            hint=f"install the package '{font.package}'" if font.package else "")
        try:
            with path.open("rb") as handle:
                head = handle.read(4)
        except OSError as exc:
            raise UserError(f"{owner}: cannot read font file '{shown}': {exc.strerror or exc}") from None
        if head not in FONT_SIGNATURES:
            raise UserError(f"{owner}: '{shown}' for {font.family} is not a font file "
                            "(TrueType, OpenType or WOFF)")
        return path

    def _font_base(self, font: FontSpec, folder: Path) -> tuple[str, Path]:
        """(folder of the files relative to the root, the root they must stay in)."""
        if font.package:
            spec = importlib.util.find_spec(font.package)
            if spec is None or not spec.submodule_search_locations or not spec.origin:
                raise UserError(f"theme '{self.name}' needs the font package '{font.package}'",
                                hint=f"pip install {font.package.replace('_', '-')}")
            return font.dir, real(list(spec.submodule_search_locations)[0])
        return font.dir, folder

    def template_folders(self) -> list[Path]:
        """Each theme folder's ``templates/`` (child first), checked to be inside that folder.

        Raises:
            UserError: a ``templates`` that is a symlink out of its theme folder.
        """
        return [templates for templates, _folder in self.template_roots()]

    def check_paths(self) -> None:
        """Check, when the theme is loaded, that every path it names stays inside its folder.

        Covers the templates folders, the font files of the theme's own fonts and the
        ``[docx] reference_docx``, whatever format is rendered; whether the files exist
        (and font packages are installed) is checked when they are needed.

        Raises:
            UserError: a path that leaves its theme folder (see :mod:`resume_builder.containment`).
        """
        self.template_roots()
        for font, folder in self._font_origins.values():
            if not font.package:
                for name in font.files.model_dump(exclude_none=True).values():
                    contained(folder, str(Path(font.dir) / name) if font.dir else name, owner=f"theme '{self.name}'",
                              what=f"the {font.family} font file")
        reference = next((m.docx.get("reference_docx") for m in self.manifests if m.docx.get("reference_docx")), None)
        if isinstance(reference, str) and not any(
                is_inside(folder / reference, folder) and not Path(reference).is_absolute() for folder in self.folders):
            contained(self.folder, reference, owner=f"theme '{self.name}'", what="[docx] reference_docx")

    def template_roots(self) -> list[tuple[Path, Path]]:
        """(templates folder, theme folder it must stay in) for the template loader, child first;
        a theme folder without ``templates/`` has none of its own.

        Raises:
            UserError: a ``templates`` that is a symlink out of its theme folder, or that is
            there but no folder (a file, a FIFO, a link to nothing, a loop of links).
        """
        from resume_builder.output import path_kind

        out = []
        for folder in self.folders:
            owner = f"theme '{self.name}'" + (f" (its parent in {folder})" if folder != self.folder else "")
            found = path_kind(folder / "templates")
            if found.kind == "folder":
                out.append((contained(folder, "templates", owner=owner, what="the templates folder"), folder))
            elif found.kind != "missing":  # it was passed over for the parent's templates, silently (trial)
                said = "is a file, not a folder" if found.kind == "file" else \
                    f"is {found.what}, not a folder" if found.kind == "special" else found.said
                raise UserError(f"{owner}: {folder / 'templates'} {said}",
                                hint="point the link at the templates folder" if found.link
                                else "a theme's templates/ must be a folder of templates")
        return out

    def options(self, overrides: dict[str, Any] | None = None, *,
                locate: Any = None, command_line: Any = frozenset(), block: Any = None) -> ThemeOptions:
        """Validate the theme's defaults merged with the profile's and command line's values.

        Raises UserError naming each bad option as the user gave it: ``-O KEY`` for a key in
        ``command_line``, else ``BLOCK.KEY`` (``block(key)``: the ``theme:`` block that gave it,
        ``theme`` or ``variants.NAME.theme``; ``theme`` when not given), at its place in the file
        when ``locate`` knows it, each with the allowed values in plain words
        (:func:`option_problem`); the problems in the order they are written in the file.
        """
        values = {**self.default_options, **(overrides or {})}
        try:
            opts = ThemeOptions.model_validate(values)
        except ValidationError as exc:
            problems = []
            for err in exc.errors(include_url=False):
                key = str(err["loc"][0]) if err["loc"] else ""
                message, hint = option_problem(err)
                if err["type"] == "extra_forbidden":
                    message = f"unknown theme option '{key}'"
                    hint = did_you_mean(key, ThemeOptions.model_fields) or \
                        "options: " + ", ".join(ThemeOptions.model_fields)
                if key in (overrides or {}) or key not in self.default_options:
                    name = f"-O {key}" if key in command_line else f"{block(key) if block else 'theme'}.{key}"
                    where = locate(key) if locate else None
                else:  # the theme's own default: say which theme.toml holds it
                    name, where = f"options.{key}", self._manifest_location(key)
                problems.append(Problem(message, where, name, hint, from_command_line=name.startswith("-O ")))
            # as written, file by file, line by line (pydantic gives them in the fields' order)
            problems.sort(key=lambda p: (p.location is None, p.location.file if p.location else "",
                                         (p.location.line or 0) if p.location else 0,
                                         (p.location.column or 0) if p.location else 0))
            raise UserError(problems) from None
        families = [font.family for font in self.fonts]
        if families and opts.font_family not in families:
            hint = did_you_mean(opts.font_family, families) or "choose one of: " + ", ".join(families)
            raise UserError(Problem(f"theme '{self.name}' has no font family '{opts.font_family}'",
                                    locate("font_family") if locate else None, "theme.font_family", hint))
        return opts


def option_problem(err: dict[str, Any]) -> tuple[str, str]:
    """A theme option's validation error (one of pydantic's ``errors()``) in plain words:
    what is wrong with the value given, and the values allowed (from :class:`ThemeOptions`)."""
    key = str(err["loc"][0]) if err["loc"] else ""
    value, kind, ctx = err.get("input"), err["type"], err.get("ctx") or {}
    info = ThemeOptions.model_fields.get(key)
    shown = f"'{value}'" if isinstance(value, str) else repr(value)
    if kind == "literal_error" and info is not None:
        allowed = [str(v) for v in get_args(info.annotation)]
        return f"{shown} is not one of the allowed values", "use one of: " + ", ".join(allowed)
    if kind == NOT_BOOLEAN:  # true is no number, though Python's bool is an int (schema/numbers.py)
        return f"{str(value).lower()} is not a number", _number_range(info)
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type"):
        return f"{shown} is not a number", _number_range(info)
    if kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        return f"{shown} is out of range", _number_range(info)
    if kind in ("bool_parsing", "bool_type"):
        return f"{shown} is not true or false", "use true, false, yes or no"
    if kind in ("list_type",):
        return f"{shown} is not a list", "give the values separated by commas, e.g. -O section_order=experience,skills"
    if kind in ("string_type",):
        return f"{shown} is not text", ""
    return str(err["msg"]).removeprefix("Value error, "), ""


def _number_range(info: Any) -> str:
    """'use a number from 7 to 14' from a field's ``ge``/``le`` bounds."""
    low = high = None
    for rule in getattr(info, "metadata", ()):
        low = getattr(rule, "ge", low) if getattr(rule, "ge", None) is not None else low
        high = getattr(rule, "le", high) if getattr(rule, "le", None) is not None else high
    if low is not None and high is not None:
        return f"use a number from {low:g} to {high:g}"
    return "use a number"


def _first_error(exc: ValidationError) -> str:
    err = exc.errors(include_url=False)[0]
    where = ".".join(str(p) for p in err["loc"])
    return f"{where}: {err['msg']}"


# ----------------------------------------------------------------------------- discovery


#: Entry points in this module's package name the built-in themes (pyproject.toml
#: ``[project.entry-points."resume_builder.themes"]``): one discovery path for all themes.
BUILTIN_PACKAGE = "resume_builder.builtin_themes"


def _is_builtin(entry_point: Any) -> bool:
    return str(entry_point.value).startswith(BUILTIN_PACKAGE + ".")


def _entry_points() -> dict[str, Any]:
    """Entry points of installed theme packages (other than the built-in themes).

    Reading them means reading every installed distribution's metadata (about 10 ms with a
    hundred packages installed), once per theme lookup: a server or a build looks themes up
    on every render. They are read again only when a folder on ``sys.path`` has changed since
    (installing or removing a package adds or removes its ``.dist-info`` folder there: see
    :func:`_path_signature`), or ``sys.path`` itself has.
    """
    key = _path_signature()
    if _ENTRY_POINTS and _ENTRY_POINTS[0] == key:
        return dict(_ENTRY_POINTS[1])
    from importlib.metadata import entry_points

    found = {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP) if not _is_builtin(ep)}
    _ENTRY_POINTS[:] = [key, found]
    return dict(found)


#: [sys.path signature, entry points found] of the last read (see _entry_points).
_ENTRY_POINTS: list[Any] = []


def _path_signature() -> tuple:
    """Each ``sys.path`` folder with its modification time and the names of the distributions'
    metadata folders in it (``*.dist-info``, ``*.egg-info``: a package installed within the
    same clock tick as the last read still changes them); None for an entry that is not a folder."""
    import os
    import sys

    signature = []
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as listing:
                names = sorted(item.name for item in listing if item.name.endswith((".dist-info", ".egg-info")))
            signature.append((entry, os.stat(entry or ".").st_mtime_ns, tuple(names)))
        except OSError:
            signature.append((entry, None))
    return tuple(signature)


@lru_cache(maxsize=1)
def _builtin_entry_points() -> tuple[Any, ...]:
    """The entry points this distribution declares for its built-in themes (read once)."""
    from importlib.metadata import entry_points

    return tuple(sorted((ep for ep in entry_points(group=ENTRY_POINT_GROUP) if _is_builtin(ep)),
                        key=lambda ep: ep.name))


#: The theme of a profile, variant and command line that name none.
DEFAULT_THEME = "classic"


def builtin_themes() -> list[tuple[str, Any]]:
    """The built-in themes: (name, entry point), found like installed themes. Run from a
    source tree that is not installed (no entry points declared), the built-in folder's
    themes instead: (name, folder)."""
    found = [(ep.name, ep) for ep in _builtin_entry_points()]
    if found:
        return found
    builtin = builtin_themes_folder()
    if not builtin.is_dir():
        return []
    return [(child.name, child) for child in sorted(builtin.iterdir()) if (child / "theme.toml").is_file()]


def _entry_point_folder(entry_point: Any) -> Path:
    """An entry point names a package (its folder is the theme) or a callable returning a path."""
    obj = entry_point.load()
    if hasattr(obj, "__path__"):
        return Path(list(obj.__path__)[0])
    if hasattr(obj, "__file__") and obj.__file__:
        return Path(obj.__file__).parent
    if callable(obj):
        return Path(obj())
    return Path(obj)


@dataclass
class ThemeFinder:
    """Looks themes up by name in the documented order."""

    theme_dir: Path | None = None
    search_dirs: list[Path] = field(default_factory=list)

    def candidates(self) -> list[tuple[str, str, Path]]:
        """Every theme that can be found: (name, source, folder), first match first.

        A theme in a ``themes/`` folder (beside the working directory or the profile) that
        has the name of a built-in or installed theme is *not* a candidate: a profile folder
        received from someone else must not swap ``classic`` for its own. It is listed in
        :meth:`shadowed` and used only when named by path (``--theme-dir themes/classic``).
        A ``themes/<name>`` that is a symlink out of its ``themes/`` folder is skipped too
        (see :meth:`refused`).
        """
        out: list[tuple[str, str, Path]] = []
        if self.theme_dir is not None:
            out.append((self._name_of(self.theme_dir), "--theme-dir", self.theme_dir))
        protected = set(self._protected_names())
        for name, source, child in self._local_themes():
            if name not in protected and name not in self.refused():
                out.append((name, source, child))
        for name, ep in sorted(self._installed.items()):
            out.append((name, f"entry point {ep.value}", ep))  # resolved lazily
        for name, where in builtin_themes():  # the same entry points, ours: after installed ones
            out.append((name, "built-in", where))
        return out

    @cached_property
    def _installed(self) -> dict[str, Any]:
        """Entry points of installed theme packages, read once per finder (reading them is slow)."""
        return _entry_points()

    def _protected_names(self) -> list[str]:
        """Names that a local ``themes/`` folder may not take over: installed and built-in themes."""
        return list(self._installed) + [name for name, _ in builtin_themes()]

    def _local_themes(self) -> list[tuple[str, str, Path]]:
        """Themes in the ``themes/`` folders beside the working directory and the profile."""
        builtin = builtin_themes_folder()
        out = []
        for base in self.search_dirs:
            themes = base / "themes"
            if themes.is_dir() and real(themes) != real(builtin):
                for child in sorted(themes.iterdir()):
                    if (child / "theme.toml").is_file():
                        out.append((child.name, f"{themes}", child))
        return out

    def shadowed(self) -> list[tuple[str, str, Path]]:
        """Local themes ignored because they have a built-in or installed theme's name."""
        protected = set(self._protected_names())
        return [row for row in self._local_themes() if row[0] in protected]

    def refused(self) -> dict[str, str]:
        """Local themes that cannot be used, by name: a symlink out of their ``themes/`` folder."""
        out: dict[str, str] = {}
        for name, source, child in self._local_themes():
            if not is_inside(child, source):
                out.setdefault(name, f"{child} is a symlink out of {source}; a theme found by name must lie "
                                     "inside its themes/ folder (give it with --theme-dir to use it)")
        return out

    def _name_of(self, folder: Path) -> str:
        manifest = folder / "theme.toml"
        if manifest.is_file() and is_inside(manifest, folder):
            try:
                return str(tomllib.loads(without_bom(manifest.read_text(encoding="utf-8"))).get("name")
                           or folder.name)
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError, RecursionError, OSError):
                return folder.name
        return folder.name

    def listing(self) -> list[tuple[str, str, Path | None, str, str]]:
        """Every theme that can be found, first match wins: (name, source, folder, description,
        problem). A theme whose manifest (or entry point) is broken is listed with the problem
        instead of stopping the listing."""
        rows: list[tuple[str, str, Path | None, str, str]] = []
        seen: set[str] = set()
        for name, source, where in self.candidates():
            if name in seen:
                continue
            seen.add(name)
            folder: Path | None = None
            try:
                folder = where if isinstance(where, Path) else _entry_point_folder(where)
                description = read_manifest(folder).description
                self._load(name, source, folder, chain=[]).options({})  # its own defaults are valid
                rows.append((name, source, folder, description, ""))
            except UserError as error:
                rows.append((name, source, folder, "", error.render().splitlines()[0]))
            except Exception as exc:  # noqa: BLE001 - a third-party entry point may raise anything
                rows.append((name, source, folder, "", f"cannot be loaded: {type(exc).__name__}: {exc}"))
        for name, source, folder in self.shadowed():
            rows.append((name, f"{source}; NOT USED: shadows the {self._kind_of(name)} theme '{name}', "
                               f"use it with --theme-dir {folder}", folder, self._description(folder), ""))
        for name, problem in self.refused().items():
            if name not in {row[0] for row in self.shadowed()}:
                rows.append((name, "themes/", None, "", problem))
        return rows

    def _kind_of(self, name: str) -> str:
        return "installed" if name in self._installed else "built-in"

    @staticmethod
    def _description(folder: Path) -> str:
        try:
            return read_manifest(folder).description
        except UserError:
            return ""

    def available(self) -> list[tuple[str, str, Path]]:
        seen: dict[str, tuple[str, str, Path]] = {}
        for name, source, where in self.candidates():
            if name not in seen:
                if not isinstance(where, Path):
                    where = _entry_point_folder(where)
                seen[name] = (name, source, where)
        return list(seen.values())

    def find(self, name: str | None) -> Theme:
        if self.theme_dir is not None:
            in_folder = self._name_of(self.theme_dir)
            if name is not None and name not in (in_folder, self.theme_dir.name):
                raise UserError(f"--theme '{name}' and --theme-dir {self.theme_dir} (the theme '{in_folder}') "
                                "name different themes",
                                hint="give one of them: --theme-dir uses the theme in that folder")
            name = in_folder
        name = name or DEFAULT_THEME
        for candidate, source, where in self.candidates():
            if candidate == name:
                folder = where if isinstance(where, Path) else _entry_point_folder(where)
                theme = self._load(name, source, folder, chain=[])
                if source != "--theme-dir":
                    theme.notes += [f"{local} has the name of the {self._kind_of(name)} theme '{name}' and is not "
                                    f"used; to use it, give --theme-dir {local}"
                                    for shadow, _source, local in self.shadowed() if shadow == name]
                return theme
        refused = self.refused()
        if name in refused:
            raise UserError(f"theme '{name}' cannot be used: {refused[name]}")
        names = sorted({c[0] for c in self.candidates()})
        hint = did_you_mean(name, names)
        raise UserError(f"no theme named '{name}'",
                        hint=(hint + " " if hint else "") + "available: " + ", ".join(names))

    def _load(self, name: str, source: str, folder: Path, chain: list[tuple[str, Path]]) -> Theme:
        from resume_builder.output import path_kind

        if path_kind(folder).link:  # a loop of links or a link to nothing: said by the name given
            read_manifest(folder)  # raises: it says what the folder is
        folder = real(folder)
        manifest = read_manifest(folder)
        theme = Theme(name=manifest.name, source=source, folders=[folder], manifests=[manifest])
        if manifest.api_version != API_VERSION:
            raise UserError(f"theme '{name}' uses api_version {manifest.api_version}; "
                            f"this resume-builder supports {API_VERSION}")
        if manifest.extends:
            parent = self.find_parent(manifest.extends, chain + [(name, folder)])
            theme.folders += parent.folders
            theme.manifests += parent.manifests
        theme.check_paths()
        return theme

    def find_parent(self, name: str, chain: list[tuple[str, Path]]) -> Theme:
        """The first theme called ``name`` that is not already in the chain.

        Cycles are found by folder, so ``./themes/classic`` may extend the built-in classic.
        """
        in_chain = {folder for _, folder in chain}
        names = [n for n, _ in chain]
        looped = False
        for candidate, source, where in self.candidates():
            if candidate != name:
                continue
            folder = where if isinstance(where, Path) else _entry_point_folder(where)
            if real(folder) in in_chain:
                looped = True
                continue
            return self._load(name, source, folder, chain)
        if looped:
            raise UserError(f"theme '{names[0]}' extends itself through {' -> '.join(names + [name])}")
        from resume_builder.errors import Problem
        from resume_builder.loading.toml_errors import toml_location

        known = sorted({candidate for candidate, _, _ in self.candidates()} - set(names))
        hint = did_you_mean(name, known)
        raise UserError(Problem(f"theme '{names[-1]}' extends '{name}', which cannot be found",
                                toml_location(chain[-1][1] / "theme.toml", ("extends",)) if chain else None, "extends",
                                (hint + " " if hint else "") + "themes: " + ", ".join(known)))


def read_manifest(folder: Path) -> Manifest:
    from resume_builder.output import path_kind

    found = path_kind(folder)
    if found.link:  # a loop of links (was a RuntimeError traceback from Path.resolve: trial) or a dangling link
        raise UserError.at(str(folder), None, None, f"{found.said}, not a theme folder",
                           hint="point the link at a folder holding theme.toml, or name another --theme-dir")
    if found.kind == "missing":
        raise UserError.at(str(folder), None, None, "no such theme folder",
                           hint="--theme-dir names a folder holding theme.toml; 'resume-builder themes' lists the themes")
    if found.kind != "folder":  # a file, a FIFO (it was "is a file": trial), a device; or not to be looked at
        said = "is a file" if found.kind == "file" else f"is {found.what}" if found.kind == "special" else found.said
        raise UserError.at(str(folder), None, None, f"{said}, not a theme folder",
                           hint="--theme-dir names a folder holding theme.toml")
    path = folder / "theme.toml"
    if not is_inside(path, folder):  # checked first: says nothing about the link's target
        raise UserError.at(str(path), None, None, "theme.toml is a symlink out of the theme folder",
                           hint="themes may use only files inside their own folder")
    manifest = path_kind(path)
    if manifest.kind == "missing":
        raise UserError.at(str(path), None, None, "theme.toml is missing: is this a theme folder?")
    if manifest.kind != "file":  # a folder, a FIFO, a link to nothing: said as what it is
        said = f"is {manifest.what}" if manifest.kind in ("folder", "special") else manifest.said
        raise UserError.at(str(path), None, None, f"{said}, not a file",
                           hint="point the link at the theme's TOML file" if manifest.link
                           else "a theme's theme.toml is a TOML file")
    from resume_builder.limits import MAX_FILE_BYTES

    if path.stat().st_size > MAX_FILE_BYTES:
        raise UserError.at(str(path), None, None, f"theme.toml is larger than {MAX_FILE_BYTES // 1024 // 1024} MiB")
    try:
        text = without_bom(path.read_text(encoding="utf-8"))
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from resume_builder.loading.toml_errors import toml_syntax_error

        raise toml_syntax_error(path, exc, text) from None
    except UnicodeDecodeError:
        raise UserError.at(str(path), None, None, "not valid UTF-8") from None
    except RecursionError:  # tomllib recurses once per nested array or table
        raise UserError.at(str(path), None, None, "TOML nested too deeply") from None
    except ValueError as exc:  # int() of more than sys.get_int_max_str_digits() digits
        raise UserError.at(str(path), None, None, f"TOML value cannot be read: {exc}") from None
    data.setdefault("name", folder.name)
    from resume_builder.loading.errors_map import problems_from_toml_validation

    problems = []
    manifest = None
    try:
        manifest = Manifest.model_validate(data)
    except ValidationError as exc:
        from resume_builder.schema.base import table_keys

        problems = problems_from_toml_validation(exc, path, lambda loc: _keys_at(Manifest, loc),
                                                 tables_at=lambda loc: table_keys(Manifest, loc))
    if isinstance(data.get("docx"), dict):  # checked here, at its lines, not only when a DOCX is made
        try:
            _DocxTable.model_validate({"docx": data["docx"]})
        except ValidationError as exc:
            problems += problems_from_toml_validation(exc, path, lambda loc: _keys_at(_DocxTable, loc))
    if problems or manifest is None:
        problems.sort(key=lambda p: (p.location.line or 0) if p.location else 0)
        raise UserError(problems)
    return manifest


class _DocxTable(_Strict):
    """A theme.toml's ``[docx]`` table, checked key by key (a child theme gives some keys)."""

    docx: DocxStyle


def _keys_at(root: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys a theme.toml may have at ``loc`` (a table, ``[[fonts]]``, its ``files``), for
    "did you mean": those of the model that validates it."""
    from resume_builder.schema.base import model_at

    model = model_at(root, tuple(loc))
    return list(model.model_fields) if model is not None else []


def find_theme(name: str | None, *, theme_dir: Path | None = None,
               profile_folder: Path | None = None) -> Theme:
    """Find a theme by name with the standard search order."""
    search = [Path.cwd()]
    if profile_folder is not None and real(profile_folder) != real(Path.cwd()):
        search.append(profile_folder)
    return ThemeFinder(theme_dir=theme_dir, search_dirs=search).find(name)

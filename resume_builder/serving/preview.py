"""What the preview page shows: the last good render, the current error, the switches.

One :class:`Preview` per server. :meth:`Preview.render` runs the pipeline once for the
current :class:`Settings` (in a worker thread; renders never overlap) and keeps, in
memory only, the PDF, one PNG per page and, on demand, the DOCX. A mistake in the inputs
keeps the last good render and records the lines the CLI would print for it. Nothing is
written to disk: the server serves these bytes and nothing else.

Which files to watch comes from :class:`resume_builder.watching.Watcher` (the inputs the
last render read), so ``serve`` and ``watch`` react to the same saves.
"""

from __future__ import annotations

import threading
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from resume_builder.errors import UserError
from resume_builder.watching import Watcher
from resume_builder.containment import real

PAGE_SIZES = ("A4", "Letter")


@dataclass(frozen=True)
class Settings:
    """The page's switches; None means "as the profile (or variant, or theme) says"."""

    theme: str | None = None
    variant: str | None = None
    lang: str | None = None
    page_size: str | None = None


@dataclass
class Snapshot:
    """One good render: its number, its bytes and what the page says about it."""

    generation: int
    stem: str
    pdf: bytes
    pages: list[bytes]
    theme: str
    variant: str | None
    warnings: list[str]
    job: Any = None  # the pipeline's RenderJob, to render the DOCX on demand
    docx: bytes | None = None


@dataclass
class Preview:
    """The server's one preview: inputs, switches, last good render, current error.

    ``coverage(profile, variant) -> dict`` (given by ``serve --job``) returns the posting's
    coverage report (:meth:`MatchReport.to_dict`); it runs after each good render.
    """

    profile: Path
    variant: str | None = None
    theme: str | None = None
    theme_dir: Path | None = None
    options: list[str] = field(default_factory=list)
    out_dir: Path = Path("output")
    input_format: str | None = None
    coverage: Callable[[Path, str | None], dict] | None = None
    posting: Path | None = None
    dpi: int = 110

    def __post_init__(self) -> None:
        self.settings = Settings(theme=self.theme, variant=self.variant)
        self.snapshot: Snapshot | None = None
        self.previous: Snapshot | None = None  # the good render before (its images may still be loading)
        self.error: list[str] | None = None
        self.report: dict | None = None
        self.generation = 0  # counts renders, good or not: the page's event number
        self.choices: dict[str, list[str]] = {"theme": [], "variant": [], "lang": [], "page_size": list(PAGE_SIZES)}
        self.lock = threading.Lock()
        self._page_images: dict[bytes, bytes] = {}  # the last render's page PNGs by their pixels (png.pdf_to_pngs)
        self.watcher = Watcher(self.profile, formats=["pdf"], theme=self.theme, theme_dir=self.theme_dir,
                               options=list(self.options), variant=self.variant, out_dir=self.out_dir,
                               input_format=self.input_format)

    # ------------------------------------------------------------------ rendering

    def render(self) -> None:
        """Render for the current settings; keeps the last good render when this one fails."""
        from resume_builder import pipeline
        from resume_builder.console import user_error_lines
        from resume_builder.render.png import pdf_to_pngs

        with self.lock:
            settings = self.settings
            self.watcher.variant, self.watcher.theme = settings.variant, settings.theme
            options = pipeline.parse_option_overrides(self.options)
            if settings.page_size:
                options["page_size"] = settings.page_size
            request = pipeline.RenderRequest(
                profile=self.profile, variant=settings.variant, lang=settings.lang, theme=settings.theme,
                theme_dir=self.theme_dir, options=options, formats=("pdf",), out_dir=self.out_dir,
                input_format=self.input_format)
            self.generation += 1
            try:
                job = pipeline.prepare(request)
                pdf = pipeline.render(job, "pdf", pipeline.output_path(job, "pdf", self.out_dir, None))[0]
                pages = pdf_to_pngs(pdf.data, dpi=self.dpi, optimize=False, reuse=self._page_images)
                report = self.coverage(self.profile, settings.variant) if self.coverage is not None else None
            except UserError as error:
                self.error = user_error_lines(error)
                self.watcher.files |= self.watcher._given_files()
                self._refresh_choices(None)
                return
            except Exception as exc:  # noqa: BLE001 - a bug: shown in the page and the terminal, the server lives on
                traceback.print_exc()
                self.error = [f"internal error (a bug in resume-builder, please report it): "
                              f"{type(exc).__name__}: {exc}"]
                return
            self.error = None
            self.report = report
            self.watcher.files, self.watcher.folders = self.watcher.inputs_of(request)
            if self.posting is not None:
                self.watcher.files.add(real(self.posting))
            self.previous = self.snapshot
            self.snapshot = Snapshot(self.generation, job.stem, pdf.data, pages, job.theme.name, job.variant,
                                     [*job.warnings, *pdf.warnings], job=job)
            self._refresh_choices(job)

    def docx(self, generation: int) -> bytes | None:
        """The DOCX of render ``generation`` (rendered on first request), None if that render is gone."""
        from resume_builder import pipeline

        with self.lock:
            snapshot = self.snapshot
            if snapshot is None or snapshot.generation != generation:
                return None
            if snapshot.docx is None:
                snapshot.docx = pipeline.render(snapshot.job, "docx", Path(f"{snapshot.stem}.docx"))[0].data
            return snapshot.docx

    def _refresh_choices(self, job: Any) -> None:
        from resume_builder.i18n import built_in_languages
        from resume_builder.theming import ThemeFinder

        try:
            finder = ThemeFinder(theme_dir=self.theme_dir, search_dirs=[Path.cwd(), real(self.profile).parent])
            themes = [name for name, _source, _folder in finder.available()]
        except UserError:
            themes = []
        variants = list(job.loaded.profile.variants) if job is not None else self.choices["variant"]
        self.choices = {"theme": sorted(dict.fromkeys(themes)), "variant": variants,
                        "lang": built_in_languages(), "page_size": list(PAGE_SIZES)}

    # ------------------------------------------------------------------ switches

    def choose(self, **changes: str | None) -> Settings:
        """Change switches (``theme``, ``variant``, ``lang``, ``page_size``; '' or None: the
        profile's own). Raises UserError for a value the page does not offer."""
        cleaned: dict[str, str | None] = {}
        for key, value in changes.items():
            if key not in self.choices:
                raise UserError(f"unknown switch '{key}'")
            value = value or None
            if value is not None and value not in self.choices[key] and not (key == "variant" and value == self.variant):
                raise UserError(f"'{value}' is not one of the {key.replace('_', ' ')} choices")
            cleaned[key] = value
        with self.lock:
            self.settings = replace(self.settings, **cleaned)
            return self.settings

    # ------------------------------------------------------------------ what the page reads

    def state(self) -> dict[str, Any]:
        """Everything the page shows, as JSON: render number, pages, error lines, switches, coverage."""
        snapshot = self.snapshot
        return {
            "generation": self.generation,
            "error": self.error,
            "render": None if snapshot is None else {
                "generation": snapshot.generation, "pages": len(snapshot.pages), "stem": snapshot.stem,
                "theme": snapshot.theme, "variant": snapshot.variant, "warnings": snapshot.warnings},
            "settings": {"theme": self.settings.theme, "variant": self.settings.variant,
                         "lang": self.settings.lang, "page_size": self.settings.page_size},
            "choices": self.choices,
            "coverage": self.report,
            "profile": self.profile.name,
        }

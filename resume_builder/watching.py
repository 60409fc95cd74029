"""Watch mode: one warm process, re-render when an input changes, report time or errors.

Watched: exactly the inputs the last render read, as :mod:`resume_builder.render_inputs` names
them (the list the build's input hash takes too): the profile and the files it includes, a
variant file, the photo and the theme's files (its folder and its parents', and the font
files it declares in a font package). Any other change (a log file beside
the profile, the outputs, an editor's backup) is ignored, so a process writing into the
profile's folder cannot make the watcher loop. A mistake in the profile is printed and
the watcher waits for the next save.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from resume_builder.wording import count
from resume_builder.errors import UserError
from resume_builder.containment import real


@dataclass
class Watcher:
    profile: Path
    formats: list[str]
    theme: str | None = None
    theme_dir: Path | None = None
    options: list[str] = field(default_factory=list)
    variant: str | None = None
    out_dir: Path = Path("output")
    say: Callable[[str], None] | None = None
    input_format: str | None = None  # --from: profile or jsonresume (None: told apart by content)
    public: bool = False  # --public: a copy without private details (tailoring/public.py)
    files: set[Path] = field(default_factory=set)  # single files the last render read
    folders: set[Path] = field(default_factory=set)  # folders whose every file it may read (themes)

    def _say(self, message: str, style: str | None = None) -> None:
        if self.say is not None:
            self.say(message)
            return
        from resume_builder.console import out

        out(message, style=style)

    def render_once(self) -> list[Path]:
        """Render every format; returns the theme folders to watch. Errors are printed."""
        from resume_builder import pipeline
        from resume_builder.limits import DEFAULT_TIMEOUT, memory_limit, time_limit

        started = time.perf_counter()
        try:
            with time_limit(DEFAULT_TIMEOUT), memory_limit():  # a hostile save cannot hang the watcher
                request = pipeline.RenderRequest(
                    profile=self.profile, variant=self.variant, theme=self.theme, theme_dir=self.theme_dir,
                    options=pipeline.parse_option_overrides(self.options), formats=tuple(self.formats),
                    out_dir=self.out_dir, input_format=self.input_format, public=self.public)
                job = pipeline.prepare(request)
                outputs = pipeline.render_request(job, request)
            pipeline.write(outputs)
        except UserError as error:
            for line in error.shown():
                self._say(line if line.startswith("…") else f"error: {line}", "red")
            self._say("waiting for the next change…")
            # keep watching what the last good render read, too, and the files the profile includes
            # (a mistake in one of them is fixed by saving it)
            from resume_builder.loading.includes import included_files

            self.files |= self._given_files() | set(included_files(self.profile))
            return []
        self.files, self.folders = self.inputs_of(request)
        elapsed = time.perf_counter() - started
        names = ", ".join(str(o.path) for o in outputs)
        self._say(f"rendered {names} in {elapsed:.2f}s", "green")
        return list(job.theme.folders)

    def _given_files(self) -> set[Path]:
        from resume_builder.loading.variants import looks_like_file

        files = {real(self.profile)}
        if self.variant and looks_like_file(self.variant):
            files.add(real(self.variant))
        return files

    def inputs_of(self, request) -> tuple[set[Path], set[Path]]:
        """What a render of ``request`` (a :class:`~resume_builder.pipeline.RenderRequest` that
        has just rendered) read: (files, folders read whole), symlinks followed.

        Files: the profile given, the files :func:`resume_builder.render_inputs.render_inputs`
        names (the profile a variant file names, the files they include, the variant file, the
        photo, the theme's font files in a font package). Folders: the theme's folders
        (templates, style sheets, fonts and images a theme uses all live there), its parents'
        and a ``--theme-dir``.
        """
        from resume_builder.render_inputs import render_inputs

        reads = render_inputs(request)
        files = self._given_files() | {real(path) for path in reads.files} \
            | {real(path) for _label, path in reads.fonts}
        folders = {real(folder) for _label, folder in reads.folders}
        if self.theme_dir:
            folders.add(real(self.theme_dir))
        return files, folders

    def relevant(self, path: str | Path) -> bool:
        """Whether a change to ``path`` can change the outputs (is an input of the last render)."""
        given = Path(path).absolute()
        resolved = real(given)
        name = given.name
        if name.startswith(".") or name.endswith((".tmp", "~", ".swp")):  # temporary files of writers and editors
            return False
        out_dir = real(self.out_dir)
        if resolved == out_dir or out_dir in resolved.parents:
            return False
        if given in self.files or resolved in self.files:
            return True
        return any(folder in resolved.parents or folder in given.parents for folder in self.folders)

    def watched_paths(self, theme_folders: list[Path] | None = None) -> list[Path]:
        """Folders to subscribe to: the inputs' folders (editors save by replacing files)."""
        paths = {path.parent for path in self.files or self._given_files()} | set(self.folders)
        paths.update(real(folder) for folder in theme_folders or [])
        return sorted(path for path in paths if path.is_dir())

    def run(self, *, stop_after: int | None = None) -> None:
        from watchfiles import watch

        self.render_once()
        renders = 0
        while True:
            paths = self.watched_paths()
            self._say(f"watching {count(len(self.files), 'file')} and {count(len(self.folders), 'theme folder')}; Ctrl-C to stop")
            for _changes in watch(*paths, watch_filter=lambda _change, path: self.relevant(path), debounce=200,
                                  raise_interrupt=True):
                self.render_once()
                renders += 1
                if stop_after is not None and renders >= stop_after:
                    return
                if self.watched_paths() != paths:  # another theme or photo: subscribe again
                    break
            else:
                return

"""Watch mode: one warm process, re-render when an input changes, report time or errors.

Watched: the profile, a variant file, the theme's folders and the profile's folder (for
images). A mistake in the profile is printed and the watcher waits for the next save.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from resume_builder.wording import count
from resume_builder.errors import UserError


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
                job = pipeline.prepare(self.profile, theme_name=self.theme, theme_dir=self.theme_dir,
                                       overrides=pipeline.parse_option_overrides(self.options), variant=self.variant)
                outputs = []
                for fmt in self.formats:
                    outputs += pipeline.render(job, fmt, pipeline.output_path(job, fmt, self.out_dir, None))
            pipeline.write(outputs)
        except UserError as error:
            for problem in error.problems:
                self._say(f"error: {problem}", "red")
            self._say("waiting for the next change…")
            return []
        elapsed = time.perf_counter() - started
        names = ", ".join(str(o.path) for o in outputs)
        self._say(f"rendered {names} in {elapsed:.2f}s", "green")
        return list(job.theme.folders)

    def watched_paths(self, theme_folders: list[Path]) -> list[Path]:
        paths = {self.profile.resolve().parent}
        if self.variant and Path(self.variant).suffix in (".yaml", ".yml", ".json"):
            paths.add(Path(self.variant).resolve().parent)
        if self.theme_dir:
            paths.add(self.theme_dir.resolve())
        paths.update(folder.resolve() for folder in theme_folders)
        return sorted(paths)

    def run(self, *, stop_after: int | None = None) -> None:
        from watchfiles import watch

        folders = self.render_once()
        out_dir = self.out_dir.resolve()
        self._say(f"watching {count(len(self.watched_paths(folders)), 'folder')}; Ctrl-C to stop")
        renders = 0

        def relevant(_change: object, path: str) -> bool:
            resolved = Path(path).resolve()
            return out_dir not in resolved.parents and not resolved.name.startswith(".") \
                and not resolved.name.endswith((".tmp", "~"))

        for _changes in watch(*self.watched_paths(folders), watch_filter=relevant, debounce=200,
                              raise_interrupt=True):
            folders = self.render_once() or folders
            renders += 1
            if stop_after is not None and renders >= stop_after:
                return

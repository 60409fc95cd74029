"""`resume-builder build`: render every target of the build file, incrementally and in parallel."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from resume_builder.commands.common import given_path, jobs_option, timeout_option, user_errors
from resume_builder.errors import (EXIT_BROKEN_PIPE, EXIT_CHECK_FAILED, EXIT_INTERRUPTED, EXIT_TERMINATED,
                                    OutputClosed, Terminated)


def build(
    config_file: Optional[Path] = typer.Option(None, "--config", "-c", parser=given_path,
                                               help="Build file. Default: resume-builder.toml or pyproject.toml."),
    jobs: Optional[int] = jobs_option("Worker processes (default, or 0: one per core)."),
    only: Optional[List[str]] = typer.Option(None, "--only", help="Build only outputs matching this glob, e.g. "
                                                                   "'*.pdf' or 'output/*.txt' (repeatable: any of them)."),
    clean: bool = typer.Option(False, "--clean", help="Remove previous outputs and rebuild everything "
                                                      "(with --only: the selected targets; the others keep theirs)."),
    timeout: Optional[float] = timeout_option(None, "Seconds one target may take to render (default: the build "
                                                    "file's 'timeout', else 120; 0: no limit; at most a day)."),
    no_wait: bool = typer.Option(False, "--no-wait",
                                 help="If another build is writing to the output folder, exit (2) instead of waiting."),
    no_server: bool = typer.Option(False, "--no-server",
                                   help="Render in this process's workers even when a 'resume-builder serve' is running."),
) -> None:
    """Build every target (profiles × variants × themes × formats), check each, write manifest.json."""
    from resume_builder.building.runner import sigterm_interrupts
    from resume_builder.building.session import BuildSession

    # SIGTERM (a cancelled CI job) stops the build as Ctrl-C does: it died at once, leaving
    # finished outputs and no manifest (release-engineer trial).
    with user_errors(), sigterm_interrupts():
        session = BuildSession.from_config(config_file, jobs=jobs, only=only, clean=clean, timeout=timeout)
        session.use_server = not no_server
        session.check_writable()  # a read-only output folder: said once, before the lock makes it
        with session.lock(wait=not no_wait):  # one build at a time per output folder; a second one waits
            try:
                failures = session.run()
            except OutputClosed:  # | head: what is complete is recorded, the workers stopped
                session.interrupted("standard output closed")
                raise typer.Exit(EXIT_BROKEN_PIPE) from None
            except KeyboardInterrupt as stop:
                terminated = isinstance(stop, Terminated)
                session.interrupted("SIGTERM" if terminated else "")
                raise typer.Exit(EXIT_TERMINATED if terminated else EXIT_INTERRUPTED) from None
    if failures:
        raise typer.Exit(EXIT_CHECK_FAILED)

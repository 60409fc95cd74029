"""Run a build: skip what is up to date, render the rest on a process pool, check, record.

Targets that share a profile, variant, theme and language form a group: a worker prepares
the document once and renders all of the group's formats. Each worker process imports
WeasyPrint once (pool initializer) and then renders many groups. Every target finishes
even when others fail; the caller reports the failures.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from resume_builder.building.config import Target


@dataclass
class TargetResult:
    target: Target
    status: str  # built, skipped, failed
    sha256: str = ""
    bytes: int = 0
    pages: int | None = None
    inputs: str = ""
    check: dict[str, Any] | None = None
    error: str = ""
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status == "failed" or (self.check is not None and not self.check.get("passed", True))


def _warm_up() -> None:
    """Pool initializer: import the heavy libraries once per worker."""
    import weasyprint  # noqa: F401

    from resume_builder import pipeline

    pipeline.available_formats()


def render_group(targets: list[Target], inputs: list[str], check: bool) -> list[TargetResult]:
    """Render one group of targets (runs in a worker process)."""
    import hashlib

    from resume_builder import pipeline
    from resume_builder.errors import UserError
    from resume_builder.formats import CHECKABLE

    first = targets[0]
    results: list[TargetResult] = []
    try:
        job = pipeline.prepare(first.profile, theme_name=first.theme, variant=first.variant or None,
                               **({"lang": first.lang} if first.lang else {}))
    except UserError as error:
        return [TargetResult(t, "failed", inputs=h, error=error.render()) for t, h in zip(targets, inputs)]
    for target, digest in zip(targets, inputs):
        started = time.perf_counter()
        try:
            outputs = pipeline.render(job, target.fmt, target.output)
            pipeline.write(outputs)
        except UserError as error:
            results.append(TargetResult(target, "failed", inputs=digest, error=error.render()))
            continue
        except Exception as exc:  # a bug: keep going with other targets, report with its type
            import traceback

            results.append(TargetResult(target, "failed", inputs=digest,
                                        error=f"internal error: {exc!r}\n{traceback.format_exc()}"))
            continue
        main = outputs[0]
        result = TargetResult(target, "built", sha256=hashlib.sha256(main.data).hexdigest(),
                              bytes=len(main.data), pages=main.pages if target.fmt == "pdf" else None,
                              inputs=digest, warnings=list(main.warnings))
        if check and target.fmt in CHECKABLE:
            result.check = run_check(target.output, job.document)
            if result.check and result.check.get("pages") and result.pages is None:
                result.pages = result.check["pages"]
        result.seconds = time.perf_counter() - started
        results.append(result)
    return results


def run_check(path: Path, document: Any) -> dict[str, Any] | None:
    """The ATS check's verdict for one file, or None when the check is not installed."""
    try:
        from resume_builder.checking import run_checks
    except ImportError:
        return None
    report = run_checks(path, document=document)
    return report.to_dict() if hasattr(report, "to_dict") else dict(report)


def run_build(targets: list[Target], inputs: list[str], *, jobs: int, check: bool,
              on_result: Callable[[TargetResult], None]) -> list[TargetResult]:
    """Render ``targets`` (already filtered to those needing work) and return their results."""
    groups: dict[tuple, tuple[list[Target], list[str]]] = {}
    for target, digest in zip(targets, inputs):
        members = groups.setdefault(target.group, ([], []))
        members[0].append(target)
        members[1].append(digest)
    results: list[TargetResult] = []
    workers = max(1, min(jobs or os.cpu_count() or 1, len(groups)))
    if workers == 1:
        for members, digests in groups.values():
            for result in render_group(members, digests, check):
                results.append(result)
                on_result(result)
        return results
    executor = ProcessPoolExecutor(max_workers=workers, initializer=_warm_up)
    try:
        futures = {executor.submit(render_group, members, digests, check): members
                   for members, digests in groups.values()}
        for future in as_completed(futures):
            try:
                group_results = future.result()
            except Exception as exc:  # a worker died: its targets failed, the rest go on
                group_results = [TargetResult(t, "failed", error=f"worker failed: {exc!r}") for t in futures[future]]
            for result in group_results:
                results.append(result)
                on_result(result)
    except KeyboardInterrupt:
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    else:
        executor.shutdown(wait=True)
    return results

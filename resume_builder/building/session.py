"""One build: plan (what is up to date), run, show progress, write the manifest, report."""

from __future__ import annotations

import dataclasses

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from resume_builder import __version__
from resume_builder.wording import count, file_size
from resume_builder.building.config import BuildConfig, Target, check_targets, load_config, select
from resume_builder.building.inputs import named_files, reads_digest, target_inputs, target_reads
from resume_builder.building.manifest import MANIFEST, read_manifest, sha256_file, write_manifest
from resume_builder.building.runner import TargetResult, run_build
from resume_builder.containment import real


@dataclass
class BuildSession:
    config_path: Path
    config: BuildConfig
    targets: list[Target]
    jobs: int
    clean: bool
    out_dir: Path
    timeout: float | None = None
    finished: list[TargetResult] = field(default_factory=list)
    previous: dict[str, dict[str, Any]] = field(default_factory=dict)
    pending: set[Path] = field(default_factory=set)  # outputs this build may still replace
    # Every target of the build file, also those --only leaves out: their manifest entries
    # stay while their files keep the hash recorded, so the next build can skip them.
    all_targets: list[Target] = field(default_factory=list)
    use_server: bool = True  # hand the work to a running `serve` (--no-server: never)
    # path -> ((size, mtime_ns, inode), sha256) of the files this build hashed (_digest)
    hashed: dict[Path, tuple[tuple[int, int, int], str]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_config(cls, path: Path | None, *, jobs: int | None = None, only: str | list[str] | None = None,
                    clean: bool = False, timeout: float | None = None) -> "BuildSession":
        config_path, config = load_config(path)
        base = real(config_path).parent
        out_dir = base / config.out_dir
        # every mistake of the file at once, at its line: missing inputs, unknown names, names that
        # leave out_dir or meet, and (with those) folders that cannot be written
        every = check_targets(config, base, source=config_path)
        # --only is matched once the file has no mistake: before, the outputs of the targets with
        # one (an unknown format's, a name's that leaves out_dir) are not known, so "--only '*.pfd'
        # matches no target" could be said of a glob that matches once the file is fixed
        targets = select(every, only, base) if only else every
        return cls(config_path, config, targets, jobs if jobs is not None else config.jobs, clean, out_dir,
                   timeout=timeout if timeout is not None else config.timeout, all_targets=every)

    def _key(self, target: Target) -> str:
        return self._key_of(target.output)

    def _owner(self, name: str) -> Target | None:
        """The target that writes the manifest entry ``name`` (a PNG target writes NAME-<page>.png)."""
        import re

        for target in self.all_targets or self.targets:
            key = self._key(target)
            if key == name:
                return target
            if target.fmt == "png" and re.fullmatch(re.escape(key[:-4]) + r"-[0-9]+\.png", name):
                return target
        return None

    def _key_of(self, path: Path) -> str:
        return str(path.relative_to(self.out_dir)) if path.is_relative_to(self.out_dir) else str(path)

    def plan(self) -> tuple[list[Target], list[str], list[TargetResult]]:
        """Targets to render (with their input hashes) and results for those already up to date."""
        base = real(self.config_path).parent
        reads: dict[tuple, str] = {}  # by group: the hash of the files its render reads
        folders: dict[Path, str] = {}  # theme folders hashed in this build
        problems: list[str] = []
        old = read_manifest(self.out_dir, problems)
        for problem in problems:  # a corrupt manifest means a full build, never a crash
            from resume_builder.console import err

            err(f"warning: {problem}", style="yellow")
        self.previous = old
        if self.clean:
            # --only with --clean rebuilds the targets it selects from scratch: the outputs of
            # the other targets stay, on disk and in the manifest (they were all deleted, which
            # a newcomer trial found surprising); files of no target at all go, as in a full clean.
            selected = {target.output for target in self.targets}
            partial = any(target.output not in selected for target in self.all_targets)
            if partial:
                mine = {name for name in old if (owner := self._owner(name)) is None or owner.output in selected}
                self.previous = {name: entry for name, entry in old.items() if name not in mine}
                self._write_manifest()
                self._remove_outputs({name: old[name] for name in mine}, manifest=False)
            else:
                self.previous = {}
                # the manifest is rewritten (without the files about to go) before any file goes,
                # never deleted: a build killed from here on leaves one describing files as they are
                self._write_manifest()
                self._remove_outputs(old, manifest=False)
        todo, digests, skipped = [], [], []
        for index, target in enumerate(self.targets):
            if target.fmt in ("pdf", "docx") and self._key(target) not in old and target.output.is_file():
                # not this build's file: replaced only if it records the same document
                target = self.targets[index] = dataclasses.replace(target, guard=True)
            key = (*target.group, target.zip)
            if key not in reads:
                reads[key] = reads_digest(_reads(target), base, folders)
            digest = target_inputs(target, reads[key], self.config.check, base)
            entry = self.previous.get(self._key(target))
            if entry and entry.get("inputs") == digest and target.output.is_file() \
                    and sha256_file(target.output) == entry.get("sha256"):
                skipped.append(TargetResult(target, "skipped", sha256=entry["sha256"], bytes=entry.get("bytes", 0),
                                            pages=entry.get("pages"), inputs=digest,
                                            check=_check_from_summary(entry.get("check")),
                                            files=[(target.output, entry["sha256"], entry.get("bytes", 0))]))
            else:
                todo.append(target)
                digests.append(digest)
        return todo, digests, skipped

    def _remove_outputs(self, old: dict[str, dict[str, Any]], *, manifest: bool = True) -> None:
        """Delete the files ``old`` (manifest entries) names inside the output folder, this
        build's targets' outputs, and (``manifest``) the manifest itself."""
        root = real(self.out_dir)
        for name in old:
            path = self.out_dir / name
            # the manifest is a file in the repository: '../x' or '/home/...' must not delete anything
            if real(path.parent).is_relative_to(root) and (path.is_file() or path.is_symlink()):
                path.unlink()  # a symlink goes, never what it points at
        for target in self.targets:
            if target.output.is_file():
                target.output.unlink()
        if manifest:
            (self.out_dir / MANIFEST).unlink(missing_ok=True)

    def check_writable(self) -> None:
        """Raise one UserError, at the build file's ``out_dir`` line, naming each folder a
        target writes to that cannot be made or written (a read-only mount, ``chattr +i``, no
        permission, a file where a bundle's folder goes). Called before anything is rendered:
        a read-only output folder was found only after every target had rendered, each
        failing with its own line (newcomer trial: 23 targets, 8.7 s, 23 FAILED lines).

        Probes each folder (or, while it does not exist, the nearest folder above it that
        does) by creating and removing a temporary file: permission bits alone do not say
        what root, a read-only mount or an immutable folder allow.
        """
        from resume_builder.errors import UserError

        problems = unwritable_problems(self.config_path, self.out_dir, [target.output for target in self.targets])
        if problems:
            raise UserError(problems)

    def lock(self, *, wait: bool = True):
        """The output folder's lock (resume_builder/building/lock.py): hold it around run().

        With ``wait``, a build that finds the folder locked says so and waits; without, it
        raises UserError.
        """
        from resume_builder.building.lock import output_lock
        from resume_builder.console import err

        return output_lock(self.out_dir, wait=wait, on_wait=lambda message: err(message, style="yellow"))

    def broken_profiles(self) -> dict[Path, str]:
        """Load each profile the targets use, once, and say each problem of one that does not
        load, once (each of its targets failed apart, with the same located error twice per
        target: 11 targets printed it 22 times, newcomer trial).

        Returns each broken profile with the short reason its targets fail with; their
        targets are not rendered, the other profiles' are.
        """
        from resume_builder.console import err
        from resume_builder.errors import UserError
        from resume_builder.loading import load_profile

        uses: dict[Path, int] = {}
        for target in self.targets:
            uses[target.profile] = uses.get(target.profile, 0) + 1
        broken: dict[Path, str] = {}
        for profile, count in uses.items():
            try:
                load_profile(profile)
            except UserError as error:
                for line in error.shown():
                    err(f"error: {line}", style="red")
                many = f"{len(error.problems)} problems" if len(error.problems) > 1 else "a problem"
                targets = "its target is" if count == 1 else f"its {count} targets are"
                others = ", the others are" if count < len(self.targets) else ""
                err(f"{_display(profile)} has {many}: {targets} not built{others}", style="red")
                broken[profile] = f"{profile.name} has {many} (said above)"
        return broken

    def run(self) -> list[TargetResult]:
        """Plan, render, verify and record; call with :meth:`lock` held."""
        self.check_writable()
        broken = self.broken_profiles()
        todo, digests, skipped = self.plan()
        unbuilt = [TargetResult(target, "failed", inputs=digest, error=broken[target.profile])
                   for target, digest in zip(todo, digests) if target.profile in broken]
        todo, digests = [t for t in todo if t.profile not in broken], [d for t, d in zip(todo, digests)
                                                                         if t.profile not in broken]
        self.finished = list(skipped)
        self.pending = {target.output for target in todo}
        owners = (self._owner(name) for name in self.previous)
        if any(owner is not None and owner.output in self.pending for owner in owners):
            # Files about to be replaced leave the manifest before any is touched: should this
            # build be killed, the manifest still describes only files as they are.
            self._write_manifest()
        reporter = _Reporter(len(self.targets), already=len(skipped))
        for result in skipped:
            reporter.line(result)
        def record(result: TargetResult) -> None:  # as each arrives: Ctrl-C keeps what is complete
            self.finished.append(result)
            if result.status == "built":  # recorded at once: a kill -9 from now on keeps it in the manifest
                self._write_manifest()
            reporter.update(result)

        with reporter:
            for result in unbuilt:
                record(result)
            run_build(todo, digests, jobs=self.jobs, check=self.config.check, on_result=record,
                      timeout=self.timeout or None, server_dir=self.out_dir if self.use_server else None,
                      notice=_note)
        self.pending = set()  # every worker has finished: nothing writes any more
        self._write_manifest()
        failures = [r for r in self.finished if r.failed]
        reporter.summary(self.finished, failures, self.out_dir / MANIFEST)
        return failures

    def interrupted(self, signal_name: str = "") -> None:
        """Ctrl-C (or ``signal_name``, SIGTERM): record only the files that are complete, then stop.

        The workers are stopped by then (runner.stop_workers); a temporary file that one
        could not remove (killed mid-write) is removed here.
        """
        self._remove_temporaries()
        self.pending = set()
        self._write_manifest()
        from resume_builder.console import err

        err(f"interrupted{f' ({signal_name})' if signal_name else ''}: {len(self.finished)} of {count(len(self.targets), 'target')} complete; "
            f"{_display(self.out_dir / MANIFEST)} lists only complete files")

    def _digest(self, path: Path) -> str | None:
        """The SHA-256 of ``path`` as it is now (None: not a file), hashed again only when its
        size or modification time changed since this build last hashed it: the manifest is
        written after every target, and hashing every finished file each time grew with the
        square of the number of targets."""
        try:
            info = path.stat()
        except OSError:
            return None
        stamp = (info.st_size, info.st_mtime_ns, info.st_ino)
        if self.hashed.get(path, (None,))[0] != stamp:
            self.hashed[path] = (stamp, sha256_file(path))
        return self.hashed[path][1]

    def _write_manifest(self) -> None:
        """Write manifest.json listing only files whose bytes on disk have the hash recorded.

        Every hash is checked against the file as it is now: a file changed by another
        writer since it was rendered is left out, and its target fails with a message
        saying so. Older entries are kept for targets neither run now nor pending.
        """
        from resume_builder.output import source_date_epoch

        entries = {}
        done = {r.target.output for r in self.finished} | self.pending
        for name, entry in self.previous.items():  # keep complete outputs of targets not run now
            path = self.out_dir / name
            owner = self._owner(name)
            if owner is not None and owner.output not in done and path.is_file() \
                    and self._digest(path) == entry.get("sha256"):  # not replaced by an unrecorded render
                entries[name] = entry
        for result in self.finished:
            if result.status == "failed":
                continue
            files = result.files or [(result.target.output, result.sha256, result.bytes)]
            changed = [path for path, digest, _ in files if self._digest(path) != digest]
            if changed:
                result.status = "failed"
                result.error = (f"{_display(changed[0])} changed on disk after it was written (another program "
                                "writing to the output folder?); left out of the manifest")
                continue
            for path, digest, size in files:
                key = self._key_of(path)
                entries[key] = {
                    "file": key, "sha256": digest, "bytes": size,
                    "pages": result.pages if len(files) == 1 else 1, "format": result.target.fmt,
                    "profile": _relative(result.target.profile, real(self.config_path).parent),
                    "variant": Path(result.target.variant).stem if result.target.variant else None,
                    "theme": result.target.theme, "inputs": result.inputs, "check": _check_summary(result.check),
                    "source_date_epoch": source_date_epoch(),  # what this file was built with
                }
        self.out_dir.mkdir(parents=True, exist_ok=True)
        # The build's epoch is its files' when they share one; null when a build --only under
        # another SOURCE_DATE_EPOCH left files of two (it named the last one for all: newcomer trial).
        epochs = {entry.get("source_date_epoch") for entry in entries.values()}
        epoch = source_date_epoch() if not entries else next(iter(epochs)) if len(epochs) == 1 else None
        write_manifest(self.out_dir, list(entries.values()), tool_version=__version__, epoch=epoch)

    def _remove_temporaries(self) -> None:
        """Temporary files of our atomic writes (``.NAME.*.tmp``, NAME cut short: output.temporary_prefix)
        beside this build's outputs."""
        import glob

        from resume_builder.output import temporary_prefix

        for target in self.targets:
            folder = target.output.parent
            if not folder.is_dir():
                continue
            start = temporary_prefix(target.output.stem).rstrip(".")  # also NAME-2.png's
            for leftover in folder.glob(f"{glob.escape(start)}*.tmp"):
                try:
                    leftover.unlink()
                except OSError:
                    pass


def unwritable_problems(config_path: Path | None, out_dir: Path, outputs: list[Path]) -> list:
    """One problem, at the build file's ``out_dir`` line, for each place where ``out_dir`` or
    the folder of one of ``outputs`` cannot be made or written (:meth:`BuildSession.check_writable`;
    also said beside the build file's other mistakes, :func:`~resume_builder.building.config.survey`)."""
    from resume_builder.building.config import _problem

    folders = dict.fromkeys([out_dir, *(output.parent for output in outputs)])
    refused: dict[Path, str] = {}  # the folder a write was refused in: why
    for folder in folders:
        found = _unwritable(folder)
        if found is not None:
            refused.setdefault(*found)
    problems = []
    for place, why in refused.items():
        wanted = sorted({_display(f) for f in folders if f == place or place in f.parents})
        under = "" if wanted == [_display(place)] else f" (for {', '.join(wanted[:3])}{', …' if len(wanted) > 3 else ''})"
        fix = "move the file away, or give the target another 'name'" if place.is_file() else \
            "make the folder writable (a read-only mount? chattr +i? its owner?), or set out_dir to a folder " \
            "you can write"
        problems.append(_problem(config_path, f"cannot write in {_display(place)}{under}: {why}; "
                                 "nothing was built", ("out_dir",), fix))
    return problems


def _unwritable(folder: Path) -> tuple[Path, str] | None:
    """Where a write into ``folder`` (made first when missing) is refused and why: the
    folder itself, or the nearest one above it that exists (or the file in the way); None
    when a file can be created there."""
    import os
    import tempfile

    place = folder
    while not place.exists() and not place.is_symlink() and place.parent != place:
        place = place.parent
    if not place.is_dir():
        return place, "it is a file, not a folder" if place.exists() else "it does not exist"
    try:
        handle, name = tempfile.mkstemp(prefix=".resume-builder-probe-", suffix=".tmp", dir=place)
    except OSError as exc:
        return place, exc.strerror or str(exc)
    os.close(handle)
    try:
        os.unlink(name)
    except OSError:
        pass
    return None


def _reads(target: Target) -> Any:
    """What ``target``'s render reads; what it names itself when that cannot be looked into
    (it then fails with the reason, and is built again next time)."""
    try:
        return target_reads(target)
    except Exception:  # noqa: BLE001 - a UserError, or an installed theme's entry point raising anything
        return named_files(target)


def _display(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it, as
    the build file names it (an output folder that is a symbolic link to elsewhere is shown by
    its own name, ``output/cv.pdf``: its targets were shown by their absolute paths)."""
    cwd = Path.cwd()
    tidy = Path(os.path.normpath(path.absolute()))
    if tidy != path.absolute() and real(tidy) == real(path):  # out_dir = "../out" from w/: not w/../out (trial)
        path = tidy
    for candidate, folder in ((path.absolute(), cwd), (path.resolve, cwd.resolve)):
        try:
            return str((candidate() if callable(candidate) else candidate)
                       .relative_to(folder() if callable(folder) else folder))
        except (ValueError, RuntimeError, OSError):  # a loop of links: RuntimeError on Python 3.11
            continue
    return str(path)


def _relative(path: Path, base: Path) -> str:
    try:
        return str(real(path).relative_to(base))
    except ValueError:
        return str(path)


def _check_summary(check: dict[str, Any] | None) -> dict[str, Any] | None:
    """A check's verdict as the manifest keeps it: passed, the names of the checks that failed
    and (when any failed) why, by name, so an output that is up to date keeps both."""
    if check is None:
        return None
    failures = [c for c in check.get("checks", []) if not c.get("passed", True)]
    summary: dict[str, Any] = {"passed": bool(check.get("passed", not failures)),
                               "failed": [c.get("name") for c in failures]}
    reasons = {c.get("name"): c.get("detail") for c in failures if c.get("detail")}
    if reasons:
        summary["reasons"] = reasons
    return summary


def _check_from_summary(summary: Any) -> dict[str, Any] | None:
    """The check an up-to-date output's manifest entry records (:func:`_check_summary`) as a
    build's result again, so it is recorded and reported as when it was made (it became
    "failed": [] beside "passed": false, said with no reason: release-engineer trial)."""
    if not isinstance(summary, dict):
        return None
    failed = summary.get("failed") if isinstance(summary.get("failed"), list) else []
    reasons = summary.get("reasons") if isinstance(summary.get("reasons"), dict) else {}
    return {"passed": bool(summary.get("passed", not failed)),
            "checks": [{"name": name, "passed": False, "detail": reasons.get(name) or ""} for name in failed]}


class _Reporter:
    """A rich progress bar on a terminal; one plain line per target otherwise (CI logs)."""

    def __init__(self, total: int, *, already: int) -> None:
        self.total = total
        self.done = already
        self.tty = sys.stdout is not None and sys.stdout.isatty()  # None: started with it closed (>&-)
        self.progress = None

    def __enter__(self) -> "_Reporter":
        if self.tty and self.done < self.total:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.progress = Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(),
                                     TimeElapsedColumn(), TextColumn("{task.description}"), transient=True)
            self.progress.start()
            self.task = self.progress.add_task("", total=self.total, completed=self.done)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.progress is not None:
            self.progress.stop()

    def update(self, result: TargetResult) -> None:
        self.done += 1
        if self.progress is not None:
            from resume_builder.console import shown

            # as console.err shows a message: a control character in a file name never printed raw
            self.progress.update(self.task, advance=1, description=shown(result.target.output.name))
            self.progress.console.print(shown(self._text(result)), markup=False, highlight=False)
        else:
            self.line(result)

    def line(self, result: TargetResult) -> None:
        from resume_builder.console import out

        out(self._text(result))

    @staticmethod
    def _text(result: TargetResult) -> str:
        name = _display(result.target.output)
        if result.status == "skipped":
            return f"up to date  {name}"
        if result.status == "failed":
            return f"FAILED      {name}: {result.error.splitlines()[0] if result.error else ''}"
        pages = f", {count(result.pages, 'page')}" if result.pages else ""
        check = ""
        if result.check is not None:
            check = ", ATS check passed" if result.check.get("passed") else ", ATS check FAILED"
        return f"built       {name} ({file_size(result.bytes)}{pages}{check}, {result.seconds:.1f}s)" \
            + "".join(f"\n            {message}" for message in result.messages)  # the page budget's report

    def summary(self, results: list[TargetResult], failures: list[TargetResult], manifest: Path) -> None:
        from resume_builder.console import err, out

        built = sum(r.status == "built" for r in results)
        skipped = sum(r.status == "skipped" for r in results)
        # What render would have said of each (a language without built-in words, ...), each
        # warning once with the targets it is about: "the letter is undated" came once per
        # letter target (newcomer trial).
        about: dict[str, list[str]] = {}
        for result in results:
            for warning in result.warnings:
                about.setdefault(warning, []).append(_display(result.target.output))
        for warning, outputs in about.items():
            if len(outputs) == 1:
                err(f"warning: {outputs[0]}: {warning}", style="yellow")
            else:
                shown = ", ".join(outputs[:3]) + (", …" if len(outputs) > 3 else "")
                err(f"warning: {count(len(outputs), 'target')} ({shown}): {warning}", style="yellow")
        out(f"{built} built, {skipped} up to date, {len(failures)} failed; manifest: {_display(manifest)}")
        # Targets that failed for one reason (a broken profile's; a résumé that does not fit, in
        # each format and its bundle) are one line for them all, with the reason once: the same
        # reason came once per target (trial), after each target's FAILED line had said it.
        said: dict[str, list[str]] = {}
        for failure in failures:
            if failure.error:
                said.setdefault(failure.error, []).append(_display(failure.target.output))
                continue
            err(f"failed: {_display(failure.target.output)}", style="red")
            if failure.check:
                for check in failure.check.get("checks", []):
                    if not check.get("passed", True):
                        err(f"  ATS check '{check.get('name')}': {check.get('detail', '')}")
        for error, outputs in said.items():
            err(f"failed: {', '.join(outputs)}", style="red")
            for line in error.splitlines():
                err(f"  {line}")


def _note(text: str) -> None:
    """A sentence the user should know about while the build runs (on standard error)."""
    from resume_builder.console import err

    err(f"note: {text}")

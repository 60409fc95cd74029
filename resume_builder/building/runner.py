"""Run a build: skip what is up to date, render the rest on a process pool, check, record.

Targets that share a profile, variant, theme and language form a group: a worker prepares
the document once and renders all of the group's formats. Each worker process imports
WeasyPrint once (pool initializer) and then renders many groups. Every target finishes
even when others fail; the caller reports the failures.
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from resume_builder.building import OUT_DIR_HINT
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
    files: list[tuple[Path, str, int]] = field(default_factory=list)  # every file written: path, sha256, bytes
    # what render says of the document besides the file: the page budget's report (tightened, cut,
    # kept for the posting), said once per prepared document, with the first of its files built
    messages: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status == "failed" or (self.check is not None and not self.check.get("passed", True))


# Set in build worker processes (never in the main process): SIGTERM from the parent asks
# a worker to stop; it finishes no further target.
_STOPPING = False
_IN_WORKER = False
# Told of each target's result as soon as it is complete, before the rest of its group
# (set by run_build: in a worker, a queue to the build; in the build's own process, its
# report). A group's results came back only when the whole group was done, so a Ctrl-C
# left that group's finished files on disk, unlisted ("0 of 26 targets complete" beside two
# complete PDFs: newcomer trial).
_PROGRESS: Callable[[Any], None] | None = None


#: Seconds a stopping worker is given to unwind before it exits regardless (see _on_sigterm).
UNWIND_SECONDS = 5.0
# True while a worker writes a target's files, and while it tells the build of them: a
# SIGTERM then waits until that is done (_render_group). Its SystemExit, raised between a
# file's last rename and the worker noting the write, or half-way through telling the build,
# left the file on disk and the build unaware of it (a complete file the manifest did not
# list: full test runs, test_sigterm_stops_like_ctrl_c...).
_HOLDING = False


def _on_sigterm(signum, frame):
    """SIGTERM in a worker: unwind (a write in progress removes its temporary file), then exit.

    The SystemExit raised here can be lost: raised inside a C library's callback into Python
    (cffi prints and drops it) or inside the process pool's own result handling (which
    catches BaseException), the worker would go back to waiting for work from a parent that
    is gone, forever. So the first SIGTERM also starts a watchdog that ends the process
    after :data:`UNWIND_SECONDS` whatever happens; an unwinding that ends sooner exits sooner.
    Later SIGTERMs change nothing: they would break off the unwinding.
    """
    global _STOPPING
    if _STOPPING:
        # Told again while stopping (the build stops its workers, then, as it exits, the
        # kernel signals them for their parent's death): a second SystemExit would break off
        # the first one's unwinding, in a clean-up or in a callback run during exit ("Exception
        # ignored in ... Traceback" on the build's stderr). The watchdog ends it in time.
        return
    _STOPPING = True
    import threading

    def watchdog() -> None:
        time.sleep(UNWIND_SECONDS)
        os._exit(128 + signum)

    threading.Thread(target=watchdog, name="stop-watchdog", daemon=True).start()
    if _HOLDING:  # a target is being written or told to the build: it stops after (_render_group)
        return
    raise SystemExit(128 + signum)  # unwinds a write in progress: its temporary file is removed


#: Formats whose targets lay pages out with WeasyPrint (a bundle holds a PDF).
_LAID_OUT = frozenset({"pdf", "png", "bundle"})


def _needs_layout(targets: list[Target]) -> bool:
    """Whether some target is laid out by WeasyPrint, so workers import it before their first
    target. Other targets import it themselves if they need it (a page budget lays out pages
    whatever the format): a build of Markdown and text alone starts no WeasyPrint."""
    return any(target.fmt in _LAID_OUT for target in targets)


def _warm_up(parent: int | None = None, layout: bool = True, progress: Any = None) -> None:
    """Pool initializer: stop signals, then import the heavy libraries once per worker
    (WeasyPrint only when ``layout``: see :func:`_needs_layout`).

    Ctrl-C reaches every process of the terminal's group: workers ignore it and the
    parent stops them (SIGTERM), so a worker never dies half-way through a write.
    ``parent`` is the build's process id when workers are forked from it: a worker
    stops when the build dies, however it dies (see :func:`_die_with_parent`).
    ``progress``: a queue the worker puts each complete target's result on (:data:`_PROGRESS`).
    """
    import signal

    global _IN_WORKER, _PROGRESS
    _IN_WORKER = True
    _PROGRESS = progress.put if progress is not None else None
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_while_warming_up)
    _die_with_parent(parent)
    if layout:
        import weasyprint  # noqa: F401

    from resume_builder import pipeline

    pipeline.available_formats()
    signal.signal(signal.SIGTERM, _on_sigterm)


def _exit_while_warming_up(signum, frame):
    """SIGTERM while a worker still imports its libraries: nothing is being written, so it
    exits at once. A SystemExit raised there reached the process pool, which printed it as
    "Exception in initializer: Traceback ..." for every worker (Ctrl-C half a second into a
    build: trial)."""
    os._exit(128 + signum)


def _fork_parent() -> int | None:
    """This process's id when workers are forked from it (their parent), else None."""
    import multiprocessing

    return os.getpid() if multiprocessing.get_start_method() == "fork" else None


def _die_with_parent(parent: int | None) -> None:
    """In a worker: get SIGTERM when the process that started it dies (``kill -9`` included).

    Without this, a build killed with SIGKILL left its workers running, orphaned: they
    kept writing outputs for seconds (under a manifest that no longer described them) and
    then idled at about 140 MB each, forever. On Linux the kernel sends the signal
    (``prctl(PR_SET_PDEATHSIG)``); elsewhere a thread checks every half second whether
    the worker has been re-parented. SIGTERM unwinds a write in progress (its temporary
    file is removed, no rename happens) and the worker exits. A parent that died before
    the signal was armed is caught by comparing ``os.getppid()`` with ``parent``.
    """
    import signal
    import sys

    armed = False
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(1, int(signal.SIGTERM), 0, 0, 0) == 0  # 1: PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            armed = False
    first = os.getppid()
    if parent is not None and first != parent:
        os._exit(1)  # the build died while this worker was starting
    if armed:
        return
    import threading

    def watch() -> None:
        while os.getppid() == first:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


def _cpu_backstop(timeout: float | None) -> None:
    """In a worker: let the kernel kill it if one target spins far past its time limit.

    The time limit (SIGALRM, resume_builder.limits.time_limit) stops a render between
    two Python steps; a render stuck inside a C library would not see it. RLIMIT_CPU
    does: past twice the limit plus 30 s of CPU the worker gets SIGXCPU and dies, and the
    parent fails that target alone (see run_build).
    """
    if not _IN_WORKER or not timeout:
        return
    try:
        import resource
    except ImportError:
        return
    used = time.process_time()
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    wanted = int(used + 2 * timeout + 30)
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (wanted, hard))


def render_group(targets: list[Target], inputs: list[str], check: bool,
                 timeout: float | None = None) -> list[TargetResult]:
    """Render one group of targets (runs in a worker process).

    Each target's render (and the group's preparation) is stopped after ``timeout``
    seconds, and the whole group runs under the memory cap (resume_builder/limits.py):
    a hostile profile or theme fails its own targets, with a clear message, and no other.
    """
    from resume_builder.limits import memory_limit

    if _STOPPING:
        return []
    try:
        with memory_limit():
            results = _render_group(targets, inputs, check, timeout)
    except SystemExit:
        if _IN_WORKER:  # SIGTERM (stopped, or the build died): the write in progress is undone; go
            os._exit(143)
        raise
    if _STOPPING and _IN_WORKER:  # a SIGTERM whose SystemExit was lost on the way: still go
        os._exit(143)
    return results


def _render_group(targets: list[Target], inputs: list[str], check: bool,
                  timeout: float | None, deadline: float | None = None) -> list[TargetResult]:
    """The group's results (see :func:`render_group`). ``deadline``: a ``time.time()`` after
    which nothing more is written (a ``serve`` building for a build that stopped waiting)."""
    from resume_builder import pipeline
    from resume_builder.errors import UserError
    from resume_builder.limits import time_limit

    first = targets[0]
    results: list[TargetResult] = []
    try:
        _cpu_backstop(timeout)
        request = first.request()  # the request building/inputs.py looks into: one for both
        if first.document == "bundle":
            return [_render_bundle(target, request, digest, check, timeout) for target, digest in zip(targets, inputs)]
        with time_limit(timeout, f"preparing {first.profile.name}"):
            if first.document == "letter":
                from resume_builder import letter_pipeline

                job = letter_pipeline.prepare_letter(request, first.letter)
            else:
                job = pipeline.prepare(request)
    except UserError as error:
        return [TargetResult(t, "failed", inputs=h, error=error.render()) for t, h in zip(targets, inputs)]
    except MemoryError:
        return [TargetResult(t, "failed", inputs=h, error="ran out of memory while preparing the document")
                for t, h in zip(targets, inputs)]
    global _HOLDING
    for target, digest in zip(targets, inputs):
        if _STOPPING:
            break
        started = time.perf_counter()
        outputs: list[Any] = []
        written = told = False
        try:
            _cpu_backstop(timeout)
            with time_limit(timeout, f"rendering {target.output.name}"):
                outputs = pipeline.render(job, target.fmt, target.output)
            if deadline is not None and time.time() > deadline:
                break  # the build stopped waiting and builds the group itself: nothing late
            if target.guard:  # a file there the build did not make (building/session.py)
                from resume_builder.replacing import guard_replacements

                guard_replacements(outputs, by_build=True)
            _HOLDING = True  # a SIGTERM waits until the files are written and noted (_on_sigterm)
            try:
                pipeline.write(outputs, standard_output=None, folder_hint=OUT_DIR_HINT)
                written = True
            finally:
                _HOLDING = False
            if _STOPPING:  # stopped while writing: undone below, as any stop before the build is told
                raise SystemExit(143)
            result = _finished(target, digest, job, outputs, check, timeout, started,
                               first_built=not any(r.status == "built" for r in results))
            _HOLDING = True  # a SIGTERM waits until the build is told
            try:
                told = not _IN_WORKER  # in the build's own process the report records it, then may stop
                _announced(result)
                told = True
            finally:
                _HOLDING = False
        except UserError as error:
            results.append(_announced(TargetResult(target, "failed", inputs=digest, error=error.render())))
            continue
        except MemoryError:
            _unwrite(outputs if written else [])
            results.append(_announced(TargetResult(target, "failed", inputs=digest,
                                                   error="ran out of memory (the limit is in resume_builder/limits.py)")))
            continue
        except Exception as exc:  # a bug: keep going with other targets, report with its type
            import traceback

            _unwrite(outputs if written else [])
            results.append(_announced(TargetResult(target, "failed", inputs=digest,
                                                   error=f"internal error: {exc!r}\n{traceback.format_exc()}")))
            continue
        except BaseException:  # stopped (SIGTERM, Ctrl-C) before the build heard of these files
            _unwrite(outputs if written and not told else [])
            raise
        results.append(result)
    return results


def _reported_held(report: Callable[[list[TargetResult]], None], result: TargetResult) -> None:
    with _results_held():
        report([result])


def _announced(result: TargetResult) -> TargetResult:
    """``result``, told to :data:`_PROGRESS` (the build) at once."""
    if _PROGRESS is not None:
        _PROGRESS(result)
    return result


def _unwrite(outputs: list[Any]) -> None:
    """Remove the files of ``outputs`` that hold what this render wrote: a target stopped
    after its write but before the build heard of it leaves no file its manifest does not
    list. A file that holds anything else (an older file not replaced yet) stays."""
    for output in outputs:
        try:
            if output.path.read_bytes() == output.data:
                output.path.unlink()
        except OSError:
            pass


def _finished(target: Target, digest: str, job: Any, outputs: list[Any], check: bool,
              timeout: float | None, started: float, first_built: bool = True) -> TargetResult:
    """The result of a target whose ``outputs`` are written: hashes, pages, warnings, its check;
    the document's messages (the page budget's report) with the first file built of it only."""
    import hashlib

    from resume_builder.errors import UserError
    from resume_builder.formats import CHECKABLE
    from resume_builder.limits import time_limit

    main = outputs[0]
    result = TargetResult(target, "built", sha256=hashlib.sha256(main.data).hexdigest(),
                          bytes=len(main.data), pages=main.pages if target.fmt == "pdf" else None,
                          inputs=digest, warnings=list(dict.fromkeys([*job.warnings, *main.warnings])),
                          files=[(o.path, hashlib.sha256(o.data).hexdigest(), len(o.data)) for o in outputs],
                          messages=list(job.messages) if first_built else [])
    if check and target.fmt in CHECKABLE:
        try:
            with time_limit(timeout, f"checking {target.output.name}"):
                result.check = run_check(target.output, job.document)
        except UserError as error:
            result.status, result.error = "failed", error.render()
        if result.check and result.check.get("pages") and result.pages is None:
            result.pages = result.check["pages"]
    result.seconds = time.perf_counter() - started
    return result


def _render_bundle(target: Target, request: Any, digest: str, check: bool, timeout: float | None) -> TargetResult:
    """One application bundle (building/bundle.py): rendered, written all-or-nothing, its PDF
    and DOCX files checked (in a folder bundle; a zip is checked through its folder twin)."""
    import hashlib

    from resume_builder import pipeline
    from resume_builder.building.bundle import make_bundle
    from resume_builder.errors import UserError
    from resume_builder.limits import time_limit

    started = time.perf_counter()
    try:
        import dataclasses

        request = dataclasses.replace(request, out_dir=target.output.parent.parent if not target.zip
                                      else target.output.parent)
        named = target.output.stem if target.zip else target.output.parent.name
        with time_limit(timeout, f"bundling {named}"):
            made = make_bundle(request, target.letter, zip_file=target.zip, name=named)
        outputs = made.outputs
        main = next(o for o in outputs if o.path == target.output)
        pipeline.write(outputs, standard_output=None, folder_hint=OUT_DIR_HINT)
    except UserError as error:
        return TargetResult(target, "failed", inputs=digest, error=error.render())
    except MemoryError:
        return TargetResult(target, "failed", inputs=digest, error="ran out of memory while bundling")
    result = TargetResult(target, "built", sha256=hashlib.sha256(main.data).hexdigest(), bytes=len(main.data),
                          inputs=digest, warnings=[*made.resume.warnings, *made.letter.warnings],
                          files=[(o.path, hashlib.sha256(o.data).hexdigest(), len(o.data)) for o in outputs],
                          messages=[*made.resume.messages, *made.letter.messages])
    if check and not target.zip:
        reports = []
        for entry in made.report["files"]:
            if entry["format"] in ("pdf", "docx"):
                job = made.resume if entry["document"] == "resume" else made.letter
                reports.append(run_check(made.path / entry["name"], job.document) or {})
        checks = [{**c, "name": f"{r.get('file', '').rsplit('/', 1)[-1]}: {c.get('name')}"}
                  for r in reports for c in r.get("checks", [])]
        result.check = {"file": str(made.path), "passed": all(r.get("passed", True) for r in reports),
                        "checks": checks}
    result.seconds = time.perf_counter() - started
    return result


def run_check(path: Path, document: Any) -> dict[str, Any] | None:
    """The ATS check's verdict for one file, or None when the check is not installed."""
    try:
        from resume_builder.checking import run_checks
    except ImportError:
        return None
    report = run_checks(path, document=document)
    return report.to_dict() if hasattr(report, "to_dict") else dict(report)


def run_build(targets: list[Target], inputs: list[str], *, jobs: int, check: bool,
              on_result: Callable[[TargetResult], None], timeout: float | None = None,
              server_dir: Path | None = None, notice: Callable[[str], None] | None = None) -> list[TargetResult]:
    """Render ``targets`` (already filtered to those needing work) and return their results.

    ``server_dir``: the output folder, where a running ``serve`` leaves its state file; when
    one answers, it renders and checks the groups, warm (resume_builder/serving/handoff.py),
    and whatever it does not take is rendered here as usual. ``notice``: told in a sentence
    why a server that is there takes no groups (it is stopped).

    ``on_result`` sees each result as it arrives (so an interrupted build knows what is
    complete). A worker that dies (killed for memory or CPU time, or crashed) fails only
    its own targets: the groups it may have held run again, each in a process of its own.
    """
    groups: dict[tuple, tuple[list[Target], list[str]]] = {}
    for target, digest in zip(targets, inputs):
        members = groups.setdefault(target.group, ([], []))
        members[0].append(target)
        members[1].append(digest)
    results: list[TargetResult] = []
    reported: set[Path] = set()

    def report(group_results: list[TargetResult]) -> None:
        for result in group_results:
            if result.target.output in reported:  # told as it completed (_PROGRESS), then with its group
                continue
            reported.add(result.target.output)
            results.append(result)
            on_result(result)

    workers = max(1, min(jobs or os.cpu_count() or 1, len(groups)))
    if server_dir is not None:
        _share_with_server(groups, check, timeout, server_dir, report, workers - 1, _needs_layout(targets),
                           notice)
    workers = max(1, min(workers, len(groups)))
    if not groups:
        return results
    global _PROGRESS
    if workers == 1:
        _PROGRESS = lambda result: _reported_held(report, result)  # noqa: E731 - each target as it completes
        try:
            for members, digests in groups.values():
                report(render_group(members, digests, check, timeout))
        finally:
            _PROGRESS = None
        return results
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    progress = multiprocessing.get_context().SimpleQueue()  # each target's result as it completes

    def heard() -> None:
        with _results_held():
            while not progress.empty():
                report([progress.get()])

    orphans: list[tuple[list[Target], list[str]]] = []
    executor = ProcessPoolExecutor(max_workers=workers, initializer=_warm_up,
                                   initargs=(_fork_parent(), _needs_layout(targets), progress))
    try:
        futures = {executor.submit(render_group, members, digests, check, timeout): (members, digests)
                   for members, digests in groups.values()}
        waiting = set(futures)
        while waiting:
            # read as they come (a worker blocks on a full queue); a group's future says it is over
            done, waiting = wait(waiting, timeout=0.05, return_when=FIRST_COMPLETED)
            heard()
            for future in done:
                try:
                    group_results = future.result()
                except BrokenProcessPool:  # a worker died: which group killed it is unknown
                    orphans.append(futures[future])
                    continue
                except Exception as exc:  # e.g. a result that could not be sent back
                    group_results = [TargetResult(t, "failed", inputs=h, error=f"worker failed: {exc!r}")
                                     for t, h in zip(*futures[future])]
                with _results_held():
                    report(group_results)
    except KeyboardInterrupt:
        stop_workers(executor)
        heard()  # what the workers completed before they stopped: its files are on disk
        raise
    else:
        executor.shutdown(wait=True)
    heard()
    for members, digests in orphans:
        report(_render_alone(members, digests, check, timeout))
    return results


def _share_with_server(groups: dict, check: bool, timeout: float | None, server_dir: Path,
                       report: Callable[[list[TargetResult]], None], local: int, layout: bool,
                       notice: Callable[[str], None] | None = None) -> None:
    """Give groups to a running ``serve`` one by one while ``local`` worker processes of our
    own take groups too, each once it has imported what it needs (a cold worker that took a
    group at once would finish it after the warm server could have). Removes each group built
    from ``groups``; what is left (the server gone or refusing) the caller builds as usual.

    Measured on 2 cores, 11 targets: the server alone took 11.5 s where two workers of our
    own took 7.1 s (newcomer trial), as the server renders one group at a time.

    Interrupted (Ctrl-C, SIGTERM, a closed standard output: a KeyboardInterrupt), no further
    group goes to the server or to a worker; the workers stop (:func:`stop_workers`), and the
    group the server is writing is waited for (up to ``timeout``) and reported, with every
    target a worker completed, before the interruption goes on: the server writes that
    group's files whatever the build does, and a build that left at once wrote a manifest
    without them (complete files it did not list: newcomer trial, ``build --clean | true``
    with a ``serve`` running). A second Ctrl-C while it waits stops the waiting.
    """
    import multiprocessing
    import queue
    import threading
    from collections import deque

    from resume_builder.serving.handoff import BuildClient

    client = BuildClient.find(server_dir, timeout, notice)
    if client is None:
        return
    pending = deque(groups)  # keys, in the build's order
    lock = threading.Lock()
    done: "queue.Queue[tuple[tuple, list[TargetResult]] | None]" = queue.Queue()
    stopping = False

    def take() -> tuple | None:
        with lock:
            return pending.popleft() if pending and not stopping else None

    def serve_groups() -> None:
        try:
            while (key := take()) is not None:
                members, digests = groups[key]
                results = client.render_group(members, digests, check)
                if results is None:  # gone or refusing: ours carry on
                    with lock:
                        pending.appendleft(key)
                    return
                done.put((key, results))
        finally:
            done.put(None)

    progress = multiprocessing.get_context().SimpleQueue()  # each target's result as a worker completes it
    executor = ProcessPoolExecutor(max_workers=local, initializer=_warm_up,
                                   initargs=(_fork_parent(), layout, progress)) \
        if local > 0 and len(pending) > 1 else None
    running: dict[Any, tuple] = {}

    def heard() -> None:
        with _results_held():
            while not progress.empty():
                report([progress.get()])

    def served(item: tuple[tuple, list[TargetResult]]) -> None:
        with _results_held():
            del groups[item[0]]
            report(item[1])
    if executor is not None:  # a group for a worker only once it is warm: a no-op task waits for that
        # Submitted before the hand-off thread starts: with the fork start method the pool
        # forks its workers at the first submit, and a fork while another thread holds a
        # lock (an import, the HTTP client's) leaves the worker stuck on it for ever.
        running = {executor.submit(_ready): None for _ in range(local)}
    thread = threading.Thread(target=serve_groups, name="serve-handoff", daemon=True)
    server_running = True
    try:
        with _results_held():  # an interruption as it starts comes once it has started
            thread.start()
        while server_running or running:
            try:
                item = done.get(timeout=0.05 if running else None)
            except queue.Empty:
                item = ()
            if item is None:
                server_running = False
            elif item:
                served(item)
            heard()
            for future in [future for future in running if future.done()]:
                key = running.pop(future)
                try:
                    results = future.result()
                except Exception:  # a worker died or failed: the caller builds what is left as usual
                    continue
                if key is not None:
                    with _results_held():
                        del groups[key]
                        report(results)
                if (key := take()) is not None:
                    try:
                        running[executor.submit(render_group, *groups[key], check, timeout)] = key
                    except Exception:  # the pool broke (a worker died): the group waits for the server
                        with lock:
                            pending.appendleft(key)
    except KeyboardInterrupt:
        with lock:
            stopping = True  # the hand-off thread sends no further group
        if executor is not None:
            stop_workers(executor)
            heard()  # what the workers completed before they stopped: its files are on disk
        if server_running and thread.ident is not None:
            thread.join()  # the group in flight: the server writes it, so the manifest must list it
            while (item := done.get()) is not None:
                try:
                    served(item)
                except KeyboardInterrupt:  # told again as it was reported (a closed output): it is recorded
                    pass
        raise
    if executor is not None:
        executor.shutdown(wait=True)
    heard()
    thread.join()


def _ready() -> None:
    """A pool task that returns once its worker has started (and run ``_warm_up``)."""


def stop_workers(executor: ProcessPoolExecutor, *, grace: float = 5.0) -> None:
    """Ctrl-C: cancel what has not started and stop the workers now.

    Workers get SIGTERM, which unwinds a write in progress (its temporary file is
    removed) and makes them finish no further target; one that does not stop within
    ``grace`` seconds is killed.
    """
    # No public API names a pool's processes before Python 3.14 (terminate_workers).
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            process.terminate()
        except (OSError, ValueError, AttributeError):
            pass
    deadline = time.monotonic() + grace
    for process in processes:
        try:
            process.join(max(0.1, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join(1)
        except (OSError, ValueError, AssertionError):
            pass


# In the build's own process: True while it takes in results (a result read from the queue
# and not yet recorded would be lost, its complete file left unlisted: full test runs,
# test_sigterm_stops_like_ctrl_c...). An interruption then waits until they are recorded.
_HELD = False
_PENDING: BaseException | None = None


@contextmanager
def _results_held() -> Iterator[None]:
    """Within the block, Ctrl-C and SIGTERM (in :func:`sigterm_interrupts`) wait: raised as
    the block ends, so a result read is a result recorded."""
    global _HELD, _PENDING
    if _HELD:
        yield
        return
    _HELD = True
    try:
        yield
    finally:
        _HELD = False
    pending, _PENDING = _PENDING, None
    if pending is not None:
        raise pending


def _interrupt(error: BaseException) -> None:
    """Raise ``error`` (a KeyboardInterrupt) now, or once results are recorded (:func:`_results_held`)."""
    global _PENDING
    if _HELD:
        _PENDING = _PENDING or error
        return
    raise error


@contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """Within the block (in the main thread), SIGTERM raises :class:`~resume_builder.errors.Terminated`,
    a KeyboardInterrupt: the build stops as on Ctrl-C (workers stopped, only complete files
    recorded) and exits 143; so does a standard output closed by its reader
    (:class:`~resume_builder.errors.OutputClosed`, exit 141). Further SIGTERMs while it stops are ignored, so the manifest
    of what is complete gets written (SIGKILL still ends it at once). Either interruption
    waits while the build records results it has read (:func:`_results_held`). Build workers
    set their own handler (:func:`_warm_up`)."""
    import signal
    import threading

    from resume_builder import console
    from resume_builder.errors import OutputClosed, Terminated

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    stopping = False

    def on_sigterm(signum, frame):
        nonlocal stopping
        if stopping:
            return
        stopping = True
        _interrupt(Terminated())

    def on_sigint(signum, frame):
        _interrupt(KeyboardInterrupt())

    def on_closed_output() -> None:  # | head: stop as on a signal, once results read are recorded
        _interrupt(OutputClosed())

    before = signal.signal(signal.SIGTERM, on_sigterm)
    before_int = signal.signal(signal.SIGINT, on_sigint) if signal.getsignal(signal.SIGINT) is \
        signal.default_int_handler else None
    before_closed, console.on_closed_output = console.on_closed_output, on_closed_output
    try:
        yield
    finally:
        console.on_closed_output = before_closed
        signal.signal(signal.SIGTERM, before)
        if before_int is not None:
            signal.signal(signal.SIGINT, before_int)


def _alone_main(connection, parent: int | None, members: list[Target], digests: list[str], check: bool,
                timeout: float | None) -> None:
    _warm_up(parent, _needs_layout(members))
    try:
        connection.send(render_group(members, digests, check, timeout))
    finally:
        connection.close()


def _render_alone(members: list[Target], digests: list[str], check: bool,
                  timeout: float | None) -> list[TargetResult]:
    """Render one group in a process of its own, after a worker died; the verdict if it dies too."""
    import multiprocessing
    import signal

    context = multiprocessing.get_context()
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_alone_main, args=(send, _fork_parent(), members, digests, check, timeout),
                              daemon=True)
    process.start()
    send.close()
    group_results = None
    gave_up = False
    try:
        wait = (2 * timeout + 60) * len(members) + 60 if timeout else None
        if receive.poll(wait):
            try:
                group_results = receive.recv()
            except (EOFError, OSError):  # it died before sending
                group_results = None
        else:
            gave_up = True
        process.join(5)
    finally:
        if process.is_alive():
            process.kill()
            process.join(5)
        receive.close()
    if group_results is not None:
        return group_results
    code = process.exitcode
    if gave_up or code == -getattr(signal, "SIGXCPU", 24):
        reason = f"ran far past the time limit ({timeout:g} s) and was stopped"
    elif code == -getattr(signal, "SIGKILL", 9):
        reason = "was killed (out of memory?)"
    elif code is not None and code < 0:
        try:
            reason = f"crashed ({signal.Signals(-code).name})"
        except ValueError:
            reason = f"crashed (signal {-code})"
    else:
        reason = f"exited with code {code}"
    return [TargetResult(t, "failed", inputs=h, error=f"the worker rendering it {reason}")
            for t, h in zip(members, digests)]

"""A build worker told to stop (SIGTERM: Ctrl-C, or the build killed with ``kill -9``) exits,
even when the SystemExit its signal handler raises is lost on the way.

Found by the suite on a loaded machine: ``test_kill_9_of_the_build_stops_its_workers...`` left
a worker running. A SystemExit raised inside a C library's callback into Python (cffi prints
and drops it) or inside the process pool's result handling (which catches BaseException)
sent the worker back to waiting for work from a parent that was gone, forever. Each case runs
in a child process; the waits are generous limits that only matter when the behaviour is broken.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from tests.conftest import REPO

_PRELUDE = """
import os, signal, time
from resume_builder.building import runner
runner._IN_WORKER = True
runner.UNWIND_SECONDS = 0.2
signal.signal(signal.SIGTERM, runner._on_sigterm)
"""


def _run(body: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", _PRELUDE + textwrap.dedent(body)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})


def test_a_worker_whose_stop_was_swallowed_still_exits():
    result = _run("""
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(60)
        except BaseException:  # as a C callback or the pool's result handling would
            pass
        print("swallowed", flush=True)
        read, _ = os.pipe()
        os.read(read, 1)  # waits for work that never comes, as an orphaned pool worker would
        print("never here", flush=True)
    """)
    assert result.stdout == "swallowed\n"
    assert result.returncode == 143, result.stderr


def test_a_group_that_ends_after_a_stop_ends_the_worker():
    result = _run("""
        def render(*args):
            runner._STOPPING = True  # the SIGTERM arrived and its SystemExit went nowhere
            return []
        runner._render_group = render
        runner.render_group([object()], ["digest"], False)
        print("returned to the pool", flush=True)
    """)
    assert "returned to the pool" not in result.stdout
    assert result.returncode == 143, result.stderr


def test_a_second_stop_does_not_interrupt_the_unwinding_of_the_first():
    """A worker told to stop twice (the build stops its workers, then, as the build exits, the
    kernel signals them again for their parent's death) raised a second SystemExit in the middle
    of the first one's unwinding: in a ``finally``'s clean-up, or in a callback run during exit,
    where Python printed "Exception ignored in ... Traceback" on the build's stderr (found by a
    full test run: test_sigterm_stops_like_ctrl_c...)."""
    result = _run("""
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(60)
        finally:
            os.kill(os.getpid(), signal.SIGTERM)  # again, while the first one unwinds
            print("cleaned up", flush=True)
    """)
    assert result.stdout == "cleaned up\n", result.stderr
    assert result.returncode == 143, result.stderr
    assert "Traceback" not in result.stderr


def test_a_stop_while_a_worker_warms_up_ends_it_without_a_traceback():
    """Ctrl-C half a second into a build stopped the workers while they still imported
    WeasyPrint (the pool's initializer): the SystemExit of their SIGTERM handler reached the
    pool, which printed "Exception in initializer: Traceback ..." for each (trial). The
    pool's catch-all is stood in for by one here."""
    result = _run("""
        import sys, traceback
        runner._die_with_parent = lambda parent: os.kill(os.getpid(), signal.SIGTERM)  # arrives mid-warm-up
        try:
            runner._warm_up(None, False)
        except BaseException:  # as concurrent.futures' worker does with its initializer
            traceback.print_exc()
            sys.exit(1)
        print("warmed up", flush=True)
    """)
    assert result.returncode == 143, (result.stdout, result.stderr)
    assert result.stdout == "" and "Traceback" not in result.stderr, result.stderr


def test_an_interruption_while_the_build_takes_in_results_waits_until_they_are_recorded():
    """SIGTERM or Ctrl-C reaching the build between reading a worker's result and recording it
    lost the result: its complete file stayed on disk, missing from the manifest (full test
    runs, test_sigterm_stops_like_ctrl_c...). Each signal is sent for real, inside the build's
    handlers, with Ctrl-C's default handler as in a command started from a terminal (a test
    worker may ignore SIGINT)."""
    import signal

    import pytest

    from resume_builder.building import runner
    from resume_builder.errors import Terminated

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        for signum, stop in ((signal.SIGTERM, Terminated), (signal.SIGINT, KeyboardInterrupt)):
            recorded = []
            with pytest.raises(stop):
                with runner.sigterm_interrupts():
                    with runner._results_held():
                        os.kill(os.getpid(), signum)  # arrives as the result has been read
                        recorded.append("result")
                    recorded.append("after")  # never: the interruption is raised as the results are in
            assert recorded == ["result"], (signum, recorded)
    finally:
        signal.signal(signal.SIGINT, previous)

"""Test hooks for build runs in a subprocess, loaded by every process of the run.

Python imports ``sitecustomize`` at start-up from PYTHONPATH, so the build command *and each
of its workers* (forked, spawned or started by a fork server) get the same faulty renderer:
a test needs no particular start method. Chosen by environment variables:

- ``RB_TEST_START_METHOD``: the multiprocessing start method of the run;
- ``RB_TEST_FAULT``: ``hang:<stem>.<fmt>`` (the renderer of that output never finishes by
  itself), ``overrun:<stem>.<fmt>`` (the same, on a fake clock that jumps to the end of its
  time limit: the limit's own alarm stops it at once, whatever the limit, so a test can give
  the other targets a generous limit without waiting it out) or ``crash:<variant>.<fmt>``
  (the worker rendering it dies with exit code 3).
"""

import os

if os.environ.get("RB_TEST_START_METHOD"):
    import multiprocessing

    multiprocessing.set_start_method(os.environ["RB_TEST_START_METHOD"], force=True)

if os.environ.get("RB_TEST_FAULT"):
    import signal
    import time

    from resume_builder import formats

    _kind, _, _what = os.environ["RB_TEST_FAULT"].partition(":")
    _name, _, _fmt = _what.rpartition(".")
    _real = formats.renderer(_fmt)

    def _faulty(job, path):
        if _kind == "overrun" and path.stem == _name and signal.getitimer(signal.ITIMER_REAL)[0] > 0:
            signal.setitimer(signal.ITIMER_REAL, 0.001, 0.2)  # the limit's whole time has passed
        if _kind in ("hang", "overrun") and path.stem == _name:
            while True:  # only the time limit can stop this
                time.sleep(0.05)
        if _kind == "crash" and job.variant == _name:
            os._exit(3)  # as a segfault or the OOM killer would: no exception, no result
        return _real(job, path)

    formats.RENDERERS[_fmt] = _faulty

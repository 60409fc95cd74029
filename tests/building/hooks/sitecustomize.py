"""Test hooks for build runs in a subprocess, loaded by every process of the run.

Python imports ``sitecustomize`` at start-up from PYTHONPATH, so the build command *and each
of its workers* (forked, spawned or started by a fork server) get the same faulty renderer:
a test needs no particular start method. Chosen by environment variables:

- ``RB_TEST_START_METHOD``: the multiprocessing start method of the run;
- ``RB_TEST_FAULT``: ``hang:<stem>.<fmt>`` (the renderer of that output never finishes by
  itself) or ``crash:<variant>.<fmt>`` (the worker rendering it dies with exit code 3).
"""

import os

if os.environ.get("RB_TEST_START_METHOD"):
    import multiprocessing

    multiprocessing.set_start_method(os.environ["RB_TEST_START_METHOD"], force=True)

if os.environ.get("RB_TEST_FAULT"):
    import time

    from resume_builder import pipeline

    pipeline.available_formats()
    _kind, _, _what = os.environ["RB_TEST_FAULT"].partition(":")
    _name, _, _fmt = _what.rpartition(".")
    _real = pipeline.RENDERERS[_fmt]

    def _faulty(job, path):
        if _kind == "hang" and path.stem == _name:
            while True:  # only the time limit can stop this
                time.sleep(0.05)
        if _kind == "crash" and job.variant == _name:
            os._exit(3)  # as a segfault or the OOM killer would: no exception, no result
        return _real(job, path)

    pipeline.RENDERERS[_fmt] = _faulty

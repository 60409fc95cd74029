"""resume_builder/render/runs.py: what the render caches keep between runs."""

from __future__ import annotations

import threading

import pytest

from resume_builder.render.runs import Runs


def _last_used(entry: int) -> int:
    return entry


def test_entries_the_last_two_runs_did_not_use_are_dropped():
    runs, entries = Runs(), {}
    for name in ("a", "b", "c"):
        with runs.run(entries, _last_used):
            assert runs.here() and runs.number == "abc".index(name) + 1
            entries[name] = runs.number
            if name == "c":
                entries["b"] = runs.number  # used again
    assert not runs.here()
    assert entries == {"b": 3, "c": 3}  # "a", last used by run 1, is two runs old


def test_a_failed_or_untrusted_run_keeps_nothing():
    runs, entries = Runs(), {}
    with pytest.raises(RuntimeError):
        with runs.run(entries, _last_used):
            entries["a"] = runs.number
            raise RuntimeError("layout failed")
    assert entries == {} and not runs.here()
    with runs.run(entries, _last_used, kept=lambda: False):
        entries["b"] = runs.number
    assert entries == {}


def test_only_the_running_thread_is_here():
    runs, seen = Runs(), []
    with runs.run({}, _last_used):
        other = threading.Thread(target=lambda: seen.append(runs.here()))
        other.start()
        other.join()
        assert runs.here()
    assert seen == [False]

"""A build handed to a running `serve` keeps its own cores busy too: the server renders one
group at a time, and alone it made a build on 2 cores slower than the build's own workers
(11.5 s against 7.1 s, newcomer trial). Workers of our own take groups once they are warm;
every group is built once, by one or the other."""

from __future__ import annotations

import threading

import pytest

from resume_builder.building import runner
from resume_builder.building.config import expand, load_config
from resume_builder.serving import handoff
from tests.conftest import FIXTURES

BUILD = """out_dir = "out"
[[targets]]
profile = "cv.yaml"
themes = ["classic", "modern", "compact"]
formats = ["md", "txt"]
name = "{profile}-{theme}"
"""


def _targets(tmp_path, monkeypatch) -> list:
    """BUILD's targets (three groups: one per theme), in ``tmp_path``, the working directory."""
    (tmp_path / "cv.yaml").write_text((FIXTURES / "profiles" / "one_page.yaml").read_text(encoding="utf-8"),
                                      encoding="utf-8")
    (tmp_path / "resume-builder.toml").write_text(BUILD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _file, config = load_config()
    return expand(config, tmp_path)


def test_the_servers_groups_and_the_workers_groups_make_the_whole_build(tmp_path, monkeypatch):
    targets = _targets(tmp_path, monkeypatch)
    assert len({target.group for target in targets}) == 3
    local_done = threading.Event()
    served: list = []

    class Server:  # serves a first group at once, then the next ones only after a worker built one
        def render_group(self, members, digests, check):
            if served:
                assert local_done.wait(60)
            served.append(members[0].group)
            return runner.render_group(members, digests, check, None)

    monkeypatch.setattr(handoff.BuildClient, "find", classmethod(lambda cls, folder, timeout, notice=None: Server()))
    results = []

    def on_result(result):
        results.append(result)
        if result.target.group not in served:
            local_done.set()

    runner.run_build(targets, ["x"] * len(targets), jobs=2, check=False, on_result=on_result,
                     server_dir=tmp_path / "out")
    built = sorted(str(result.target.output) for result in results)
    assert built == sorted(str(target.output) for target in targets)  # each once
    assert all(result.status == "built" for result in results), [r.error for r in results]
    by_workers = {result.target.group for result in results} - set(served)
    assert served and by_workers, (served, by_workers)


def test_a_server_writes_nothing_for_a_build_that_stopped_waiting(tmp_path, monkeypatch):
    """A paused `serve` (Ctrl-Z) ran the timed-out request once resumed and rewrote outputs
    after the build had written its manifest (newcomer trial): the request carries the moment
    the build stops waiting, and nothing is written after it."""
    import time

    group = [target for target in _targets(tmp_path, monkeypatch) if target.theme == "classic"]
    body = {"cwd": str(tmp_path), "targets": [handoff._target_to_json(t) for t in group], "inputs": ["x"] * len(group),
            "check": False, "deadline": time.time() - 1}
    status, reply = handoff.serve_build(body, threading.Lock())
    assert status == 408 and not (tmp_path / "out").exists()
    assert runner._render_group(group, ["x"] * len(group), False, None, time.time() - 1) == []
    assert not (tmp_path / "out").exists()
    body["deadline"] = time.time() + 600
    status, reply = handoff.serve_build(body, threading.Lock())
    assert status == 200 and sorted(p.name for p in (tmp_path / "out").iterdir()) == ["cv-classic.md", "cv-classic.txt"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_interrupted_build_records_the_group_the_server_is_writing(tmp_path, monkeypatch, jobs):
    """`build --clean | true` with a `serve` running left a complete file of the group the
    server was writing that the manifest did not list (newcomer trial): the build stopped at
    once while the server went on writing. Interrupted, the build sends no further group,
    waits for the one in flight and reports it, as it does every file a worker of its own
    completed: every file in the output folder is one the build reported."""
    import os
    import signal

    targets = _targets(tmp_path, monkeypatch)
    interrupted = threading.Event()
    sent: list = []

    class Server:  # Ctrl-C reaches the build while the server writes its first group
        def render_group(self, members, digests, check):
            sent.append(members[0].group)
            os.kill(os.getpid(), signal.SIGINT)
            assert interrupted.wait(60)
            return runner.render_group(members, digests, check, None)

    def on_sigint(signum, frame):  # as the build's own handler does (runner.sigterm_interrupts)
        interrupted.set()
        runner._interrupt(KeyboardInterrupt())

    monkeypatch.setattr(handoff.BuildClient, "find", classmethod(lambda cls, folder, timeout, notice=None: Server()))
    before = signal.signal(signal.SIGINT, on_sigint)
    results: list = []
    try:
        with pytest.raises(KeyboardInterrupt):
            runner.run_build(targets, ["x"] * len(targets), jobs=jobs, check=False, on_result=results.append,
                             server_dir=tmp_path / "out")
    finally:
        signal.signal(signal.SIGINT, before)
    assert len(sent) == 1  # no group went to the server after the interruption
    first = {str(t.output) for t in targets if t.group == sent[0]}
    reported = {str(result.target.output) for result in results if result.status == "built"}
    assert first <= reported
    on_disk = {str(path) for path in (tmp_path / "out").iterdir()}
    assert on_disk <= reported, sorted(on_disk - reported)

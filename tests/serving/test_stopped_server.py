"""A `serve` stopped with Ctrl-Z (or ``kill -STOP``): `render` and `build` do not hand work to
it, and a render that handed off gives up as soon as the server is stopped, instead of waiting
for its whole ``--timeout`` (120 s by default) before rendering itself (newcomer trial)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import threading
from pathlib import Path

import pytest

from resume_builder.pipeline import RenderRequest
from resume_builder.serving import handoff
from resume_builder.serving.state import ServerState, process_alive, process_stopped, write_state

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="process states are read from /proc")


@pytest.fixture
def sleeper():
    """A child process that does nothing for a minute; killed and reaped at the end."""
    process = subprocess.Popen(["sleep", "60"])
    yield process
    process.kill()
    process.wait()


def _stop(process: subprocess.Popen) -> None:
    os.kill(process.pid, signal.SIGSTOP)
    os.waitpid(process.pid, os.WUNTRACED)  # returns once the child is stopped: no race


def test_a_stopped_process_is_told_apart_from_a_running_and_an_exited_one(sleeper):
    assert process_alive(sleeper.pid) and not process_stopped(sleeper.pid)
    _stop(sleeper)
    assert process_alive(sleeper.pid) and process_stopped(sleeper.pid)
    os.kill(sleeper.pid, signal.SIGCONT)
    os.waitpid(sleeper.pid, os.WCONTINUED)
    assert not process_stopped(sleeper.pid)
    sleeper.kill()
    os.waitid(os.P_PID, sleeper.pid, os.WEXITED | os.WNOWAIT)  # exited, not yet reaped: a zombie
    assert not process_alive(sleeper.pid) and not process_stopped(sleeper.pid)


def test_nothing_is_handed_to_a_stopped_server_and_the_user_is_told(sleeper, tmp_path):
    _stop(sleeper)
    with socket.socket() as listener:  # a port that would take the request, were it sent
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(0)
        write_state(tmp_path, ServerState(listener.getsockname()[1], "t" * 43, sleeper.pid, str(Path.cwd())))
        notes: list[str] = []
        request = RenderRequest(profile=Path("cv.yaml"))
        assert handoff.render_via_server(request, [None], state_dir=tmp_path, timeout=5, notice=notes.append) is None
        assert handoff.BuildClient.find(tmp_path, 5, notes.append) is None
        with pytest.raises(BlockingIOError):
            listener.accept()  # nobody connected
    assert len(notes) == 2
    assert notes[0] == (f"the serve for {tmp_path} (process {sleeper.pid}) is stopped, so this renders here; "
                        f"continue it with fg (or kill -CONT {sleeper.pid}) to hand renders to it again")


def test_a_build_sends_no_more_groups_to_a_server_stopped_since_the_last_one(sleeper, tmp_path):
    write_state(tmp_path, ServerState(9, "t" * 43, sleeper.pid, str(Path.cwd())))
    notes: list[str] = []
    client = handoff.BuildClient.find(tmp_path, 5, notes.append)
    assert client is not None and notes == []
    _stop(sleeper)
    assert client.render_group([object()], ["digest"], check=False) is None
    assert len(notes) == 1 and "is stopped" in notes[0]


def test_a_render_stops_waiting_once_the_server_it_handed_off_to_is_stopped(monkeypatch):
    """The server here answers only after ``watch`` has said "stopped": the client must have
    given up by then. (Were ``watch`` never asked, it answers after 60 s and the test fails.)"""
    monkeypatch.setattr(handoff, "WATCH_INTERVAL", 0.01)
    told_stopped = threading.Event()
    received: list[bytes] = []
    listener = socket.create_server(("127.0.0.1", 0))

    def answer_late() -> None:
        connection, _ = listener.accept()
        with connection:
            received.append(connection.recv(65536))
            told_stopped.wait(60)
            body = json.dumps({"jobs": []}).encode()
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                               + str(len(body)).encode() + b"\r\n\r\n" + body)

    thread = threading.Thread(target=answer_late, daemon=True)
    thread.start()
    looks = []

    def watch() -> bool:
        looks.append(1)
        if len(looks) == 3:
            told_stopped.set()
            return True
        return False

    state = ServerState(listener.getsockname()[1], "t" * 43, os.getpid(), str(Path.cwd()))
    try:
        assert handoff._post(state, handoff.ENDPOINT, {"x": 1}, None, watch=watch) is None
        assert len(looks) == 3 and received and received[0].startswith(b"POST /api/render")
        # without a watch, the same late answer is taken: the watch is what made it give up
        thread.join()
        thread = threading.Thread(target=answer_late, daemon=True)
        thread.start()
        assert handoff._post(state, handoff.ENDPOINT, {"x": 1}, None) == {"jobs": []}
    finally:
        told_stopped.set()
        thread.join()
        listener.close()

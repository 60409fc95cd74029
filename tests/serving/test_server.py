"""The preview server over HTTP: loopback only, Host header checked, no CORS, no file system,
token-guarded hand-off; and `render` handing its work to it with byte-identical outputs."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from resume_builder.serving.state import STATE_NAME, ServerState, process_stopped, read_state, write_state
from tests.conftest import FIXTURES, REPO
from tests.serving.server_process import running_server

ONE_PAGE = FIXTURES / "profiles" / "one_page.yaml"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """(address, project folder) of one server for this module's tests, first render done."""
    project = tmp_path_factory.mktemp("project")
    shutil.copy(ONE_PAGE, project / "one_page.yaml")
    with running_server(Path("one_page.yaml"), project) as address:
        _wait_for_render(address)
        yield address, project


def _request(address: str, method: str, path: str, *, host: str | None = None, headers: dict | None = None,
             body: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
    port = urlsplit(address).port
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host if host is not None else f"127.0.0.1:{port}")
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def _wait_for_render(address: str) -> dict:
    """The server's state once its first render is done (read from its event stream)."""
    port = urlsplit(address).port
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        connection.request("GET", "/events", headers={"Host": f"127.0.0.1:{port}"})
        response = connection.getresponse()
        for raw in response:
            line = raw.decode("utf-8").strip()
            if line.startswith("data: "):
                state = json.loads(line[6:])
                if state["render"] is not None or state["error"] is not None:
                    return state
    finally:
        connection.close()
    raise AssertionError("the event stream ended before a render")


def test_the_state_file_is_private_and_names_the_server(server):
    address, project = server
    path = project / "output" / STATE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    state = read_state(project / "output")
    assert state is not None and f":{state.port}/" in address and len(state.token) >= 40
    assert Path(state.cwd).resolve() == project.resolve()


def test_a_state_file_others_can_read_is_ignored(tmp_path):
    write_state(tmp_path, ServerState(1234, "t" * 43, os.getpid(), str(tmp_path)))
    assert read_state(tmp_path) is not None
    os.chmod(tmp_path / STATE_NAME, 0o644)
    assert read_state(tmp_path) is None
    (tmp_path / STATE_NAME).unlink()
    (tmp_path / "elsewhere.json").write_text(ServerState(1234, "t", 1, "/").to_json())
    os.chmod(tmp_path / "elsewhere.json", 0o600)
    (tmp_path / STATE_NAME).symlink_to(tmp_path / "elsewhere.json")
    assert read_state(tmp_path) is None  # a symlink is not followed


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.nip.io", "attacker.test:8719", ""])
def test_a_foreign_host_header_is_refused(server, host):
    """DNS rebinding: a name that resolves to 127.0.0.1 still sends its own Host header."""
    address, _ = server
    for path in ("/", "/api/state", "/render/1/page-1.png"):
        status, _, body = _request(address, "GET", path, host=host)
        assert status == 400, (host, path)
        assert b"Alex" not in body and b"PNG" not in body


def test_loopback_names_are_served_with_a_strict_policy_and_no_cors(server):
    address, _ = server
    port = urlsplit(address).port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
        status, headers, body = _request(address, "GET", "/", host=host, headers={"Origin": "https://evil.example"})
        assert status == 200 and b"preview.js" in body
        assert "access-control-allow-origin" not in headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
    status, headers, _ = _request(address, "OPTIONS", "/api/settings", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert status >= 400 and "access-control-allow-origin" not in headers


@pytest.mark.parametrize("path", [
    "/one_page.yaml", "/output/" + STATE_NAME, "/assets/../one_page.yaml", "/assets/..%2fone_page.yaml",
    "/assets/index.html/../../pyproject.toml", "/render/1/..%2f..%2fone_page.yaml", "/render/1/page-0.png",
    "/render/1/page-9.png", "/render/999/resume.pdf", "/render/1/one_page.yaml", "/etc/passwd", "/assets/app.py",
])
def test_nothing_but_renders_and_assets_is_served(server, path):
    address, _ = server
    status, _, body = _request(address, "GET", path)
    assert status == 404, path
    assert b"Jo Short" not in body and b"token" not in body


def test_switches_refuse_other_origins_and_forms(server):
    address, _ = server
    port = urlsplit(address).port
    body = json.dumps({"theme": "modern"}).encode()
    status, _, _ = _request(address, "POST", "/api/settings", body=body, headers={
        "Origin": "https://evil.example", "Content-Type": "application/json"})
    assert status == 403
    status, _, _ = _request(address, "POST", "/api/settings", body=b"theme=modern", headers={
        "Origin": f"http://127.0.0.1:{port}", "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 415
    status, _, answer = _request(address, "POST", "/api/settings", body=json.dumps({"theme": "nope"}).encode(),
                                 headers={"Origin": f"http://127.0.0.1:{port}", "Content-Type": "application/json"})
    assert status == 400 and b"not one of the theme choices" in answer


def test_a_page_past_the_last_says_how_many_pages_there_are(server):
    """It said "the preview has moved on" of the current render (newcomer trial)."""
    address, _ = server
    render = _wait_for_render(address)["render"]
    assert render["pages"] == 1
    status, _, body = _request(address, "GET", f"/render/{render['generation']}/page-7.png")
    assert (status, body) == (404, b"no such page: this render has 1 page")
    status, _, body = _request(address, "GET", f"/render/{render['generation'] + 1000}/page-1.png")
    assert (status, body) == (404, b"no such render (the preview has moved on)")


@pytest.mark.parametrize("token", [None, "", "Bearer wrong", "Bearer "])
def test_the_hand_off_needs_the_token(server, token):
    address, project = server
    payload = json.dumps({"cwd": str(project), "request": {"profile": "one_page.yaml", "formats": ["txt"]}}).encode()
    headers = {"Content-Type": "application/json"} | ({"Authorization": token} if token is not None else {})
    status, _, body = _request(address, "POST", "/api/render", body=payload, headers=headers)
    assert status == 401 and b"Jo Short" not in body


def _render(project: Path, *arguments: str) -> str:
    """`resume-builder render ARGUMENTS` in a new process; prints whether WeasyPrint was imported there."""
    return _render_process(project, *arguments).stdout


def _render_process(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    """:func:`_render`'s process, finished with exit status 0 (its stderr is kept)."""
    code = ("import sys\nfrom resume_builder.cli import app\n"
            "try:\n    app(sys.argv[1:], prog_name='resume-builder')\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
            "print('in-process' if 'weasyprint' in sys.modules else 'handed-off')\n")
    done = subprocess.run([sys.executable, "-c", code, "render", *arguments], cwd=project, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": "1712345678"})
    assert done.returncode == 0, done.stderr
    return done


def test_render_hands_off_to_the_server_with_byte_identical_outputs(server):
    address, project = server
    formats = ["-f", "pdf", "-f", "docx", "-f", "md", "-f", "png"]
    handed = _render(project, "one_page.yaml", *formats, "--out-dir", "output")
    alone = _render(project, "one_page.yaml", *formats, "--out-dir", "alone", "--no-server")
    assert handed.splitlines()[-1] == "handed-off" and alone.splitlines()[-1] == "in-process"
    assert [line.replace("output/", "") for line in handed.splitlines()[:-1]] == \
        [line.replace("alone/", "") for line in alone.splitlines()[:-1]]
    names = ["one_page.pdf", "one_page.docx", "one_page.md", "one_page-1.png"]
    for name in names:
        assert (project / "output" / name).read_bytes() == (project / "alone" / name).read_bytes(), name
    # the server used the client's SOURCE_DATE_EPOCH (1712345678 is 2024-04-05), not its own
    with zipfile.ZipFile(project / "output" / "one_page.docx") as docx:
        assert "2024-04-05T" in docx.read("docProps/core.xml").decode("utf-8")


def test_a_render_to_standard_output_is_said_the_same_when_handed_off(server):
    """`render -o -` handed to the server said "wrote standard output (18 KiB, theme classic)",
    without the page count a render in-process gives: the format came from the path's
    extension, and '-' has none. The server now says which format each output is."""
    _, project = server
    env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": "1712345678"}
    said = {}
    for how in ([], ["--no-server"]):
        done = subprocess.run([sys.executable, "-m", "resume_builder", "render", "one_page.yaml", "-o", "-", *how],
                              cwd=project, capture_output=True, env=env)
        assert done.returncode == 0, done.stderr
        said[bool(how)] = (done.stdout, done.stderr.decode("utf-8"))
    assert said[False] == said[True]
    assert said[False][0].startswith(b"%PDF-") and "wrote standard output (" in said[False][1]
    assert ", 1 page, theme classic)" in said[False][1]


def test_a_stopped_server_is_not_waited_for(server):
    """Ctrl-Z on `serve`: the render did not come back until its --timeout (120 s) ran out;
    now it renders itself at once and says why (tests/serving/test_stopped_server.py has the rest)."""
    _, project = server
    pid = read_state(project / "output").pid
    os.kill(pid, signal.SIGSTOP)
    while not process_stopped(pid):  # not our child, so no waitpid: the stop takes effect at once
        time.sleep(0.01)
    try:
        done = _render_process(project, "one_page.yaml", "-f", "pdf", "--out-dir", "output")
    finally:
        os.kill(pid, signal.SIGCONT)
        while process_stopped(pid):  # the next test of this server finds it running
            time.sleep(0.01)
    assert done.stdout.splitlines()[-1] == "in-process"
    assert f"(process {pid}) is stopped, so this renders here" in " ".join(done.stderr.split())


def test_a_mistake_is_reported_by_the_command_itself(server):
    """A profile error found by the server: the command renders in-process and says it as always."""
    _, project = server
    (project / "broken.yaml").write_text("basics:\n  name: A\n  emial: a@example.org\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "resume_builder", "render", "broken.yaml", "--out-dir", "output"],
                          cwd=project, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 2
    assert "broken.yaml:3:3" in done.stderr and "did you mean 'email'" in done.stderr


def test_without_a_server_render_works_in_process(tmp_path):
    shutil.copy(ONE_PAGE, tmp_path / "one_page.yaml")
    write_state(tmp_path / "output", ServerState(9, "t" * 43, 2 ** 22 + 12345, str(tmp_path)))  # no such process
    assert _render(tmp_path, "one_page.yaml", "-f", "pdf").splitlines()[-1] == "in-process"
    assert (tmp_path / "output" / "one_page.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_the_state_file_goes_when_the_server_stops(tmp_path, stop):
    """SIGTERM (``kill``, a service manager) left it behind: uvicorn re-raises the signal once
    it has shut down, and SIGTERM's default action ended the process before the clean-up.
    The exit status says which signal stopped it."""
    shutil.copy(ONE_PAGE, tmp_path / "one_page.yaml")
    exits: list[int] = []
    with running_server(Path("one_page.yaml"), tmp_path, "--out-dir", "out", stop=stop, exits=exits):
        assert (tmp_path / "out" / STATE_NAME).exists()
    assert not (tmp_path / "out" / STATE_NAME).exists()
    # as every command: 130 after Ctrl-C, 143 after SIGTERM (it exited 0 after Ctrl-C: trial)
    assert exits == [130 if stop == signal.SIGINT else 143]


BUILD_FILE = """\
out_dir = "{out}"
check = true

[[targets]]
profile = "one_page.yaml"
formats = ["pdf", "docx", "md"]
themes = ["classic", "modern"]
"""


def test_build_hands_off_to_the_server_with_byte_identical_outputs(server):
    _, project = server
    (project / "served.toml").write_text(BUILD_FILE.format(out="output"), encoding="utf-8")
    (project / "alone.toml").write_text(BUILD_FILE.format(out="built-alone"), encoding="utf-8")
    code = ("import sys\nfrom resume_builder.cli import app\n"
            "try:\n    app(sys.argv[1:], prog_name='resume-builder')\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
            "print('in-process' if 'weasyprint' in sys.modules else 'handed-off')\n")
    markers = []
    for config in ("served.toml", "alone.toml"):
        done = subprocess.run([sys.executable, "-c", code, "build", "--config", config, "--jobs", "1"], cwd=project,
                              capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
        assert done.returncode == 0, done.stdout + done.stderr
        markers.append(done.stdout.splitlines()[-1])
    assert markers == ["handed-off", "in-process"]
    served = json.loads((project / "output" / "manifest.json").read_text(encoding="utf-8"))
    alone = json.loads((project / "built-alone" / "manifest.json").read_text(encoding="utf-8"))
    assert len(served["files"]) == len(alone["files"]) == 6
    for name in ("one_page-classic.pdf", "one_page-modern.docx", "one_page-modern.md"):
        found = list((project / "output").glob(name))
        assert found, sorted(p.name for p in (project / "output").iterdir())
        assert found[0].read_bytes() == (project / "built-alone" / name).read_bytes(), name


def test_a_second_serve_for_the_same_output_folder_is_refused(tmp_path):
    """It took over the first one's state file and removed it on exit, while the first kept
    running: render and build stopped handing off to it (newcomer trial)."""
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    first = ServerState(4321, "t" * 43, os.getpid(), str(tmp_path))  # a live process: this one
    write_state(tmp_path / "output", first)
    done = subprocess.run([sys.executable, "-m", "resume_builder", "serve", "cv.yaml", "--port", "0"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 2, done.stdout + done.stderr
    message = " ".join(done.stderr.split())
    assert f"a serve is already running for output (process {os.getpid()}, http://127.0.0.1:4321/)" in message
    assert "another --out-dir" in message and "Traceback" not in message
    assert read_state(tmp_path / "output") == first

"""Handing a render to a running `serve`: the request on the wire, the server's side, the client.

``render`` and ``build`` look for the state file in the output folder
(:mod:`resume_builder.serving.state`); when a server for the same project (same working
directory) answers, they send it their :class:`~resume_builder.pipeline.RenderRequest`
and get the rendered files back, then write them themselves exactly as they would have
(``pipeline.write``: all or nothing). The server renders with the client's
``SOURCE_DATE_EPOCH``, so the bytes are the same as an in-process render's. Anything
else (no state file, a refused connection, a timeout, another project, a mistake in the
inputs) returns None and the caller renders in-process, which also prints a mistake
exactly as the CLI always has. So does a server that is stopped (Ctrl-Z, ``kill -STOP``):
a render does not hand off to it, and gives up waiting as soon as the server it handed off
to is stopped or gone (:func:`resume_builder.serving.state.process_stopped`), instead of
waiting for its ``--timeout``.

Wire format (JSON over HTTP POST ``/api/render`` on 127.0.0.1, ``Authorization: Bearer
TOKEN``): ``{"cwd", "source_date_epoch", "request": {RenderRequest fields}, "variants":
[name or null, ...]}`` → ``{"jobs": [{"variant", "theme", "warnings", "messages",
"outputs": [{"path", "data" (base64), "pages", "warnings", "source", "format"}]}]}``, or ``{"user_error": true}``.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from resume_builder.pipeline import RenderRequest, Rendered
from resume_builder.containment import real

_PATHS = ("profile", "theme_dir", "output", "out_dir", "posting")
ENDPOINT = "/api/render"


@dataclass
class HandedJob:
    """What the CLI reports about one rendered variant (as a RenderJob would tell it)."""

    variant: str | None
    theme_name: str
    warnings: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    outputs: list[Rendered] = field(default_factory=list)


def request_to_json(request: RenderRequest) -> dict[str, Any]:
    data = dataclasses.asdict(request)
    for name in _PATHS:
        data[name] = None if data[name] is None else str(data[name])
    data["options"] = dict(request.options)
    data["formats"] = list(request.formats)
    return data


def request_from_json(data: dict[str, Any]) -> RenderRequest:
    """The request sent by :func:`request_to_json`; ValueError for anything else."""
    names = {f.name for f in dataclasses.fields(RenderRequest)}
    if not isinstance(data, dict) or set(data) - names:
        raise ValueError("not a render request")
    values = dict(data)
    for name in _PATHS:
        if values.get(name) is not None:
            values[name] = Path(values[name])
    if "formats" in values:
        values["formats"] = tuple(values["formats"])
    return RenderRequest(**values)


# ----------------------------------------------------------------------------- the server's side


def serve_request(payload: dict[str, Any], lock: Any) -> tuple[int, dict[str, Any]]:
    """Render what a client sent (``payload`` as above); returns (HTTP status, JSON reply).

    Runs under ``lock`` (renders never overlap, and ``SOURCE_DATE_EPOCH`` is the client's
    for the duration). 409 when the client works in another folder than the server.
    """
    from resume_builder import pipeline
    from resume_builder.errors import UserError

    try:
        request = request_from_json(payload["request"])
        variants = list(payload.get("variants") or [None])
        cwd = payload["cwd"]
        epoch = payload.get("source_date_epoch")
    except (KeyError, TypeError, ValueError):
        return 400, {"error": "malformed request"}
    if not isinstance(cwd, str) or real(cwd) != real(Path.cwd()):
        return 409, {"error": "this server renders for another folder"}
    jobs = []
    with lock, _environment("SOURCE_DATE_EPOCH", epoch if isinstance(epoch, str) else None):
        try:
            for name in variants:
                job = pipeline.prepare(dataclasses.replace(request, variant=name))
                outputs = []
                for fmt in request.formats:
                    outputs += pipeline.render(job, fmt, pipeline.output_path(job, fmt, request.out_dir,
                                                                              request.output))
                jobs.append({"variant": name, "theme": job.theme.name, "warnings": list(job.warnings),
                             "messages": list(job.messages),
                             "outputs": [{"path": str(item.path), "data": base64.b64encode(item.data).decode("ascii"),
                                          "pages": item.pages, "warnings": list(item.warnings),
                                          "source": item.source, "format": item.format}
                                         for item in outputs]})
        except UserError:
            return 200, {"user_error": True}  # the client renders in-process and says it as the CLI does
    return 200, {"jobs": jobs}


class _environment:
    """Set (or unset, for None) one environment variable for a ``with`` block."""

    def __init__(self, name: str, value: str | None) -> None:
        self.name, self.value = name, value

    def __enter__(self) -> None:
        self.saved = os.environ.get(self.name)
        self._set(self.value)

    def __exit__(self, *exc: Any) -> None:
        self._set(self.saved)

    def _set(self, value: str | None) -> None:
        if value is None:
            os.environ.pop(self.name, None)
        else:
            os.environ[self.name] = value


# ----------------------------------------------------------------------------- the client's side


def render_via_server(request: RenderRequest, variants: list[str | None], *, state_dir: Path,
                      timeout: float | None = None,
                      notice: Callable[[str], None] | None = None) -> list[HandedJob] | None:
    """Render ``request`` (once per variant name) on a running server, or None to render in-process.

    ``state_dir``: the output folder holding the server's state file. ``timeout``: seconds
    to wait for the answer (None: no limit). ``notice``: told, in a sentence, why a server
    that is there does not render this (it is stopped). Never raises for a missing, stale,
    stopped or refusing server: every such case returns None.
    """
    from resume_builder.serving.state import read_state

    state = read_state(state_dir)
    if _usable(state, state_dir, notice) is None:
        return None
    reply = _post(state, ENDPOINT, {"cwd": str(Path.cwd()), "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH"),
                                    "request": request_to_json(request), "variants": variants}, timeout,
                  watch=lambda: _gone_or_stopped(state.pid, state_dir, notice))
    if reply is None or "jobs" not in reply:
        return None
    return [HandedJob(job["variant"], job["theme"], job["warnings"], job["messages"],
                      [Rendered(Path(item["path"]), base64.b64decode(item["data"]), item["pages"], item["warnings"],
                                fmt=item.get("format"), source=str(item.get("source") or ""))
                       for item in job["outputs"]])
            for job in reply["jobs"]]


# ----------------------------------------------------------------------------- build


BUILD_ENDPOINT = "/api/build"


#: A build target's fields that are paths (the rest are texts, numbers, booleans or null).
_TARGET_PATHS = ("profile", "output", "posting")


def _target_to_json(target: Any) -> dict[str, Any]:
    """Every field of a build target (building.config.Target): the server builds what the
    build asked for, a letter as a letter and a résumé to its posting and page budget (only
    the first six fields were sent, and a served letter target was built as a résumé)."""
    data = dataclasses.asdict(target)
    return {key: str(value) if key in _TARGET_PATHS and value is not None else value for key, value in data.items()}


def _target_from_json(data: dict[str, Any]) -> Any:
    from resume_builder.building.config import Target

    if not isinstance(data, dict):
        raise TypeError("a target is a JSON object")
    known = {item.name for item in dataclasses.fields(Target)}
    return Target(**{key: Path(value) if key in _TARGET_PATHS and value is not None else value
                     for key, value in data.items() if key in known})


def _result_to_json(result: Any) -> dict[str, Any]:
    return {"target": _target_to_json(result.target), "status": result.status, "sha256": result.sha256,
            "bytes": result.bytes, "pages": result.pages, "inputs": result.inputs, "check": result.check,
            "error": result.error, "seconds": result.seconds, "warnings": list(result.warnings),
            "files": [[str(path), digest, size] for path, digest, size in result.files],
            "messages": list(result.messages)}


def _result_from_json(data: dict[str, Any]) -> Any:
    from resume_builder.building.runner import TargetResult

    return TargetResult(_target_from_json(data["target"]), data["status"], data["sha256"], data["bytes"],
                        data["pages"], data["inputs"], data["check"], data["error"], data["seconds"],
                        list(data["warnings"]), [(Path(p), d, s) for p, d, s in data["files"]],
                        list(data.get("messages", [])))


def serve_build(payload: dict[str, Any], lock: Any) -> tuple[int, dict[str, Any]]:
    """Build one group of targets for ``build`` (building.runner's group render, run here,
    warm): it writes the group's files and checks them exactly as a build worker would,
    while the build holds the output folder's lock. Returns (HTTP status, JSON reply)."""
    from resume_builder.building import runner

    try:
        targets = [_target_from_json(item) for item in payload["targets"]]
        inputs = [str(item) for item in payload["inputs"]]
        check, cwd, epoch = bool(payload["check"]), payload["cwd"], payload.get("source_date_epoch")
        if len(targets) != len(inputs) or not targets or len({t.group for t in targets}) != 1:
            raise ValueError
    except (KeyError, TypeError, ValueError):
        return 400, {"error": "malformed request"}
    if not isinstance(cwd, str) or real(cwd) != real(Path.cwd()):
        return 409, {"error": "this server renders for another folder"}
    deadline = payload.get("deadline")
    deadline = float(deadline) if isinstance(deadline, (int, float)) and not isinstance(deadline, bool) else None
    with lock, _environment("SOURCE_DATE_EPOCH", epoch if isinstance(epoch, str) else None):
        # A build that stopped waiting (its --timeout passed while this server was paused or
        # busy) renders the group itself: written late, these files would not be the ones
        # its manifest describes.
        if deadline is not None and time.time() > deadline:
            return 408, {"error": "the build stopped waiting"}
        results = runner._render_group(targets, inputs, check, None, deadline)
    return 200, {"results": [_result_to_json(result) for result in results]}


class BuildClient:
    """Hands a build's groups, one request each, to a running server (see :func:`serve_build`)."""

    def __init__(self, state: Any, timeout: float | None, state_dir: Path | None = None,
                 notice: Callable[[str], None] | None = None) -> None:
        self.state, self.timeout, self.state_dir, self.notice = state, timeout, state_dir, notice

    @classmethod
    def find(cls, state_dir: Path, timeout: float | None,
             notice: Callable[[str], None] | None = None) -> "BuildClient | None":
        """A client for the server whose state file is in ``state_dir``; None when there is
        none, it has exited, or it is stopped (``notice`` is then told so)."""
        from resume_builder.serving.state import read_state

        state = _usable(read_state(state_dir), state_dir, notice)
        return cls(state, timeout, state_dir, notice) if state is not None else None

    def render_group(self, targets: list[Any], inputs: list[str], check: bool) -> list[Any] | None:
        """The group's results, or None (the build then renders this group and the rest itself).

        A server stopped since the last group is not sent this one. One stopped while it
        builds a group is waited for (up to the timeout): it writes the group's files
        itself, and giving up on it would leave two writers of the same files."""
        if self.state_dir is not None and _gone_or_stopped(self.state.pid, self.state_dir, self.notice):
            return None
        body = {"cwd": str(Path.cwd()), "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH"),
                "targets": [_target_to_json(t) for t in targets], "inputs": list(inputs), "check": check,
                # the moment this build stops waiting (--timeout): the server writes nothing after it
                "deadline": time.time() + self.timeout if self.timeout else None}
        reply = _post(self.state, BUILD_ENDPOINT, body, self.timeout)
        if reply is None or "results" not in reply:
            return None
        return [_result_from_json(item) for item in reply["results"]]


def _usable(state: Any, state_dir: Path, notice: Callable[[str], None] | None) -> Any:
    """``state`` when its server can take work now; None when there is no state, or its
    process has exited or is stopped (then ``notice`` hears why)."""
    return None if state is None or _gone_or_stopped(state.pid, state_dir, notice) else state


def _gone_or_stopped(pid: int, state_dir: Path, notice: Callable[[str], None] | None) -> bool:
    """Whether the server process ``pid`` has exited or is stopped; a stop is told to ``notice``."""
    from resume_builder.serving.state import process_alive, process_stopped

    if process_stopped(pid):
        if notice is not None:
            notice(f"the serve for {state_dir} (process {pid}) is stopped, so this renders here; "
                   f"continue it with fg (or kill -CONT {pid}) to hand renders to it again")
        return True
    return not process_alive(pid)


#: Seconds between looks at the server process while its answer is awaited: a stop or an
#: exit is noticed this soon (a busy server is neither, so load never makes a render give up).
WATCH_INTERVAL = 0.25


def _post(state: Any, path: str, body: dict[str, Any], timeout: float | None, *,
          watch: Callable[[], bool] | None = None) -> dict[str, Any] | None:
    """POST ``body`` as JSON with the token; the JSON reply, or None for any failure.

    ``timeout``: seconds to wait in all (None: no limit). ``watch``: asked every
    :data:`WATCH_INTERVAL` seconds while no answer has begun; True gives up (None).
    """
    import http.client
    import select

    connection = http.client.HTTPConnection("127.0.0.1", state.port, timeout=timeout or None)
    try:
        connection.request("POST", path, body=json.dumps(body).encode("utf-8"), headers={
            "Authorization": f"Bearer {state.token}", "Content-Type": "application/json",
            "Host": f"127.0.0.1:{state.port}"})
        if watch is not None:
            end = None if not timeout else time.monotonic() + timeout
            while not select.select([connection.sock], [], [], WATCH_INTERVAL if end is None
                                    else max(0.0, min(WATCH_INTERVAL, end - time.monotonic())))[0]:
                if watch() or (end is not None and time.monotonic() >= end):
                    return None
        response = connection.getresponse()
        if response.status != 200:
            return None
        reply = json.loads(response.read().decode("utf-8"))
    except (OSError, http.client.HTTPException, ValueError):
        return None
    finally:
        connection.close()
    return reply if isinstance(reply, dict) else None

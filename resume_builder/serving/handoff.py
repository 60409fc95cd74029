"""Handing a render to a running `serve`: the request on the wire, the server's side, the client.

``render`` and ``build`` look for the state file in the output folder
(:mod:`resume_builder.serving.state`); when a server for the same project (same working
directory) answers, they send it their :class:`~resume_builder.pipeline.RenderRequest`
and get the rendered files back, then write them themselves exactly as they would have
(``pipeline.write``: all or nothing). The server renders with the client's
``SOURCE_DATE_EPOCH``, so the bytes are the same as an in-process render's. Anything
else (no state file, a refused connection, a timeout, another project, a mistake in the
inputs) returns None and the caller renders in-process, which also prints a mistake
exactly as the CLI always has.

Wire format (JSON over HTTP POST ``/api/render`` on 127.0.0.1, ``Authorization: Bearer
TOKEN``): ``{"cwd", "source_date_epoch", "request": {RenderRequest fields}, "variants":
[name or null, ...]}`` → ``{"jobs": [{"variant", "theme", "warnings", "messages",
"outputs": [{"path", "data" (base64), "pages", "warnings"}]}]}``, or ``{"user_error": true}``.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from resume_builder.pipeline import RenderRequest, Rendered

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
    if not isinstance(cwd, str) or Path(cwd).resolve() != Path.cwd().resolve():
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
                                          "pages": item.pages, "warnings": list(item.warnings)}
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


def _alive(pid: int) -> bool:
    """Whether process ``pid`` exists (a state file left by a killed server is ignored)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # it exists (another user's: the port check and token still stand)
    return True


def render_via_server(request: RenderRequest, variants: list[str | None], *, state_dir: Path,
                      timeout: float | None = None) -> list[HandedJob] | None:
    """Render ``request`` (once per variant name) on a running server, or None to render in-process.

    ``state_dir``: the output folder holding the server's state file. ``timeout``: seconds
    to wait for the answer (None: no limit). Never raises for a missing, stale or refusing
    server: every such case returns None.
    """
    import http.client

    from resume_builder.serving.state import read_state

    state = read_state(state_dir)
    if state is None or not _alive(state.pid):
        return None
    body = json.dumps({"cwd": str(Path.cwd()), "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH"),
                       "request": request_to_json(request), "variants": variants}).encode("utf-8")
    connection = http.client.HTTPConnection("127.0.0.1", state.port, timeout=timeout or None)
    try:
        connection.request("POST", ENDPOINT, body=body, headers={
            "Authorization": f"Bearer {state.token}", "Content-Type": "application/json",
            "Host": f"127.0.0.1:{state.port}"})
        response = connection.getresponse()
        if response.status != 200:
            return None
        reply = json.loads(response.read().decode("utf-8"))
    except (OSError, http.client.HTTPException, ValueError):
        return None
    finally:
        connection.close()
    if not isinstance(reply, dict) or "jobs" not in reply:
        return None
    return [HandedJob(job["variant"], job["theme"], job["warnings"], job["messages"],
                      [Rendered(Path(item["path"]), base64.b64decode(item["data"]), item["pages"], item["warnings"])
                       for item in job["outputs"]])
            for job in reply["jobs"]]

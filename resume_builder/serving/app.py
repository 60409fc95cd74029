"""The preview server: a Starlette application served by uvicorn on 127.0.0.1 only.

Routes (nothing else exists; no route takes a file name or path from the request):

=====================================  ===================================================
``GET /``                              the preview page (``assets/index.html``)
``GET /assets/preview.js|preview.css`` its script and style sheet (packaged, read at start)
``GET /events``                        server-sent events: the page's state after each render
``GET /api/state``                     the same state, once (JSON)
``GET /render/N/page-P.png``           page P of good render N, from memory
``GET /render/N/resume.pdf|.docx``     the PDF, the DOCX of good render N, from memory
``POST /api/settings``                 the page's switches (theme, variant, language, page size)
``POST /api/render|build``             ``render``/``build`` handing work over (token required)
=====================================  ===================================================

Security (see SECURITY.md): the socket is bound to 127.0.0.1; every request whose Host
header is not ``127.0.0.1`` or ``localhost`` (with any port) is refused with 400, which
defeats DNS rebinding; no CORS headers are sent, so other origins cannot read anything;
``POST /api/settings`` also needs an ``Origin`` equal to the server's own and a JSON body
(a cross-site form cannot send either without a CORS preflight, which fails); ``POST
/api/render`` needs the token from the state file (compared in constant time); every
answer carries a strict Content-Security-Policy, ``nosniff`` and ``no-store``.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import os
import signal
import threading
import time
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from resume_builder.serving.preview import Preview
from resume_builder.wording import count

ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ASSETS = {"preview.js": "text/javascript; charset=utf-8", "preview.css": "text/css; charset=utf-8"}
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                                 b"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
]
KEEP_ALIVE_SECONDS = 15.0
#: When, after the watcher restarts, the inputs are compared again (seconds after the last check).
CATCH_UP_SECONDS = (0.3, 1.5)
#: Seconds between comparisons of the inputs with what the last render read, under the watcher:
#: a save whose event never arrives (a loaded machine, a file system without inotify, a save
#: the watcher's filter missed) is rendered within this time instead of never.
POLL_SECONDS = 2.0


class SecurityHeaders:
    """ASGI middleware: :data:`SECURITY_HEADERS` on every HTTP answer."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *(item for item in SECURITY_HEADERS if item[0] not in names)]
            await send(message)

        await self.app(scope, receive, with_headers)


def _stamps(paths: Any) -> dict[Path, tuple[int, int, int] | None]:
    """Each path's modification time, size and inode (an editor's save by rename makes a new
    file: same size, and on a coarse clock the same time); None when it cannot be read."""
    stamps: dict[Path, tuple[int, int, int] | None] = {}
    for path in paths:
        try:
            info = os.stat(path)
            stamps[path] = (info.st_mtime_ns, info.st_size, info.st_ino)
        except OSError:
            stamps[path] = None
    return stamps


class PreviewServer:
    """The running preview: renders on changes and switches, tells every open page."""

    def __init__(self, preview: Preview, token: str) -> None:
        self.preview = preview
        self.token = token
        self.listeners: set[asyncio.Event] = set()
        self.closing = False
        self.busy = False
        self.assets = {name: (resources.files("resume_builder.serving") / "assets" / name).read_bytes()
                       for name in (*ASSETS, "index.html")}
        self._wanted: asyncio.Event | None = None
        self._restart_watch: asyncio.Event | None = None
        self._tasks: list[asyncio.Task] = []
        self._stamps: dict[Path, tuple[int, int, int] | None] = {}

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        self._wanted = asyncio.Event()
        self._wanted.set()  # the first render
        self._tasks = [asyncio.create_task(self._render_loop()), asyncio.create_task(self._watch_loop()),
                       asyncio.create_task(self._poll_loop())]

    async def stop(self) -> None:
        self.close()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def close(self) -> None:
        """End every event stream (the server is stopping)."""
        self.closing = True
        self._publish()

    def _publish(self) -> None:
        for event in list(self.listeners):
            event.set()

    def state(self) -> dict[str, Any]:
        return {**self.preview.state(), "busy": self.busy}

    async def _render_loop(self) -> None:
        from starlette.concurrency import run_in_threadpool

        from resume_builder.serving.memory import release

        assert self._wanted is not None
        while True:
            await self._wanted.wait()
            self._wanted.clear()
            self.busy = True
            self._publish()
            before = self.preview.watcher.watched_paths()
            watcher = self.preview.watcher
            self._stamps = _stamps(watcher.files | watcher._given_files())  # what this render will read
            started = time.perf_counter()
            await run_in_threadpool(self.preview.render)
            self.busy = self._wanted.is_set()
            self._publish()
            self._report(time.perf_counter() - started)
            if self.preview.watcher.watched_paths() != before and self._restart_watch is not None:
                self._restart_watch.set()  # another theme, photo or variant file: watch its folders
                self._tasks.append(asyncio.create_task(self._catch_up()))
            elif not self._wanted.is_set():
                # No save waiting: give the render's garbage back (memory.py). Not while the
                # watcher restarts: the collection holds the interpreter, and a save made before
                # the new watcher starts would go unseen.
                await run_in_threadpool(release)

    async def _catch_up(self) -> None:
        """Render again if an input changed while the watcher restarted.

        Between the old watcher's stop and the new one's start (after the first render, or a
        switch to another theme) a save goes unseen by both. A moment after the restart, and
        once more later, the inputs' modification times and sizes are compared with those
        taken as the last render began: a difference means a save that render may not have read.
        """
        for delay in CATCH_UP_SECONDS:
            await asyncio.sleep(delay)
            if self._changed_since_render():
                assert self._wanted is not None
                self._wanted.set()
                return

    def _changed_since_render(self) -> bool:
        """Whether an input differs from what it was as the last render began."""
        return any(_stamps([path]).get(path) != stamp for path, stamp in self._stamps.items())

    async def _poll_loop(self) -> None:
        """Render again when an input changed and no render is running or wanted: the watcher's
        event for that save never came (once, under heavy load, a saved mistake was never shown).
        Each look is a stat of the last render's inputs, every :data:`POLL_SECONDS`."""
        assert self._wanted is not None
        while True:
            await asyncio.sleep(POLL_SECONDS)
            if not self.busy and not self._wanted.is_set() and self._changed_since_render():
                self._wanted.set()

    def _report(self, seconds: float) -> None:
        """One line in the terminal per render: the error lines, or what was rendered."""
        from resume_builder.console import err, out

        if self.preview.error:
            for line in self.preview.error:
                err(line, style="red")
        elif self.preview.snapshot is not None:
            snapshot = self.preview.snapshot
            out(f"rendered {snapshot.stem}: {len(snapshot.pages)} page{'s' if len(snapshot.pages) != 1 else ''}, "
                f"theme {snapshot.theme} in {seconds:.2f}s", style="green")

    async def _watch_loop(self) -> None:
        from watchfiles import awatch

        watcher = self.preview.watcher
        while True:
            self._restart_watch = asyncio.Event()
            paths = watcher.watched_paths()
            async for _changes in awatch(*paths, watch_filter=lambda _change, path: watcher.relevant(path),
                                         debounce=50, step=10, stop_event=self._restart_watch):
                assert self._wanted is not None
                self._wanted.set()

    def rerender(self) -> None:
        if self._wanted is not None:
            self._wanted.set()

    # ------------------------------------------------------------------ routes

    async def index(self, request: Request) -> Response:
        return Response(self.assets["index.html"], media_type="text/html; charset=utf-8")

    async def asset(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ASSETS:
            return Response("not found", status_code=404, media_type="text/plain")
        return Response(self.assets[name], media_type=ASSETS[name])

    async def api_state(self, request: Request) -> Response:
        return JSONResponse(self.state())

    async def events(self, request: Request) -> Response:
        wake = asyncio.Event()
        wake.set()  # the current state first
        self.listeners.add(wake)

        async def stream():
            try:
                while not self.closing:
                    try:
                        await asyncio.wait_for(wake.wait(), KEEP_ALIVE_SECONDS)
                    except asyncio.TimeoutError:
                        yield ": keep-alive\n\n"
                        continue
                    wake.clear()
                    if self.closing:
                        break
                    yield f"event: state\ndata: {json.dumps(self.state())}\n\n"
            finally:
                self.listeners.discard(wake)

        return StreamingResponse(stream(), media_type="text/event-stream", headers={"X-Accel-Buffering": "no"})

    def _snapshot(self, request: Request):
        """The good render the URL names: the current one or the one before (a page may
        still be loading its images when the next render lands)."""
        wanted = request.path_params["generation"]
        return next((s for s in (self.preview.snapshot, self.preview.previous)
                     if s is not None and s.generation == wanted), None)

    async def page(self, request: Request) -> Response:
        snapshot = self._snapshot(request)
        number = request.path_params["number"]
        if snapshot is None:
            return Response("no such render (the preview has moved on)", status_code=404, media_type="text/plain")
        if not 1 <= number <= len(snapshot.pages):
            return Response(f"no such page: this render has {count(len(snapshot.pages), 'page')}", status_code=404,
                            media_type="text/plain")
        return Response(snapshot.pages[number - 1], media_type="image/png")

    async def pdf(self, request: Request) -> Response:
        snapshot = self._snapshot(request)
        if snapshot is None:
            return Response("no such render (the preview has moved on)", status_code=404, media_type="text/plain")
        return Response(snapshot.pdf, media_type="application/pdf",
                        headers={"Content-Disposition": _disposition("inline", f"{snapshot.stem}.pdf")})

    async def docx(self, request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        from resume_builder.errors import UserError

        generation = request.path_params["generation"]
        snapshot = self._snapshot(request)
        try:
            data = await run_in_threadpool(self.preview.docx, generation)
        except UserError as error:
            return Response(str(error), status_code=422, media_type="text/plain")
        if data is None or snapshot is None:
            return Response("no such render (the preview has moved on)", status_code=404, media_type="text/plain")
        return Response(data, media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        headers={"Content-Disposition": _disposition("attachment", f"{snapshot.stem}.docx")})

    async def settings(self, request: Request) -> Response:
        from resume_builder.errors import UserError

        origin = request.headers.get("origin")
        if origin != f"http://{request.headers.get('host')}" or \
                request.headers.get("sec-fetch-site", "same-origin") != "same-origin":
            return JSONResponse({"error": "cross-origin requests are refused"}, status_code=403)
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return JSONResponse({"error": "send JSON"}, status_code=415)
        try:
            changes = json.loads(await request.body())
            if not isinstance(changes, dict) or not all(isinstance(v, (str, type(None))) for v in changes.values()):
                raise ValueError
            self.preview.choose(**changes)
        except ValueError:
            return JSONResponse({"error": "send a JSON object of switch names and values"}, status_code=400)
        except UserError as error:
            return JSONResponse({"error": str(error)}, status_code=400)
        self.rerender()
        return JSONResponse({"settings": self.state()["settings"]})

    async def handoff(self, request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        from starlette.background import BackgroundTask

        from resume_builder.serving.handoff import serve_build, serve_request
        from resume_builder.serving.memory import release

        given = request.headers.get("authorization", "")
        expected = f"Bearer {self.token}"
        if not hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8")):
            return JSONResponse({"error": "a valid token is required"}, status_code=401)
        try:
            payload = json.loads(await request.body())
        except ValueError:
            return JSONResponse({"error": "malformed request"}, status_code=400)
        serve = serve_build if request.url.path == "/api/build" else serve_request
        status, reply = await run_in_threadpool(serve, payload, self.preview.lock)
        # the render's garbage given back once the reply is sent (memory.py)
        return JSONResponse(reply, status_code=status, background=BackgroundTask(release))


def _disposition(kind: str, filename: str) -> str:
    """A Content-Disposition value (RFC 6266) for ``filename``: ASCII fallback plus UTF-8 form."""
    from urllib.parse import quote

    fallback = "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "_" for c in filename)
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def create_app(server: PreviewServer) -> Starlette:
    """The Starlette application for ``server`` (see the module docstring for its routes)."""
    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def lifespan(app: Starlette):
        await server.start()
        try:
            yield
        finally:
            await server.stop()

    routes = [
        Route("/", server.index),
        Route("/assets/{name}", server.asset),
        Route("/events", server.events),
        Route("/api/state", server.api_state),
        Route("/render/{generation:int}/page-{number:int}.png", server.page),
        Route("/render/{generation:int}/resume.pdf", server.pdf),
        Route("/render/{generation:int}/resume.docx", server.docx),
        Route("/api/settings", server.settings, methods=["POST"]),
        Route("/api/render", server.handoff, methods=["POST"]),
        Route("/api/build", server.handoff, methods=["POST"]),
    ]
    middleware = [Middleware(SecurityHeaders),
                  Middleware(TrustedHostMiddleware, allowed_hosts=ALLOWED_HOSTS, www_redirect=False)]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


DEFAULT_PORT = 8719


def run(preview: Preview, *, port: int | None, out_dir, open_browser: bool = False, say=print) -> None:
    """Serve ``preview`` on 127.0.0.1 until interrupted; write and finally remove the state file.

    ``port`` None: :data:`DEFAULT_PORT`, or any free port when that one is taken; 0: any
    free port; else exactly that port (UserError when it is taken). Prints the address.
    """
    import errno
    import os
    import socket
    from pathlib import Path

    import uvicorn

    from resume_builder.errors import UserError
    from resume_builder.serving.memory import limit_arenas
    from resume_builder.serving.state import (ServerState, new_token, process_alive, process_stopped, read_state,
                                              remove_state, write_state)

    running = read_state(Path(out_dir))
    if running is not None and running.pid != os.getpid() and process_alive(running.pid):
        # Its state file is what render and build hand their work to: a second server would
        # take it over, then remove it on exit while the first one still runs.
        stopped = ", stopped: continue it with fg" if process_stopped(running.pid) else ""
        raise UserError(f"a serve is already running for {out_dir} (process {running.pid}, "
                        f"http://127.0.0.1:{running.port}/{stopped})",
                        hint=f"open that page, stop it first (kill {running.pid}), or give this one "
                             "another --out-dir")
    limit_arenas()  # before uvicorn's and the thread pool's threads (memory.py)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", DEFAULT_PORT if port is None else port))
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        if port is not None:
            sock.close()
            raise UserError(f"port {port} on 127.0.0.1 is in use (another serve, or another program)",
                            hint="choose another with --port N, or --port 0 for any free port") from None
        sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    sock.set_inheritable(True)
    bound = sock.getsockname()[1]
    token = new_token()
    server = PreviewServer(preview, token)
    config = uvicorn.Config(create_app(server), log_level="warning", lifespan="on", timeout_graceful_shutdown=1,
                            access_log=False)

    class _Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: Any) -> None:  # end the event streams, then stop
            loop = getattr(self, "_loop", None)
            if loop is not None:
                loop.call_soon_threadsafe(server.close)
            super().handle_exit(sig, frame)

        async def startup(self, sockets: Any = None) -> None:
            self._loop = asyncio.get_running_loop()
            await super().startup(sockets=sockets)

    # SIGTERM (kill, a service manager) stops the server as Ctrl-C does: uvicorn shuts down,
    # then raises the signal again with the handler found before it started, this one: it
    # unwinds (the state file is removed below) instead of ending the process on the spot.
    previous_term = _stop_on_sigterm()
    try:  # a Ctrl-C or SIGTERM from the moment the state file exists still removes it
        write_state(Path(out_dir), ServerState(bound, token, os.getpid(), str(Path.cwd())))
        url = f"http://127.0.0.1:{bound}/"
        say(f"preview of {preview.profile} at {url} (Ctrl-C to stop)")
        if open_browser:
            import webbrowser

            webbrowser.open(url)
        _Server(config).run(sockets=[sock])
    finally:  # a Ctrl-C or SIGTERM goes on to the command, which exits 130 or 143 (it exited 0: trial)
        remove_state(Path(out_dir), token)
        sock.close()
        if previous_term is not None:
            signal.signal(signal.SIGTERM, previous_term)


def _stop_on_sigterm() -> Any:
    """In the main thread: make SIGTERM raise :class:`~resume_builder.errors.Terminated` (a
    KeyboardInterrupt: it unwinds as Ctrl-C does); the handler it replaces (None when signals
    cannot be set here: another thread)."""
    if threading.current_thread() is not threading.main_thread():
        return None

    from resume_builder.errors import Terminated

    def terminated(signum: int, frame: Any) -> None:
        raise Terminated()

    return signal.signal(signal.SIGTERM, terminated)

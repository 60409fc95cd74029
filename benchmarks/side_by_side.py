"""Issue 20's targets, measured side by side against the previous main in one run.

    make bench                          (the whole benchmark, this table included)
    python benchmarks/side_by_side.py --runs 7 [--baseline REF] [--memory-renders 100]

"Today's" in issue 20 is the main the issue was filed against: :data:`BASELINE` (pinned, so
later merges into main do not move the yardstick; ``--baseline REF`` or ``BENCH_BASELINE``
measure against another ref). That ref is checked out with ``git worktree add --detach``
into a temporary folder and installed (editable, no dependencies) into a temporary venv whose
dependencies are this venv's own (a ``.pth`` line), so both versions run the same Python and
libraries, yet each finds its own built-in themes through its own entry points. Runs
alternate baseline / current, so both meet the same machine load, and the table gives
medians and their ratio.

The input is one both versions read: the baseline's ``profiles/example.yaml`` (the example
of that time; today's uses fields the baseline does not know), classic theme. Nothing here
is asserted: the tests check behaviour, this prints speed.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "profiles" / "example.yaml"
#: main when issue 20 was filed (the merge of 'fixes2'), the "today's" of its targets.
BASELINE = "f1bf84d4cb3ff5cc78fd4e432361c793c10426df"
HEADLINE = "Platform & DevOps Engineer"

WARM = r"""
import json, os, sys, time, tempfile
from pathlib import Path
os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
from resume_builder import pipeline
import itertools
text, runs, mode = Path(sys.argv[1]).read_text(encoding="utf-8"), int(sys.argv[2]), sys.argv[3]
orders = [" ".join(words) for words in itertools.permutations(%r.split()) if words[0] != "&"]  # YAML: "&" starts an anchor
with tempfile.TemporaryDirectory() as tmp:
    profile = Path(tmp) / "example.yaml"
    def once(run):
        new = orders[run %% len(orders)] if mode == "reword" else %r + f" {run}"
        profile.write_text(text.replace(%r, new, 1), encoding="utf-8")
        job = pipeline.prepare(profile)
        pipeline.write(pipeline.render(job, "pdf", Path(tmp) / "example.pdf"))
    once(0)
    times = []
    for run in range(1, runs + 1):
        start, cpu = time.perf_counter(), time.process_time()
        once(run)
        times.append([time.perf_counter() - start, time.process_time() - cpu])
print(json.dumps(times))
""" % (HEADLINE, HEADLINE, HEADLINE)

MEMORY = r"""
import json, os, resource, sys
from pathlib import Path
os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
from resume_builder.serving.memory import release
from resume_builder.serving.preview import Preview
profile, renders = Path(sys.argv[1]), int(sys.argv[2])
text = profile.read_text(encoding="utf-8")
preview = Preview(profile)
preview.render()
assert preview.error is None, preview.error
first = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
for run in range(1, renders + 1):
    profile.write_text(text.replace(%r, %r + f" {run}", 1), encoding="utf-8")
    preview.render()
    release()  # as the server does after each render
print(json.dumps([first / 1024, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]))
""" % (HEADLINE, HEADLINE)


@dataclass(frozen=True)
class Version:
    """One version of resume-builder to run: its Python and its source folder."""

    python: str
    code: Path


CURRENT = Version(sys.executable, REPO)


def _install(checkout: Path, folder: Path) -> Version | None:
    """A venv in ``folder`` running ``checkout`` with this venv's libraries (None on failure)."""
    import sysconfig

    venv = folder / "venv"
    done = subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], capture_output=True, text=True)
    if done.returncode != 0:
        print(f"no baseline: python -m venv failed: {done.stderr.strip()}")
        return None
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    # This venv's libraries, without its own resume_builder: a .pth line adds the folder to
    # sys.path, and .pth files inside a folder added that way are not run (site module docs).
    Path(purelib, "_bench_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                           "--no-build-isolation", "--no-index", "-e", str(checkout)], capture_output=True, text=True)
    if done.returncode != 0:
        print(f"no baseline: installing {checkout} failed: {done.stderr.strip()[-500:]}")
        return None
    return Version(str(python), checkout)


@contextlib.contextmanager
def baseline_checkout(ref: str) -> Iterator[Version | None]:
    """``ref`` checked out (a temporary ``git worktree``) and installed in a temporary venv;
    None when git, the ref or the install is unavailable."""
    folder = Path(tempfile.mkdtemp(prefix="rb-baseline-"))
    target = folder / "baseline"
    done = subprocess.run(["git", "worktree", "add", "--detach", str(target), ref], cwd=REPO,
                          capture_output=True, text=True)
    if done.returncode != 0:
        print(f"no baseline: git worktree add {ref} failed: {done.stderr.strip()}")
        shutil.rmtree(folder, ignore_errors=True)
        yield None
        return
    try:
        yield _install(target, folder)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(target)], cwd=REPO, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def _env() -> dict[str, str]:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    environment.pop("PYTHONPATH", None)
    return environment


def warm_times(version: Version, profile: Path, runs: int, mode: str) -> list[list[float]]:
    """Seconds per re-render after an edit in one process, as ``[wall, CPU]`` pairs:
    ``reword`` reorders the headline's words (a new layout, glyphs already in use),
    ``append`` adds a run number to it."""
    done = subprocess.run([version.python, "-c", WARM, str(profile), str(runs), mode], env=_env(),
                          cwd=tempfile.gettempdir(), capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def fresh_time(version: Version, args: list[str], cwd: Path, environment: dict[str, str] | None = None) -> list[float]:
    """``[wall, CPU]`` seconds of one ``python -m resume_builder ARGS`` (CPU: the child's user + system)."""
    start, cpu = time.perf_counter(), _children_cpu()
    subprocess.run([version.python, "-m", "resume_builder", *args], env=environment or _env(), cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return [time.perf_counter() - start, _children_cpu() - cpu]


class Server:
    """`serve` of the current code in ``project`` (a copy of the example), for the hand-off and preview measures."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.process = subprocess.Popen([sys.executable, "-m", "resume_builder", "serve", "example.yaml", "--port", "0"],
                                        cwd=project, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        self.address = line.split(" at ", 1)[1].split()[0]
        self.port = int(self.address.rstrip("/").rsplit(":", 1)[1])
        import threading

        threading.Thread(target=self.process.stdout.read, daemon=True).start()  # a line per render: keep the pipe empty

    def state(self) -> dict:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        try:
            connection.request("GET", "/api/state", headers={"Host": f"127.0.0.1:{self.port}"})
            return json.loads(connection.getresponse().read())
        finally:
            connection.close()

    def settled(self, after: int = 0) -> dict:
        """Wait (polling every 20 ms, benchmark only) until a render after number ``after`` is done."""
        while True:
            state = self.state()
            if not state["busy"] and state["generation"] > after and (state["render"] or state["error"]):
                return state
            time.sleep(0.02)

    def stop(self) -> None:
        self.process.send_signal(2)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def edit(profile: Path, text: str, run: int) -> None:
    profile.write_text(text.replace(HEADLINE, f"{HEADLINE} {run}", 1), encoding="utf-8")


def preview_update_times(server: Server, profile: Path, text: str, runs: int) -> list[float] | str:
    """Seconds from saving the profile to the new page image decoded in headless chromium."""
    executable = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if executable is None:
        return "chromium not installed"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "playwright not installed"
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True)
        page = browser.new_page(bypass_csp=True)
        page.goto(server.address)
        page.wait_for_function("document.body.dataset.render !== '0'", timeout=300_000)
        for run in range(runs):
            shown = page.evaluate("document.body.dataset.render")
            start = time.perf_counter()
            edit(profile, text, 1000 + run)
            page.wait_for_function(f"document.body.dataset.render !== {shown!r}", timeout=300_000, polling="raf")
            times.append(time.perf_counter() - start)
            server.settled()
        browser.close()
    return times


def _peak_mb(pid: int) -> float | None:
    """Peak resident memory (VmHWM) of process ``pid`` in MB, None without /proc (not Linux)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def memory(source: Path, renders: int) -> tuple[float, float]:
    """Peak resident memory of a running ``serve`` after its first render and after
    ``renders`` re-renders, each after an edit (on Linux; elsewhere the same renders in
    one process through ``Preview`` without the server around it)."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        profile = project / "example.yaml"
        text = source.read_text(encoding="utf-8")
        profile.write_text(text, encoding="utf-8")
        server = Server(project)
        try:
            state = server.settled()
            first = _peak_mb(server.process.pid)
            if first is not None:
                for run in range(1, renders + 1):
                    edit(profile, text, run)
                    state = server.settled(state["generation"])
                last = _peak_mb(server.process.pid)
                assert last is not None
                return first, last
        finally:
            server.stop()
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "example.yaml"
        shutil.copy(source, profile)
        done = subprocess.run([sys.executable, "-c", MEMORY, str(profile), str(renders)], env=_env(), cwd=tmp,
                              capture_output=True, text=True, check=True)
        first, last = json.loads(done.stdout)
    return first, last


def measure(baseline: Version | None, runs: int, memory_renders: int) -> list[dict]:
    rows: list[dict] = []
    source = baseline.code / "profiles" / "example.yaml" if baseline is not None else EXAMPLE

    def row(name: str, old: list | None, new: list | str, target: str, limit: float | None,
            absolute: float | None = None) -> None:
        """A table row from wall times, or ``[wall, CPU]`` pairs (then the CPU ratio too: on a
        shared machine the wall clock also counts other jobs' turns, the CPU time much less)."""
        if isinstance(new, str):
            rows.append({"measure": name, "note": new, "target": target})
            return

        def medians(times: list | None) -> tuple[float | None, float | None]:
            if not times:
                return None, None
            if isinstance(times[0], list):
                return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)
            return statistics.median(times), None

        (old_median, old_cpu), (new_median, new_cpu) = medians(old), medians(new)
        ratio = new_median / old_median if old_median else None
        cpu_ratio = new_cpu / old_cpu if old_cpu and new_cpu is not None else None
        met = (ratio is not None and limit is not None and ratio <= limit) or \
              (absolute is not None and new_median < absolute)
        rows.append({"measure": name, "baseline_s": old_median, "current_s": new_median, "ratio": ratio,
                     "baseline_cpu_s": old_cpu, "current_cpu_s": new_cpu, "cpu_ratio": cpu_ratio,
                     "target": target, "met": met})
        print(f"  measured: {name}: {old_median} -> {new_median} (CPU {old_cpu} -> {new_cpu})",
              file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # warm re-render after an edit, in one process
        for mode, label in (("reword", "reworded headline"), ("append", "a number appended")):
            old_warm, new_warm = [], []
            for _ in range(2):
                if baseline is not None:
                    old_warm += warm_times(baseline, source, max(2, runs // 2), mode)
                new_warm += warm_times(CURRENT, source, max(2, runs // 2), mode)
            row(f"warm PDF re-render after an edit ({label}), in-process", old_warm, new_warm, "≤ 0.45×", 0.45)

        # fresh-process render without a server: with the disk font cache as a user's second
        # render finds it (render/font_cache.py, in a folder of this run), and with it empty
        old_fresh, new_fresh, new_cold = [], [], []
        out = tmp / "out"
        cache = {**_env(), "RESUME_BUILDER_CACHE_DIR": str(tmp / "cache")}
        fresh_time(CURRENT, ["render", str(source), "-f", "pdf", "--out-dir", str(out), "--no-server"], tmp, cache)
        for run in range(runs):
            if baseline is not None:
                old_fresh.append(fresh_time(baseline, ["render", str(source), "-f", "pdf", "--out-dir", str(out)], tmp))
            new_fresh.append(fresh_time(CURRENT, ["render", str(source), "-f", "pdf", "--out-dir", str(out),
                                                  "--no-server"], tmp, cache))
            empty = {**_env(), "RESUME_BUILDER_CACHE_DIR": str(tmp / f"empty-{run}")}
            new_cold.append(fresh_time(CURRENT, ["render", str(source), "-f", "pdf", "--out-dir", str(out),
                                                 "--no-server"], tmp, empty))
        row("fresh-process PDF render, no server", old_fresh, new_fresh, "≤ 0.85×", 0.85)
        row("fresh-process PDF render, no server, font cache empty", old_fresh, new_cold, "≤ 0.85×", 0.85)

        # render with a running server (after each edit, once the preview has caught up)
        project = tmp / "project"
        project.mkdir()
        profile = project / "example.yaml"
        text = source.read_text(encoding="utf-8")
        profile.write_text(text, encoding="utf-8")
        server = Server(project)
        try:
            state = server.settled()
            handed = []
            for run in range(runs):
                edit(profile, text, run)
                state = server.settled(state["generation"])
                handed.append(fresh_time(CURRENT, ["render", "example.yaml", "-f", "pdf"], project)[0])  # the server's CPU is not the child's
            row("`render` with a running server vs today's fresh render", old_fresh or None, handed, "≤ 0.4×", 0.4)
            updates = preview_update_times(server, profile, text, runs)
            row("preview update after a save (save → new image in chromium)", None, updates, "< 1.0 s", None, 1.0)
        finally:
            server.stop()

    first, last = memory(source, memory_renders)
    growth = last / first
    rows.append({"measure": f"server peak memory after {memory_renders} re-renders vs the first",
                 "baseline_s": None, "current_s": None, "ratio": growth, "first_mb": first, "last_mb": last,
                 "target": "≤ 1.10×", "met": growth <= 1.10})
    return rows


def show(rows: list[dict], baseline: str) -> None:
    width = max(len(r["measure"]) for r in rows)
    print(f"{'issue 20, side by side with ' + baseline[:12]:<{width}}  {'baseline':>9}  {'current':>9}  {'ratio':>6}  "
          f"{'CPU':>6}  target")
    for r in rows:
        if "note" in r:
            print(f"{r['measure']:<{width}}  not measured: {r['note']}")
            continue
        old = f"{r['baseline_s'] * 1000:.0f}ms" if r.get("baseline_s") else (f"{r['first_mb']:.0f}MB" if "first_mb" in r else "-")
        new = f"{r['current_s'] * 1000:.0f}ms" if r.get("current_s") else (f"{r['last_mb']:.0f}MB" if "last_mb" in r else "-")
        ratio = f"{r['ratio']:.2f}x" if r.get("ratio") else "-"
        cpu = f"{r['cpu_ratio']:.2f}x" if r.get("cpu_ratio") else "-"
        print(f"{r['measure']:<{width}}  {old:>9}  {new:>9}  {ratio:>6}  {cpu:>6}  {r['target']} "
              f"{'met' if r['met'] else 'NOT MET'}")


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--baseline", default=os.environ.get("BENCH_BASELINE", BASELINE))
    parser.add_argument("--memory-renders", type=int, default=100)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    with baseline_checkout(args.baseline) as baseline:
        rows = measure(baseline, args.runs, args.memory_renders)
    show(rows, args.baseline)
    if args.json is not None:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return rows


if __name__ == "__main__":
    main()

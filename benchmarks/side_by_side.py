"""Issue 20's targets, measured side by side against the previous main in one run.

    make bench                          (the whole benchmark, this table included)
    python benchmarks/side_by_side.py --runs 7 [--baseline main] [--memory-renders 100]

The previous main is checked out with ``git worktree add --detach`` into a temporary folder
and run from there with this venv's Python (``PYTHONPATH`` puts its ``resume_builder``
first; the dependencies are the same), so both versions meet the same machine load.
Runs alternate baseline / current, and the table gives medians and their ratio. Nothing
here is asserted: the tests check behaviour, this prints speed.
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
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "profiles" / "example.yaml"
HEADLINE = "Platform & DevOps Engineer"

WARM = r"""
import json, os, sys, time, tempfile
from pathlib import Path
os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
from resume_builder import pipeline
import itertools
text, runs, mode = Path(sys.argv[1]).read_text(encoding="utf-8"), int(sys.argv[2]), sys.argv[3]
orders = [" ".join(words) for words in itertools.permutations(%r.split())]
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
        start = time.perf_counter(); once(run); times.append(time.perf_counter() - start)
print(json.dumps(times))
""" % (HEADLINE, HEADLINE, HEADLINE)

MEMORY = r"""
import json, os, resource, sys
from pathlib import Path
os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
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
print(json.dumps([first / 1024, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]))
""" % (HEADLINE, HEADLINE)


@contextlib.contextmanager
def baseline_checkout(ref: str) -> Iterator[Path | None]:
    """A temporary ``git worktree`` of ``ref`` (None when git or the ref is unavailable)."""
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
        yield target
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(target)], cwd=REPO, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def _env(code: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(code), "SOURCE_DATE_EPOCH": "1700000000"}


def warm_times(code: Path, runs: int, mode: str) -> list[float]:
    """Seconds per re-render after an edit in one process: ``reword`` reorders the headline's
    words (a new layout, glyphs already in use), ``append`` adds a run number to it."""
    done = subprocess.run([sys.executable, "-c", WARM, str(EXAMPLE), str(runs), mode], env=_env(code),
                          cwd=tempfile.gettempdir(),
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def fresh_time(code: Path, args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "resume_builder", *args], env=_env(code), cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


class Server:
    """`serve` of the current code in ``project`` (a copy of the example), for the hand-off and preview measures."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.process = subprocess.Popen([sys.executable, "-m", "resume_builder", "serve", "example.yaml", "--port", "0"],
                                        cwd=project, env=_env(REPO), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
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


def memory(renders: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "example.yaml"
        shutil.copy(EXAMPLE, profile)
        done = subprocess.run([sys.executable, "-c", MEMORY, str(profile), str(renders)], env=_env(REPO), cwd=tmp,
                              capture_output=True, text=True, check=True)
        first, last = json.loads(done.stdout)
    return first, last


def measure(baseline: Path | None, runs: int, memory_renders: int) -> list[dict]:
    rows: list[dict] = []

    def row(name: str, old: list[float] | None, new: list[float] | str, target: str, limit: float | None,
            absolute: float | None = None) -> None:
        if isinstance(new, str):
            rows.append({"measure": name, "note": new, "target": target})
            return
        old_median = statistics.median(old) if old else None
        new_median = statistics.median(new)
        ratio = new_median / old_median if old_median else None
        met = (ratio is not None and limit is not None and ratio <= limit) or \
              (absolute is not None and new_median < absolute)
        rows.append({"measure": name, "baseline_s": old_median, "current_s": new_median, "ratio": ratio,
                     "target": target, "met": met})
        print(f"  measured: {name}: {old_median} -> {new_median}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # warm re-render after an edit, in one process
        for mode, label in (("reword", "reworded headline"), ("append", "a number appended")):
            old_warm, new_warm = [], []
            for _ in range(2):
                if baseline is not None:
                    old_warm += warm_times(baseline, max(2, runs // 2), mode)
                new_warm += warm_times(REPO, max(2, runs // 2), mode)
            row(f"warm PDF re-render after an edit ({label}), in-process", old_warm, new_warm, "≤ 0.45×", 0.45)

        # fresh-process render without a server
        old_fresh, new_fresh = [], []
        out = tmp / "out"
        for _ in range(runs):
            if baseline is not None:
                old_fresh.append(fresh_time(baseline, ["render", str(EXAMPLE), "-f", "pdf", "--out-dir", str(out)], tmp))
            new_fresh.append(fresh_time(REPO, ["render", str(EXAMPLE), "-f", "pdf", "--out-dir", str(out),
                                               "--no-server"], tmp))
        row("fresh-process PDF render, no server", old_fresh, new_fresh, "≤ 0.85×", 0.85)

        # render with a running server (after each edit, once the preview has caught up)
        project = tmp / "project"
        project.mkdir()
        profile = project / "example.yaml"
        text = EXAMPLE.read_text(encoding="utf-8")
        profile.write_text(text, encoding="utf-8")
        server = Server(project)
        try:
            state = server.settled()
            handed = []
            for run in range(runs):
                edit(profile, text, run)
                state = server.settled(state["generation"])
                handed.append(fresh_time(REPO, ["render", "example.yaml", "-f", "pdf"], project))
            row("`render` with a running server vs today's fresh render", old_fresh or None, handed, "≤ 0.4×", 0.4)
            updates = preview_update_times(server, profile, text, runs)
            row("preview update after a save (save → new image in chromium)", None, updates, "< 1.0 s", None, 1.0)
        finally:
            server.stop()

    first, last = memory(memory_renders)
    growth = last / first
    rows.append({"measure": f"server peak memory after {memory_renders} re-renders vs the first",
                 "baseline_s": None, "current_s": None, "ratio": growth, "first_mb": first, "last_mb": last,
                 "target": "≤ 1.10×", "met": growth <= 1.10})
    return rows


def show(rows: list[dict], baseline: str) -> None:
    width = max(len(r["measure"]) for r in rows)
    print(f"{'issue 20, side by side with ' + baseline:<{width}}  {'baseline':>9}  {'current':>9}  {'ratio':>6}  target")
    for r in rows:
        if "note" in r:
            print(f"{r['measure']:<{width}}  not measured: {r['note']}")
            continue
        old = f"{r['baseline_s'] * 1000:.0f}ms" if r.get("baseline_s") else (f"{r['first_mb']:.0f}MB" if "first_mb" in r else "-")
        new = f"{r['current_s'] * 1000:.0f}ms" if r.get("current_s") else (f"{r['last_mb']:.0f}MB" if "last_mb" in r else "-")
        ratio = f"{r['ratio']:.2f}x" if r.get("ratio") else "-"
        print(f"{r['measure']:<{width}}  {old:>9}  {new:>9}  {ratio:>6}  {r['target']} {'met' if r['met'] else 'NOT MET'}")


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--baseline", default=os.environ.get("BENCH_BASELINE", "main"))
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

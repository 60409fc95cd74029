"""Benchmarks: medians over several runs, printed as a table and written as JSON.

    make bench            (or: python benchmarks/bench.py --runs 5)

Measures what users feel: CLI start-up, a fresh-process render, and a warm re-render in
a long-lived process (watch mode, batch builds). Targets are for a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "profiles" / "example.yaml"
sys.path.insert(0, str(REPO))


def fresh(args: list[str], runs: int) -> float:
    """Median wall time of ``python -m resume_builder ARGS`` in a new process."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "resume_builder", *args], cwd=REPO, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def warm(fmt: str, runs: int) -> float:
    """Median time of a re-render in a process that has rendered once already."""
    from resume_builder import pipeline

    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / f"example.{fmt}"

        def once() -> None:
            job = pipeline.prepare(EXAMPLE)
            pipeline.write(pipeline.render(job, fmt, target))

        once()
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            once()
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, default=REPO / "benchmarks" / "results.json")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    from resume_builder import pipeline

    formats = pipeline.available_formats()
    rows: list[tuple[str, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(("resume-builder --help", fresh(["--help"], args.runs), 0.150))
        rows.append(("fresh PDF render (example)", fresh(["render", "-f", "pdf", "--out-dir", tmp], max(3, args.runs // 2)), 1.0))
        if "docx" in formats:
            rows.append(("fresh DOCX render (example)", fresh(["render", "-f", "docx", "--out-dir", tmp], max(3, args.runs // 2)), 0.5))
    rows.append(("warm PDF re-render", warm("pdf", args.runs), 0.3))
    if "docx" in formats:
        rows.append(("warm DOCX re-render", warm("docx", args.runs), 0.05))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'median':>9}  {'target':>8}")
    for name, seconds, target in rows:
        mark = "ok" if seconds <= target else "SLOW"
        print(f"{name:<{width}}  {seconds * 1000:>7.0f}ms  {target * 1000:>6.0f}ms  {mark}")
    args.json.write_text(json.dumps({name: {"median_s": round(s, 4), "target_s": t} for name, s, t in rows},
                                    indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()

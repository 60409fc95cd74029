"""Benchmarks: medians over several runs, printed as a table and written as JSON.

    make bench            (or: python benchmarks/bench.py --runs 5)

Measures what users feel: CLI start-up, a fresh-process render, and a warm re-render in
a long-lived process (watch mode, batch builds). Targets are for a 2-core machine. Ends
with issue 20's table, measured side by side against the previous main
(benchmarks/side_by_side.py; ``--baseline REF``, default the main issue 20 was filed against).
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
    """Median time of a re-render after an edit, in a process that has rendered once already.

    Each run changes the profile's headline (as a user saving in watch mode would), so no
    cache can answer: the file is parsed, validated and laid out again.
    """
    from resume_builder import pipeline

    text = EXAMPLE.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "example.yaml"
        target = Path(tmp) / f"example.{fmt}"

        def once(run: int) -> None:
            profile.write_text(text.replace("Platform & DevOps Engineer", f"Platform & DevOps Engineer {run}", 1),
                               encoding="utf-8")
            job = pipeline.prepare(profile)
            pipeline.write(pipeline.render(job, fmt, target))

        once(0)
        times = []
        for run in range(1, runs + 1):
            start = time.perf_counter()
            once(run)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


BUILD_FILE = """\
out_dir = "out"
check = false

[[targets]]
profile = "{profile}"
variants = ["", "platform", "monitoring"]
themes = ["classic", "modern", "compact"]
formats = ["pdf", "docx"]
name = "{{profile}}-{{variant}}-{{theme}}"
"""


def build(runs: int) -> tuple[float, float, int]:
    """Median cold build of the example's variants × themes × (PDF, DOCX), and a no-op rebuild."""
    cold, noop = [], []
    targets = 0
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        (project / "resume-builder.toml").write_text(BUILD_FILE.format(profile=EXAMPLE), encoding="utf-8")
        for _ in range(runs):
            out = project / "out"
            if out.exists():
                import shutil

                shutil.rmtree(out)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "resume_builder", "build"], cwd=project, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            cold.append(time.perf_counter() - start)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "resume_builder", "build"], cwd=project, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            noop.append(time.perf_counter() - start)
            targets = len(json.loads((out / "manifest.json").read_text())["files"])
    return statistics.median(cold), statistics.median(noop), targets


def load_json_resume(runs: int) -> tuple[float, float]:
    """Median load of the example as JSON Resume (its export) and as YAML, side by side.

    JSON Resume is judged by the official schema (jsonschema, formats checked) before the
    mapping; the ratio shows what that costs against our own format.
    """
    from resume_builder.interop import export_json_resume, json_resume_text
    from resume_builder.loading import profile_loader

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "example.json"
        path.write_text(json_resume_text(export_json_resume(EXAMPLE).data), encoding="utf-8")
        times: dict[Path, list[float]] = {path: [], EXAMPLE: []}
        for _ in range(runs):
            for source in times:
                profile_loader._LOADED.clear()
                start = time.perf_counter()
                profile_loader.load_profile(source)
                times[source].append(time.perf_counter() - start)
    return statistics.median(times[path]), statistics.median(times[EXAMPLE])


def load_split(runs: int) -> tuple[float, float, int]:
    """Median load of the example split over files (every section of it in its own file,
    ``{include: parts/<section>.yaml}``) and of the example as one file, side by side."""
    from ruamel.yaml import YAML

    from resume_builder.loading import profile_loader
    from resume_builder.loading.source import parse

    data = parse(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE)).data
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False  # block style, as people write (libyaml reads it fast)
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "parts").mkdir()
        main = {}
        for key, value in data.items():
            if isinstance(value, (list, dict)) and key not in ("theme", "variants", "headings"):
                with open(Path(tmp) / "parts" / f"{key}.yaml", "w", encoding="utf-8") as handle:
                    yaml.dump(value, handle)
                main[key] = {"include": f"parts/{key}.yaml"}
            else:
                main[key] = value
        path = Path(tmp) / "example.yaml"
        with open(path, "w", encoding="utf-8") as handle:
            yaml.dump(main, handle)
        times: dict[Path, list[float]] = {path: [], EXAMPLE: []}
        for _ in range(runs):
            for source in times:
                profile_loader._LOADED.clear()
                start = time.perf_counter()
                profile_loader.load_profile(source)
                times[source].append(time.perf_counter() - start)
        files = len(profile_loader.load_profile(path).included)
    return statistics.median(times[path]), statistics.median(times[EXAMPLE]), files


def refusals(runs: int) -> list[tuple[str, float, float]]:
    """How fast hostile input is refused (the tests check *that* it is; here: how quickly).

    The targets are the bounds the tests used to assert: an alias bomb and a 10,000-entry
    profile are refused within 5 s, a 100-megapixel photo from its header within 2 s.
    """
    from resume_builder.errors import UserError
    from resume_builder.loading import load_profile

    def refused(path: Path) -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            try:
                load_profile(path)
            except UserError:
                pass
            else:
                raise AssertionError(f"{path.name} was accepted")
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        for i, name in enumerate("bcdefghi"):
            lines.append(f"{name}: &{name} [" + ",".join([f"*{'abcdefghi'[i]}"] * 9) + "]")
        bomb = Path(tmp) / "bomb.yaml"
        bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
        rows.append(("YAML alias bomb refused", refused(bomb), 5.0))
        many = Path(tmp) / "many.json"
        many.write_text(json.dumps({"basics": {"name": "A"}, "experience": [
            {"company": f"Co {i}", "position": "Eng", "start": "2020"} for i in range(10_000)]}, indent=1))
        rows.append(("10,000 entries refused", refused(many), 5.0))
    return rows


def unknown_keys(count: int) -> float:
    """Seconds to load and report a profile with ``count`` unknown top-level keys (issue 12).

    Reporting must stay linear: the first 50 problems get "did you mean", the rest a count.
    """
    from resume_builder.errors import UserError
    from resume_builder.loading import load_profile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "unknown.yaml"
        path.write_text("basics:\n  name: Sam\n" + "".join(f"key_{i}: {i}\n" for i in range(count)), encoding="utf-8")
        start = time.perf_counter()
        try:
            load_profile(path)
        except UserError:
            pass
        return time.perf_counter() - start


def peak_memory_mb() -> float:
    """Peak resident memory of a fresh process rendering the example to PDF and DOCX."""
    import resource

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "resume_builder", "render", "-f", "pdf", "-f", "docx",
                        "--out-dir", tmp], cwd=REPO, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def posting_quality() -> dict[str, dict[str, float]]:
    """How well postings are read: the three figures over the labelled corpus (tests/fixtures/postings)."""
    from tests.tailoring.posting_corpus import measure

    return {name: {"ratio": round(score.ratio, 3), "hits": score.hits, "total": score.total}
            for name, score in measure().items()}


def page_budget_fits() -> tuple[float, float, int]:
    """Seconds for a 2-page fit of the example without and with a posting (new process state each),
    and the layouts the posting fit needed."""
    from resume_builder import pipeline
    from resume_builder.render import pdf

    posting = REPO / "tests" / "fixtures" / "postings" / "sre-en.md"
    counted = [0]
    layout = pdf.layout

    def counting(*args, **kwargs):
        counted[0] += 1
        return layout(*args, **kwargs)

    times = []
    for job in (None, posting):
        pipeline._PAGE_COUNTS.clear()
        pdf._RECENT.clear()
        counted[0] = 0
        pdf.layout = counting
        try:
            start = time.perf_counter()
            pipeline.prepare(EXAMPLE, max_pages=2, posting=job)
            times.append(time.perf_counter() - start)
        finally:
            pdf.layout = layout
    return times[0], times[1], counted[0]


def import_recovery() -> list[dict]:
    """Issue 21's figures: every built-in theme's PDF and DOCX of the example imported back
    (entries, highlights, name/e-mail/phone recovered, seconds per import), then the foreign
    layouts of tests/importing/layouts.py when LibreOffice is installed."""
    import shutil

    from resume_builder import pipeline
    from resume_builder.importing.document.build import import_document
    from resume_builder.importing.document.recovery import measure, read_profile
    from resume_builder.theming import ThemeFinder

    expected = read_profile(EXAMPLE)
    rows = []
    themes = sorted(name for name, source, _ in ThemeFinder().available() if source == "built-in")
    with tempfile.TemporaryDirectory() as tmp:
        for theme in themes:
            job = pipeline.prepare(EXAMPLE, theme_name=theme)
            for fmt in ("pdf", "docx"):
                target = Path(tmp) / f"{theme}.{fmt}"
                (output,) = pipeline.render(job, fmt, target)
                target.write_bytes(output.data)
                start = time.perf_counter()
                result = import_document(target)
                seconds = time.perf_counter() - start
                figures = measure(expected, result.data)
                rows.append({"what": f"round trip {theme} {fmt}", "figures": figures.line(), "seconds": seconds})
        if shutil.which("soffice"):
            from tests.importing.conftest import convert_with_libreoffice
            from tests.importing.layouts import MEASURED, truth, write_sources

            folder = Path(tmp) / "layouts"
            folder.mkdir()
            sources = write_sources(folder)
            convert_with_libreoffice([p for p in sources.values() if p.suffix == ".docx"], folder)
            convert_with_libreoffice([p for p in sources.values() if p.suffix == ".html"], folder, html=True)
            for layout, fmt in MEASURED:
                start = time.perf_counter()
                result = import_document(folder / f"{layout}.{fmt}")
                seconds = time.perf_counter() - start
                verdict = " (defeated, says so)" if result.report.defeated else ""
                rows.append({"what": f"foreign {layout} {fmt}",
                             "figures": measure(truth(layout), result.data).line() + verdict, "seconds": seconds})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, default=REPO / "benchmarks" / "results.json")
    parser.add_argument("--baseline", default=None,
                        help="git ref measured side by side for issue 20's targets (benchmarks/side_by_side.py)")
    parser.add_argument("--memory-renders", type=int, default=100)
    parser.add_argument("--import-only", action="store_true", help="only issue 21's import figures")
    args = parser.parse_args()
    if args.import_only:
        for row in import_recovery():
            print(f"{row['what']:<34} {row['seconds'] * 1000:>6.0f}ms  {row['figures']}")
        return
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    from resume_builder import pipeline

    formats = pipeline.available_formats()
    rows: list[tuple[str, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(("resume-builder --help", fresh(["--help"], args.runs), 0.150))
        rows.append(("fresh PDF render (example)", fresh(["render", "-f", "pdf", "--out-dir", tmp], max(3, args.runs // 2)), 1.0))
        if "docx" in formats:
            rows.append(("fresh DOCX render (example)", fresh(["render", "-f", "docx", "--out-dir", tmp], max(3, args.runs // 2)), 0.5))
    rows.append(("warm PDF re-render after an edit", warm("pdf", args.runs), 0.3))
    if "docx" in formats:
        rows.append(("warm DOCX re-render after an edit", warm("docx", args.runs), 0.05))
    as_json_resume, as_yaml = load_json_resume(args.runs)
    rows.append((f"load the example as JSON Resume ({as_json_resume / as_yaml:.1f}x its YAML)", as_json_resume, 0.2))
    split, whole, parts = load_split(args.runs)
    rows.append((f"load the example split over {parts + 1} files ({split / whole:.1f}x one file)", split, 0.2))
    cold, noop, targets = build(max(1, args.runs // 2))
    rows.append((f"cold build, {targets} targets (PDF+DOCX)", cold, 6.0 * targets / 20))
    rows.append(("no-op incremental build", noop, 0.5))
    small, big = unknown_keys(2_500), unknown_keys(20_000)
    rows.append(("profile with 2,500 unknown keys, reported", small, 5.0))
    rows.append(("profile with 20,000 unknown keys, reported", big, 8 * 5.0))
    plain_fit, posting_fit, layouts = page_budget_fits()
    rows.append(("2-page fit, no posting", plain_fit, 6.0))
    rows.append((f"2-page fit by relevance ({layouts} layouts)", posting_fit, 6.0))
    rows += refusals(args.runs)
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'median':>9}  {'target':>8}")
    for name, seconds, target in rows:
        mark = "ok" if seconds <= target else "SLOW"
        print(f"{name:<{width}}  {seconds * 1000:>7.0f}ms  {target * 1000:>6.0f}ms  {mark}")
    print(f"unknown keys, 8x as many: {big / small:.1f}x the time (linear: about 8x)")
    memory = peak_memory_mb()
    print(f"{'peak memory, one render':<{width}}  {memory:>7.0f}MB  {200:>6}MB  {'ok' if memory <= 200 else 'HIGH'}")
    print(f"2-page fit by relevance / no posting: {posting_fit / plain_fit:.2f}x")
    quality = posting_quality()
    for name, figure in quality.items():
        mark = "ok" if figure["ratio"] >= 0.9 else "LOW"
        print(f"{'postings: ' + name:<{width}}  {figure['ratio']:>9.3f}  {0.9:>8.2f}  {mark}  "
              f"({figure['hits']} of {figure['total']})")
    recovery = import_recovery()
    for row in recovery:
        print(f"{'import: ' + row['what']:<{width}}  {row['seconds'] * 1000:>7.0f}ms  {row['figures']}")
    sys.path.insert(0, str(REPO / "benchmarks"))
    import side_by_side

    args.baseline = args.baseline or os.environ.get("BENCH_BASELINE", side_by_side.BASELINE)
    print()
    side = side_by_side.main(["--runs", str(args.runs), "--baseline", args.baseline,
                              "--memory-renders", str(args.memory_renders)])
    results = {name: {"median_s": round(s, 4), "target_s": t} for name, s, t in rows}
    results["issue 20, side by side with " + args.baseline] = side
    results["posting quality"] = quality
    results["import recovery (issue 21)"] = recovery
    results["peak memory, one render"] = {"mb": round(memory, 1), "target_mb": 200}
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()

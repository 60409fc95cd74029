"""Print the mutation score of each module mutmut mutated (make mutation runs this).

Reads mutmut 3's results (``mutants/<module>.py.meta``, exit code per mutant) and prints,
per module: mutants, killed (a test failed, or it ran into mutmut's timeout, which is how
an endless loop is caught), survived, without tests, not yet checked, and the score:
killed / checked. ``--min 85`` exits 1 when a module scores lower.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

KILLED = {1, 3, 36, 24, -24, 152, 255, 37}  # failed test, pytest error, timeouts, type check
NO_TESTS = {5, 33}


def scores(folder: Path) -> list[tuple[str, int, int, int, int, int]]:
    rows = []
    for meta in sorted(folder.rglob("*.py.meta")):
        if "build/mutation" in str(folder) and "/mutants/" not in meta.as_posix():
            continue
        codes = list(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].values())
        checked = [c for c in codes if c is not None]
        killed = sum(c in KILLED for c in checked)
        no_tests = sum(c in NO_TESTS for c in checked)
        module = meta.as_posix().split("/mutants/", 1)[-1][: -len(".meta")] if "/mutants/" in meta.as_posix() \
            else meta.relative_to(folder).as_posix()[: -len(".meta")]
        rows.append((module, len(codes), killed, len(checked) - killed - no_tests, no_tests,
                     len(codes) - len(checked)))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=Path("mutants"))
    parser.add_argument("--min", type=float, default=None, help="fail if a module scores below this percentage")
    args = parser.parse_args()
    rows = scores(args.folder)
    if not rows:
        print(f"no mutmut results under {args.folder}/: run 'make mutation' first", file=sys.stderr)
        return 2
    width = max(len(r[0]) for r in rows)
    print(f"{'module':<{width}}  {'mutants':>7}  {'killed':>6}  {'survived':>8}  {'no tests':>8}  "
          f"{'unchecked':>9}  {'score':>6}")
    low = []
    for module, total, killed, survived, no_tests, unchecked in rows:
        checked = total - unchecked
        score = 100 * killed / checked if checked else 0.0
        print(f"{module:<{width}}  {total:>7}  {killed:>6}  {survived:>8}  {no_tests:>8}  {unchecked:>9}  "
              f"{score:>5.1f}%")
        if args.min is not None and score < args.min:
            low.append(module)
    if low:
        print(f"below {args.min:g}%: {', '.join(low)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Several command lines of the CLI run one after another in this one process (a child of the
test), each in its own folder: ``python tests/cli_batch.py`` reads ``[{"args": [...], "cwd":
"..."}, ...]`` as JSON on stdin and writes ``[{"code": 2, "stdout": "...", "stderr": "..."}, ...]``.

For tests of commands that must refuse an input a regression would hang on or grow without
bound (a FIFO, /dev/zero): a child per command line cost a Python start and the imports each.
"""

from __future__ import annotations

import json
import os
import sys


def main() -> None:
    from typer.testing import CliRunner

    from resume_builder.cli import app

    results = []
    for case in json.load(sys.stdin):
        os.chdir(case["cwd"])
        result = CliRunner().invoke(app, case["args"], prog_name="resume-builder", env={"COLUMNS": "200"})
        stderr = result.stderr
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            import traceback

            stderr += "".join(traceback.format_exception(result.exception))
        results.append({"code": result.exit_code, "stdout": result.stdout, "stderr": stderr})
    sys.__stdout__.write(json.dumps(results))


if __name__ == "__main__":
    main()

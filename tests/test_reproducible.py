"""Same input, same bytes: no output depends on the clock, the machine, the user, the
working directory or the order of a directory listing (issue 12, item 18).

The example profile, in brief (tests/conftest.py ``brief_example``: every section and kind
of entry, 2 pages), is built in every format (PDF, PNG, DOCX, HTML, Markdown, text) plus
``manifest.json`` by two separate processes that differ in everything that should not
matter: the clock (libfaketime moves it by decades; without libfaketime the second process
starts after a real pause of more than a second), the project folder and working directory,
HOME, USER, TMPDIR, TZ, the locale and the hash seed. Each process builds twice, first
without SOURCE_DATE_EPOCH (into out-default/), then with it (into out-epoch/, a build that
also finds the process's caches warm). Every file of the two processes' output folders must
be byte for byte the same, in both cases.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REPO, brief_example

FORMATS = ["pdf", "png", "docx", "html", "md", "txt"]
FAKETIME_LIBS = ("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
                 "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
                 "/usr/lib/faketime/libfaketime.so.1", "/usr/local/lib/faketime/libfaketime.so.1")
# Two clocks decades apart (libfaketime's absolute "@" form: the clock starts there and runs on).
CLOCKS = ("@2004-02-29 23:59:58", "@2031-07-15 12:34:56")


def _faketime() -> str | None:
    return next((lib for lib in FAKETIME_LIBS if Path(lib).is_file()), None)


EPOCH = "1700000000"
#: (build file, SOURCE_DATE_EPOCH or None), built in this order by each process.
CASES = (("default-date.toml", None), ("source-date-epoch.toml", EPOCH))
OUT_DIRS = {"default-date.toml": "out-default", "source-date-epoch.toml": "out-epoch"}

# Both builds in one interpreter, the way `python -m resume_builder build` runs one.
_CHILD = """
import os, sys
from resume_builder.cli import app
for config, epoch in ((sys.argv[1], None), (sys.argv[2], sys.argv[3])):
    if epoch is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        app(["build", "-j", "1", "-c", config], prog_name="resume-builder")
    except SystemExit as exc:
        if exc.code:
            raise
"""


def _project(root: Path) -> Path:
    project = root / "project"
    (project / "profiles").mkdir(parents=True)
    brief_example(project / "profiles")
    formats = ", ".join(f'"{f}"' for f in FORMATS)
    for config, out_dir in OUT_DIRS.items():
        (project / config).write_text(
            f'out_dir = "{out_dir}"\ncheck = false\n[[targets]]\nprofile = "profiles/example.yaml"\n'
            f'formats = [{formats}]\n', encoding="utf-8")
    return project


def _start(root: Path, index: int) -> subprocess.Popen:
    project = _project(root)
    home = root / "home"
    tmp = root / "tmp"
    home.mkdir()
    tmp.mkdir()
    env = {key: value for key, value in os.environ.items()
           if key not in ("SOURCE_DATE_EPOCH", "LD_PRELOAD", "FAKETIME")}
    env.update(PYTHONPATH=str(REPO), HOME=str(home), TMPDIR=str(tmp), USER=f"user{index}", LOGNAME=f"user{index}",
               TZ=("UTC", "Pacific/Kiritimati")[index], LC_ALL=("C.UTF-8", "C")[index],
               PYTHONHASHSEED=str(index + 1), RESUME_BUILDER_CACHE_DIR="")  # each subsets its own fonts
    lib = _faketime()
    if lib:
        env.update(LD_PRELOAD=lib, FAKETIME=CLOCKS[index], FAKETIME_DONT_FAKE_MONOTONIC="1",
                   FAKETIME_NO_CACHE="1")
    # the build is run from a sub-folder: the working directory differs as well
    cwd = project / "profiles"
    return subprocess.Popen([sys.executable, "-c", _CHILD, *(str(project / config) for config, _ in CASES), EPOCH],
                            cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _first_difference(a: bytes, b: bytes) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"{len(a)} vs {len(b)} bytes, from byte {at}: {a[max(at - 60, 0):at + 60]!r} vs {b[max(at - 60, 0):at + 60]!r}"


def test_every_format_is_byte_identical_across_clocks_folders_and_users(tmp_path):
    roots = [tmp_path / "first", tmp_path / "second"]
    first = _start(roots[0], 0)
    if not _faketime():  # no fake clock: a real pause moves the clock past a whole second
        time.sleep(1.5)
    second = _start(roots[1], 1)
    for proc in (first, second):
        try:
            _, stderr = proc.communicate(timeout=600)
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode == 0, stderr
    for config, epoch in CASES:
        a, b = (_files(root / "project" / OUT_DIRS[config]) for root in roots)
        assert sorted(a) == sorted(b), config
        assert {Path(name).suffix for name in a} >= {".pdf", ".png", ".docx", ".html", ".md", ".txt", ".json"}
        different = [f"{name}: {_first_difference(a[name], b[name])}" for name in a if a[name] != b[name]]
        assert not different, f"SOURCE_DATE_EPOCH={epoch}:\n" + "\n".join(different)
    # the two cases really differ (the dates), so each folder holds its own build
    default, dated = (_files(roots[0] / "project" / OUT_DIRS[config]) for config, _ in CASES)
    assert default["example.pdf"] != dated["example.pdf"]


def test_the_fake_clock_really_moves_the_clock(tmp_path):
    """The test above is only as good as its clock: the two processes must see different times."""
    lib = _faketime()
    seen = []
    for index in range(2):
        if index and not lib:
            time.sleep(1.5)
        env = {**os.environ, **({"LD_PRELOAD": lib, "FAKETIME": CLOCKS[index]} if lib else {})}
        seen.append(subprocess.run([sys.executable, "-c", "import time, datetime; "
                                    "print(int(time.time()), datetime.datetime.now().year)"],
                                   env=env, capture_output=True, text=True, check=True).stdout.split())
    assert int(seen[1][0]) - int(seen[0][0]) >= 1
    if lib:
        assert (seen[0][1], seen[1][1]) == ("2004", "2031")

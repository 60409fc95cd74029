"""Shared fixtures: paths, golden files (refresh with --update-golden), example profile."""

from __future__ import annotations

import difflib
import gc
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import pytest

# Tests never read or write the user's cache (~/.cache/resume-builder). The suite and its
# children share a disk font cache of their own, one per run (named after the controlling
# pytest process: an xdist worker's parent), so the same subset is computed once per run, not
# once per process: the cache gives the same bytes either way (tests/render/test_font_disk_cache.py).
# Tests that prove same-input-same-bytes across processes turn it off (`no_font_disk_cache`),
# so each process computes its fonts itself.
_RUN = os.getppid() if os.environ.get("PYTEST_XDIST_WORKER") else os.getpid()
TEST_FONT_CACHE = Path(tempfile.gettempdir()) / f"resume-builder-tests-{os.getuid() if hasattr(os, 'getuid') else 0}-{_RUN}"
os.environ["RESUME_BUILDER_CACHE_DIR"] = str(TEST_FONT_CACHE)

REPO = Path(__file__).resolve().parents[1]

# typer's CliRunner builds the Click command from the Typer app on every invoke (6.5 ms for
# ours, about a thousand invokes a run): built once per app and set of registrations. The app
# is held, so its id is never another app's; a command registered later builds it again.
def _command_built_once() -> None:
    import typer.testing

    build = typer.testing._get_command
    built: dict[int, tuple] = {}

    def command(app: Any) -> Any:
        state = (tuple(map(id, app.registered_commands)), tuple(map(id, app.registered_groups)),
                 id(app.registered_callback))
        cached = built.get(id(app))
        if cached is None or cached[0] is not app or cached[1] != state:
            cached = built[id(app)] = (app, state, build(app))
        return cached[2]

    typer.testing._get_command = command


_command_built_once()


# The page budget's trials are laid out once per run, not once per worker: a fit of the
# example (a dozen layouts) recurs in several test files, which the two workers share out.
# pipeline._PAGE_COUNTS keys a trial's page count by everything that decides its layout but
# the theme's and the fonts' files, which do not change while the tests run for the built-in
# themes: only trials of a built-in theme are shared (in the run's own cache folder, beside
# the font cache). A test that edits a theme does so in a folder of its own, which stays with
# its own process. The profile's folder is in the key for what the layout reads from it, which
# is only its photo, itself in the key (its bytes): so a copy of the example in a test's own
# folder shares the example's trials.
def _page_counts_shared_by_the_run() -> None:
    import hashlib
    from collections import OrderedDict

    from resume_builder import pipeline

    folder = TEST_FONT_CACHE / "page-counts"
    themes = str(REPO / "themes") + os.sep

    def path(key: tuple) -> Path | None:
        if not (len(key) > 3 and str(key[2]).startswith(themes)):
            return None
        return folder / hashlib.sha256(repr((*key[:3], *key[4:])).encode()).hexdigest()

    class Shared(OrderedDict):
        def __contains__(self, key: object) -> bool:
            if super().__contains__(key):
                return True
            where = path(key)  # type: ignore[arg-type]
            try:
                pages = int(where.read_text(encoding="ascii")) if where else None
            except (OSError, ValueError):
                return False
            if pages is None:
                return False
            super().__setitem__(key, pages)
            return True

        def __setitem__(self, key: Any, pages: int) -> None:
            super().__setitem__(key, pages)
            where = path(key)
            if where is not None:
                folder.mkdir(parents=True, exist_ok=True)
                temporary = where.with_name(f"{where.name}.{os.getpid()}")
                temporary.write_text(str(pages), encoding="ascii")
                os.replace(temporary, where)

    pipeline._PAGE_COUNTS = Shared()


_page_counts_shared_by_the_run()


# Many tests lay out the same résumé (the example in a built-in theme, a fixture profile):
# a worker keeps its last 16 layouts, not 2, so the same HTML is laid out once per worker
# (about 290 layouts of a run, 17 s of CPU). A laid-out résumé is 5 to 15 MB. Tests that
# change what the HTML does not say (WeasyPrint's drawing, the fonts' files) clear the cache.
def _layouts_kept_by_each_worker() -> None:
    from resume_builder.render import pdf

    pdf.RECENT_LAYOUTS = 16


_layouts_kept_by_each_worker()


# A worker lives for the whole run and its heap grows to hundreds of thousands of objects
# (modules, Hypothesis' data, layouts kept): each full collection walks all of them. With
# CPython's thresholds (700, 10, 10) a worker spent about 22 s of CPU in the collector, 17 s
# of it in full collections (gc.callbacks, timed over a run); with full collections at most
# every 100 middle ones instead of 10, 12 s and 7 s. The same garbage is collected, later.
# tests/render/test_collection.py sets the thresholds it checks itself.
gc.set_threshold(gc.get_threshold()[0], gc.get_threshold()[1], 100)
GOLDEN = Path(__file__).resolve().parent / "golden"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE = REPO / "profiles" / "example.yaml"


def brief_example_text(projects: int = 2) -> str:
    """profiles/example.yaml with only its first ``projects`` projects: every section and kind of
    entry of the example (several roles at one employer, custom sections, awards, variants,
    letters) on 2 pages instead of 4, for tests of how a résumé is rendered or read rather than
    of how long the example is. Cut as text, so its comments and layout stay as written."""
    lines = EXAMPLE.read_text(encoding="utf-8").split("\n")
    start = lines.index("projects:")
    end = next(i for i in range(start + 1, len(lines)) if lines[i] and not lines[i].startswith((" ", "#")))
    items = [i for i in range(start + 1, end) if lines[i].startswith("  - ")]
    cut = items[projects] if len(items) > projects else end
    return "\n".join(lines[:cut] + lines[end:])


def brief_example(folder: Path, name: str = "example.yaml") -> Path:
    """:func:`brief_example_text` written to ``folder / name``."""
    path = folder / name
    path.write_text(brief_example_text(), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def ooxml_validator():
    """The ECMA-376 transitional schemas in tests/fixtures/ooxml/, compiled once per session
    (per xdist worker): ``ooxml_validator.problems(docx)`` (tests/ooxml_validation.py)."""
    from tests.ooxml_validation import OoxmlValidator

    return OoxmlValidator()


def pytest_unconfigure(config: pytest.Config) -> None:
    """The run's font cache goes with the run (the controller, or a run without xdist, removes it)."""
    if not hasattr(config, "workerinput"):
        shutil.rmtree(TEST_FONT_CACHE, ignore_errors=True)


@pytest.fixture
def no_font_disk_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """No disk font cache for this test and the processes it starts: each computes its own fonts."""
    monkeypatch.setenv("RESUME_BUILDER_CACHE_DIR", "")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare text with tests/golden/NAME; with --update-golden, rewrite the file instead."""
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update or not path.exists():
            if not update:
                pytest.fail(f"golden file {path} is missing; run pytest --update-golden to create it")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        expected = path.read_text(encoding="utf-8")
        if actual != expected:
            diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                                str(path), "actual"))
            pytest.fail(f"output differs from golden file (run pytest --update-golden to accept):\n{diff}")

    return check


@pytest.fixture
def cheap_font_subsetting():
    """Font subsetting stood in for (tests/font_stand_ins.py): for tests of text and markup."""
    from tests.font_stand_ins import cheap_font_subsetting as stand_ins

    with stand_ins():
        yield


# Our own JSON Resume documents (invented people and postings): every field of the résumé
# schema v1.0.0 and of the job schema is used at least once (tests/interop checks that).
JSONRESUME_SAMPLE = FIXTURES / "jsonresume" / "full.resume.json"
JOB_SAMPLE = FIXTURES / "jsonresume" / "full.job.json"


@pytest.fixture(scope="session")
def jsonresume_sample() -> Path:
    return JSONRESUME_SAMPLE


@dataclass
class FakeEntryPoint:
    """Stands in for importlib.metadata.EntryPoint: load() returns a callable giving a folder."""

    name: str
    folder: Path

    @property
    def value(self) -> str:
        return f"fake_{self.name}:folder"

    def load(self):
        return lambda: self.folder


def leaves(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Every scalar of nested dicts/lists with its path."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from leaves(value, path + (index,))
    else:
        yield path, data


def as_from_a_terminal() -> None:
    """``preexec_fn`` for a child that a test stops with Ctrl-C (SIGINT): give it SIGINT's
    default action, as a shell gives a foreground command. A suite started in the background
    (``make test &``, ``nohup``) runs with SIGINT ignored, which every child would inherit, and
    Python then never turns SIGINT into KeyboardInterrupt."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """The document importer's recovery figures (tests/importing/), attached by its tests with
    ``record_property("import_figures", line)``: here in the root conftest, which the
    pytest-xdist controller loads too, and which receives the workers' user properties."""
    lines = sorted(value for key in ("passed", "failed") for report in terminalreporter.stats.get(key, [])
                   for name, value in getattr(report, "user_properties", []) if name == "import_figures")
    if lines:
        terminalreporter.section("document import: recovery figures")
        for line in lines:
            terminalreporter.write_line(line)

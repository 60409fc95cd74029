"""The wheel carries the built-in themes and the starter profile; the CLI starts light.

The wheel is built once per module from a copy of the source tree (so no build/ or
egg-info folder lands in the checkout) with ``pip wheel --no-build-isolation``, using the
setuptools the dev extra installs (offline). A failed build fails the tests.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO

# tests/ too: the wheel is built from a tree that holds the test fixtures (the ECMA-376 schemas
# among them), as a checkout does, so the tests below can see one slip into it.
SOURCE_ITEMS = ("pyproject.toml", "README.md", "LICENSE", "setup.cfg", "setup.py", "MANIFEST.in",
                "resume_builder", "themes", "tests")


def _copy_source(dest: Path) -> Path:
    dest.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist")
    for name in SOURCE_ITEMS:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore)
        elif src.is_file():
            shutil.copy2(src, dest / name)
    return dest


@dataclass
class Build:
    wheel: Path
    log: str  # everything the build backend printed


def _build_wheel(source: Path, dist: Path) -> Build:
    """``pip wheel --no-build-isolation`` with the setuptools of the dev extra: offline, verbose.

    A build that fails fails the test (a wheel that cannot be built cannot be released).
    """
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-v",
               "-w", str(dist), str(source)]
    proc = subprocess.run(command, cwd=str(source), check=False, capture_output=True, text=True, timeout=600)
    log = proc.stdout + proc.stderr
    wheels = sorted(dist.glob("resume_builder-*.whl"))
    if proc.returncode != 0 or not wheels:
        pytest.fail(f"could not build a wheel (exit {proc.returncode}):\n" + "\n".join(log.splitlines()[-30:]))
    return Build(wheels[0], log)


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Build:
    base = tmp_path_factory.mktemp("wheel")
    source = _copy_source(base / "src")
    dist = base / "dist"
    dist.mkdir()
    return _build_wheel(source, dist)


@pytest.fixture(scope="module")
def wheel(build) -> Path:
    return build.wheel


def test_the_build_prints_no_deprecation_warnings(build):
    """PEP 639: ``license = "MIT"`` and ``license-files``, not the deprecated table form; and
    every folder of package data listed as a package (one "Package would be ignored" banner
    per folder otherwise: 370 lines of `make demo`)."""
    for banner in ("SetuptoolsDeprecationWarning", "project.license", "License classifiers are deprecated",
                   "BuildBackendWarning", "is absent from the `packages` configuration"):
        assert banner not in build.log, "\n".join(line for line in build.log.splitlines() if banner in line)


def test_the_wheel_declares_its_license_as_an_spdx_expression(wheel, names):
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    with zipfile.ZipFile(wheel) as archive:
        headers = archive.read(metadata).decode("utf-8").split("\n\n", 1)[0].splitlines()
        licence = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
        assert licence, sorted(names)
        assert archive.read(licence[0]).decode("utf-8").startswith("MIT License")
    assert "License-Expression: MIT" in headers
    assert "License-File: LICENSE" in headers
    assert not [h for h in headers if h.startswith("License: ")]


@pytest.fixture(scope="module")
def names(wheel) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_wheel_has_the_classic_theme(names):
    assert "resume_builder/builtin_themes/classic/theme.toml" in names
    templates = sorted(p.name for p in (REPO / "themes" / "classic" / "templates").iterdir() if p.is_file())
    assert "resume.html.j2" in templates and "style.css.j2" in templates
    for template in templates:
        assert f"resume_builder/builtin_themes/classic/templates/{template}" in names, template


def test_wheel_has_every_built_in_theme_and_its_files(names):
    for folder in (REPO / "themes").iterdir():
        if not (folder / "theme.toml").is_file():
            continue
        for path in folder.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                relative = path.relative_to(REPO / "themes").as_posix()
                assert f"resume_builder/builtin_themes/{relative}" in names, relative


def test_wheel_has_the_starter_profile_and_data_files(names):
    assert "resume_builder/starter.yaml" in names
    for path in [*(REPO / "resume_builder").rglob("*.toml"), *(REPO / "resume_builder").rglob("*.schema.json")]:
        relative = path.relative_to(REPO).as_posix()
        assert relative in names, relative
    assert "resume_builder/schema/jsonresume-v1.0.0.schema.json" in names  # JSON Resume is judged by it


def test_wheel_has_every_module(names):
    for path in (REPO / "resume_builder").rglob("*.py"):
        relative = path.relative_to(REPO).as_posix()
        assert relative in names, f"{relative} is missing: add its package to [tool.setuptools] packages"


def test_wheel_declares_the_console_script(wheel, names):
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(entry_points).decode("utf-8")
    assert "resume-builder = resume_builder.cli:main" in text


def test_wheel_declares_the_built_in_themes_as_entry_points(wheel, names):
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(entry_points).decode("utf-8")
    assert "[resume_builder.themes]" in text
    for theme in ("classic", "compact", "modern"):
        assert f"{theme} = resume_builder.builtin_themes.{theme}" in text


def test_wheel_leaves_out_tests_and_caches(names):
    assert not [n for n in names if n.startswith("tests/") or "__pycache__" in n or n.endswith(".pyc")]


def test_wheel_leaves_out_the_test_schemas(names):
    """The ECMA-376 schemas (about 1 MB, tests/fixtures/ooxml/) are test fixtures, not package data."""
    assert (REPO / "tests" / "fixtures" / "ooxml" / "schemas" / "wordprocessingml.xsd").is_file()
    assert not [n for n in names if n.endswith(".xsd") or "fixtures/" in n]


def test_unpacked_wheel_finds_its_themes_and_starter(wheel, tmp_path):
    """Run from the unpacked wheel (not the checkout): the built-in themes come from inside it."""
    unpacked = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(unpacked)
    script = (
        "import json, resume_builder\n"
        "from importlib.resources import files\n"
        "from resume_builder.theming import builtin_themes_folder, find_theme\n"
        "theme = find_theme('classic')\n"
        "print(json.dumps({'package': resume_builder.__file__, 'themes': str(builtin_themes_folder()),\n"
        "                  'classic': str(theme.folder), 'source': theme.source,\n"
        "                  'starter': len(files('resume_builder').joinpath('starter.yaml').read_text())}))\n"
    )
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(unpacked), "PYTHONNOUSERSITE": "1"}
    proc = subprocess.run([sys.executable, "-c", script], cwd=str(tmp_path), check=False, capture_output=True, text=True,
                          env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    facts = json.loads(proc.stdout.strip().splitlines()[-1])
    for key in ("package", "themes", "classic"):
        assert facts[key].startswith(str(unpacked)), (key, facts[key])
    assert facts["source"] == "built-in"
    assert facts["starter"] > 100


# ----------------------------------------------------------------------------- start-up imports

HEAVY = ("weasyprint", "docx", "pydantic")


def modules_after(*argv: str) -> set[str]:
    """The modules imported by running the CLI with ``argv`` in a fresh interpreter."""
    script = (
        "import json, sys\n"
        f"sys.argv = ['resume-builder', *{list(argv)!r}]\n"
        "from resume_builder.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stdout.write('\\nMODULES ' + json.dumps(sorted(sys.modules)) + '\\n')\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=str(REPO), check=False, capture_output=True, text=True, timeout=60)
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("MODULES "))
    return set(json.loads(line[len("MODULES "):]))


def _top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_help_imports_no_heavy_library():
    loaded = _top_level(modules_after("--help"))
    assert "resume_builder" in loaded
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


@pytest.mark.parametrize("command", ["render", "themes", "validate", "schema", "init"])
def test_command_help_imports_no_renderer(command):
    # typer itself imports pydantic to parse options, so only the renderers are checked here
    loaded = _top_level(modules_after(command, "--help"))
    assert not loaded & {"weasyprint", "docx", "pypdfium2", "jinja2"}, command


def test_help_runs_as_a_console_script():
    script = shutil.which("resume-builder")
    command = [script] if script else [sys.executable, "-m", "resume_builder"]
    proc = subprocess.run([*command, "--help"], check=False, capture_output=True, text=True, timeout=60, cwd=str(REPO))
    assert proc.returncode == 0, proc.stderr
    assert "render" in proc.stdout and "themes" in proc.stdout

"""A build rebuilds exactly the targets whose render reads a file that changed.

The input hash was a list of its own, kept by hand (building/inputs.py), and it left out
files a render reads: after the profile's photo was replaced, an HTML résumé stayed "up to
date" with the old face (user trial); so did a letter after its signature image was, a
letter after the variant file its letter file names, and a target after a file of an
installed theme or a font file its theme declares changed. Each case changes one input
and checks which targets are built again; the hash now comes from the same list watch mode
reads (resume_builder/render_inputs.py).
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder import theming
from resume_builder.cli import app
from tests.conftest import FIXTURES, REPO
from tests.font_stand_ins import cheap_font_subsetting

runner = CliRunner()

ME = """\
basics:
  name: Robin Sample
  email: robin@example.org
  photo: face.png
summary: Keeps payment systems up.
experience:
  - {id: acme, company: Acme Ltd, position: SRE, start: 2020-01}
variants:
  sre:
    sections: [summary, experience]
    letter: apps/short.yaml
letters:
  signed:
    recipient: {company: Northwind Pay}
    body: ["I would like to join {company}."]
    signature: {name: Robin Sample, image: sig.png}
"""

OTHER = "basics:\n  name: Sam Other\n  email: sam@example.com\nsummary: Builds things.\n"

BUILD = """\
out_dir = "out"
check = false

[[targets]]
profile = "profiles/me.yaml"
formats = ["html", "md"]
name = "me"

[[targets]]
profile = "profiles/me.yaml"
documents = ["letter"]
letter = "signed"
formats = ["md"]
name = "signed"

[[targets]]
profile = "profiles/me.yaml"
variants = ["sre"]
documents = ["letter"]
formats = ["txt"]
name = "sre"

[[targets]]
profile = "profiles/me.yaml"
documents = ["letter"]
letter = "profiles/apps/acme.yaml"
formats = ["txt"]
name = "acme"

[[targets]]
profile = "profiles/other.yaml"
formats = ["md"]
name = "other"

[[targets]]
profile = "profiles/other.yaml"
themes = ["packaged"]
formats = ["md"]
name = "packaged"

[[targets]]
profile = "profiles/other.yaml"
themes = ["fonted"]
formats = ["md"]
name = "fonted"
"""

OUTPUTS = {"me.html", "me.md", "signed-letter.md", "sre-letter.txt", "acme-letter.txt", "other.md",
           "packaged.md", "fonted.md"}


def _font() -> Path:
    """A real font file (the set-up installs fontpkg_lato for the built-in themes)."""
    spec = importlib.util.find_spec("fontpkg_lato")
    assert spec is not None and spec.submodule_search_locations
    return next(Path(list(spec.submodule_search_locations)[0]).rglob("*.ttf"))


def _make(folder: Path, site: Path) -> Path:
    """A project in ``folder`` (and the installed packages of its themes in ``site``)."""
    profiles = folder / "profiles"
    (profiles / "apps").mkdir(parents=True)
    (profiles / "me.yaml").write_text(ME, encoding="utf-8")
    (profiles / "other.yaml").write_text(OTHER, encoding="utf-8")
    shutil.copy(FIXTURES / "profiles" / "photo.png", profiles / "face.png")
    shutil.copy(FIXTURES / "profiles" / "photo.png", profiles / "sig.png")
    (profiles / "apps" / "short.yaml").write_text(
        "profile: ../me.yaml\nrecipient: {company: Acme Ltd}\nbody: [\"Dear {company}.\"]\n", encoding="utf-8")
    (profiles / "apps" / "acme.yaml").write_text(
        "profile: ../me.yaml\nvariant: brief.yaml\nbody: [\"Dear team, I am {basics.name}.\"]\n", encoding="utf-8")
    (profiles / "apps" / "brief.yaml").write_text("profile: ../me.yaml\nsections: [summary]\n", encoding="utf-8")
    # a theme installed as a package (an entry point), and one whose font is in a font package
    if not (site / "packaged_theme").exists():
        package = site / "packaged_theme"
        shutil.copytree(FIXTURES / "themes" / "child", package)
        (package / "theme.toml").write_text((package / "theme.toml").read_text(encoding="utf-8")
                                            .replace('name = "child"', 'name = "packaged"'), encoding="utf-8")
        (package / "__init__.py").write_text("", encoding="utf-8")
        info = site / "packaged_theme-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text("Metadata-Version: 2.1\nName: packaged-theme\nVersion: 1.0\n", encoding="utf-8")
        (info / "entry_points.txt").write_text(f"[{theming.ENTRY_POINT_GROUP}]\npackaged = packaged_theme\n",
                                               encoding="utf-8")
        (site / "fontpkg_stand_in" / "files").mkdir(parents=True)
        (site / "fontpkg_stand_in" / "__init__.py").write_text("", encoding="utf-8")
        shutil.copy(_font(), site / "fontpkg_stand_in" / "files" / "Stand.ttf")
    fonted = folder / "themes" / "fonted"
    (fonted / "fonts").mkdir(parents=True)
    (fonted / "theme.toml").write_text(
        'name = "fonted"\nextends = "classic"\n\n[[fonts]]\nfamily = "Stand In"\npackage = "fontpkg_stand_in"\n'
        'dir = "files"\nfiles = { regular = "Stand.ttf" }\n\n[[fonts]]\nfamily = "Own"\n'
        'dir = "fonts"\nfiles = { regular = "Own.ttf" }\n', encoding="utf-8")
    shutil.copy(_font(), fonted / "fonts" / "Own.ttf")
    (folder / "resume-builder.toml").write_text(BUILD, encoding="utf-8")
    return folder


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A folder on sys.path for the installed packages (each test its own: the packages it
    imports are forgotten after it)."""
    import sys

    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    yield folder
    for name in ("packaged_theme", "fontpkg_stand_in"):
        sys.modules.pop(name, None)


@pytest.fixture
def project(tmp_path, site, monkeypatch):
    folder = _make(tmp_path / "project", site)
    monkeypatch.chdir(folder)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return folder


def _build() -> dict[str, str]:
    """Each output's status in a build: built or up to date."""
    with cheap_font_subsetting():
        result = runner.invoke(app, ["build", "-j", "1", "--no-server"])
    assert result.exit_code == 0, result.output
    statuses = {}
    for line in result.output.splitlines():
        for status in ("built", "up to date"):
            if line.startswith(status + " "):
                statuses[Path(line[len(status):].split("(")[0].strip()).name] = status
    return statuses


def _append(path: Path, data: bytes = b"\0") -> None:
    path.write_bytes(path.read_bytes() + data)


CHANGES = {
    # what changes -> the outputs whose render reads it
    "the photo": (lambda p, s: shutil.copy(FIXTURES / "public" / "robin-face.png", p / "profiles" / "face.png"),
                  {"me.html", "me.md", "signed-letter.md", "sre-letter.txt", "acme-letter.txt"}),
    "the signature image": (lambda p, s: shutil.copy(FIXTURES / "public" / "robin-face.png", p / "profiles" / "sig.png"),
                            {"signed-letter.md"}),
    "the letter file a variant names": (lambda p, s: _append(p / "profiles" / "apps" / "short.yaml",
                                                             b"position: Platform Engineer\n"), {"sre-letter.txt"}),
    "the variant file a letter file names": (lambda p, s: (p / "profiles" / "apps" / "brief.yaml").write_text(
        "profile: ../me.yaml\nsections: [experience]\n", encoding="utf-8"), {"acme-letter.txt"}),
    "a file of a theme installed as a package": (lambda p, s: _append(
        s / "packaged_theme" / "templates" / "style.css.j2", b"\nh1 { letter-spacing: 3pt; }\n"), {"packaged.md"}),
    "a font file a theme declares in a font package": (lambda p, s: _append(
        s / "fontpkg_stand_in" / "files" / "Stand.ttf"), {"fonted.md"}),
    "a font file in the theme's folder": (lambda p, s: _append(p / "themes" / "fonted" / "fonts" / "Own.ttf"),
                                          {"fonted.md"}),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_changed_input_rebuilds_the_targets_that_read_it_and_no_other(project, site, change):
    first = _build()
    assert set(first) == OUTPUTS and set(first.values()) == {"built"}, first
    assert set(_build().values()) == {"up to date"}
    edit, affected = CHANGES[change]
    edit(project, site)
    after = _build()
    assert {name for name, status in after.items() if status == "built"} == affected, after


def test_a_new_photo_is_in_the_rebuilt_html(project, site):
    """The case of the user trial: the HTML kept the old photo."""
    import base64

    _build()
    new = FIXTURES / "public" / "robin-face.png"
    assert base64.b64encode(new.read_bytes()).decode() not in (project / "out" / "me.html").read_text(encoding="utf-8")
    shutil.copy(new, project / "profiles" / "face.png")
    _build()
    assert base64.b64encode(new.read_bytes()).decode() in (project / "out" / "me.html").read_text(encoding="utf-8")


def test_the_manifest_with_a_photo_and_a_signature_is_the_same_in_any_folder(tmp_path, site, monkeypatch):
    """The photo and the signature enter the hash by their paths relative to the build file's
    folder: two folders of other names and depths give one manifest, before and after the
    photo and the signature change (and it changes with them)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    folders = [_make(tmp_path / "x" / "b", site), _make(tmp_path / "deeper" / "y" / "b3", site)]
    manifests = []
    for round_ in range(2):
        for folder in folders:
            if round_:
                shutil.copy(FIXTURES / "public" / "robin-face.png", folder / "profiles" / "face.png")
                shutil.copy(FIXTURES / "public" / "robin-face.png", folder / "profiles" / "sig.png")
            monkeypatch.chdir(folder)
            _build()
        first, second = ((folder / "out" / "manifest.json").read_bytes() for folder in folders)
        assert first == second
        manifests.append(first)
    assert manifests[0] != manifests[1]
    entries = json.loads(manifests[1])["files"]
    assert str(tmp_path) not in manifests[1].decode("utf-8") and len(entries) == len(OUTPUTS)


def test_finding_what_the_repository_targets_read_lays_nothing_out(monkeypatch):
    """Looking into what a target reads loads the profile and finds the theme; it lays out
    nothing (a no-op build stays about as fast as before: the README's measure)."""
    from resume_builder.building.config import expand, load_config
    from resume_builder.building.inputs import target_reads

    monkeypatch.chdir(REPO)
    config_path, config = load_config(REPO / "resume-builder.toml")
    import resume_builder.render.pdf as pdf

    monkeypatch.setattr(pdf, "layout", lambda *a, **k: pytest.fail("hashing laid a document out"))
    for target in expand(config, REPO):
        reads = target_reads(target)
        assert reads.files[0] == target.profile and reads.folders

"""Every part of every built-in theme's DOCX, in every built-in locale, is valid against the
ECMA-376 transitional schemas, with run properties in the order Word expects.

Word is stricter than LibreOffice about element order and form. The validator and the XSDs
are reference data in ``shared/ooxml`` (see its README): markup compatibility applied first
as Word does, then each XML part validated; ``rpr_order`` adds the order of ``w:rPr``
children. Skipped, saying so, where that folder is absent.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from resume_builder.document import build_document
from resume_builder.i18n import built_in_languages, labels_for
from resume_builder.loading import load_profile
from resume_builder.render.docx import render_docx
from resume_builder.theming import find_theme
from tests.conftest import shared_dir

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "profiles" / "example.yaml"
THEMES = ("classic", "compact", "modern")
# Emoji runs, Vietnamese, Greek and Cyrillic text: the runs and fonts the example lacks.
EXTRA = """\
basics:
  name: Lê Thị Ánh 🚀
  headline: Kỹ sư nền tảng 🛠️ — Ωμέγα — Инженер
  email: le@example.org
summary: "Builds calm platforms 🌐 for **busy** teams ✅ and *writes* 👩🏽‍💻."
"""


@pytest.fixture(scope="module")
def validator():
    path = shared_dir() / "ooxml" / "validate_docx.py"
    if not path.is_file():
        pytest.skip(f"the OOXML validator is not in {path.parent}")
    spec = importlib.util.spec_from_file_location("validate_docx", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _problems(validator, path: Path) -> dict[str, list[str]]:
    return {part: messages for part, status, messages in validator.validate_docx(path, rpr_order=True)
            if status == "invalid"}


def test_the_validator_catches_a_misordered_run_property(validator, tmp_path):
    """The check can fail: a w:rPr with w:b after w:color is reported."""
    import io
    import zipfile

    theme = find_theme("classic")
    data = render_docx(build_document(load_profile(EXAMPLE).profile), theme, theme.options())
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {name: source.read(name) for name in source.namelist()}
    xml = members["word/document.xml"].decode()
    first = xml.index("<w:r>")
    members["word/document.xml"] = (xml[:first] + '<w:r><w:rPr><w:color w:val="000000"/><w:b/></w:rPr>'
                                    "<w:t>x</w:t></w:r>" + xml[first:]).encode()
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as target:
        for name, blob in members.items():
            target.writestr(name, blob)
    assert "word/document.xml" in _problems(validator, broken)


# The embedded font files are binary parts no schema reads, and subsetting them takes most of
# the time (a new subset per locale); the XML parts that name them are the same with stand-ins.
@pytest.mark.usefixtures("cheap_font_subsetting")
@pytest.mark.parametrize("name", THEMES)
def test_every_part_is_schema_valid_in_every_locale(validator, name, tmp_path):
    theme = find_theme(name)
    profile = load_profile(EXAMPLE).profile
    extra = tmp_path / "extra.yaml"
    extra.write_text(EXTRA, encoding="utf-8")
    cases = [(locale, build_document(profile, labels=labels_for(locale))) for locale in built_in_languages()]
    cases.append(("emoji", build_document(load_profile(extra).profile)))
    assert len(cases) > 10
    failures = {}
    for label, doc in cases:
        path = tmp_path / f"{name}-{label}.docx"
        path.write_bytes(render_docx(doc, theme, theme.options()))
        problems = _problems(validator, path)
        if problems:
            failures[label] = problems
    assert not failures, failures

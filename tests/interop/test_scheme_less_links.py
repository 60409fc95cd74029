"""A link in a JSON Resume text that a résumé cannot open (``[portfolio](jiwoo.dev/work)``,
no scheme) leaves out only the link: its text stays in every format, and ``export`` and
``import`` keep the text exactly as written (user trial: the whole summary and the whole
highlight were left out, and ``export`` then lost the highlight)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
import yaml
from pdfminer.high_level import extract_text
from pypdf import PdfReader

from resume_builder.interop import export_json_resume, import_json_resume, json_resume_text
from resume_builder.loading import load_profile
from resume_builder.pipeline import prepare, render
from tests.render.test_pdf import link_uris

SUMMARY = "Frontend engineer. See my [portfolio](jiwoo.dev/work) for case studies."
HIGHLIGHT = "Cut LCP by 60% ([write-up](www.mapleledger.com/blog/lcp))"
RESUME = {
    "basics": {"name": "Jiwoo Park", "label": "Frontend Engineer", "email": "jiwoo@example.com",
               "summary": SUMMARY},
    "work": [{"name": "Maple Ledger", "position": "Senior Engineer", "startDate": "2021-03",
              "summary": "Payments for small [shops](mapleledger.com).",
              "highlights": [HIGHLIGHT, "Ran the [design system](https://mapleledger.example.com/ds)"]}],
    "projects": [{"name": "Tidy", "description": "A [linter](tidy.dev) for CSS, in **Rust**."}],
}
SHOWN = ("See my portfolio for case studies.", "Cut LCP by 60% (write-up)", "Payments for small shops.",
         "A linter for CSS")
REFUSED = ("jiwoo.dev/work", "www.mapleledger.com/blog/lcp", "mapleledger.com", "tidy.dev")


def written(tmp_path: Path, doc: dict, name: str = "resume.json") -> Path:
    path = tmp_path / name
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True) if name.endswith(".yaml") \
        else json.dumps(doc, indent=2, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["resume.json", "resume.yaml"])  # JSON Resume written in JSON or in YAML
def test_only_the_link_is_left_out_and_the_warning_suggests_the_address(tmp_path: Path, name):
    path = written(tmp_path, RESUME, name)
    loaded = load_profile(path)
    profile = loaded.profile
    assert profile.summary == "Frontend engineer. See my portfolio for case studies."
    assert [h.text for h in profile.experience[0].highlights] == [
        "Cut LCP by 60% (write-up)", "Ran the [design system](https://mapleledger.example.com/ds)"]
    assert profile.experience[0].summary == "Payments for small shops."
    assert profile.projects[0].description == "A linter for CSS, in **Rust**."
    summary = next(w for w in loaded.warnings if ": basics.summary: " in w)
    assert summary.endswith("basics.summary: link 'jiwoo.dev/work' must start with http://, https://, mailto: or "
                            "tel:; did you mean 'https://jiwoo.dev/work'? The résumé shows 'portfolio' without the "
                            "link (the text as written is kept for export)")
    assert summary.startswith(f"{path}:")
    line, column = (int(n) for n in summary[len(f"{path}:"):].split(":")[:2])
    assert path.read_text(encoding="utf-8").splitlines()[line - 1][column - 1:].startswith("jiwoo.dev/work")
    highlight = next(w for w in loaded.warnings if "work[0].highlights[0]" in w)
    assert "did you mean 'https://www.mapleledger.com/blog/lcp'? The résumé shows 'write-up' without" in highlight
    assert len(loaded.warnings) == 4
    assert {"path": ["work", 0, "highlights", 0], "value": HIGHLIGHT, "shown": "Cut LCP by 60% (write-up)"} \
        in profile.meta["jsonresume_unmapped"]


def _text(fmt: str, data: bytes) -> str:
    if fmt == "pdf":
        return " ".join(extract_text(io.BytesIO(data)).split())
    if fmt == "docx":
        return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    return data.decode("utf-8")


@pytest.mark.usefixtures("cheap_font_subsetting")  # reads text and markup, not the fonts
@pytest.mark.parametrize("fmt", ["md", "txt", "html", "docx", "pdf"])
def test_every_format_shows_the_text_and_links_nowhere_it_cannot_open(tmp_path: Path, fmt):
    job = prepare(written(tmp_path, RESUME))
    data = render(job, fmt, tmp_path / f"out.{fmt}")[0].data
    text = _text(fmt, data)
    for shown in SHOWN:
        assert shown in text, shown
    for target in REFUSED:  # not as a link, nor as text (a .docx relationship, a PDF link annotation)
        assert target not in text.replace("mapleledger.example.com", ""), target
    if fmt in ("md", "html"):
        assert "https://mapleledger.example.com/ds" in text  # a link that opens stays one
    if fmt == "docx":
        document = docx.Document(io.BytesIO(data))
        targets = [rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")]
        assert "https://mapleledger.example.com/ds" in targets
        assert not any(target in ref for ref in targets for target in REFUSED[:2] + ("tidy.dev",))
    if fmt == "pdf":
        uris = link_uris(PdfReader(io.BytesIO(data)))
        assert "https://mapleledger.example.com/ds" in uris
        assert not any(target in uri for uri in uris for target in REFUSED[:2] + ("tidy.dev",))


def test_export_writes_each_text_back_byte_for_byte(tmp_path: Path):
    path = written(tmp_path, RESUME)
    out = export_json_resume(path)
    assert out.data["basics"]["summary"] == SUMMARY
    assert out.data["work"][0]["highlights"] == RESUME["work"][0]["highlights"]
    assert out.data["work"][0]["summary"] == RESUME["work"][0]["summary"]
    assert out.data["projects"][0]["description"] == RESUME["projects"][0]["description"]
    assert not any("nowhere to put back" in w for w in out.warnings)


def test_import_then_export_gives_the_texts_back_as_written(tmp_path: Path):
    source = written(tmp_path, RESUME)
    imported = tmp_path / "profile.yaml"
    imported.write_text(import_json_resume(source).text, encoding="utf-8")
    profile = load_profile(imported).profile  # the profile written validates, links taken out
    assert profile.summary == "Frontend engineer. See my portfolio for case studies."
    assert profile.experience[0].highlights[0].text == "Cut LCP by 60% (write-up)"
    again = tmp_path / "again.json"
    result = export_json_resume(imported)
    again.write_text(json_resume_text(result.data), encoding="utf-8")
    data = json.loads(again.read_text(encoding="utf-8"))
    assert data["basics"]["summary"] == SUMMARY
    assert data["work"][0]["highlights"][0] == HIGHLIGHT
    assert data["projects"][0]["description"] == RESUME["projects"][0]["description"]
    assert result.warnings == []


def test_a_text_edited_after_import_is_exported_as_edited(tmp_path: Path):
    source = written(tmp_path, RESUME)
    imported = tmp_path / "profile.yaml"
    text = import_json_resume(source).text  # the highlight, then meta.jsonresume_unmapped's copy of it
    imported.write_text(text.replace("(write-up)", "([write-up](https://www.mapleledger.com/blog/lcp))", 1),
                        encoding="utf-8")
    result = export_json_resume(imported)
    assert result.data["work"][0]["highlights"][0] == "Cut LCP by 60% ([write-up](https://www.mapleledger.com/blog/lcp))"
    assert result.warnings == ["meta.jsonresume_unmapped: work[0].highlights[0] was edited since import; written as "
                               "edited (remove its item from meta.jsonresume_unmapped)"]


def test_list_items_left_out_are_put_back_where_they_were(tmp_path: Path):
    """Values left out of a list (a keyword of two lines) go back at their index on export,
    through import and export too: 'kept for export' is kept (they were lost before)."""
    doc = {"basics": {"name": "Kit", "label": "Developer"}, "skills": [{"name": "Web", "keywords": [
        "a", "two\nlines", "c", "d\ne", "f", "g", "h", "i", "j", "k", "l", "m\nn"]}]}
    source = written(tmp_path, doc)
    result = export_json_resume(source)
    assert result.data["skills"] == doc["skills"]
    assert not any("nowhere" in w for w in result.warnings)
    imported = tmp_path / "profile.yaml"
    imported.write_text(import_json_resume(source).text, encoding="utf-8")
    assert export_json_resume(imported).data["skills"] == doc["skills"]  # byte for byte: no line break added

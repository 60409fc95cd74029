"""`resume-builder import cv.yaml` of a RenderCV input file (user trial: it was refused, "does
not read or import RenderCV files", so people coming from RenderCV copied their CV by hand).

The fixture (tests/fixtures/import/rendercv/cv.yaml) is an invented person with every
RenderCV entry type, Unicode, a Markdown link, two roles at one company and sections of
RenderCV's own naming; its facts are written out below, not read through the importer."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from resume_builder.cli import app

runner = CliRunner()
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "rendercv" / "cv.yaml"

#: Every fact of the fixture a résumé shows, in the order the rendered text shows them.
FACTS = [
    "Ximena Þórsdóttir-Nakamura", "Platform Engineer", "ximena@example.org", "+354 555 0142", "Reykjavík, Iceland",
    "ximena.example.org", "github.com/ximena-thn", "fosstodon.org/@ximena", "Book a call", "cal.example.org/ximena",
    "About Me", "Builds calm, observable systems — from kernels to dashboards.", "Believes in boring technology",
    "boringtechnology.club",
    "Norðurljós Data", "Reykjavík", "Staff Engineer", "Mar 2022 – present", "Leads the storage team.",
    "Cut p99 latency by 41% across the ingest path", "Wrote the on-call handbook", "Senior Engineer",
    "Jun 2019 – Feb 2022", "Migrated 300 services to Kubernetes",
    "Software Engineer", "Kyōto Robotics", "2018", "Kyōto, Japan", "Shipped firmware for the Tanuki arm",
    "MSc", "Computer Science", "Háskóli Íslands", "Sep 2014 – Jun 2016", "Thesis: Lock-free queues in practice",
    "Consistent Hashing at the Edge", "Proceedings of EdgeSys 2021", "Apr 2021", "doi.org/10.1145/3434770.3459731",
    "Ximena Þórsdóttir-Nakamura, Jón Jónsson",
    "Technical Skills", "Languages", "Go, Rust, Python (NumPy, pandas)", "Infrastructure", "Kubernetes, Terraform",
    "Skógur", "2020 – 2021", "A forest-inventory CLI", "2k GitHub stars",
    "Honours & Prizes", "Nordic Open Source Award", "Nov 2023", "For Skógur",
    "Talks", "KubeCon EU 2024 — Storage without tears", "FOSDEM 2023 — Rust in the kernel",
    "Selected Patents", "Self-healing consensus log", "Tiered cache eviction",
    "Recent Reviews", "Reviewer, EuroSys 2025", "Reviewer, OSDI 2024",
    "Certificates", "CKA", "Cloud Native Computing Foundation, 2022",
]


def _in_order(text: str, facts: list[str]) -> None:
    flat = " ".join(text.split()).casefold()
    at = 0
    for fact in facts:
        found = flat.find(fact.casefold(), at)
        assert found >= 0, (fact, flat[at:at + 300])
        at = found + len(fact)


def _imported(tmp_path: Path) -> tuple[Path, object]:
    source = tmp_path / "cv.yaml"
    shutil.copy(FIXTURE, source)
    out = tmp_path / "profile.yaml"
    result = runner.invoke(app, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, result


def test_a_rendercv_file_imports_validates_and_renders_every_fact_as_text(tmp_path):
    out, result = _imported(tmp_path)
    assert f"wrote {out}" in result.stdout
    assert runner.invoke(app, ["validate", str(out)]).exit_code == 0
    rendered = runner.invoke(app, ["render", str(out), "-f", "txt", "-o", str(tmp_path / "cv.txt")])
    assert rendered.exit_code == 0, rendered.output
    _in_order((tmp_path / "cv.txt").read_text(encoding="utf-8"), FACTS)


def test_the_imported_profile_renders_every_fact_as_pdf(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    out, _ = _imported(tmp_path)
    rendered = runner.invoke(app, ["render", str(out), "-o", str(tmp_path / "cv.pdf")])
    assert rendered.exit_code == 0, rendered.output
    reader = pypdf.PdfReader(io.BytesIO((tmp_path / "cv.pdf").read_bytes()))
    text = " ".join(page.extract_text() for page in reader.pages)
    # the PDF's text runs as the theme lays it out (a date beside its title), so each fact is looked for on its own
    flat = " ".join(text.split()).casefold()
    # a Markdown link is a link in a PDF: its address is the annotation's, not the text's
    missing = [fact for fact in FACTS if fact.casefold() not in flat and fact != "boringtechnology.club"]
    assert not missing, (missing, flat[:2000])
    links = [annotation.get_object()["/A"]["/URI"] for page in reader.pages
             for annotation in page.get("/Annots") or [] if "/A" in annotation.get_object()]
    assert "https://boringtechnology.club/" in links


def test_the_profile_says_where_each_thing_went(tmp_path):
    out, result = _imported(tmp_path)
    data = YAML(typ="safe", pure=True).load(out.read_text(encoding="utf-8"))
    company, job = data["experience"]
    assert company["company"] == "Norðurljós Data" and company["location"] == "Reykjavík"
    assert [role["position"] for role in company["roles"]] == ["Staff Engineer", "Senior Engineer"]
    assert job["start"] == job["end"] == 2018  # RenderCV's single date
    assert data["summary"].rstrip().endswith("Believes in [boring technology](https://boringtechnology.club/).")
    assert data["skills"][0] == {"name": "Languages", "keywords": ["Go", "Rust", "Python (NumPy, pandas)"]}
    assert data["publications"][0]["url"] == "https://doi.org/10.1145/3434770.3459731"
    assert data["basics"]["profiles"][1] == {"network": "Mastodon", "username": "@ximena@fosstodon.org",
                                             "url": "https://fosstodon.org/@ximena"}
    assert data["headings"] == {"summary": "About Me", "skills": "Technical Skills"}
    assert data["lang"] == "en" and data["theme"] == {"name": "classic"}
    assert [s["id"] for s in data["custom"]] == ["honours-prizes", "talks", "selected-patents", "recent-reviews",
                                                "certificates"]
    # nothing dropped silently: each value with no place is kept, reported at its line, and listed in the file
    kept = {item["path"]: item["value"] for item in data["meta"]["rendercv_unmapped"]}
    assert kept == {"cv.custom_connections[0].fontawesome_icon": "calendar-days",
                    "cv.sections.experience[2].revenue": "$5M ARR", "design.page": {"size": "a4"},
                    "rendercv_settings": {"date": "2025-01-01"}}
    source = tmp_path / "cv.yaml"
    assert (f"not placed: {source}:43:18: cv.sections.experience[2].revenue: a field of RenderCV's own choosing "
            "(printed only by a template that names it); kept under meta.rendercv_unmapped") in result.stderr
    assert "#   - cv.yaml:43:18: cv.sections.experience[2].revenue" in out.read_text(encoding="utf-8")


def test_the_same_file_gives_the_same_bytes_wherever_it_is(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b" / "deeper"
    for folder in (first, second):
        folder.mkdir(parents=True)
        shutil.copy(FIXTURE, folder / "cv.yaml")
        assert runner.invoke(app, ["import", str(folder / "cv.yaml"), "-o", str(folder / "p.yaml")]).exit_code == 0
    assert (first / "p.yaml").read_bytes() == (second / "p.yaml").read_bytes()


def _import(tmp_path: Path, text: str):
    source = tmp_path / "cv.yaml"
    source.write_text(text, encoding="utf-8")
    target = tmp_path / "profile.yaml"
    return runner.invoke(app, ["import", str(source), "-o", str(target)]), source, target


@pytest.mark.parametrize("body, at, message", [
    ("  sections:\n    experience:\n      - compnay: Acme\n        position: Engineer\n", "5:9",
     "cv.sections.experience[0]: this entry is none of RenderCV's entry types (it has 'compnay', 'position') "
     "(did you mean 'company'? RenderCV tells an entry's type by its keys: company and position (ExperienceEntry)"),
    ("  sections:\n    experience: Engineer at Acme\n", "4:17",
     "cv.sections.experience: section 'experience' must be a list of entries"),
    ("  sections:\n    talks:\n      - [a, b]\n", "5:9",
     "cv.sections.talks[0]: an entry must be a text or a mapping of fields, found a list"),
    ("  sections: [experience]\n", "3:13",
     "cv.sections: 'sections' must be a mapping of section titles to lists of entries"),
])
def test_what_cannot_be_converted_is_a_located_error_and_nothing_is_written(tmp_path, body, at, message):
    result, source, target = _import(tmp_path, "cv:\n  name: Kit Example\n" + body)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"error: {source}:{at}: {message}"), result.stderr
    assert not target.exists() and "Traceback" not in result.output


def test_a_date_the_profile_cannot_hold_is_left_out_kept_and_reported(tmp_path):
    result, source, target = _import(tmp_path, """\
cv:
  name: Kit Example
  sections:
    experience:
      - company: Acme
        position: Engineer
        start_date: 2019-01
        end_date: Spring 2020
    talks:
      - name: Talk at FOSDEM
        date: Fall 2023
""")
    assert result.exit_code == 0, result.output
    assert (f"not placed: {source}:8:19: cv.sections.experience[0].end_date: 'Spring 2020' is not a date: write "
            "YYYY, YYYY-MM or YYYY-MM-DD or 'present'; kept under meta.rendercv_unmapped") in result.stderr
    # a start alone would read "2019 – present": it goes with the end
    assert f"not placed: {source}:7:21: cv.sections.experience[0].start_date: left out with the end date" \
        in result.stderr
    assert f"not placed: {source}:11:15: cv.sections.talks[0].date: 'Fall 2023' is not a date" in result.stderr
    data = YAML(typ="safe", pure=True).load(target.read_text(encoding="utf-8"))
    assert data["experience"] == [{"company": "Acme", "position": "Engineer"}]
    assert [item["value"] for item in data["meta"]["rendercv_unmapped"]] == ["Spring 2020", "2019-01", "Fall 2023"]
    assert runner.invoke(app, ["validate", str(target)]).exit_code == 0


def test_an_end_without_the_start_it_had_is_left_out_with_it(tmp_path):
    """``start_date: 2020-13, end_date: present`` was imported as an end alone, "Engineer – present"
    (trial): as a start goes with a refused end, an end goes with a refused start."""
    result, source, target = _import(tmp_path, """\
cv:
  name: Kit Example
  sections:
    experience:
      - company: Acme
        position: Engineer
        start_date: 2020-13
        end_date: present
""")
    assert result.exit_code == 0, result.output
    assert f"not placed: {source}:8:19: cv.sections.experience[0].end_date: left out with the start date" \
        in result.stderr
    data = YAML(typ="safe", pure=True).load(target.read_text(encoding="utf-8"))
    assert data["experience"] == [{"company": "Acme", "position": "Engineer"}]
    assert [item["value"] for item in data["meta"]["rendercv_unmapped"]] == ["2020-13", "present"]


def test_other_themes_and_languages_are_notes_and_a_known_language_is_the_profile_lang(tmp_path):
    result, _, target = _import(tmp_path, "cv:\n  name: Kit\n  sections:\n    erfahrung:\n      - company: Acme\n"
                                          "        position: Ingenieur\n        start_date: 2020-01\n"
                                          "design: {theme: sb2nov}\nlocale: {language: german, present: jetzt}\n")
    assert result.exit_code == 0, result.output
    data = YAML(typ="safe", pure=True).load(target.read_text(encoding="utf-8"))
    assert data["lang"] == "de" and "theme" not in data
    assert data["headings"] == {"experience": "Erfahrung"}  # German's own heading is "Berufserfahrung"
    assert "design.theme: RenderCV's theme; resume-builder's are classic, modern and compact" in result.stderr
    assert "locale.present: RenderCV's own word for the résumé; the locale's is used" in result.stderr


def test_a_photo_that_is_a_loop_or_a_link_to_nothing_is_said_to_be_one_and_left_out(tmp_path):
    """``photo: loop.jpg`` with loop.jpg a loop of links ended in "RuntimeError: Symlink loop" from
    Path.resolve (trial): every path the product resolves now follows links without raising
    (containment.real), and the photo is left out with what the link is."""
    (tmp_path / "loop.jpg").symlink_to("loop.jpg")
    (tmp_path / "moved.jpg").symlink_to("old.jpg")
    for name, said in (("loop.jpg", "is a symbolic link to 'loop.jpg', which leads back to it (a loop of links)"),
                       ("moved.jpg", "is a symbolic link to 'old.jpg', which does not exist")):
        (tmp_path / "profile.yaml").unlink(missing_ok=True)
        result, source, target = _import(tmp_path, f"cv:\n  name: Kit Example\n  photo: {name}\n")
        assert result.exit_code == 0, result.output
        assert (f"not placed: {source}:3:10: cv.photo: '{name}' {said}: copy the image itself beside the profile, in "
                f"{tmp_path}, and name it in basics.photo; kept under meta.rendercv_unmapped") in result.stderr
        assert "photo" not in YAML(typ="safe", pure=True).load(target.read_text(encoding="utf-8"))["basics"]

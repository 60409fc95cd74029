"""`resume-builder import résumé.docx|pdf`: the profile, its comments, the summary, Unsorted.

A Word file is written here with python-docx (fast); the PDFs are covered by the round-trip
and foreign-layout tests (slow).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.loading import load_profile

runner = CliRunner()


def _write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Robin Sample", style="Title")
    document.add_paragraph("Site Reliability Engineer")
    document.add_paragraph("robin.sample@example.com | +44 20 7946 0991 | Bristol, UK | github.com/robin-sample")
    document.add_paragraph("Open to relocation within Europe")
    document.add_heading("Summary", level=1)
    document.add_paragraph("Engineer who keeps services quiet at night.")
    document.add_heading("Work Experience", level=1)
    document.add_heading("Senior SRE", level=2)
    document.add_paragraph("Severn Data Ltd")
    document.add_paragraph("Mar 2020 – Present · Bristol, UK")
    document.add_paragraph("Cut paging alerts by 60% with better SLOs.", style="List Bullet")
    document.add_paragraph("Ran the on-call rota for 12 engineers.", style="List Bullet")
    document.add_heading("Avon Hosting", level=2)  # one line over two roles: a company
    document.add_paragraph("Jan 2015 – Feb 2020")
    document.add_heading("Systems Engineer\tJun 2017 – Feb 2020", level=3)
    document.add_heading("Junior Administrator\tJan 2015 – May 2017", level=3)
    document.add_heading("Ausbildung", level=1)  # a German heading in an English résumé
    document.add_paragraph("BSc Computer Science")
    document.add_paragraph("University of Bath, 2011 – 2014")
    document.add_heading("Skills", level=1)
    document.add_paragraph("Cloud: AWS, Terraform, Kubernetes")
    document.add_heading("Volunteering Odds", level=1)  # unknown heading, same style: a custom section
    document.add_paragraph("Coached a junior football team.", style="List Bullet")
    document.save(str(path))


@pytest.fixture
def resume_docx(tmp_path: Path) -> Path:
    path = tmp_path / "old-resume.docx"
    _write_docx(path)
    return path


def test_import_writes_a_valid_profile_with_roles_and_comments(resume_docx: Path, tmp_path: Path) -> None:
    target = tmp_path / "profile.yaml"
    result = runner.invoke(app, ["import", str(resume_docx), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "Confidence per section" in result.output and "wrote" in result.output
    profile = load_profile(target).profile  # the real loader and schema
    assert profile.basics.name == "Robin Sample"
    assert profile.basics.email == "robin.sample@example.com"
    assert str(profile.basics.phone) == "+44 20 7946 0991"
    assert [p.network for p in profile.basics.profiles] == ["GitHub"]
    first, second = profile.experience
    assert (first.company, first.position, str(first.start), str(first.end), first.location) == \
        ("Severn Data Ltd", "Senior SRE", "2020-03", "present", "Bristol, UK")
    assert [h.text for h in first.highlights] == ["Cut paging alerts by 60% with better SLOs.",
                                                  "Ran the on-call rota for 12 engineers."]
    assert second.company == "Avon Hosting"
    assert [(r.position, str(r.start), str(r.end)) for r in second.roles] == [
        ("Systems Engineer", "2017-06", "2020-02"), ("Junior Administrator", "2015-01", "2017-05")]
    (school,) = profile.education
    assert (school.institution, school.degree, school.area, str(school.start)) == \
        ("University of Bath", "BSc", "Computer Science", "2011")
    assert profile.skills[0].name == "Cloud" and profile.skills[0].keywords == ["AWS", "Terraform", "Kubernetes"]
    titles = [section.title for section in profile.custom]
    assert titles == ["Volunteering Odds", "Unsorted"]
    assert profile.custom[0].items[0].text == "Coached a junior football team."
    # Nothing lost: the line nothing claimed is kept in Unsorted, with where it came from.
    assert [item.text for item in profile.custom[1].items] == ["Open to relocation within Europe"]
    text = target.read_text(encoding="utf-8")
    assert re.search(r"Open to relocation within Europe\s+# from line 4: place it", text)


def test_guessed_values_name_their_line(resume_docx: Path, tmp_path: Path) -> None:
    target = tmp_path / "profile.yaml"
    assert runner.invoke(app, ["import", str(resume_docx), "-o", str(target)]).exit_code == 0
    lines = runner.invoke(app, ["import", str(resume_docx), "--lines"]).output.splitlines()
    numbered = {int(line[:4]): line[6:].strip() for line in lines if line[:4].strip().isdigit()}
    comments = re.findall(r"^\s*-?\s*(\w+): (.+?)\s+# check: guessed from line (\d+)", target.read_text(), re.M)
    assert comments, "some values are guessed (the headline, the location...)"
    for _, value, number in comments:
        assert value.strip("'\"") in numbered[int(number)]
    assert ("headline", "Site Reliability Engineer", "2") in comments


def test_nothing_is_invented(resume_docx: Path) -> None:
    """Every text in the profile is text of the document (dates are rewritten as YYYY-MM)."""
    import docx

    from resume_builder.importing.document.build import import_document

    document = docx.Document(str(resume_docx))
    source = " ".join(p.text for p in document.paragraphs)
    result = import_document(resume_docx)

    def leaves(node, key=""):
        if isinstance(node, dict):
            for k, v in node.items():
                yield from leaves(v, k)
        elif isinstance(node, list):
            for v in node:
                yield from leaves(v, key)
        else:
            yield key, str(node)

    for key, value in leaves(result.data):
        if key in ("start", "end", "id", "network"):  # network: the name of the link's site
            continue
        if value in ("Unsorted", "Skills") and key in ("title", "name"):
            continue  # the importer's own section title, and the skills heading as a group's name
        value = value.removeprefix("https://")
        assert value in source, (key, value)


def test_stdout_and_a_clear_summary(resume_docx: Path) -> None:
    result = runner.invoke(app, ["import", str(resume_docx)])
    assert result.exit_code == 0
    assert "basics:\n  name: Robin Sample" in result.output
    assert "Work Experience: " in result.output  # the per-section confidence line


def test_an_existing_output_is_not_clobbered(resume_docx: Path, tmp_path: Path) -> None:
    target = tmp_path / "profile.yaml"
    target.write_text("keep me\n")
    result = runner.invoke(app, ["import", str(resume_docx), "-o", str(target)])
    assert result.exit_code == 2 and "--force" in result.output
    assert target.read_text() == "keep me\n"


def test_a_layout_without_headings_is_reported_as_defeating_the_importer(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Kim Placeholder")
    for text in ("I drove trucks for a while, then I ran a team.", "Now I bake bread, and I like it.",
                 "Ask me anything at the market on Saturdays.", "Thanks for reading."):
        document.add_paragraph(text)
    path = tmp_path / "prose.docx"
    document.save(str(path))
    target = tmp_path / "profile.yaml"
    result = runner.invoke(app, ["import", str(path), "-o", str(target)])
    assert result.exit_code == 0
    assert "this layout defeated the importer" in result.output
    text = target.read_text()
    assert "WARNING: this layout defeated the importer" in text
    assert "name: Kim Placeholder  # check:" in text
    load_profile(target)


def test_text_boxes_are_read(tmp_path: Path) -> None:
    """A sidebar in a text box (a common Word template) is read where it is anchored."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("Jordan Example", style="Title")
    anchor = document.add_paragraph()
    box = parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape style="width:150pt;height:100pt">'
        "<v:textbox><w:txbxContent>"
        "<w:p><w:r><w:t>jordan@example.org</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>+44 20 7946 0555</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>")
    anchor._p.append(box)
    document.add_heading("Experience", level=1)
    document.add_paragraph("Analyst, Example Ltd, 2019 – 2021")
    path = tmp_path / "boxed.docx"
    document.save(str(path))
    target = tmp_path / "profile.yaml"
    assert runner.invoke(app, ["import", str(path), "-o", str(target)]).exit_code == 0
    basics = load_profile(target).profile.basics
    assert basics.email == "jordan@example.org" and str(basics.phone) == "+44 20 7946 0555"


def test_the_header_names_the_lines_command_with_the_path_as_given_and_quoted(tmp_path: Path, monkeypatch) -> None:
    """Newcomer trial: for output/zoë profile.docx the header said 'import --lines zoë profile.docx',
    which drops the folder and, pasted, gives two arguments."""
    import shlex

    (tmp_path / "output").mkdir()
    _write_docx(tmp_path / "output" / "zoë profile.docx")
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["import", "output/zoë profile.docx", "-o", "profile.yaml"]).exit_code == 0
    text = (tmp_path / "profile.yaml").read_text(encoding="utf-8")
    said = "# Line numbers are those printed by: resume-builder import --lines 'output/zoë profile.docx'\n"
    assert said in text
    pasted = shlex.split(said.split(": ", 1)[1])
    assert pasted[:3] == ["resume-builder", "import", "--lines"]
    listed = runner.invoke(app, pasted[1:])
    assert listed.exit_code == 0 and "Robin Sample" in listed.stdout

"""Issue 13, items 7 and 9: a default output name never replaces an output made from other
inputs, and `check --profile` compares a file with the very document that was rendered.

- Tailored names (``<profile>+<posting>[-<N>pages]``) cannot be a language's, a variant's
  or a page budget's name: ``--job de.md`` is not ``--lang de``, ``--job platform.json`` is
  not the variant ``platform``, ``--job 2pages.md --max-pages 3`` is not ``--max-pages 2``.
- What names still share (a variant's own ``output:``, postings of one name in two folders)
  is refused by the provenance the existing file records, naming ``-o``.
- `check` re-applies the recorded page budget and posting; says first when the posting is
  gone or changed; checks a résumé as a résumé with ``--job``; says first when the file was
  rendered from another profile, and blames no image when the text is there.
"""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from tests.conftest import EXAMPLE, FIXTURES

runner = CliRunner()
GERMAN_POSTING = FIXTURES / "postings" / "devops-de.md"
JSON_POSTING = FIXTURES / "postings" / "platform-en.json"


def _render(*args):
    result = runner.invoke(app, ["render", *map(str, args)])
    return result


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """profiles/example.yaml in a folder of its own (its page budgets cut content)."""
    folder = tmp_path_factory.mktemp("budgets")
    shutil.copy(EXAMPLE, folder / "example.yaml")
    return folder


@pytest.fixture(scope="module")
def names(tmp_path_factory):
    """A one-page profile named example.yaml, with postings named like other outputs and a
    variant ``platform``: output names do not depend on what a page budget cuts."""
    folder = tmp_path_factory.mktemp("names")
    (folder / "example.yaml").write_text((FIXTURES / "profiles" / "one_page.yaml").read_text(encoding="utf-8")
                                         + "variants:\n  platform:\n    select: {}\n", encoding="utf-8")
    shutil.copy(GERMAN_POSTING, folder / "de.md")
    shutil.copy(JSON_POSTING, folder / "platform.json")
    shutil.copy(GERMAN_POSTING, folder / "2pages.md")
    return folder


def _written(result) -> str:
    assert result.exit_code == 0, result.output
    return next(line for line in result.output.splitlines() if line.startswith("wrote "))


# ----------------------------------------------------------------------------- item 9: names


def test_a_posting_named_like_a_language_does_not_replace_that_language(names):
    out = names / "out-lang"
    _written(_render(names / "example.yaml", "--lang", "de", "-f", "docx", "--out-dir", out))
    german = (out / "example-de.docx").read_bytes()
    line = _written(_render(names / "example.yaml", "--max-pages", "2", "--job", names / "de.md", "-f", "docx",
                            "--out-dir", out))
    assert f"wrote {out / 'example+de-2pages.docx'}" in line and "tailored to de.md" in line
    assert (out / "example-de.docx").read_bytes() == german


@pytest.mark.parametrize("asked", [["--lang", "en"], ["--locale", "EN"], ["--lang", "en", "--locale", "en"]])
def test_asking_for_the_profiles_own_language_is_the_same_document(names, asked):
    """``render`` then ``render --lang en`` of an English profile was refused as another
    document under the same name (newcomer trial): it is the same document, and replaces it."""
    out = names / f"out-own-{'-'.join(asked)}"
    _written(_render(names / "example.yaml", "-f", "pdf", "--out-dir", out))
    first = (out / "example.pdf").read_bytes()
    _written(_render(names / "example.yaml", *asked, "-f", "pdf", "--out-dir", out))
    assert (out / "example.pdf").read_bytes() == first  # the same bytes: nothing recorded differs
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["example.pdf"]


def test_a_language_and_a_locale_alone_never_share_a_name(names):
    """``--lang de`` (German texts, headings and dates) and ``--locale de`` (the profile's
    English texts, German headings and dates) are two documents: they were both example-de,
    so one was refused, or a text file silently replaced (newcomer trial)."""
    out = names / "out-lang-locale"
    _written(_render(names / "example.yaml", "--lang", "de", "-f", "txt", "--out-dir", out))
    german = (out / "example-de.txt").read_bytes()
    _written(_render(names / "example.yaml", "--lang", "de", "--locale", "de", "-f", "txt", "--out-dir", out))
    assert (out / "example-de.txt").read_bytes() == german  # the same document, named alike
    _written(_render(names / "example.yaml", "--locale", "de", "-f", "txt", "--out-dir", out))
    _written(_render(names / "example.yaml", "--lang", "fr", "--locale", "de", "-f", "txt", "--out-dir", out))
    assert (out / "example-de.txt").read_bytes() == german
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "example-de.txt", "example-fr-locale-de.txt", "example-locale-de.txt"]


@pytest.mark.parametrize("option, given, name", [("--lang", "DE", "example-de.md"),
                                                 ("--locale", "de_ch", "example-locale-de-CH.md"),
                                                 ("--locale", "sr-latn-rs", "example-locale-sr-Latn-RS.md"),
                                                 ("--locale", "EN-gb", "example-en-GB.md")])
def test_a_language_names_its_file_in_one_case_however_it_is_typed(names, option, given, name):
    """``--lang DE`` wrote example-DE.txt beside example-de.txt (newcomer trial): two files
    that collide on a case-insensitive disk. File names take BCP 47's conventional case."""
    out = names / f"out-case-{given}"
    line = _written(_render(names / "example.yaml", option, given, "-f", "md", "--out-dir", out))
    assert f"wrote {out / name}" in line
    assert [path.name for path in out.iterdir() if not path.name.startswith(".")] == [name]


def test_a_posting_named_like_a_variant_does_not_replace_that_variant(names):
    out = names / "out-variant"
    _written(_render(names / "example.yaml", "-V", "platform", "-f", "docx", "--out-dir", out))
    variant = (out / "example-platform.docx").read_bytes()
    line = _written(_render(names / "example.yaml", "--max-pages", "2", "--job", names / "platform.json",
                            "-f", "docx", "--out-dir", out))
    assert f"wrote {out / 'example+platform-2pages.docx'}" in line
    assert (out / "example-platform.docx").read_bytes() == variant


def test_a_posting_named_like_a_budget_is_not_taken_for_one(names):
    out = names / "out-budget"
    line = _written(_render(names / "example.yaml", "--max-pages", "3", "--job", names / "2pages.md",
                            "-f", "docx", "--out-dir", out))
    assert f"wrote {out / 'example+2pages-3pages.docx'}" in line
    assert not (out / "example-2pages.docx").exists()


def _small_profile(folder, variants: str = ""):
    text = (FIXTURES / "profiles" / "one_page.yaml").read_text(encoding="utf-8")
    (folder / "cv.yaml").write_text(text + variants, encoding="utf-8")
    return folder / "cv.yaml"


def test_a_variant_output_named_like_a_language_is_refused_not_replaced(tmp_path):
    profile = _small_profile(tmp_path, "variants:\n  short:\n    output: cv-de\n")
    out = tmp_path / "out"
    _written(_render(profile, "--lang", "de", "-f", "pdf", "--out-dir", out))
    german = (out / "cv-de.pdf").read_bytes()
    refused = _render(profile, "-V", "short", "-f", "pdf", "--out-dir", out)
    assert refused.exit_code == 2, refused.output
    assert f"{out / 'cv-de.pdf'} was rendered from cv.yaml (Jo Short), language de" in refused.output
    assert "variant short" in refused.output and "-o FILE" in refused.output
    assert (out / "cv-de.pdf").read_bytes() == german and "Traceback" not in refused.output
    # -o says where: nothing is refused then
    _written(_render(profile, "-V", "short", "-f", "pdf", "-o", tmp_path / "short.pdf"))


def test_the_same_document_is_replaced_in_another_theme(tmp_path):
    profile = _small_profile(tmp_path)
    out = tmp_path / "out"
    _written(_render(profile, "--lang", "de", "-f", "docx", "--out-dir", out))
    _written(_render(profile, "--lang", "de", "-f", "docx", "--theme", "modern", "--out-dir", out))


def test_an_output_replaced_by_the_same_bytes_is_not_read(tmp_path, monkeypatch):
    """Re-rendering unchanged input over its own output compares bytes, not provenance (no
    PDF library to load); after an edit the old file's provenance is read and compared."""
    from resume_builder.checking import origin

    profile = _small_profile(tmp_path)
    out = tmp_path / "out"
    _written(_render(profile, "-f", "pdf", "--out-dir", out))
    read: list = []
    real = origin.read_origin
    monkeypatch.setattr(origin, "read_origin", lambda path, data=None: read.append(path) or real(path, data))
    _written(_render(profile, "-f", "pdf", "--out-dir", out))
    assert read == []
    profile.write_text(profile.read_text(encoding="utf-8").replace("Site Reliability", "Platform"), encoding="utf-8")
    _written(_render(profile, "-f", "pdf", "--out-dir", out))
    assert read == [out / "cv.pdf", out / "cv.pdf"]


def test_postings_of_one_name_in_two_folders_do_not_replace_each_other(tmp_path):
    profile = _small_profile(tmp_path)
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "acme.md").write_text(f"Site Reliability Engineer ({name})\n\nRequirements: Python, "
                                                 "Kubernetes, Terraform.\n", encoding="utf-8")
    out = tmp_path / "out"
    _written(_render(profile, "--max-pages", "1", "--job", tmp_path / "a" / "acme.md", "-f", "docx",
                     "--out-dir", out))
    refused = _render(profile, "--max-pages", "1", "--job", tmp_path / "b" / "acme.md", "-f", "docx",
                      "--out-dir", out)
    assert refused.exit_code == 2 and "posting a/acme.md" in refused.output and "posting b/acme.md" in refused.output
    # the same posting, edited since: the same input, replaced
    (tmp_path / "a" / "acme.md").write_text("Site Reliability Engineer\n\nRequirements: Go.\n", encoding="utf-8")
    _written(_render(profile, "--max-pages", "1", "--job", tmp_path / "a" / "acme.md", "-f", "docx",
                     "--out-dir", out))


def test_readme_states_the_tailored_names():
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "output/<profile>+<posting>-<N>pages.<ext>" in readme
    assert "rendered from other inputs" in readme


# ----------------------------------------------------------------------------- item 7: check


def _check(*args):
    result = runner.invoke(app, ["check", *map(str, args), "--json"])
    return result.exit_code, json.loads(result.stdout)


def _results(report) -> dict[str, dict]:
    return {c["name"]: c for c in report["checks"]}


@pytest.fixture(scope="module")
def budgeted(project):
    """The example with a one-page budget, and tailored to a posting with two."""
    out = project / "out-check"
    _written(_render(project / "example.yaml", "--max-pages", "1", "--out-dir", out))
    shutil.copy(GERMAN_POSTING, project / "devops.md")
    _written(_render(project / "example.yaml", "--max-pages", "2", "--job", project / "devops.md", "--out-dir", out))
    return out


def test_check_re_applies_the_recorded_page_budget(project, budgeted):
    code, report = _check(budgeted / "example-1page.pdf", "--profile", project / "example.yaml")
    assert report["compared_with"] == "example.yaml, page budget 1"
    assert code == 0, report
    assert _results(report)["headings"]["passed"]


def test_check_re_applies_the_recorded_posting(project, budgeted):
    code, report = _check(budgeted / "example+devops-2pages.pdf", "--profile", project / "example.yaml")
    assert report["compared_with"] == "example.yaml, page budget 2, posting devops.md"
    assert code == 0, report
    assert "notes" not in report


def test_a_changed_posting_is_said_first_and_what_the_budget_cut_is_named(project, budgeted, tmp_path):
    copy = tmp_path / "example.yaml"
    shutil.copy(project / "example.yaml", copy)
    shutil.copy(budgeted / "example+devops-2pages.pdf", tmp_path / "cv.pdf")
    (tmp_path / "devops.md").write_text(GERMAN_POSTING.read_text(encoding="utf-8") + "\nAlso: Rust.\n",
                                        encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path / "cv.pdf"), "--profile", str(copy)])
    lines = result.stdout.splitlines()
    assert lines[1] == (f"note: the job posting {tmp_path / 'devops.md'} has changed since the file was tailored "
                        "to it; compared with the résumé before its 2-page budget instead, so sections and "
                        "entries the budget may have cut are named, not failed")
    assert result.exit_code == 0, result.output
    assert "'Awards' is not in the file, which the page budget may have cut" in result.stdout
    (tmp_path / "devops.md").unlink()
    code, report = _check(tmp_path / "cv.pdf", "--profile", copy)
    assert report["notes"][0].startswith(f"the file was tailored to the job posting {tmp_path / 'devops.md'}, "
                                         "which is not there now")
    assert code == 0, report


def test_a_resume_checked_with_a_posting_stays_a_resume(project, budgeted):
    code, report = _check(budgeted / "example+devops-2pages.pdf", "--profile", project / "example.yaml",
                          "--job", project / "devops.md")
    names = _results(report)
    assert "addressed" not in names and "headings" in names and "entries" in names
    assert code == 0, report


# ----------------------------------------------------------------------------- another profile


def test_another_profile_is_said_first_and_no_image_is_blamed(project, budgeted, tmp_path):
    me = tmp_path / "me.yaml"
    me.write_text((FIXTURES / "profiles" / "one_page.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["check", str(budgeted / "example-1page.pdf"), "--profile", str(me)])
    first = next(line for line in result.stdout.splitlines() if line.startswith("  "))
    assert first == ("  ✗ profile: this PDF was rendered from example.yaml, not me.yaml, so it was not compared "
                     "with me.yaml: check it with the profile it was made from, or render it again from me.yaml")
    assert result.exit_code == 1 and result.stdout.count("✗") == 1 and "image" not in result.stdout


def test_a_name_not_in_the_text_is_not_blamed_on_images(project, budgeted, tmp_path):
    # the same file name in another folder (nothing records folders): compared, and the name
    # is missing from text that is there, so no image is to blame
    other = tmp_path / "example.yaml"
    other.write_text((project / "example.yaml").read_text(encoding="utf-8").replace("Alex Example", "Sam Other"),
                     encoding="utf-8")
    code, report = _check(budgeted / "example-1page.pdf", "--profile", other)
    name = _results(report)["name"]
    assert not name["passed"] and name["detail"] == "'Sam Other' is not in the text, which begins 'Alex Example'"


# ----------------------------------------------------------------------------- the rule itself


def test_what_counts_as_the_same_document():
    from resume_builder.provenance import Provenance
    from resume_builder.replacing import same_document

    tailored = Provenance("cv.yaml", theme="classic", pages="2", job="jobs/acme.md", job_sha256="ab" * 32)
    assert Provenance.decode(tailored.encode()) == tailored
    assert tailored.encode() == f"profile=cv.yaml&theme=classic&pages=2&job=jobs%2Facme.md&job_sha256={'ab' * 32}"
    # another look, an edited posting: the same document
    assert same_document(tailored, Provenance("cv.yaml", theme="modern", pages="2", job="jobs/acme.md",
                                              job_sha256="cd" * 32))
    # another budget, posting, language, variant or a public copy: another document
    for other in (Provenance("cv.yaml", pages="3", job="jobs/acme.md"), Provenance("cv.yaml", pages="2", job="acme.md"),
                  Provenance("cv.yaml", lang="de", pages="2", job="jobs/acme.md"),
                  Provenance("cv.yaml", "short", pages="2", job="jobs/acme.md"),
                  Provenance("cv.yaml", pages="2", job="jobs/acme.md", public="yes")):
        assert not same_document(tailored, other) and not same_document(other, tailored)
    # a file from before budgets were recorded is judged by what it records
    assert same_document(Provenance("cv.yaml", theme="classic"), Provenance("cv.yaml", pages="2"))
    assert not same_document(Provenance("cv.yaml", lang="de"), Provenance("cv.yaml", pages="2"))


def test_check_re_applies_the_recorded_theme_options(tmp_path):
    # -O section_order leaves sections out: compared with the profile's every section, each
    # would be reported missing
    profile = _small_profile(tmp_path)
    out = tmp_path / "out"
    _written(_render(profile, "-O", "section_order=experience,education", "-f", "docx", "--out-dir", out))
    code, report = _check(out / "cv.docx", "--profile", profile)
    assert code == 0, report
    assert _results(report)["headings"]["detail"].endswith("line of its own: Experience, Education")


def test_another_persons_profile_of_the_same_file_name_is_refused_not_replaced(tmp_path, monkeypatch):
    """Folders are never recorded, so a/cv.yaml and b/cv.yaml both wrote output/cv.pdf, silently
    (newcomer trial): the person (basics.name) tells them apart."""
    monkeypatch.chdir(tmp_path)
    for folder, name in (("a", "Ann Example"), ("b", "Bob Example")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "cv.yaml").write_text(f"basics:\n  name: {name}\n  email: x@example.com\n",
                                                   encoding="utf-8")
    _written(_render(tmp_path / "a" / "cv.yaml", "-f", "pdf", "--out-dir", tmp_path / "out"))
    ann = (tmp_path / "out" / "cv.pdf").read_bytes()
    refused = _render(tmp_path / "b" / "cv.yaml", "-f", "pdf", "--out-dir", tmp_path / "out")
    assert refused.exit_code == 2, refused.output
    assert "was rendered from cv.yaml (Ann Example)" in refused.output and "cv.yaml (Bob Example)" in refused.output
    assert (tmp_path / "out" / "cv.pdf").read_bytes() == ann
    # the same file, variant and language under another name may be a corrected name: the way out is said
    assert f"if you corrected the name, delete {tmp_path / 'out' / 'cv.pdf'} and render again" in \
        " ".join(refused.output.split())
    other = _render(tmp_path / "b" / "cv.yaml", "-f", "pdf", "--lang", "de", "--out-dir", tmp_path / "out")
    _written(other)  # another language is another default name: nothing to replace


@pytest.mark.usefixtures("cheap_font_subsetting")  # reads text and markup, not the fonts
def test_a_text_or_html_output_is_judged_by_the_pdf_beside_it(tmp_path, monkeypatch):
    """Text, Markdown and HTML record no provenance: Bob's cv.txt silently replaced the one
    that goes with Ann's cv.pdf, leaving a set of two people's outputs (newcomer trial)."""
    monkeypatch.chdir(tmp_path)
    for folder, name in (("a", "Ann Example"), ("b", "Bob Example")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "cv.yaml").write_text(f"basics:\n  name: {name}\n", encoding="utf-8")
    out = tmp_path / "out"
    _written(_render(tmp_path / "a" / "cv.yaml", "-f", "pdf", "-f", "txt", "-f", "html", "--out-dir", out))
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    refused = _render(tmp_path / "b" / "cv.yaml", "-f", "txt", "-f", "html", "--out-dir", out)
    assert refused.exit_code == 2, refused.output
    said = " ".join(refused.output.split())
    assert f"{out / 'cv.txt'} goes with {out / 'cv.pdf'}, rendered from cv.yaml (Ann Example)" in said
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before  # nothing written
    _written(_render(tmp_path / "a" / "cv.yaml", "-f", "txt", "-f", "md", "--out-dir", out))  # Ann's own set: fine


@pytest.mark.parametrize("asked, said", [(["--lang", "de", "--locale", "de"], ", language de)"),
                                         (["--locale", "de"], ", locale de)"),
                                         (["--lang", "de", "--locale", "de-CH"], ", language de, locale de-CH)")])
def test_the_wrote_line_names_the_language_and_a_locale_that_differs(names, asked, said):
    """`--lang de --locale de` was said as "locale de" (newcomer trial)."""
    line = _written(_render(names / "example.yaml", *asked, "-f", "md", "--out-dir", names / "out-said"))
    assert line.endswith(said), line

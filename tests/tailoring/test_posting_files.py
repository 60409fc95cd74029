"""A posting saved as a web page is read as the posting it shows; a PDF or DOCX posting is
refused with advice about postings.

Before, ``--job vaga.html`` read the raw markup (the title was ``<html><body><h1>…`` and
"HTML" a required keyword), and ``--job posting.pdf`` said to import the file as a résumé.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.errors import UserError
from resume_builder.loading.html_charset import declared_encoding
from resume_builder.loading.posting import read_posting
from resume_builder.loading.posting_html import html_to_text
from resume_builder.pipeline import builtin_vocabulary
from resume_builder.tailoring.keywords import extract_keywords, with_posting_terms
from resume_builder.tailoring.posting import REQUIRED, structure
from tests.conftest import EXAMPLE

PAGE = """<!DOCTYPE html>
<html lang="pt"><head><title>Vaga | Marés</title><style>h2 { color: red }</style>
<script>document.write("<h2>Requirements</h2><li>Kotlin</li>")</script></head>
<body><nav><a href="/">Início</a> <a href="/vagas">Vagas</a> Java</nav>
<header>Marés Pagamentos &mdash; Carreiras</header>
<h1>Engenheira/o de Dados S&eacute;nior</h1>
<p>Lisboa, h&iacute;brido</p>
<h2>Requisitos</h2>
<ul><li>5 anos com <b>Apache Spark</b> &amp; Kafka</li>
<li>Ingl&ecirc;s fluente</li></ul>
<h2>Diferenciais</h2><ul><li>Terraform</li></ul>
<div style="display: none">Scala</div><p hidden>Rust</p><span aria-hidden="true">Haskell</span>
<footer>&copy; 2026 Marés. Cookies: Go</footer>
</body></html>
"""


def keywords(path):
    posting = structure(read_posting(path))
    vocab = with_posting_terms(builtin_vocabulary(), posting)
    return posting, {k.name: k for k in extract_keywords(posting, vocab)}


@pytest.mark.parametrize("name", ["vaga.html", "vaga.htm", "vaga.txt"])
def test_a_saved_web_page_is_read_as_the_posting_it_shows(tmp_path, name):
    path = tmp_path / name
    path.write_text(PAGE, encoding="utf-8")
    posting, found = keywords(path)
    assert posting.title == "Engenheira/o de Dados Sénior"
    assert [section.heading for section in posting.sections[1:]] == ["Requisitos", "Diferenciais"]
    assert found["Apache Spark"].importance == REQUIRED and found["Apache Kafka"].importance == REQUIRED
    assert found["English"].importance == REQUIRED  # "Inglês fluente"
    assert found["Terraform"].importance != REQUIRED
    # scripts, styles, navigation, header, footer and hidden elements are not the posting
    assert not {"HTML", "Kotlin", "Java", "Scala", "Rust", "Haskell", "Go"} & set(found), sorted(found)


def test_a_web_page_that_shows_no_text_is_refused(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><head><script>load()</script></head><body><div id=app></div></body></html>",
                    encoding="utf-8")
    with pytest.raises(UserError, match="the web page shows no text"):
        read_posting(path)


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize("name, content, words", [
    ("posting.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "a PDF file"),
    ("posting.docx", _docx_bytes(), "a Word document (DOCX)"),
])
def test_a_pdf_or_docx_posting_is_refused_with_advice_about_postings(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    result = CliRunner().invoke(app, ["tailor", str(EXAMPLE), "--job", str(path)])
    assert result.exit_code == 2
    assert f"is {words}, not a job posting written as text, Markdown, a web page (.html)" in result.output
    assert "copy the posting's text into a .txt or .md file" in result.output
    assert "import" not in result.output  # a posting is not a résumé to import


@pytest.mark.parametrize("page, shown", [
    ("<ul><li>Terraform<li hidden>Perl<li>Prometheus</ul>", "- Terraform\n- Prometheus"),
    ("<dl><dt>Cloud<dd hidden>AWS<dd>GCP</dl>", "Cloud\nGCP"),
    ("<p hidden>Rust<p>Go<div>Docker</div>", "Go\nDocker"),
    ("<ul><li hidden>Perl</ul><p>Ansible", "Ansible"),  # a parent's end tag closes its open children
    ("<html><head><title>Job</title><body><h1>SRE</h1>", "# SRE"),  # <body> ends an unclosed <head>
])
def test_an_end_tag_html_implies_ends_a_hidden_element_too(page, shown):
    # before, an unclosed hidden element stayed open to the end of the page: its siblings hid
    assert html_to_text(page) == shown


def test_an_unclosed_hidden_list_item_keeps_the_rest_of_the_list(tmp_path):
    path = tmp_path / "job.html"
    path.write_text("<h1>SRE</h1><h2>Requirements</h2><ul><li>Terraform<li hidden>Perl<li>Prometheus</ul>",
                    encoding="utf-8")
    _, found = keywords(path)
    assert "Prometheus" in found and "Perl" not in found


ARTICLE = ("<body><header>Careers at Northwind</header><main><article><header>"
           "<h1>Senior Site Reliability Engineer</h1><p>Northwind Pay Ltd, London</p></header>"
           "<h2>Requirements</h2><ul><li>Kubernetes<li>Terraform</ul>"
           "<footer>Apply by 1 June</footer></article></main><footer>&copy; Northwind: Go</footer></body>")


def test_an_articles_own_header_holds_the_title_and_company(tmp_path):
    # before, every <header> was left out as the page's banner: the title was "Requirements"
    path = tmp_path / "sre.html"
    path.write_text(ARTICLE, encoding="utf-8")
    posting, found = keywords(path)
    assert (posting.title, posting.company) == ("Senior Site Reliability Engineer", "Northwind Pay Ltd")
    assert found["Kubernetes"].importance == REQUIRED
    shown = html_to_text(ARTICLE)
    assert "Apply by 1 June" in shown  # the article's footer is the article's
    assert "Careers" not in shown and "Go" not in found  # the page's banner and footer are not


@pytest.mark.parametrize("outer", ["section", "aside", "main", 'div role="main"', 'div role="region"'])
def test_a_header_inside_sectioning_content_is_shown(outer):
    assert html_to_text(f"<{outer}><header><h1>Data Engineer</h1></header></{outer.split()[0]}>") \
        == "# Data Engineer"


def test_a_table_row_is_a_line_with_its_cells_apart(tmp_path):
    # before, a row's cells were glued: "GraphQLgood", "Terraformnice to have"
    table = ("<h1>Backend Engineer</h1><h2>Skills</h2><table><thead><tr><th>Skill<th>Level</thead>"
             "<tr><td>GraphQL</td><td>good</td></tr><tr><td><p>Docker</p></td><td><p>basic</p></td></tr>"
             "<tr><td>Terraform<td>nice to have</table>")
    assert html_to_text(table).splitlines()[2:] == [
        "Skill | Level", "GraphQL | good", "Docker | basic", "Terraform | nice to have"]
    path = tmp_path / "backend.html"
    path.write_text(table, encoding="utf-8")
    _, found = keywords(path)
    assert found["GraphQL"].importance == REQUIRED and found["Docker"].importance == REQUIRED
    assert found["Terraform"].importance != REQUIRED


@pytest.mark.parametrize("name, meta", [
    ("stelle.html", b'<meta charset="windows-1252">'),
    ("stelle.htm", b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'),
    ("stelle.txt", b"<!DOCTYPE html><html><head><meta content='text/html; charset=latin1' http-equiv=content-type>"),
])
def test_a_web_page_is_read_in_the_encoding_it_declares(tmp_path, name, meta):
    # before: "not valid UTF-8 (byte 0xfc)"; iso-8859-1 and latin1 mean windows-1252 on the web (0x80: €)
    path = tmp_path / name
    path.write_bytes(meta + b"<h1>Entwickler (m/w/d)</h1><h2>Anforderungen</h2><ul><li>Python</li>"
                            b"<li>M\xfcnchen, 60.000 \x80</li></ul>")
    assert read_posting(path).text.splitlines()[-1] == "- München, 60.000 €"


def test_a_page_reads_as_utf8_when_it_has_the_mark_or_declares_nothing(tmp_path):
    marked = tmp_path / "marked.html"
    marked.write_bytes(b'\xef\xbb\xbf<meta charset="windows-1252"><p>M\xc3\xbcnchen')  # the BOM outranks the meta
    assert read_posting(marked).text == "München"
    for name, content in [("plain.html", b"<p>M\xfcnchen"),  # nothing declared
                          ("plain.txt", b'Write <meta charset="windows-1252"> in M\xfcnchen')]:  # not a page
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(UserError, match=r"not valid UTF-8 \(byte 0xfc\)"):
            read_posting(path)


@pytest.mark.parametrize("head, encoding", [
    (b"<!-- <meta charset=koi8-r> --><meta charset=utf-8>", "utf-8"),  # a comment is stepped over
    (b"<meta charset=rot13><meta charset=' Shift_JIS'>", "shift_jis"),  # no page's encoding: the next
    (b'<title lang=">"></title><meta http-equiv=Content-Type content="text/html;charset=\'gb2312\'">', "gbk"),
    (b'<meta content="text/html; charset=koi8-r">', None),  # content without http-equiv
    (b" " * 1020 + b"<meta charset=big5>", None),  # past the first 1,024 bytes
])
def test_the_declared_encoding_is_found_as_a_browser_prescans(head, encoding):
    assert declared_encoding(head) == encoding


@pytest.mark.parametrize("name, text_file", [("posting.pdf", "posting.txt"), ("posting.txt", "posting-text.txt"),
                                             ("Job Ad.TXT", "'Job Ad-text.txt'")])
def test_the_pdftotext_advice_never_writes_over_the_pdf(tmp_path, monkeypatch, name, text_file):
    # before, a PDF named posting.txt was told "pdftotext posting.txt posting.txt": its own name
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    with pytest.raises(UserError) as caught:
        read_posting(Path(name))
    quoted = f"'{name}'" if " " in name else name
    assert f"pdftotext {quoted} {text_file} does it" in str(caught.value)

"""Files built to pass or fail the ATS checks, made on the fly (no binaries in the repository).

Each builder writes one file and returns its path. The PDFs come from small HTML pages laid
out by WeasyPrint with Lato (a dependency of the project), the image from Pillow,
the DOCX files from python-docx.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

NAME = "Alex Example"
EMAIL = "alex@example.com"
PHONE = "+44 20 7946 0018"
CONTACT_LINE = f"{EMAIL} · {PHONE} · London, UK · github.com/alex-example"


def _font_file(name: str = "Lato-Regular.ttf") -> Path:
    import fontpkg_lato

    return Path(fontpkg_lato.__file__).parent / "files" / name


def _body(contact_html: str, *, extra: str = "") -> str:
    return f"""
<h1>{NAME}</h1>
{contact_html}
<h2>Summary</h2>
<p>Platform engineer who builds deployment systems for {extra or "large engineering teams"}.</p>
<h2>Experience</h2>
<p><b>Platform Engineer</b> — Fresha</p>
<p>Mar 2023 – present · London, UK</p>
<ul><li>Built the deployment platform used by every team.</li></ul>
<h2>Education</h2>
<p><b>M.Tech, Data Science &amp; Engineering</b> — Birla Institute of Technology and Science, Pilani</p>
<p>Apr 2021 – Mar 2023</p>
<h2>Skills</h2>
<p>Python, Linux, AWS, Docker, Kubernetes</p>
"""


def html_pdf(path: Path, body: str, *, page_css: str = "") -> Path:
    """A one-page PDF of ``body`` (HTML), tagged and with embedded fonts like ours."""
    from weasyprint import HTML

    css = f"""
@font-face {{ font-family: Fixture; src: url("{_font_file().as_uri()}"); }}
@font-face {{ font-family: Fixture; font-weight: bold; src: url("{_font_file('Lato-Bold.ttf').as_uri()}"); }}
@page {{ size: A4; margin: 20mm; {page_css} }}
body {{ font-family: Fixture; font-size: 10pt; }}
"""
    html = f"<!doctype html><html lang='en'><head><style>{css}</style></head><body>{body}</body></html>"
    HTML(string=html).write_pdf(path, pdf_tags=True)
    return path


def pdf_contact_in_page_header(path: Path) -> Path:
    """Name in the body, but the e-mail only in the running header (@page @top-center)."""
    page_css = f'@top-center {{ content: "{EMAIL}"; font-family: Fixture; font-size: 9pt; }}'
    return html_pdf(path, _body(f"<p>{PHONE} · London, UK</p>"), page_css=page_css)


def contact_png(text: str = CONTACT_LINE) -> bytes:
    """The contact line drawn into a PNG, as design tools export it."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(_font_file()), 36)
    _, _, right, bottom = font.getbbox(text)
    image = Image.new("RGB", (right + 20, bottom + 20), "white")
    ImageDraw.Draw(image).text((10, 10), text, font=font, fill="black")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def pdf_contact_as_image(path: Path) -> Path:
    data = base64.b64encode(contact_png()).decode("ascii")
    image = f'<p><img src="data:image/png;base64,{data}" alt="" style="width: 120mm"></p>'
    return html_pdf(path, _body(image))


def pdf_with_ligature_glyphs(path: Path) -> Path:
    """Text that literally holds U+FB01 ('ﬁ') where the letters f and i should be."""
    contact = f"<p>{CONTACT_LINE}</p>"
    return html_pdf(path, _body(contact, extra="\ufb01nance and e\ufb03cient of\ufb01ce teams"))


def pdf_plain(path: Path) -> Path:
    """The same page with everything in the body: it passes every check."""
    return html_pdf(path, _body(f"<p>{CONTACT_LINE}</p>"))


def _docx_body(document, *, contact: str | None) -> None:
    document.add_heading(NAME, level=0)
    if contact:
        document.add_paragraph(contact)
    document.add_heading("Experience", level=1)
    document.add_paragraph("Platform Engineer — Fresha")
    document.add_paragraph("Mar 2023 – present · London, UK")
    document.add_heading("Education", level=1)
    document.add_paragraph("M.Tech, Data Science & Engineering — Birla Institute of Technology and Science, Pilani")
    document.add_heading("Skills", level=1)
    document.add_paragraph("Python, Linux, AWS")


def docx_contact_in_header(path: Path) -> Path:
    """The e-mail only in the page header part; the body has the rest."""
    from docx import Document

    document = Document()
    document.sections[0].header.paragraphs[0].text = EMAIL
    _docx_body(document, contact=f"{PHONE} · London, UK · github.com/alex-example")
    document.save(path)
    return path


def docx_two_column_table(path: Path) -> Path:
    """A 'modern' layout: a two-column table, contact details in the left cell, the rest in the right."""
    from docx import Document

    document = Document()
    document.add_paragraph(NAME)
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = EMAIL
    left.add_paragraph(PHONE)
    left.add_paragraph("Skills")
    left.add_paragraph("Python, Linux, AWS")
    right.paragraphs[0].text = "Experience"
    right.add_paragraph("Platform Engineer — Fresha")
    right.add_paragraph("Mar 2023 – present")
    right.add_paragraph("Education")
    right.add_paragraph("M.Tech, Data Science & Engineering")
    document.save(path)
    return path


def docx_plain(path: Path) -> Path:
    from docx import Document

    document = Document()
    _docx_body(document, contact=CONTACT_LINE)
    document.save(path)
    return path


# ----------------------------------------------------------------------------- built-in outputs


def builtin_themes() -> list[str]:
    """The built-in themes, found as `resume-builder themes` finds them (new ones join in)."""
    from resume_builder.theming import ThemeFinder

    return [name for name, source, _ in ThemeFinder(search_dirs=[]).available() if source == "built-in"]


def docx_available() -> bool:
    from resume_builder import pipeline

    return "docx" in pipeline.available_formats()

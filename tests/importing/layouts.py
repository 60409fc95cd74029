"""Eight résumé layouts the importer was not shaped by, written from the truth files in
tests/fixtures/import/<layout>.yaml (invented people).

HTML layouts are stored in tests/fixtures/import/<layout>.html (regenerate with
``python -m tests.importing.layouts``); Word layouts are written here with python-docx at
test time. LibreOffice turns both into PDFs in the tests (a different tool from ours).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any, Callable

from ruamel.yaml import YAML

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "import"

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
LONG = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December"]
GERMAN = ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."]


def truth(layout: str) -> dict[str, Any]:
    return YAML(typ="safe").load((FOLDER / f"{layout}.yaml").read_text(encoding="utf-8"))


def _when(value: Any, style: str) -> str:
    value = str(value)
    if value == "present":
        return {"de": "heute"}.get(style, "Present")
    if len(value) == 4:
        return value
    year, month = int(value[:4]), int(value[5:7])
    if style == "numeric":
        return f"{month:02d}/{year}"
    if style == "long":
        return f"{LONG[month - 1]} {year}"
    if style == "de":
        return f"{GERMAN[month - 1]} {year}"
    return f"{MONTHS[month - 1]} {year}"


def dates(item: dict, style: str = "short", dash: str = " – ") -> str:
    return f"{_when(item['start'], style)}{dash}{_when(item['end'], style)}"


def _e(text: Any) -> str:
    return html.escape(str(text))


def _page(title: str, body: str, style: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>'
            f"<style>body {{ font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; }} {style}</style>"
            f"</head>\n<body>\n{body}\n</body></html>\n")


# --------------------------------------------------------------------------- HTML layouts


def sidebar_html(data: dict) -> str:
    b = data["basics"]
    side = (f"<h2>Contact</h2><p>{_e(b['email'])}</p><p>{_e(b['phone'])}</p><p>{_e(b['location'])}</p>"
            "<h2>Skills</h2><p>SQL</p><p>Python</p><p>Airflow</p><p>Power BI</p><h2>Languages</h2>"
            "<p>English</p><p>Igbo</p>")
    main = [f"<h1>{_e(b['name'])}</h1>", "<h2>Experience</h2>"]
    for job in data["experience"]:
        main.append(f"<p><b>{_e(job['position'])}</b></p><p>{_e(job['company'])} | {dates(job, dash=' - ')}</p>")
        main.append("<ul>" + "".join(f"<li>{_e(h)}</li>" for h in job["highlights"]) + "</ul>")
    main.append("<h2>Education</h2>")
    for school in data["education"]:
        main.append(f"<p><b>{_e(school['degree'])} {_e(school['area'])}</b></p>"
                    f"<p>{_e(school['institution'])} | {dates(school, dash=' - ')}</p>")
    return _page(b["name"], '<table width="100%" cellpadding="8"><tr>'
                 f'<td width="28%" valign="top" bgcolor="#e8eef4">{side}</td>'
                 f'<td valign="top">{"".join(main)}</td></tr></table>')


def dates_left_html(data: dict) -> str:
    b = data["basics"]
    rows = []

    def row(left: str, right: str) -> None:
        rows.append(f'<tr><td width="22%" valign="top">{left}</td><td valign="top">{right}</td></tr>')

    parts = [f"<h1>{_e(b['name'])}</h1>", f"<p>{_e(b['location'])} · {_e(b['phone'])} · {_e(b['email'])}</p>",
             "<h2>Experience</h2>"]
    for job in data["experience"]:
        bullets = "<ul>" + "".join(f"<li>{_e(h)}</li>" for h in job["highlights"]) + "</ul>"
        row(_e(dates(job)), f"<b>{_e(job['position'])}</b>, {_e(job['company'])}{bullets}")
    parts.append('<table width="100%">' + "".join(rows) + "</table>")
    rows.clear()
    parts.append("<h2>Education</h2>")
    for school in data["education"]:
        row(_e(dates(school)), f"<b>{_e(school['degree'])} in {_e(school['area'])}</b>, {_e(school['institution'])}")
    parts.append('<table width="100%">' + "".join(rows) + "</table>")
    return _page(b["name"], "\n".join(parts))


def caps_headings_html(data: dict) -> str:
    b = data["basics"]
    parts = [f'<p style="font-size:20pt"><b>{_e(b["name"].upper())}</b></p>',
             f"<p>{_e(b['email'])} | {_e(b['phone'])} | {_e(b['location'])}</p>",
             "<p><b>PROFESSIONAL SUMMARY</b></p>",
             "<p>Reliability engineer who likes quiet pagers and boring deployments.</p>",
             "<p><b>WORK HISTORY</b></p>"]
    for job in data["experience"]:
        parts.append(f"<p><b>{_e(job['company'])}</b> — {_e(job['position'])}</p>")
        parts.append(f"<p><i>{_e(dates(job, 'long', ' to '))}</i></p>")
        parts.append("<ul>" + "".join(f"<li>{_e(h)}</li>" for h in job["highlights"]) + "</ul>")
    parts.append("<p><b>EDUCATION</b></p>")
    for school in data["education"]:
        parts.append(f"<p><b>{_e(school['institution'])}</b> — {_e(school['degree'])}, {_e(school['area'])}</p>")
        parts.append(f"<p><i>{_e(dates(school, 'long', ' to '))}</i></p>")
    parts.append("<p><b>SKILLS</b></p><p>Linux, Ansible, Prometheus, Terraform, Bash</p>")
    return _page(b["name"], "\n".join(parts))


def one_line_html(data: dict) -> str:
    b = data["basics"]
    parts = [f"<h1>{_e(b['name'])}</h1>", f"<p>{_e(b['email'])} — {_e(b['phone'])} — {_e(b['location'])}</p>",
             "<h3>Employment History</h3>"]
    for job in data["experience"]:
        parts.append(f"<p>{_e(job['position'])}, {_e(job['company'])} ({dates(job, dash='–')})</p>")
    parts.append("<h3>Education</h3>")
    for school in data["education"]:
        parts.append(f"<p>{_e(school['degree'])} en {_e(school['area'])}, {_e(school['institution'])} "
                     f"({dates(school, dash='–')})</p>")
    parts.append("<h3>Languages</h3><p>Spanish (native), English (C1)</p>")
    return _page(b["name"], "\n".join(parts))


def timeline_html(data: dict) -> str:
    """A designer's timeline: headings of its own, prose, years as '14 → '18 (meant to defeat)."""
    b = data["basics"]
    first, second = data["experience"]
    parts = [f'<p align="center" style="font-size:26pt">{_e(b["name"])}</p>',
             f'<p align="center">say hello: {_e(b["email"])} / {_e(b["phone"])}</p>',
             '<p align="center" style="font-size:14pt"><i>My story so far</i></p>',
             '<table width="100%" cellpadding="6"><tr>'
             f"<td>'14 → '18</td><td>Joined {_e(first['company'])} and learned to move trucks around the "
             f"country as their {_e(first['position']).lower()}, on nights at first.</td></tr><tr>"
             f"<td>'18 → now</td><td>Moved to {_e(second['company'])}, where I keep forty riders and their "
             f"parcels on time as {_e(second['position']).lower()}.</td></tr></table>",
             '<p align="center" style="font-size:14pt"><i>Things I am good at</i></p>',
             "<p>Routing, calm phone calls, spreadsheets, French and Arabic.</p>"]
    return _page(b["name"], "\n".join(parts))


HTML_LAYOUTS: dict[str, Callable[[dict], str]] = {
    "timeline": timeline_html,
    "sidebar": sidebar_html,
    "dates_left": dates_left_html,
    "caps_headings": caps_headings_html,
    "one_line": one_line_html,
}


# --------------------------------------------------------------------------- Word layouts


def _bullets(document, items) -> None:
    for item in items:
        document.add_paragraph(str(item), style="List Bullet")


def two_columns_docx(data: dict, path: Path) -> None:
    """Name across the top, then a two-column section (Word's own columns)."""
    import docx
    from docx.enum.section import WD_SECTION
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement

    document = docx.Document()
    b = data["basics"]
    document.add_paragraph(b["name"], style="Title")
    document.add_paragraph(f"{b['email']} | {b['phone']} | {b['location']}")
    section = document.add_section(WD_SECTION.CONTINUOUS)
    cols = OxmlElement("w:cols")
    cols.set(qn("w:num"), "2")
    cols.set(qn("w:space"), "720")
    section._sectPr.append(cols)
    document.add_heading("Work Experience", level=1)
    for job in data["experience"]:
        document.add_heading(job["position"], level=2)
        document.add_paragraph(f"{job['company']}, {dates(job, 'numeric')}")
        _bullets(document, job["highlights"])
    document.add_heading("Education", level=1)
    for school in data["education"]:
        document.add_heading(f"{school['degree']} {school['area']}", level=2)
        document.add_paragraph(f"{school['institution']}, {dates(school, 'numeric')}")
    document.add_heading("Skills", level=1)
    document.add_paragraph("Go, PostgreSQL, Kafka, Docker, Kubernetes")
    document.save(str(path))


def table_word_docx(data: dict, path: Path) -> None:
    """Everything in tables: a header table and one row per job (dates | details)."""
    import docx

    document = docx.Document()
    b = data["basics"]
    top = document.add_table(rows=1, cols=2)
    top.cell(0, 0).paragraphs[0].add_run(b["name"]).bold = True
    top.cell(0, 0).paragraphs[0].runs[0].font.size = docx.shared.Pt(20)
    right = top.cell(0, 1)
    right.paragraphs[0].text = b["email"]
    right.add_paragraph(b["phone"])
    right.add_paragraph(b["location"])
    for title, items in (("Experience", data["experience"]), ("Education", data["education"])):
        document.add_heading(title, level=1)
        table = document.add_table(rows=0, cols=2)
        for item in items:
            cells = table.add_row().cells
            cells[0].paragraphs[0].text = dates(item, dash=" – ")
            first = cells[1].paragraphs[0]
            if "company" in item:
                first.add_run(item["position"]).bold = True
                cells[1].add_paragraph(item["company"])
                for highlight in item["highlights"]:
                    cells[1].add_paragraph(highlight, style="List Bullet")
            else:
                first.add_run(f"{item['degree']}, {item['area']}").bold = True
                cells[1].add_paragraph(item["institution"])
    document.save(str(path))


def german_docx(data: dict, path: Path) -> None:
    import docx

    document = docx.Document()
    b = data["basics"]
    document.add_paragraph(b["name"], style="Title")
    document.add_paragraph(f"{b['location']} · Tel. {b['phone']} · {b['email']}")
    document.add_heading("Profil", level=1)
    document.add_paragraph("Backend-Entwickler mit Freude an sauberem Code und verlässlichen Diensten.")
    document.add_heading("Berufserfahrung", level=1)
    for job in data["experience"]:
        document.add_heading(f"{job['position']} bei {job['company']}", level=2)
        document.add_paragraph(dates(job, "de"))
        _bullets(document, job["highlights"])
    document.add_heading("Ausbildung", level=1)
    for school in data["education"]:
        document.add_heading(f"{school['degree']} {school['area']}", level=2)
        document.add_paragraph(f"{school['institution']}, {dates(school, 'de')}")
    document.add_heading("Kenntnisse", level=1)
    document.add_paragraph("Kotlin, Java, Spring, PostgreSQL, Docker")
    document.add_heading("Sprachen", level=1)
    document.add_paragraph("Deutsch (Muttersprache)")
    document.add_paragraph("Englisch (C1)")
    document.save(str(path))


def header_contact_docx(data: dict, path: Path) -> None:
    """Name and contact details only in the page header; the body starts with a section."""
    import docx

    document = docx.Document()
    b = data["basics"]
    header = document.sections[0].header
    header.paragraphs[0].text = b["name"]
    header.paragraphs[0].runs[0].bold = True
    header.add_paragraph(f"{b['email']}  ·  {b['phone']}  ·  {b['location']}")
    document.add_heading("Professional Experience", level=1)
    for job in data["experience"]:
        paragraph = document.add_paragraph()
        paragraph.add_run(job["position"]).bold = True
        paragraph.add_run(f"\t{dates(job)}")
        document.add_paragraph(job["company"]).runs[0].italic = True
        _bullets(document, job["highlights"])
    document.add_heading("Education", level=1)
    for school in data["education"]:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{school['degree']}, {school['area']}").bold = True
        paragraph.add_run(f"\t{dates(school)}")
        document.add_paragraph(school["institution"]).runs[0].italic = True
    document.save(str(path))


def europass_docx(data: dict, path: Path) -> None:
    """The Europass form: personal information and each entry as a table of labels and values."""
    import docx

    document = docx.Document()
    b = data["basics"]

    def table(rows: list[tuple[str, str]]) -> None:
        grid = document.add_table(rows=0, cols=2)
        for label, value in rows:
            cells = grid.add_row().cells
            cells[0].paragraphs[0].text = label
            cells[1].paragraphs[0].text = value

    document.add_paragraph("Europass Curriculum Vitae", style="Title")
    document.add_heading("Personal information", level=1)
    table([("Name", b["name"]), ("Address", b["location"]), ("Telephone", b["phone"]), ("E-mail", b["email"])])
    document.add_heading("Work experience", level=1)
    for job in data["experience"]:
        table([("Dates", dates(job, "numeric")), ("Occupation or position held", job["position"]),
               ("Main activities and responsibilities", job["summary"]),
               ("Name and address of employer", job["company"])])
        document.add_paragraph()
    document.add_heading("Education and training", level=1)
    for school in data["education"]:
        table([("Dates", dates(school, "numeric")), ("Title of qualification awarded", school["degree"]),
               ("Name and type of organisation providing education and training", school["institution"])])
    document.save(str(path))


DOCX_LAYOUTS: dict[str, Callable[[dict, Path], None]] = {
    "europass": europass_docx,
    "two_columns": two_columns_docx,
    "table_word": table_word_docx,
    "german": german_docx,
    "header_contact": header_contact_docx,
}

#: What is measured per layout: the Word file itself and/or LibreOffice's PDF of the source.
MEASURED: list[tuple[str, str]] = [
    ("two_columns", "pdf"), ("sidebar", "pdf"), ("table_word", "docx"), ("table_word", "pdf"),
    ("dates_left", "pdf"), ("caps_headings", "pdf"), ("one_line", "pdf"), ("german", "docx"),
    ("german", "pdf"), ("header_contact", "docx"), ("header_contact", "pdf"), ("timeline", "pdf"),
    ("europass", "docx"), ("europass", "pdf"),
]


def write_sources(folder: Path) -> dict[str, Path]:
    """Every layout's source in ``folder``: the stored HTML copied, the DOCX written."""
    out: dict[str, Path] = {}
    for name in HTML_LAYOUTS:
        target = folder / f"{name}.html"
        target.write_bytes((FOLDER / f"{name}.html").read_bytes())
        out[name] = target
    for name, write in DOCX_LAYOUTS.items():
        target = folder / f"{name}.docx"
        write(truth(name), target)
        out[name] = target
    return out


if __name__ == "__main__":
    for layout, make in HTML_LAYOUTS.items():
        (FOLDER / f"{layout}.html").write_text(make(truth(layout)), encoding="utf-8")
        print(f"wrote {FOLDER / layout}.html")

"""A DOCX's lines in reading order with their looks: python-docx.

The first section's page header first (some résumés keep the contact details there), then
the document body in order: paragraphs with their style (Title, Heading N, List Bullet),
list numbering, bold and size; text boxes where they are anchored; tables row by row, the
first paragraph of each cell side by side as one row of segments (a grid: dates | job), or
cell after cell for a layout table (a sidebar beside a main column); then the footer.
"""

from __future__ import annotations

import re
from pathlib import Path

from resume_builder.importing.document.lines import PAGE_NUMBER, Line, numbered, strip_bullet



def _paragraph_line(paragraph, zone: str) -> Line | None:
    from docx.shared import Pt

    text = paragraph.text
    parts = [part.strip() for part in re.split(r"\t+|\s{3,}", text) if part.strip()]
    if not parts:
        return None
    style = paragraph.style.name if paragraph.style is not None else ""
    runs = [run for run in paragraph.runs if run.text.strip()]
    style_font = paragraph.style.font if paragraph.style is not None else None
    bold = bool(runs) and all(run.bold or (run.bold is None and style_font is not None and style_font.bold)
                              for run in runs)
    italic = bool(runs) and all(run.italic or (run.italic is None and style_font is not None and style_font.italic)
                                for run in runs)
    size = next((run.font.size for run in runs if run.font.size), None) or (style_font.size if style_font else None)
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    joined = " ".join(" ".join(parts).split())
    body, bullet = strip_bullet(joined)
    bullet = bullet or numbered or "list" in style.casefold()
    heading = 0
    match = re.fullmatch(r"(?:heading|überschrift|titre)\s*(\d)", style.casefold())
    if match:
        heading = int(match.group(1))
    indent = paragraph.paragraph_format.left_indent
    level = 0
    if style.casefold().startswith("list bullet") or style.casefold().startswith("list number"):
        level = int(style[-1]) - 1 if style[-1].isdecimal() else 0
    elif indent is not None and indent > Pt(6):
        level = 1
    if heading >= 3:
        level = max(level, 1)
    segments = [strip_bullet(parts[0])[0], *parts[1:]]
    lead = ""
    if not bold and runs and (runs[0].bold or (runs[0].bold is None and style_font is not None and style_font.bold)):
        lead_runs = []
        for run in paragraph.runs:
            if run.text.strip() and not run.bold:
                break
            lead_runs.append(run.text)
        lead = " ".join("".join(lead_runs).split())
        if sum(ch.isalnum() for ch in lead) < 3:
            lead = ""
    return Line(0, body, segments, size.pt if size else 0.0, bold, italic, bullet=bullet, level=level,
                style=style, heading_level=heading, zone=zone, lead=lead if not bullet else "")


def _table_lines(table, zone: str = "table") -> list[Line]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out: list[Line] = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if cells and cell._tc is cells[-1]._tc:  # a merged cell is listed once per grid column
                continue
            cells.append(cell)
        columns: list[list[Line]] = []
        for cell in cells:
            lines: list[Line] = []
            for child in cell._tc.iterchildren():
                tag = child.tag.rsplit("}", 1)[-1]
                if tag == "p":
                    line = _paragraph_line(Paragraph(child, cell), zone)
                    if line:
                        lines.append(line)
                elif tag == "tbl":
                    lines.extend(_table_lines(Table(child, cell), zone))
            if lines:
                columns.append(lines)
        if len(columns) >= 2 and max(len(c) for c in columns) <= 8:
            # A row of a grid: the first line of each cell side by side, then the rest in order.
            head = [c[0] for c in columns]
            main = max(head, key=lambda line: (line.bold, len(line.text)))
            merged = Line(0, " ".join(line.text for line in head), [line.text for line in head], main.size,
                          main.bold, main.italic, bullet=False, style=main.style,
                          heading_level=main.heading_level, zone=zone, seg_sizes=[line.size for line in head])
            out.append(merged)
            for column in columns:
                out.extend(column[1:])
        else:
            for column in columns:  # a layout table (a sidebar and a main column): one cell after another
                out.extend(column)
    return out


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def _text_box_lines(paragraph, document) -> list[Line]:
    """The paragraphs of the text boxes anchored in ``paragraph`` (a sidebar in many Word
    templates), read where they are anchored; a box shown two ways (mc:Choice and its
    mc:Fallback) counts once."""
    from docx.text.paragraph import Paragraph

    out: list[Line] = []

    def walk(node) -> None:
        for child in node:
            if child.tag == f"{_MC}Fallback":
                continue
            if child.tag == f"{_W}txbxContent":
                for inner in child.iterchildren(f"{_W}p"):
                    line = _paragraph_line(Paragraph(inner, document), "body")
                    if line:
                        out.append(line)
                continue
            walk(child)

    walk(paragraph)
    return out


def docx_lines(path: Path) -> list[Line]:
    """The lines of a DOCX: the first header's paragraphs, then the body (see the module docstring)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    lines: list[Line] = []
    seen_parts: set[int] = set()
    for section in document.sections[:1]:
        for part in (section.first_page_header, section.header):
            try:
                if part.is_linked_to_previous and part is section.first_page_header:
                    continue
                element = part._element
            except Exception:  # noqa: BLE001 - a section without that header
                continue
            if id(element) in seen_parts:
                continue
            seen_parts.add(id(element))
            for paragraph in part.paragraphs:
                line = _paragraph_line(paragraph, "header")
                if line and not _page_furniture(line.text):
                    lines.append(line)
            for table in part.tables:
                lines.extend(_table_lines(table, "header"))
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.extend(_text_box_lines(child, document))
            line = _paragraph_line(Paragraph(child, document), "body")
            if line:
                lines.append(line)
        elif tag == "tbl":
            lines.extend(_table_lines(Table(child, document)))
        elif tag == "sdt":
            for paragraph in child.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
                line = _paragraph_line(Paragraph(paragraph, document), "body")
                if line:
                    lines.append(line)
    for section in document.sections[:1]:
        try:
            paragraphs = section.footer.paragraphs
        except Exception:  # noqa: BLE001 - a section without a footer part
            paragraphs = []
        for paragraph in paragraphs:
            line = _paragraph_line(paragraph, "header")
            if line and not _page_furniture(line.text):
                lines.append(line)
    return numbered(lines)


def _page_furniture(text: str) -> bool:
    """A page header's or footer's page number: "2 / 4", "Page 2 of 4", or what is left of one
    whose PAGE and NUMPAGES fields hold no text until a word processor lays the file out
    (" / "): no letter or digit at all."""
    return bool(PAGE_NUMBER.match(text)) or not any(char.isalnum() for char in text)

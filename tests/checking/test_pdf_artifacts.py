"""Page numbers and decoration are artifacts in every built-in theme's tagged PDF.

A reader that honours marked content (ISO 32000-1 §14.8.2.2) leaves artifacts out of the
text flow. Read here twice, with two libraries that share no code (pypdf and pdfminer.six),
each told to skip ``/Artifact`` marked content: the page number ("2 / 3") is drawn, but only
as an artifact, so it is never read as part of the text above it; every rule and border
(path painting) is an artifact too; and the structure tree maps no content it does not hold.
"""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from tests.checking.builders import builtin_themes

THEMES = builtin_themes()
pytestmark = pytest.mark.slow  # every built-in theme
PAINT = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}


def _page_number(number: int, pages: int) -> str:
    return f"{number} / {pages}"


def _pypdf_text(page) -> tuple[str, str]:
    """(text outside artifacts, text inside artifacts) of one page, as pypdf extracts it."""
    stack: list[str] = []
    body: list[str] = []
    artifacts: list[str] = []

    def before(operator, operands, cm, tm) -> None:
        if operator in (b"BDC", b"BMC"):
            stack.append(str(operands[0]))
        elif operator == b"EMC" and stack:
            stack.pop()

    def text(value, cm, tm, font, size) -> None:
        (artifacts if "/Artifact" in stack else body).append(value)

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return "".join(body), "".join(artifacts)


def _pdfminer_text(path) -> list[tuple[str, str]]:
    """Per page, (text outside artifacts, text inside artifacts) as pdfminer.six decodes it."""
    from pdfminer.pdfdevice import PDFTextDevice
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    class TagAware(PDFTextDevice):
        def __init__(self, manager) -> None:
            super().__init__(manager)
            self.stack: list[str] = []
            self.parts: dict[bool, list[str]] = {True: [], False: []}

        def begin_tag(self, tag, props=None) -> None:
            self.stack.append(tag.name)

        def end_tag(self) -> None:
            if self.stack:
                self.stack.pop()

        def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:
            try:
                char = font.to_unichr(cid)
            except Exception:  # noqa: BLE001 - a glyph without a Unicode mapping (none expected)
                char = "\ufffd"
            self.parts["Artifact" in self.stack].append(char)
            return font.char_width(cid) * fontsize * scaling

    manager = PDFResourceManager()
    out = []
    with open(path, "rb") as handle:
        for page in PDFPage.get_pages(handle):
            device = TagAware(manager)
            PDFPageInterpreter(manager, device).process_page(page)
            out.append(("".join(device.parts[False]), "".join(device.parts[True])))
    return out


@pytest.mark.parametrize("theme", THEMES)
def test_page_numbers_are_artifacts_not_text(theme, theme_outputs):
    path = theme_outputs.path(theme, "pdf")
    reader = PdfReader(path)
    pages = len(reader.pages)
    assert pages >= 2, "the example must run over pages for page numbers to show"
    by_pdfminer = _pdfminer_text(path)
    for index, page in enumerate(reader.pages):
        number = _page_number(index + 1, pages)
        assert number in page.extract_text()  # still drawn (and found by a reader that ignores tags)
        for library, (body, artifacts) in (("pypdf", _pypdf_text(page)), ("pdfminer", by_pdfminer[index])):
            assert number in artifacts, (library, index, artifacts)
            assert not re.search(rf"(?<!\d){index + 1} / {pages}(?!\d)", body), (library, index)
            assert len(body) > 200, (library, index)  # the page's own text is not an artifact
        content = page.get_contents().get_data()
        assert b"/Artifact\n<</Type /Pagination/Subtype /Footer>>" in content


@pytest.mark.parametrize("theme", THEMES)
def test_rules_and_borders_are_artifacts(theme, theme_outputs):
    reader = PdfReader(theme_outputs.path(theme, "pdf"))
    painted = 0
    for page in reader.pages:
        stack: list[str] = []
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator in (b"BDC", b"BMC"):
                stack.append(str(operands[0]))
            elif operator == b"EMC" and stack:
                stack.pop()
            elif operator in PAINT:
                painted += 1
                assert "/Artifact" in stack, f"a path painted outside an artifact ({operator!r}, inside {stack})"
    assert painted > 0  # every theme draws rules under its headings


@pytest.mark.parametrize("theme", THEMES)
def test_the_structure_tree_maps_only_content_it_holds(theme, theme_outputs):
    """Every ParentTree entry is an element of the tree (the page numbers' former entries are null)."""
    reader = PdfReader(theme_outputs.path(theme, "pdf"))
    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    reached = set()
    stack = [root]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
        for kid in kids:
            if hasattr(kid, "idnum"):
                if kid.idnum not in reached:
                    reached.add(kid.idnum)
                    target = kid.get_object()
                    if hasattr(target, "get"):
                        stack.append(target)
    nums = root["/ParentTree"].get_object()["/Nums"]
    mapped = 0
    for key, value in zip(nums[::2], nums[1::2]):
        value = value.get_object()
        for ref in value if isinstance(value, list) else [value]:
            if hasattr(ref, "idnum"):
                mapped += 1
                assert ref.idnum in reached, f"ParentTree {key} maps element {ref.idnum}, which the tree does not hold"
    assert mapped > 100

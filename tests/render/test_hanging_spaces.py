"""A text before an inline element that fits the line but for its trailing space stays whole
on the line (render/hanging_spaces.py): WeasyPrint kept only its first word ("I" alone on a
letter's first line, then "am applying for the Senior Backend Engineer — Initech Systems
role at …"). Whatever the words (an em dash or not), whatever the element after (bold,
italic, a link), and wherever in the paragraph the line starts."""

from __future__ import annotations

import pytest
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from resume_builder.render import hanging_spaces

FONTS = FontConfiguration()
SHEET = CSS(string="p { margin: 0; font-family: 'Noto Serif'; font-size: 14px } @page { size: 3000px 800px }",
            font_config=FONTS)


def _lines(body: str, width: float) -> list[tuple[str, float]]:
    """Each line of the paragraph: its text and the width of its first text box."""
    document = HTML(string=f"<p style='width: {width}px'>{body}</p>").render(stylesheets=[SHEET],
                                                                             font_config=FONTS)
    found: list[tuple[str, float]] = []

    def walk(box) -> None:
        if type(box).__name__ == "LineBox":
            texts = [child for child in box.descendants() if type(child).__name__ == "TextBox"]
            found.append(("".join(text.text for text in texts), texts[0].width if texts else 0.0))
            return
        for child in getattr(box, "children", ()):
            walk(child)

    walk(document.pages[0]._page_box)
    return found


@pytest.mark.parametrize(("before", "element"), [
    ("I am applying for the Senior Backend Engineer — Initech Systems role at Initech Systems. I built a ",
     "<strong>log shipper</strong> in Python."),
    ("Ich bewerbe mich um die Stelle als Platform Engineer bei Nordlicht Logistik, ich habe ",
     "<em>Kubernetes</em> betrieben."),
    ("We moved thirty services to containers and cut deploys from forty minutes to ",
     "<a href='https://example.org'>five</a> minutes."),
])
@pytest.mark.parametrize("lead", ["", "Dear Hiring Manager,<br>"])
def test_a_text_that_fits_but_for_its_trailing_space_stays_on_its_line(before, element, lead):
    assert hanging_spaces.install()
    # The widths of ``before`` with and without its trailing space, on a line of its own.
    wide = _lines(before + element, 3000)
    assert wide[0][0].startswith(before)
    bare = _lines(before.rstrip(" "), 3000)[0][1]
    with_space = wide[0][1]
    assert bare < with_space
    # A line between the two: the text fits, its space hangs past the end.
    width = (bare + with_space) / 2
    lines = [text for text, _ in _lines(lead + before + element, width)]  # a lead: on a line of its own
    start = 1 if lead else 0
    assert lines[start].strip() == before.strip(), lines
    assert len(lines[start].split()) > 1, lines

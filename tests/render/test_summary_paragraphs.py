"""A blank line in the summary starts a paragraph a reader sees as one, in the PDF and the DOCX.

Before, classic and modern set 1.5 pt and 1.75 pt between summary paragraphs (a sixth of a
line): the second paragraph read as a wrapped line of the first (user trial). Now the gap is
5.5 × spacing (about 0.45 em), and the DOCX's is the same.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from resume_builder import pipeline

pytestmark = pytest.mark.usefixtures("cheap_font_subsetting")

PROFILE = """\
basics:
  name: Ann Example
summary: |
  First paragraph of the summary.

  Second paragraph of the summary.
"""


@pytest.mark.parametrize("theme", ["classic", "modern"])
def test_summary_paragraphs_are_apart_by_almost_half_a_line(tmp_path, theme):
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    job = pipeline.prepare(path, theme=theme)
    html = pipeline.render(job, "html", tmp_path / "p.html")[0].data.decode("utf-8")
    gap = float(re.search(r"\.summary-text \+ \.summary-text \{ margin-top: ([0-9.]+)pt", html).group(1))
    assert gap >= 0.4 * job.options.font_size, (gap, job.options.font_size)
    docx = pipeline.render(job, "docx", tmp_path / "p.docx")[0].data
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode("utf-8")
    second = xml[:xml.index("Second paragraph")]
    before = int(re.findall(r'w:before="(\d+)"', second[second.rindex("<w:p>") if "<w:p>" in second
                                                          else second.rindex("<w:p "):])[0])
    assert before == round(gap * 20), (before, gap)  # twentieths of a point, as the CSS

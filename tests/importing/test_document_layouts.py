"""Foreign layouts (tests/importing/layouts.py): résumés in layouts we did not make, turned
into PDFs by LibreOffice, imported, and measured against their truth files.

The floors are the figures measured when the importer was written (README.md, "Import an
existing PDF or Word résumé"), each allowed one entry or highlight less; the timeline
layout defeats the importer, which must say so rather than produce a confident profile.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from resume_builder.importing.document.build import import_document
from resume_builder.importing.document.recovery import measure
from resume_builder.loading import load_profile
from tests.importing.layouts import MEASURED, truth

pytestmark = pytest.mark.slow

#: Layout → (entries, highlights) recovered when measured (README's table); all found the
#: name, e-mail and phone.
MEASURED_FIGURES = {
    ("two_columns", "pdf"): (4, 5), ("sidebar", "pdf"): (3, 5), ("table_word", "docx"): (4, 4),
    ("table_word", "pdf"): (4, 4), ("dates_left", "pdf"): (4, 5), ("caps_headings", "pdf"): (3, 4),
    ("one_line", "pdf"): (4, 0), ("german", "docx"): (4, 3), ("german", "pdf"): (4, 3),
    ("header_contact", "docx"): (3, 4), ("header_contact", "pdf"): (3, 4),
    ("europass", "docx"): (3, 0), ("europass", "pdf"): (3, 0),
}
DEFEATED = {("timeline", "pdf")}


@pytest.mark.parametrize(("layout", "fmt"), MEASURED, ids=[f"{l}-{f}" for l, f in MEASURED])
def test_foreign_layout_recovery(foreign_layouts: Path, layout: str, fmt: str, record_property,
                                 tmp_path: Path) -> None:
    result = import_document(foreign_layouts / f"{layout}.{fmt}")
    figures = measure(truth(layout), result.data)
    verdict = "defeated: " + "; ".join(result.report.reasons) if result.report.defeated else "confident"
    record_property("import_figures", f"foreign {layout:15} {fmt:4}: {figures.line()} ({verdict})")
    # Whatever the layout, the profile is one the real loader accepts.
    written = tmp_path / "imported.yaml"
    written.write_text(result.text, encoding="utf-8")
    load_profile(written)
    if (layout, fmt) in DEFEATED:
        assert result.report.defeated, "a layout the importer cannot read must be reported as defeating it"
        assert "WARNING: this layout defeated the importer" in result.text
        assert "# check:" in result.text.split("basics:", 1)[1]
        return
    entries, highlights = MEASURED_FIGURES[(layout, fmt)]
    assert figures.entries >= entries - 1, figures.missing
    assert figures.highlights >= highlights - 1, figures.missing
    assert all(figures.basics.values()), figures.basics
    assert not result.report.defeated, result.report.reasons

"""A résumé's PDF does not depend on which themes were rendered before it in the same process.

WeasyPrint keeps the @font-face fonts of every style sheet parsed with a FontConfiguration
registered in it, and they take part in fallback for every later document. With one
configuration for all themes, a server, a watcher or a build worker that had rendered the
compact or modern theme drew a classic résumé's Devanagari with their Noto Sans instead of
the system's Noto Sans Devanagari: other bytes, other glyphs, for the same input. Now each set
of @font-face files has a configuration of its own (render/pdf.py ``_font_config``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from resume_builder import pipeline
from resume_builder.render import pdf as pdf_module
from tests.conftest import REPO
from tests.render.test_cluster_text import PROFILE

_CHILD = """
import sys
from pathlib import Path
from resume_builder import pipeline
job = pipeline.prepare(Path(sys.argv[1]), theme_name="classic")
(output,) = pipeline.render(job, "pdf", Path(sys.argv[2]))
Path(sys.argv[2]).write_bytes(output.data)
"""


def test_the_themes_rendered_before_change_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    profile = tmp_path / "asha.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    fresh = tmp_path / "fresh.pdf"
    subprocess.run([sys.executable, "-c", _CHILD, str(profile), str(fresh)], check=True, cwd=REPO,
                   env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=300)
    for theme in ("compact", "modern"):  # their fonts cover Devanagari too
        pipeline.render(pipeline.prepare(profile, theme_name=theme), "pdf", tmp_path / f"{theme}.pdf")
    pdf_module._RECENT.clear()  # lay classic out again, after the others
    (after,) = pipeline.render(pipeline.prepare(profile, theme_name="classic"), "pdf", tmp_path / "after.pdf")
    assert after.data == fresh.read_bytes()

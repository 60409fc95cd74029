"""Fixtures for the document importer's tests: LibreOffice's PDFs of the foreign layouts
(one batch per source kind, once per session) and a summary of the recovery figures.

Tests that measure recovery attach their figures with ``record_property("import_figures",
line)``; tests/conftest.py prints them at the end of the run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def convert_with_libreoffice(sources: list[Path], out_dir: Path, *, html: bool = False) -> None:
    """PDFs of ``sources`` in ``out_dir`` by one LibreOffice run (its own profile folder, as
    tests/render/test_docx_libreoffice.py runs it). HTML is opened in Writer (not Writer/Web),
    whose PDF export lays out pages."""
    home = out_dir / "lo-home"
    home.mkdir(exist_ok=True)
    command = ["soffice", "--headless", "--norestore", f"-env:UserInstallation={home.as_uri()}/lo"]
    if html:
        command.append("--infilter=HTML (StarWriter)")
    command += ["--convert-to", "pdf", "--outdir", str(out_dir), *map(str, sources)]
    result = subprocess.run(command, check=False, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "HOME": str(home)})
    missing = [s.name for s in sources if not (out_dir / f"{s.stem}.pdf").is_file()]
    assert result.returncode == 0 and not missing, \
        f"LibreOffice failed for {missing}:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="session")
def foreign_layouts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with every foreign layout's source (HTML, DOCX) and LibreOffice's PDF of it."""
    if not shutil.which("soffice"):
        pytest.skip("needs LibreOffice (soffice) to turn the layouts into PDFs")
    from tests.importing.layouts import write_sources

    folder = tmp_path_factory.mktemp("foreign-layouts")
    sources = write_sources(folder)
    convert_with_libreoffice([p for p in sources.values() if p.suffix == ".docx"], folder)
    convert_with_libreoffice([p for p in sources.values() if p.suffix == ".html"], folder, html=True)
    return folder

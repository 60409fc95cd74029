"""Fixtures for the ATS checks: the built-in themes' outputs of the example profile, rendered
once per session and shared by every module that needs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.checking.builders import docx_available
from tests.conftest import EXAMPLE


class ThemeOutputs:
    """Renders the example profile with a theme to a format once, then hands out the path."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.cache: dict[tuple[str, str], Path] = {}
        self._job = {}

    def job(self, theme: str):
        from resume_builder import pipeline

        if theme not in self._job:
            self._job[theme] = pipeline.prepare(EXAMPLE, theme_name=theme)
        return self._job[theme]

    def document(self, theme: str = "classic"):
        return self.job(theme).document

    def path(self, theme: str, fmt: str) -> Path:
        from resume_builder import pipeline

        if (theme, fmt) not in self.cache:
            if fmt == "docx" and not docx_available():
                pytest.skip("the DOCX format is not registered (resume_builder.render.docx_format is missing)")
            target = self.folder / theme / f"example.{fmt}"
            target.parent.mkdir(parents=True, exist_ok=True)
            (output,) = pipeline.render(self.job(theme), fmt, target)
            target.write_bytes(output.data)
            self.cache[(theme, fmt)] = target
        return self.cache[(theme, fmt)]


@pytest.fixture(scope="session")
def theme_outputs(tmp_path_factory: pytest.TempPathFactory) -> ThemeOutputs:
    return ThemeOutputs(tmp_path_factory.mktemp("theme-outputs"))


@pytest.fixture(scope="session")
def example_document():
    from resume_builder import pipeline

    return pipeline.prepare(EXAMPLE).document

"""Where the built-in themes are (kept free of heavy imports for start-up paths)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from resume_builder.containment import real


def builtin_themes_folder() -> Path:
    """The folder of built-in themes, installed (wheel) or in the source tree."""
    spec = importlib.util.find_spec("resume_builder.builtin_themes")
    if spec is not None and spec.submodule_search_locations:
        return Path(list(spec.submodule_search_locations)[0])
    return real(__file__).parents[1] / "themes"

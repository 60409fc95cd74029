"""Read the keyword vocabularies: the built-in one and the user's keyword files.

Reading only: the bytes are read (with the same size and encoding checks as profiles)
and YAML/JSON (with positions) or TOML is parsed; what the data means is decided by pure
functions in :mod:`resume_builder.tailoring.keywords` (``extension_from``,
``vocabulary_from``), which never touch the disk. Job postings are read by
:mod:`resume_builder.loading.posting`.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from resume_builder.errors import UserError
from resume_builder.loading.source import SourceDocument, read_text
from resume_builder.loading.toml_errors import toml_syntax_error


def read_keyword_file(path: Path) -> tuple[Any, SourceDocument | None]:
    """A vocabulary extension file's data: YAML or JSON (with positions) or TOML (without).

    Raises UserError for files that cannot be read or parsed."""
    if path.suffix.lower() == ".toml":
        text = read_text(path, "vocabulary file")
        try:
            return tomllib.loads(text), None
        except tomllib.TOMLDecodeError as exc:
            raise toml_syntax_error(path, exc, text) from None
        except RecursionError:  # tomllib recurses once per nested array or table
            raise UserError.at(str(path), None, None, "TOML nested too deeply") from None
        except ValueError as exc:  # a whole number of more than 4,300 digits
            raise UserError.at(str(path), None, None, f"TOML value cannot be read: {exc}") from None
    from resume_builder.loading.profile_loader import load_source

    source = load_source(path, kind="vocabulary file")
    return source.data, source


def read_builtin_vocabulary() -> dict[str, Any]:
    """The built-in vocabulary's data (``resume_builder/tailoring/vocabulary.toml``), with
    spoken languages' names under ``spoken_languages`` (``tailoring/spoken_languages.toml``,
    from CLDR: ``{language code: {locale: name}}``, see :mod:`resume_builder.tailoring.spoken`)."""
    from importlib.resources import files

    # through the root package: importing resume_builder.tailoring to find its folder would
    # make loading import tailoring (tests/test_layers.py)
    folder = files("resume_builder").joinpath("tailoring")
    data = tomllib.loads(folder.joinpath("vocabulary.toml").read_text("utf-8"))
    data["spoken_languages"] = tomllib.loads(folder.joinpath("spoken_languages.toml").read_text("utf-8"))["languages"]
    return data

"""Read what tailoring compares a profile with: job postings, keyword files, the built-in vocabulary.

Reading only: the bytes are read (with the same size and encoding checks as profiles)
and JSON/YAML/TOML is parsed with positions; what the data means is decided by pure
functions in :mod:`resume_builder.tailoring.keywords` (``posting_from_source``,
``extension_from``, ``vocabulary_from``), which never touch the disk.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from resume_builder.errors import UserError
from resume_builder.loading.source import SourceDocument, parse_json, read_text


@dataclass(frozen=True)
class PostingSource:
    """A job posting as read: its file name, its text, and the parsed JSON when it is JSON."""

    name: str  # the file name, as reports show it
    file: str  # the path, for error locations
    text: str
    document: SourceDocument | None  # a ``.json`` file (or text starting with '{'), parsed with positions


def read_posting_source(path: Path) -> PostingSource:
    """Read a posting file: JSON (``.json``, or text that starts with ``{``) is parsed, with
    positions; anything else is plain text or Markdown. Raises UserError (file not found,
    not UTF-8, too large, JSON syntax errors, located)."""
    text = read_text(path)
    document = None
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        document = parse_json(text, str(path))
    return PostingSource(path.name, str(path), text, document)


def read_keyword_file(path: Path) -> tuple[Any, SourceDocument | None]:
    """A vocabulary extension file's data: YAML or JSON (with positions) or TOML (without).

    Raises UserError for files that cannot be read or parsed."""
    if path.suffix.lower() == ".toml":
        text = read_text(path)
        try:
            return tomllib.loads(text), None
        except tomllib.TOMLDecodeError as exc:
            raise UserError.at(str(path), None, None, f"TOML syntax error: {exc}") from None
        except RecursionError:  # tomllib recurses once per nested array or table
            raise UserError.at(str(path), None, None, "TOML nested too deeply") from None
        except ValueError as exc:  # a whole number of more than 4,300 digits
            raise UserError.at(str(path), None, None, f"TOML value cannot be read: {exc}") from None
    from resume_builder.loading.profile_loader import load_source

    source = load_source(path)
    return source.data, source


@lru_cache(maxsize=1)
def read_builtin_vocabulary() -> dict[str, Any]:
    """The built-in vocabulary's data (``resume_builder/tailoring/vocabulary.toml``), read once."""
    from importlib.resources import files

    # through the root package: importing resume_builder.tailoring to find its folder would
    # make loading import tailoring (tests/test_layers.py)
    return tomllib.loads(files("resume_builder").joinpath("tailoring", "vocabulary.toml").read_text("utf-8"))

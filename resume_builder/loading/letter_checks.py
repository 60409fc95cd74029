"""Checks on letters that need positions: placeholders and the letter a variant names.

A placeholder that is not one of :data:`resume_builder.schema.placeholders.NAMES` is
reported at the line and column of its ``{`` (found in the file's text from the value's
position), with "did you mean"; a variant's ``letter:`` naming no letter of the profile
is reported where it is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from resume_builder.errors import Location, Problem, did_you_mean
from resume_builder.loading.errors_map import dotted
from resume_builder.loading.source import SourceDocument
from resume_builder.loading.yaml_errors import source_lines
from resume_builder.schema.letter import Letter
from resume_builder.schema.placeholders import PlaceholderProblem, problems as placeholder_problems


def locate_in_value(source: SourceDocument | None, path: tuple[Any, ...], text: str, start: int) -> Location | None:
    """The line and column of ``text[start:]`` where the value at ``path`` is written.

    The value's own position comes from the parser; the placeholder is then looked up in
    the file's text from there (its n-th occurrence, as in the value), so a block scalar or
    a quoted string gives the column of the ``{`` itself. Falls back to the value's start.
    """
    if source is None:
        return None
    where = source.locate(path)
    token_end = text.find("}", start)
    token = text[start:token_end + 1] if token_end >= 0 else text[start:]
    nth = text[:start].count(token)
    try:
        lines = source_lines(Path(source.file).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return where
    if where.line is None or where.line > len(lines):
        return where
    row, column = where.line - 1, (where.column or 1) - 1
    while row < len(lines):
        found = lines[row].find(token, column)
        while found >= 0:
            if nth == 0:
                return Location(where.file, row + 1, found + 1)
            nth -= 1
            found = lines[row].find(token, found + 1)
        row, column = row + 1, 0
    return where


def problem_at(source: SourceDocument | None, at: tuple[Any, ...], path: tuple[Any, ...], text: str,
               problem: PlaceholderProblem) -> Problem:
    """A located :class:`Problem` for a placeholder problem in the letter text at ``at + path``."""
    full = tuple(at) + tuple(path)
    return Problem(problem.message, locate_in_value(source, full, text, problem.start), dotted(full),
                   problem.hint or "")


def check_letter(letter: Letter, *, source: SourceDocument | None, at: tuple[Any, ...] = ()) -> list[Problem]:
    """Every unknown or malformed placeholder in ``letter``'s texts, located."""
    return [problem_at(source, at, path, text, problem)
            for path, text in letter.texts() for problem in placeholder_problems(text)]


def check_letter_data(data: Any, *, source: SourceDocument | None, at: tuple[Any, ...] = (),
                      skip: Iterable[str] = ()) -> list[Problem]:
    """Every unknown or malformed placeholder in the texts of a letter that did not validate,
    read from its data (``data``, the mapping written at ``at``): what :func:`check_letter`
    finds in a valid one, told with the letter's other problems rather than once they are
    fixed (user trial: a bad ``date:`` hid a ``{compnay}``). A text that is no text, or whose
    own path (dotted, in ``skip``) or whose list's has a problem already, is left to it."""
    from resume_builder.schema.letter import _paragraph_list

    if not isinstance(data, dict):
        return []
    skipped = set(skip)
    texts: list[tuple[tuple[Any, ...], str]] = []
    for key in ("subject", "salutation", "body", "closing"):
        value = data.get(key)
        if dotted(tuple(at) + (key,)) in skipped:
            continue
        if key == "body":
            paragraphs = _paragraph_list(value)
            if isinstance(paragraphs, list):
                texts += [((key, index), text) for index, text in enumerate(paragraphs)
                          if isinstance(text, str) and dotted(tuple(at) + (key, index)) not in skipped]
        elif isinstance(value, str):
            texts.append(((key,), value))
    return [problem_at(source, at, path, text, problem)
            for path, text in texts for problem in placeholder_problems(text)]


def check_profile_letters_data(data: Any, source: SourceDocument | None, skip: Iterable[str] = ()) -> list[Problem]:
    """:func:`check_profile_letters` for a profile that did not validate, from its data: each
    letter's placeholders (:func:`check_letter_data`) and each variant's ``letter:`` naming a
    letter the profile has, where what they are written in has no problem of its own (dotted
    paths in ``skip``)."""
    from resume_builder.loading.variants import looks_like_file

    if not isinstance(data, dict):
        return []
    skipped = set(skip)
    letters = data.get("letters")
    letters = letters if isinstance(letters, dict) and "letters" not in skipped else {}
    problems: list[Problem] = []
    for name, letter in letters.items():
        problems += check_letter_data(letter, source=source, at=("letters", name), skip=skipped)
    variants = data.get("variants")
    for name, variant in (variants.items() if isinstance(variants, dict) and "variants" not in skipped else ()):
        path = ("variants", name, "letter")
        wanted = variant.get("letter") if isinstance(variant, dict) else None
        if not isinstance(wanted, str) or not wanted.strip() or dotted(path) in skipped \
                or dotted(path[:2]) in skipped or "letters" in skipped:
            continue
        wanted = wanted.strip()
        if not looks_like_file(wanted) and wanted not in letters:
            problems.append(Problem(f"the profile has no letter '{wanted}'",
                                    source.locate(path) if source else None, dotted(path),
                                    did_you_mean(wanted, [str(key) for key in letters])
                                    or _letters_named(list(letters))))
    return problems


def check_profile_letters(profile: Any, source: SourceDocument | None) -> list[Problem]:
    """The profile's letters' placeholders, and each variant's ``letter:`` naming a letter it has."""
    from resume_builder.loading.variants import looks_like_file

    problems: list[Problem] = []
    for name, letter in profile.letters.items():
        problems += check_letter(letter, source=source, at=("letters", name))
    for name, variant in profile.variants.items():
        wanted = variant.letter
        if wanted and not looks_like_file(wanted) and wanted not in profile.letters:
            path = ("variants", name, "letter")
            problems.append(Problem(f"the profile has no letter '{wanted}'",
                                    source.locate(path) if source else None, dotted(path),
                                    did_you_mean(wanted, list(profile.letters))
                                    or _letters_here(profile)))
    return problems


def _letters_here(profile: Any) -> str:
    return _letters_named(list(profile.letters))


def _letters_named(names: list[str]) -> str:
    return ("letters here: " + ", ".join(names)) if names else \
        "declare it under 'letters:' in the profile, or name a letter file (.yaml)"

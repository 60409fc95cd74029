"""Refusing to overwrite: a command that writes a file the user names (``export -o``,
``schema -o``, ``import -o``) never replaces an existing file unless told to (``--force``),
and never replaces a file it is reading, even with ``--force``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Optional

from resume_builder.errors import UserError
from resume_builder.containment import real


def _same_file(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` name one file (through symbolic links or hard links too)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return real(a) == real(b)  # a loop of links too (containment.real never raises for one)


def guard_output(output: Optional[Path], *, force: bool, inputs: Iterable[Optional[Path]] = ()) -> None:
    """Raise a UserError if writing ``output`` would clobber something.

    ``output`` None or ``-`` means standard output: nothing to guard. Refused: ``output`` is
    the same file as any of ``inputs`` (always, ``--force`` or not: the input would be lost
    if the command failed half-way, and the user almost certainly mistyped), or ``output``
    exists and ``force`` is false.
    """
    if output is None or str(output) == "-":
        return
    output = Path(output)
    refuse_inputs([output], inputs)
    if (output.exists() or output.is_symlink()) and not force:
        raise UserError(f"{output} already exists", hint="choose another path, or pass --force to replace it")


def refuse_inputs(outputs: Iterable[Path], inputs: Iterable[Optional[Path]]) -> None:
    """Raise a UserError if any of ``outputs`` is the same file as one of ``inputs`` (a
    profile, an included file, a variant or letter file, a job posting): writing it would
    replace what the command read (``render --job posting.md -o posting.md``). Paths that do
    not exist yet are compared by their resolved names."""
    sources = [Path(source) for source in inputs if source is not None]
    for output in outputs:
        for source in sources:
            if _same_file(Path(output), source):
                raise UserError(f"{output} is the file being read: writing it would replace the input",
                                hint="choose another output path")

"""Numbers in the files users write (build file, theme.toml, a profile's ``theme:`` block):
``true`` and ``false`` are not numbers.

Python's ``bool`` is an ``int``, and pydantic in lax mode reads ``true`` as 1 (1.0 for a
float): ``timeout = true`` in the build file was a one-second time limit and
``spacing: yes`` in a profile a spacing of 1.0, without a word. Texts such as ``"11"``
are still read as numbers, as before (``-O`` and YAML give them).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

#: The error type :func:`not_boolean` raises; its message is "must be WHAT, not true".
NOT_BOOLEAN = "number_not_boolean"


def not_boolean(what: str = "a number") -> BeforeValidator:
    """A validator that refuses ``true``/``false`` where ``what`` (e.g. "a number of seconds")
    is wanted, before pydantic reads the boolean as 1 or 0; any other value passes on.

    Raises (inside pydantic's validation): ``PydanticCustomError`` of type :data:`NOT_BOOLEAN`,
    message ``must be {what}, not true``, context ``what`` and ``found`` ("true"/"false").
    """

    def refuse(value: Any) -> Any:
        if isinstance(value, bool):
            raise PydanticCustomError(NOT_BOOLEAN, "must be {what}, not {found}",
                                      {"what": what, "found": str(value).lower()})
        return value

    return BeforeValidator(refuse)


Number = Annotated[float, not_boolean("a number")]
"""A float (an int is fine) that is not a boolean; bounds are given with ``Field(ge=, le=)``."""

WholeNumber = Annotated[int, not_boolean("a whole number")]
"""An int that is not a boolean."""

"""Numbers in the files users write (build file, theme.toml, a profile's ``theme:`` block):
``true`` and ``false`` are not numbers.

Python's ``bool`` is an ``int``, and pydantic in lax mode reads ``true`` as 1 (1.0 for a
float): ``spacing: yes`` in a profile was a spacing of 1.0, without a word. Texts such as
``"11"`` are still read as numbers there, as before (``-O`` and YAML give them). The build
file's numbers, which the command line gives too (``timeout``, ``jobs``, ``max_pages``), are
read as the command line reads them and refused in its words (:func:`amount_of`).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo
from pydantic_core import PydanticCustomError

from resume_builder.limits import MAX_PAGES, Amount, reads_as_zero
from resume_builder.wording import describe

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


#: A number written as text the way a person writes one: ASCII digits, an optional sign,
#: decimal point and exponent (``11``, ``-2.5``, ``.5``, ``1e3``); no digit separators, no
#: other scripts' digits, no ``inf``/``nan``, no hexadecimal.
PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _plain_number_text(value: Any) -> Any:
    """A text where a number is wanted (``-O font_size=11``, a quoted ``"11"`` in a profile's
    ``theme:``) is read only when :data:`PLAIN_NUMBER` matches it, spaces aside: pydantic read
    ``"1_0"`` as 10 and ``"inf"``, ``"nan"`` as floats (trial). Anything else passes on.

    Raises (inside pydantic's validation): ``PydanticCustomError`` of type ``float_parsing``."""
    if isinstance(value, str) and not PLAIN_NUMBER.fullmatch(value.strip()):
        raise PydanticCustomError("float_parsing", "Input should be a valid number")
    return value


Number = Annotated[float, not_boolean("a number"), BeforeValidator(_plain_number_text)]
"""A float (an int is fine) that is not a boolean, nor a text other than a plain number
(:data:`PLAIN_NUMBER`); bounds are given with ``Field(ge=, le=)``."""

WholeNumber = Annotated[int, not_boolean("a whole number"), BeforeValidator(_plain_number_text)]
"""An int that is not a boolean, nor a text other than a plain number."""


#: The error type :func:`amount_of` raises; its message is :func:`amount_refusal`'s, its context
#: holds ``hint``, and ``amount`` and ``key`` to say it again with the number as written.
AMOUNT_REFUSED = "amount_refused"


def amount_of(amount: Amount) -> BeforeValidator:
    """A validator for a number of the build file that an option gives too (``timeout``, as
    ``--timeout``: ``amount`` is :data:`~resume_builder.limits.SECONDS`): what is not one is refused
    in the words the option's are, by :func:`amount_refusal`, ``"30"`` in quotes included (pydantic,
    lax, read it as 30). A value that is one passes on, unchanged.

    Raises (inside pydantic's validation): ``PydanticCustomError`` of type :data:`AMOUNT_REFUSED`."""

    def check(value: Any, info: ValidationInfo) -> Any:
        key = info.field_name or ""
        refused = amount_refusal(amount, key, value)
        if refused:
            words, hint = refused
            # "words" last: each key of the context is put in the message in turn, so a "{key}" in
            # a text quoted in the words would be replaced were it put in before
            raise PydanticCustomError(AMOUNT_REFUSED, "{words}",
                                      {"hint": hint, "amount": amount, "key": key, "words": words})
        return value

    return BeforeValidator(check)


def amount_refusal(amount: Amount, key: str, value: Any, shown: str | None = None) -> tuple[str, str] | None:
    """(message, hint) refusing ``value``, read from a TOML file at ``key``, as ``amount``, or None
    when it is one: a number out of bounds (:meth:`~resume_builder.limits.Amount.refusal`), a
    fraction where a whole number is wanted, a text (``"30"``: "written without quotes", with the
    hint ``write timeout = 30`` when that is one), a boolean, a date, a list...
    (:meth:`~resume_builder.limits.Amount.not_a_number`). ``shown``: the number as written in the
    file (``1e400``, which TOML reads as ``inf``)."""
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(value, TinyFloat) and amount.zero and not amount.whole:  # 1e-400: not "no limit"
        return amount.too_small(shown or value.written), ""
    if is_number and not (amount.whole and isinstance(value, float)):
        refusal = amount.refusal(value, shown)
        return (refusal, "") if refusal else None
    if isinstance(value, str):
        text = value.strip()
        unquoted = _toml_number(text)
        fits = unquoted is not None and amount_refusal(amount, key, unquoted) is None
        return amount.not_a_number(describe(value), quoted=True), f"write {key} = {text}" if fits else ""
    if is_number:  # a fraction where a whole number is wanted: as written (2.0, not 2)
        found = shown or repr(value)
    elif isinstance(value, bool):
        found = str(value).lower()
    else:
        found = describe(value)
    return amount.not_a_number(found), ""


class TinyFloat(float):
    """A TOML float written with a digit other than 0 that reads as 0.0 (``timeout = 1e-400``);
    ``written`` is its text. Equal to 0.0 in every other way."""

    written: str


def toml_float(text: str) -> float:
    """``tomllib``'s ``parse_float`` for a file of amounts (the build file): TOML's float
    ``text`` (underscores already taken out by tomllib) as Python's float, or, when it reads
    as 0 though written otherwise (:func:`~resume_builder.limits.reads_as_zero`), a
    :class:`TinyFloat` that keeps the text, so that :func:`amount_refusal` refuses it as the
    command line does: TOML's reading, 0.0, is "no limit" for ``timeout``."""
    value = float(text)
    if value == 0 and reads_as_zero(text):
        tiny = TinyFloat(value)
        tiny.written = text
        return tiny
    return value


def _toml_number(text: str) -> int | float | None:
    """``text`` read as a TOML number (``30``, ``2.5``, ``1e3``, ``1_000``), or None when it is none."""
    import tomllib

    if not re.fullmatch(r"[0-9A-Za-z+\-._]+", text):
        return None
    try:
        value = tomllib.loads(f"value = {text}", parse_float=toml_float)["value"]
    except tomllib.TOMLDecodeError:
        return None
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


#: The error type :data:`PageBudget` raises: its message is the command line's (``--max-pages``).
PAGE_BUDGET = "page_budget"


def _page_budget(value: int) -> int:
    from resume_builder.limits import PAGES

    refusal = PAGES.refusal(value)
    if refusal:
        raise PydanticCustomError(PAGE_BUDGET, "{words}", {"words": refusal})
    return value


PageBudget = Annotated[int, Field(strict=True, json_schema_extra={"minimum": 1, "maximum": MAX_PAGES}),
                       AfterValidator(_page_budget)]
"""A page budget in a profile, variant or letter file (``max_pages``): a whole number from 1 to
:data:`~resume_builder.limits.MAX_PAGES`, refused in ``--max-pages``' words ("101 pages is more
than a page budget may be (100 pages); give 1 to 100"). A variant's 101 was taken, and ``tailor``
then printed a ``render --max-pages 101`` the command line refuses (trial)."""

"""Make imported data a profile the schema accepts, without changing any value.

The data is validated with the real :class:`~resume_builder.schema.profile.Profile`; a value
it refuses (a malformed e-mail, a field it needs missing) is taken out, with its entry when
a required field is missing, and its texts go to "Unsorted", until the schema accepts the
rest.
"""

from __future__ import annotations

from typing import Any

from resume_builder.errors import UserError
from resume_builder.importing.document.assemble import Builder
from resume_builder.importing.document.entries import Value



def schema_fit(data: dict[str, Any], builder: Builder) -> dict[str, Any]:
    """Data the profile schema accepts: a refused value moves to Unsorted (never altered)."""
    from pydantic import ValidationError

    from resume_builder.schema.profile import Profile

    for _ in range(200):
        try:
            Profile.model_validate(data)
            return data
        except ValidationError as exc:
            error = exc.errors()[0]
            loc = tuple(error["loc"])
            if not _remove(data, loc, builder, error["type"] == "missing"):
                raise
    raise UserError("the imported profile could not be made valid")  # pragma: no cover - 200 refusals


def _flatten(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _flatten(item)]
    if isinstance(value, list):
        return [text for item in value for text in _flatten(item)]
    return [str(value)] if value not in (None, "") else []


def _remove(data: dict, loc: tuple, builder: Builder, missing: bool) -> bool:
    """Take the value at ``loc`` (or, for a missing field, its entry) out into Unsorted."""
    if missing:
        loc = loc[:-1]
    while loc and isinstance(loc[-1], str) and loc[-1] not in _container_keys(data, loc):
        loc = loc[:-1]
    if not loc:
        return False
    parent = data
    for part in loc[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return False
    try:
        value = parent[loc[-1]]
    except (KeyError, IndexError, TypeError):
        return False
    for text in _flatten(value):
        builder.unsorted.append(Value(text, 0, False))
    if isinstance(parent, list):
        parent.pop(loc[-1])
    else:
        del parent[loc[-1]]
    return True


def _container_keys(data: dict, loc: tuple) -> set:
    node: Any = data
    for part in loc[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return set()
    return set(node) if isinstance(node, dict) else set()

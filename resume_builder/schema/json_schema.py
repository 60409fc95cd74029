"""The profile's JSON Schema, as printed by `resume-builder schema` and committed for editors."""

from __future__ import annotations

import json

from resume_builder.schema.profile import Profile

SCHEMA_ID = "https://resume-builder.invalid/profile.schema.json"


#: ``{include: FILE}`` (see ``loading/includes.py``): allowed at every key and list item.
INCLUDE_DEF = {
    "type": "object",
    "title": "Include",
    "description": "The content of another YAML or JSON file, relative to this one and inside the profile's "
                   "folder; an included list is spliced into the list it is an item of",
    "properties": {"include": {"type": "string", "pattern": "\\.(ya?ml|json)$",
                               "description": "Path of the file, e.g. parts/projects.yaml"}},
    "required": ["include"],
    "additionalProperties": False,
}
_INCLUDE_REF = {"$ref": "#/$defs/Include"}


def _allow_includes(node: object) -> None:
    """Let every property value, list item and free-key value of ``node`` be an include."""
    if isinstance(node, list):
        for item in node:
            _allow_includes(item)
        return
    if not isinstance(node, dict):
        return
    for value in node.values():
        _allow_includes(value)
    slots = [(node["properties"], key) for key in node.get("properties", {}) if key != "$schema"]
    slots += [(node, key) for key in ("items", "additionalProperties") if isinstance(node.get(key), dict)]
    for parent, key in slots:
        inner = parent[key]
        if isinstance(inner.get("anyOf"), list):
            inner["anyOf"].append(dict(_INCLUDE_REF))
        else:
            meta = {k: inner.pop(k) for k in ("title", "description", "default") if k in inner}
            parent[key] = {"anyOf": [inner, dict(_INCLUDE_REF)], **meta}


def profile_schema() -> dict:
    schema = Profile.model_json_schema(by_alias=True, mode="validation")
    _allow_includes(schema)
    schema.setdefault("$defs", {})["Include"] = INCLUDE_DEF
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "resume-builder profile", **{k: v for k, v in schema.items() if k != "title"}}


def profile_schema_text() -> str:
    return json.dumps(profile_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"

"""The profile's JSON Schema, as printed by `resume-builder schema` and committed for editors."""

from __future__ import annotations

import json

from resume_builder.schema.profile import Profile

SCHEMA_ID = "https://resume-builder.invalid/profile.schema.json"


def profile_schema() -> dict:
    schema = Profile.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "resume-builder profile", **{k: v for k, v in schema.items() if k != "title"}}


def profile_schema_text() -> str:
    return json.dumps(profile_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"

"""JSON Resume's schema v1.0.0, built from its field list (draft-04, as the original).

Not a copy of the published schema.json: the structure below is written from the list of
fields and their kinds that v1.0.0 defines. What matters for validation is kept: the top
level allows no other keys, every object below it allows extra keys, dates follow the
"YYYY, YYYY-MM or YYYY-MM-DD" pattern (certificates' ``date`` is a format-"date" string
in v1.0.0), links and e-mails carry their formats, lists of words are lists of strings.
"""

from __future__ import annotations

from typing import Any

DATE_PATTERN = r"^([1-2][0-9]{3}-[0-1][0-9]-[0-3][0-9]|[1-2][0-9]{3}-[0-1][0-9]|[1-2][0-9]{3})$"

# field → kind: text, date, uri, email, words (list of strings), cert-date, or a nested spec
_LOCATION = {"address": "text", "postalCode": "text", "city": "text", "countryCode": "text", "region": "text"}
_PROFILE = {"network": "text", "username": "text", "url": "uri"}
FIELDS: dict[str, Any] = {
    "basics": {"name": "text", "label": "text", "image": "text", "email": "email", "phone": "text",
               "url": "uri", "summary": "text", "location": _LOCATION, "profiles": [_PROFILE]},
    "work": [{"name": "text", "location": "text", "description": "text", "position": "text", "url": "uri",
              "startDate": "date", "endDate": "date", "summary": "text", "highlights": "words"}],
    "volunteer": [{"organization": "text", "position": "text", "url": "uri", "startDate": "date",
                   "endDate": "date", "summary": "text", "highlights": "words"}],
    "education": [{"institution": "text", "url": "uri", "area": "text", "studyType": "text",
                   "startDate": "date", "endDate": "date", "score": "text", "courses": "words"}],
    "awards": [{"title": "text", "date": "date", "awarder": "text", "summary": "text"}],
    "certificates": [{"name": "text", "date": "cert-date", "url": "uri", "issuer": "text"}],
    "publications": [{"name": "text", "publisher": "text", "releaseDate": "date", "url": "uri",
                      "summary": "text"}],
    "skills": [{"name": "text", "level": "text", "keywords": "words"}],
    "languages": [{"language": "text", "fluency": "text"}],
    "interests": [{"name": "text", "keywords": "words"}],
    "references": [{"name": "text", "reference": "text"}],
    "projects": [{"name": "text", "description": "text", "highlights": "words", "keywords": "words",
                  "startDate": "date", "endDate": "date", "url": "uri", "roles": "words", "entity": "text",
                  "type": "text"}],
    "meta": {"canonical": "uri", "version": "text", "lastModified": "text"},
}


def _kind(kind: Any) -> dict[str, Any]:
    if isinstance(kind, dict):
        return {"type": "object", "additionalProperties": True,
                "properties": {name: _kind(sub) for name, sub in kind.items()}}
    if isinstance(kind, list):
        return {"type": "array", "additionalItems": False, "items": _kind(kind[0])}
    return {
        "text": {"type": "string"},
        "date": {"$ref": "#/definitions/iso8601"},
        "cert-date": {"type": "string", "format": "date"},
        "uri": {"type": "string", "format": "uri"},
        "email": {"type": "string", "format": "email"},
        "words": {"type": "array", "additionalItems": False, "items": {"type": "string"}},
    }[kind]


def json_resume_schema() -> dict[str, Any]:
    return {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "title": "Resume Schema",
        "type": "object",
        "additionalProperties": False,
        "definitions": {"iso8601": {"type": "string", "pattern": DATE_PATTERN}},
        "properties": {"$schema": {"type": "string", "format": "uri"},
                       **{name: _kind(kind) for name, kind in FIELDS.items()}},
    }


def schema_errors(document: Any) -> list[str]:
    """Every way ``document`` breaks JSON Resume v1.0.0, as 'path: message' lines."""
    import jsonschema

    validator = jsonschema.Draft4Validator(json_resume_schema(), format_checker=jsonschema.FormatChecker())
    return [f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message}"
            for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))]

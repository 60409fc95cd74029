"""Read JSON Resume documents (https://jsonresume.org, schema v1.0.0) as profiles.

JSON Resume is the common exchange format for résumés, so a ``resume.json`` should load
as it is. Rather than keep a second schema, a JSON Resume document is renamed onto ours
(``work`` → ``experience``, ``startDate`` → ``start``, ``basics.summary`` → ``summary``, ...)
and then validated by the one :class:`~resume_builder.schema.profile.Profile` model. The
renaming carries every value's and key's file position from the old path to the new one,
so an error still points at the right line and column of the JSON file, named by our
field path.

Nothing is dropped silently: keys JSON Resume does not define are copied through under
their own names, so validation reports them as unknown fields, at their location. Two
leniencies follow how JSON Resume files are written in practice (including its own
sample): an empty string or null in a known field means "not given", and a link without
a scheme (``example.com``) gets ``https://``.
"""

from __future__ import annotations

from typing import Any

from resume_builder.errors import Problem, UserError
from resume_builder.loading.errors_map import dotted
from resume_builder.loading.source import PathKey, SourceDocument

# How to map a value: COPY (as is), TEXT (drop when blank), URL (TEXT, add a missing
# scheme), TEXTS (list of strings, blank items dropped), a Spec (an object) or [Spec]
# (a list of objects). A Spec maps each JSON Resume key to (our key, how to map the value).
COPY, TEXT, URL, TEXTS = "copy", "text", "url", "texts"
Spec = dict[str, tuple[str, Any]]


def _same(*names: str, how: Any = TEXT) -> Spec:
    return {name: (name, how) for name in names}


_DATES: Spec = {"startDate": ("start", TEXT), "endDate": ("end", TEXT)}
_LOCATION: Spec = {**_same("address", "city", "region"), "postalCode": ("postal_code", TEXT),
                   "countryCode": ("country_code", TEXT)}
_BASICS: Spec = {
    **_same("name", "email", "phone", "summary"),  # summary is moved to the top level
    "label": ("headline", TEXT), "image": ("photo", TEXT), "url": ("website", URL),
    "location": ("location", _LOCATION),
    "profiles": ("profiles", [{**_same("network", "username"), "url": ("url", URL)}]),
}
_RESUME: Spec = {
    "$schema": ("$schema", TEXT),
    "basics": ("basics", _BASICS),
    "work": ("experience", [{"name": ("company", TEXT), "url": ("url", URL), **_DATES,
                             **_same("position", "location", "description", "summary"),
                             "highlights": ("highlights", TEXTS)}]),
    "volunteer": ("volunteering", [{**_same("organization", "position", "summary"), **_DATES,
                                    "url": ("url", URL), "highlights": ("highlights", TEXTS)}]),
    "education": ("education", [{**_same("institution", "area", "score"), **_DATES,
                                 "studyType": ("degree", TEXT), "url": ("url", URL),
                                 "courses": ("courses", TEXTS)}]),
    "awards": ("awards", [_same("title", "date", "awarder", "summary")]),
    "certificates": ("certifications", [{**_same("name", "date", "issuer"), "url": ("url", URL)}]),
    "publications": ("publications", [{**_same("name", "publisher", "summary"),
                                       "releaseDate": ("date", TEXT), "url": ("url", URL)}]),
    "skills": ("skills", [{**_same("name", "level"), "keywords": ("keywords", TEXTS)}]),
    "languages": ("languages", [_same("language", "fluency")]),
    "interests": ("interests", [{"name": ("name", TEXT), "keywords": ("keywords", TEXTS)}]),
    "references": ("references", [_same("name", "reference")]),
    "projects": ("projects", [{**_same("name", "description", "entity", "type"), **_DATES,
                               "url": ("url", URL), **_same("highlights", "keywords", "roles", how=TEXTS)}]),
    "meta": ("meta", COPY),
}

_ONLY_JSON_RESUME = ("work", "volunteer", "certificates")
_BASICS_ONLY = ("label", "url", "image", "summary")
_ENTRY_ONLY = ("startDate", "endDate", "studyType", "releaseDate")


def is_json_resume(data: Any) -> bool:
    """Whether ``data`` is a JSON Resume document rather than one of our profiles."""
    if not isinstance(data, dict):
        return False
    schema = data.get("$schema")
    if isinstance(schema, str) and "jsonresume" in schema.lower():
        return True
    if any(key in data for key in _ONLY_JSON_RESUME):
        return True
    basics = data.get("basics")
    if isinstance(basics, dict) and any(key in basics for key in _BASICS_ONLY):
        return True
    return any(isinstance(entry, dict) and any(key in entry for key in _ENTRY_ONLY)
               for section in data.values() if isinstance(section, list) for entry in section)


def to_profile_source(doc: SourceDocument) -> SourceDocument:
    """A new document holding ``doc``'s data renamed to our schema, positions carried over."""
    mapper = _Mapper(doc)
    data = mapper.value(doc.data, _RESUME, (), ())
    if isinstance(data, dict):
        data = mapper.lift_summary(data)
    if mapper.problems:
        raise UserError(mapper.problems)
    mapper.out.data = data
    return mapper.out


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _with_scheme(url: str) -> str:
    bare = url.strip()
    if "://" in bare or ":" in bare.split("/")[0] or " " in bare or "." not in bare:
        return url  # has a scheme (or is no address at all): validation judges it
    return "https://" + bare


class _Mapper:
    def __init__(self, source: SourceDocument) -> None:
        self.source = source
        self.out = SourceDocument(source.file, None)
        self.problems: list[Problem] = []

    def place(self, old: PathKey, new: PathKey) -> None:
        if old in self.source.values:
            self.out.values[new] = self.source.values[old]
        if old in self.source.keys:
            self.out.keys[new] = self.source.keys[old]

    def value(self, value: Any, how: Any, old: PathKey, new: PathKey) -> Any:
        self.place(old, new)
        if isinstance(how, dict) and isinstance(value, dict):
            return self.mapping(value, how, old, new)
        if isinstance(value, list):
            item_how = how[0] if isinstance(how, list) else COPY
            kept = [(i, item) for i, item in enumerate(value) if not (how == TEXTS and _blank(item))]
            return [self.value(item, item_how, old + (i,), new + (j,)) for j, (i, item) in enumerate(kept)]
        if isinstance(value, dict):
            return {key: self.value(item, COPY, old + (key,), new + (key,)) for key, item in value.items()}
        if how == URL and isinstance(value, str):
            return _with_scheme(value)
        return value

    def mapping(self, data: dict[str, Any], spec: Spec, old: PathKey, new: PathKey) -> dict[str, Any]:
        out: dict[str, Any] = {}
        origin: dict[str, str] = {}
        for key, item in data.items():
            target, how = spec.get(key, (key, COPY))
            if key in spec and how != COPY and _blank(item):
                continue  # JSON Resume's way of saying "not given"
            if target in out:
                self.clash(old + (origin[target],), old + (key,), new + (target,))
                continue
            origin[target] = key
            out[target] = self.value(item, how, old + (key,), new + (target,))
        return out

    def clash(self, first: PathKey, second: PathKey, target: PathKey) -> None:
        self.problems.append(Problem(
            f"'{dotted(first)}' and '{dotted(second)}' both give '{dotted(target)}'",
            self.source.locate(second, prefer_key=True), dotted(second), "keep only one of them"))

    def lift_summary(self, data: dict[str, Any]) -> dict[str, Any]:
        """Move ``basics.summary`` (JSON Resume's "about me") to our top-level ``summary``."""
        basics = data.get("basics")
        if not isinstance(basics, dict) or "summary" not in basics:
            return data
        if "summary" in data:
            self.clash(("basics", "summary"), ("summary",), ("summary",))
            return data
        summary = basics.pop("summary")
        for positions in (self.out.values, self.out.keys):
            for path in [p for p in positions if p[:2] == ("basics", "summary")]:
                positions[path[1:]] = positions.pop(path)
        out: dict[str, Any] = {}
        for key, item in data.items():
            out[key] = item
            if key == "basics":
                out["summary"] = summary
        return out

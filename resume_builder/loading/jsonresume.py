"""Read JSON Resume documents (https://jsonresume.org, schema v1.0.0) as profiles.

Three steps, each with located messages in the JSON file:

1. **The standard decides.** The document is checked against the official JSON Resume
   schema (shipped in :mod:`resume_builder.schema.jsonresume`; Draft 7, formats checked:
   ``uri`` per RFC 3986, ``email``). What it rejects is reported in JSON Resume's own field
   names (``work[0].startDate: ...``); what it accepts is never refused.
2. **Renamed onto our schema** with the one field table
   (:data:`resume_builder.schema.jsonresume.SECTIONS`), carrying every value's and key's
   file position. An empty string means "not given". Well-known legacy names are read as
   today's (``work[].website`` → ``url``, ``work[].company`` → ``name``,
   ``basics.picture`` → ``image``); an ``id`` on an item is its entry's id (what variants
   name it by: JSON Resume allows extra fields). Every other key JSON Resume allows but our schema has
   no field for (``education[].gpa``, ``x-`` fields, ``isCurrentRole``...) is kept, with its
   JSON Resume path, under ``meta.jsonresume_unmapped``: ``export`` writes it back.
3. **Nothing refused that the standard accepts.** Where our model needs a value the
   document does not give (``basics.name``, ``work[].position``...), the value is empty
   and the entry is shown without it; a warning names what is missing when an entry has
   nothing to title it. A value the standard accepts but a résumé cannot show (a date
   ``2021-13``, a link ``ftp://...``, a phone number ``call me``) is left out of the
   rendered output with a warning naming it (:func:`validate_json_resume`); of a text, only
   the links a résumé cannot open are left out (``[portfolio](jiwoo.dev/work)`` reads
   ``portfolio``).
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

from pydantic import ValidationError

from resume_builder.errors import Problem, UserError, did_you_mean
from resume_builder.loading.errors_map import describe, model_at, problems_from_validation, validation_words
from resume_builder.loading.source import PathKey, SourceDocument, dotted
from resume_builder.schema import jsonresume as jr
from resume_builder.schema.profile import Profile

UNMAPPED_KEY = "jsonresume_unmapped"
# Our own top-level fields a JSON Resume file may carry (JSON Resume allows extra keys):
# they are read as in our profiles, and their mistakes are errors.
PASS_THROUGH = ("theme", "lang", "locale", "headings", "variants", "custom")

_ONLY_JSON_RESUME = ("work", "volunteer", "certificates")
_BASICS_ONLY = ("label", "url", "image", "summary")
_ENTRY_ONLY = ("startDate", "endDate", "studyType", "releaseDate")


#: Keys only our profiles have: top-level sections and entry fields JSON Resume names otherwise.
_OURS_TOP = ("experience", "summary", "certifications", "volunteering", "custom")
_OURS_ENTRY = ("start", "end", "degree")


def profile_only_keys(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The paths of keys in ``data`` only our profiles have: top-level sections and entry fields
    JSON Resume names otherwise (``("experience",)``, ``("education", 0, "degree")``)."""
    found: list[tuple[Any, ...]] = [(key,) for key in data if key in _OURS_TOP]
    for name, section in data.items():
        if isinstance(section, list):
            found += [(name, index, key) for index, entry in enumerate(section) if isinstance(entry, dict)
                      for key in entry if key in _OURS_ENTRY]
    return found


def json_resume_reason(data: Any) -> str | None:
    """Why ``data`` looks like a JSON Resume document rather than one of our profiles, or None.

    A guess from the content: a ``$schema`` naming jsonresume decides; otherwise the keys
    only JSON Resume has (``work``, ``basics.label``, ``startDate``, ``studyType``...) must
    outnumber the keys only our profiles have (``experience``, a top-level ``summary``,
    ``start``, ``degree``...), so one JSON Resume-looking key in a profile of ours does not
    switch it. Documents that hold neither (``{"awards": []}``) need ``--from jsonresume``.
    """
    if not isinstance(data, dict):
        return None
    schema = data.get("$schema")
    if isinstance(schema, str) and "jsonresume" in schema.lower():
        return f"its $schema is {schema}"
    theirs: list[str] = [key for key in _ONLY_JSON_RESUME if key in data]
    ours = len(profile_only_keys(data))
    basics = data.get("basics")
    if isinstance(basics, dict):
        theirs += [f"basics.{key}" for key in _BASICS_ONLY if key in basics]
    for name, section in data.items():
        if isinstance(section, list):
            for index, entry in enumerate(section):
                if isinstance(entry, dict):
                    theirs += [f"{name}[{index}].{key}" for key in _ENTRY_ONLY if key in entry]
    if not theirs or len(theirs) <= ours:
        return None
    shown = ", ".join(theirs[:3]) + (f" and {len(theirs) - 3} more" if len(theirs) > 3 else "")
    return f"it has JSON Resume's {shown}"


def is_json_resume(data: Any) -> bool:
    """Whether ``data`` looks like a JSON Resume document (see :func:`json_resume_reason`)."""
    return json_resume_reason(data) is not None


# --------------------------------------------------------------------------- 1. the standard


def official_problems(doc: SourceDocument) -> list[Problem]:
    """What the official JSON Resume schema rejects in ``doc``, located, in file order."""
    found = []
    for error in _validator().iter_errors(doc.data):
        path = tuple(error.absolute_path)
        location = doc.locate(path)
        message, hint = _describe_error(error, path)
        found.append(((location.line or 0, location.column or 0), Problem(message, location, dotted(path), hint)))
    found.sort(key=lambda item: item[0])
    return [problem for _, problem in found]


@lru_cache(maxsize=1)
def _validator() -> Any:
    """The official schema's validator, formats checked (``uri`` by rfc3986-validator, or rfc3987)."""
    from jsonschema import Draft7Validator, FormatChecker

    return Draft7Validator(jr.official_schema(), format_checker=FormatChecker())


_TYPE_WORDS = {"string": "text", "array": "a list", "object": "a mapping (key: value pairs)",
               "number": "a number", "integer": "a whole number", "boolean": "true or false"}


def _describe_error(error: Any, path: PathKey) -> tuple[str, str]:
    value = error.instance
    if error.validator == "type":
        wanted = _TYPE_WORDS.get(str(error.validator_value), str(error.validator_value))
        hint = "leave the field out when there is nothing to say" if value is None else ""
        return f"expected {wanted}, found {describe(value)}", hint
    if error.validator == "pattern":  # the schema's one pattern: its iso8601 dates
        return f"'{value}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD", ""
    if error.validator == "format" and error.validator_value == "uri":
        if isinstance(value, str) and not value.strip():
            return "an empty text is not a URI", "leave the field out when there is none"
        hint = f"did you mean 'https://{value.strip()}'?" if isinstance(value, str) and "://" not in value \
            and "." in value and " " not in value.strip() else "write a full address, e.g. https://example.com"
        return f"'{value}' is not a URI (RFC 3986)", hint
    if error.validator == "format" and error.validator_value == "email":
        return f"'{value}' is not an e-mail address", ""
    return error.message, ""


# --------------------------------------------------------------------------- 2. renaming


def to_profile_source(doc: SourceDocument, *, warnings: list[str] | None = None) -> SourceDocument:
    """A new document holding ``doc``'s data renamed to our schema, positions carried over.

    Raises :class:`UserError` with every problem the official schema finds. ``warnings``
    collects what the user should know (a missing name, a top-level key that looks like a
    misspelt section).
    """
    problems = official_problems(doc)
    if problems:
        raise UserError(problems)
    mapper = _Mapper(doc, warnings if warnings is not None else [])
    mapper.out.data = mapper.document(doc.data)
    return mapper.out


def _blank(value: Any) -> bool:
    return isinstance(value, str) and not value.strip()


#: A field an entry of these sections needs though our model has a default for it: a job
#: (without ``roles``, which JSON Resume has not) needs its position. Where JSON Resume
#: gives none, or one the résumé cannot show, the position is empty: the job is shown without it.
_NEEDED = {"experience": "position"}


class _Mapper:
    def __init__(self, source: SourceDocument, warnings: list[str]) -> None:
        self.source = source
        self.out = SourceDocument(source.file, None)
        self.warnings = warnings
        self.unmapped: list[dict[str, Any]] = []

    def place(self, old: PathKey, new: PathKey) -> None:
        if old in self.source.values:
            self.out.values[new] = self.source.values[old]
        if old in self.source.keys:
            self.out.keys[new] = self.source.keys[old]

    def copy(self, value: Any, old: PathKey, new: PathKey) -> Any:
        self.place(old, new)
        if isinstance(value, dict):
            return {key: self.copy(item, old + (key,), new + (key,)) for key, item in value.items()}
        if isinstance(value, list):
            return [self.copy(item, old + (i,), new + (i,)) for i, item in enumerate(value)]
        return value

    def keep(self, old: PathKey, value: Any) -> None:
        """Keep a key our schema has no field for, with its JSON Resume path (export writes it back)."""
        self.copy(value, old, ("meta", UNMAPPED_KEY, len(self.unmapped), "value"))
        self.unmapped.append({"path": list(old), "value": copy.deepcopy(value)})

    def document(self, data: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, item in data.items():
            old = (key,)
            if key == "basics":
                basics = self.table(item, jr.BASICS, old, ("basics",))
                summary = basics.pop("summary", None)
                out["basics"] = basics
                if summary is not None:
                    self.move(("basics", "summary"), ("summary",))
                    out["summary"] = summary
            elif key in jr.OUR_NAME and key not in ("$schema", "meta"):
                ours = jr.OUR_NAME[key]
                table = jr.SECTIONS[ours][1]
                out[ours] = [self.entry(entry, table, ours, old + (i,), (ours, i)) for i, entry in enumerate(item)]
                self.place(old, (ours,))
            elif key in ("$schema", "meta") or key in PASS_THROUGH:
                out[key] = self.copy(item, old, (key,))
            else:
                self.keep(old, item)
                hint = did_you_mean(key, list(jr.TOP))
                if hint and not key.lower().startswith("x-"):  # as in an entry (table): X-... is an x- field too
                    where = self.source.locate(old, prefer_key=True)
                    self.warnings.append(f"{where}: '{key}' is not a JSON Resume section: kept for export, not "
                                         f"shown ({hint})")
        basics = out.setdefault("basics", {})
        if not basics.get("name"):
            basics["name"] = ""
            where = self.source.locate(("basics",) if "basics" in data else ())
            self.warnings.append(f"{where}: basics.name is not given: the résumé has no name at its head")
        if self.unmapped:
            meta = out.setdefault("meta", {})
            if not isinstance(meta, dict):  # JSON Resume's meta is an object; the schema saw to it
                raise AssertionError("meta is not an object")
            meta.setdefault(UNMAPPED_KEY, []).extend(self.unmapped)
        return out

    def move(self, old_prefix: PathKey, new_prefix: PathKey) -> None:
        for positions in (self.out.values, self.out.keys):
            for path in [p for p in positions if p[:len(old_prefix)] == old_prefix]:
                positions[new_prefix + path[len(old_prefix):]] = positions.pop(path)

    def table(self, data: dict[str, Any], table: jr.Table, old: PathKey, new: PathKey) -> dict[str, Any]:
        self.place(old, new)
        out: dict[str, Any] = {}
        for key, item in data.items():
            name = key
            if table.theirs(key) is None and key in table.legacy and table.legacy[key] not in data:
                name = table.legacy[key]
            found = table.theirs(name)
            if found is None:
                self.keep(old + (key,), item)
                hint = did_you_mean(key, [f.theirs for f in table.fields])
                if hint and not key.lower().startswith("x-"):
                    where = self.source.locate(old + (key,), prefer_key=True)
                    self.warnings.append(f"{where}: {dotted(old + (key,))}: not a JSON Resume field: kept for "
                                         f"export, not shown ({hint})")
                continue
            value = self.value(item, found, old + (key,), new + (found.ours,))
            if value is not None:
                out[found.ours] = value
        model = model_at(Profile, new if new[:1] != ("summary",) else ())
        for name, info in (model.model_fields.items() if model else ()):
            if info.is_required() and name not in out and info.annotation is not None:
                out[name] = ""  # an honest default: nothing to show (never a refusal)
        return out

    def value(self, item: Any, found: jr.Field, old: PathKey, new: PathKey) -> Any:
        if isinstance(found.kind, jr.Table):
            if found.many:
                self.place(old, new)
                return [self.table(x, found.kind, old + (i,), new + (i,)) for i, x in enumerate(item)]
            return self.table(item, found.kind, old, new)
        if isinstance(item, list):
            self.place(old, new)
            kept = [(i, x) for i, x in enumerate(item) if not _blank(x)]
            return [self.copy(x, old + (i,), new + (j,)) for j, (i, x) in enumerate(kept)]
        if _blank(item):
            return None  # JSON Resume's way of saying "not given"
        return self.copy(item, old, new)

    def entry(self, data: dict[str, Any], table: jr.Table, section: str, old: PathKey, new: PathKey) -> dict:
        out = self.table(data, table, old, new)
        if table.title and not any(out.get(name) for name in table.title):
            theirs = " or ".join(table.ours(name).theirs for name in table.title)
            where = self.source.locate(old)
            shown = "its keywords are shown without a title" if out.get("keywords") else "shown without a title"
            self.warnings.append(f"{where}: {dotted(old)} has no {theirs}: {shown}")
            out.setdefault(table.title[0], "")
        if section in _NEEDED:
            out.setdefault(_NEEDED[section], "")  # JSON Resume requires none; a job of ours needs one
        return out


# --------------------------------------------------------------------------- 3. validation


def validate_json_resume(doc: SourceDocument, warnings: list[str]) -> Profile:
    """Validate a renamed JSON Resume document, leaving out what the résumé cannot show.

    A value our model refuses (but the standard accepted) is removed from ``doc.data``
    with a warning naming it in JSON Resume's terms and its location (emptied instead where
    its entry needs it, so the entry stays: see :func:`_drop`); a text refused for its links
    loses only those links, each named in a warning at its target (:func:`_unlink`). What
    is left out or changed is kept as written under ``meta.jsonresume_unmapped`` (a changed
    text with ``shown``: the text as the résumé has it), for ``export``. Mistakes in our own
    top-level fields (:data:`PASS_THROUGH`) stay errors.
    """
    from resume_builder.loading.profile_loader import validate_profile

    removed: dict[PathKey, list[int]] = {}  # list (as written) -> indices of its items left out, as written

    def as_written(path: PathKey) -> PathKey:
        """``path`` in the document as it is now, with the list indices it had as written."""
        out: PathKey = ()
        for part in path:
            if isinstance(part, int):
                for index in sorted(removed.get(out, [])):
                    if index <= part:
                        part += 1
            out += (part,)
        return out

    for _ in range(500):  # one value left out per round: list indices stay right
        try:
            Profile.model_validate(doc.data)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            if any(e["loc"] and e["loc"][0] in PASS_THROUGH for e in errors):
                raise UserError(problems_from_validation(exc, doc, Profile)) from None
            error = errors[0]
            where = doc.locate(tuple(error["loc"]))
            meta = doc.data.setdefault("meta", {})
            if error["type"] == "markdown_link":
                unlinked = _unlink(doc, tuple(error["loc"]))
                if unlinked is not None:  # only the refused links go; their texts stay
                    path, value, shown, refused = unlinked
                    theirs = jr.their_path(as_written(path))
                    meta.setdefault(UNMAPPED_KEY, []).append({"path": list(theirs), "value": value, "shown": shown})
                    warnings.extend(_unlinked_warnings(doc, path, theirs, refused))
                    continue
            dropped = _drop(doc, tuple(error["loc"]))
            if dropped is None:
                raise UserError(problems_from_validation(exc, doc, Profile)) from None
            path, value = dropped
            written = as_written(path)
            if isinstance(path[-1], int):  # an item of a list: those after it moved up by one
                removed.setdefault(written[:-1], []).append(written[-1])
            theirs = jr.their_path(written)
            message = validation_words(error, doc.file)  # plain words (a lone surrogate's too)
            _keep_unmapped(meta, theirs, value)
            start = _start_of_open_entry(doc, path)
            if start is not None:  # a job without its end reads as current: leave out its start too
                dropped_start = _drop(doc, start)
                if dropped_start is not None:
                    meta[UNMAPPED_KEY].append({"path": list(jr.their_path(as_written(start))),
                                               "value": dropped_start[1]})
                warnings.append(f"{where}: {dotted(theirs)}: {message}; the entry's dates are left out of the "
                                "résumé (without its end it would read as a current one; kept for export)")
                continue
            warnings.append(f"{where}: {dotted(theirs)}: {message}; left out of the résumé (kept for export)")
            continue
        return validate_profile(doc, blanks=False, json_resume=True)
    raise UserError(f"{doc.file}: too many values this résumé cannot show")


#: Sections whose entry without an end is shown as ongoing ("May 2022 – present").
_OPEN_ENDED = ("experience", "volunteering")


def _start_of_open_entry(doc: SourceDocument, path: PathKey) -> PathKey | None:
    """The path of the start date to leave out with ``path``, when ``path`` was the end
    date of a job or volunteering entry that still has a start; else None."""
    if len(path) != 3 or path[0] not in _OPEN_ENDED or path[2] != "end":
        return None
    section = doc.data.get(path[0])
    entry = section[path[1]] if isinstance(section, list) and isinstance(path[1], int) \
        and path[1] < len(section) else None
    return path[:2] + ("start",) if isinstance(entry, dict) and entry.get("start") not in (None, "") else None


def _unlink(doc: SourceDocument, loc: PathKey) -> tuple[PathKey, str, str, list] | None:
    """Take the refused links out of the text at ``loc``, keeping their own texts
    (:func:`resume_builder.markdown.without_refused_links`): its path, the text as it was,
    the text now, and the links taken out; None when there is no such text, or no link in it
    to take out (what is wrong is then left to :func:`_drop`)."""
    from resume_builder.markdown import without_refused_links

    container: Any = None
    current: Any = doc.data
    path: PathKey = ()
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str) and part in current \
                or isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            container, current, path = current, current[part], path + (part,)
        else:
            break
    if container is None or not isinstance(current, str):
        return None
    shown, refused = without_refused_links(current)
    if not refused:
        return None
    container[path[-1]] = shown
    return path, current, shown, refused


def _unlinked_warnings(doc: SourceDocument, path: PathKey, theirs: PathKey, refused: list) -> list[str]:
    """One warning per link :func:`_unlink` took out, at its target in the file."""
    from resume_builder.loading.errors_map import link_location

    out, after = [], None
    for link in refused:
        where = after = link_location(doc, path, link.target, after)
        shown = f"shows '{link.text}' without the link" if link.text.strip() else "leaves the link out"
        end = "" if link.problem.endswith("?") else "."
        out.append(f"{where}: {dotted(theirs)}: {link.problem}{end} The résumé {shown} (the text as written is "
                   "kept for export)")
    return out


def _keep_unmapped(meta: dict[str, Any], theirs: PathKey, value: Any) -> None:
    """Keep ``value``, left out at ``theirs``, under meta.jsonresume_unmapped for export; a
    text whose refused links were taken out before (:func:`_unlink`) is kept as written."""
    kept = meta.setdefault(UNMAPPED_KEY, [])
    for item in kept:
        if item["path"] == list(theirs) and "shown" in item:
            del item["shown"]  # the whole text is left out now: its original is what export writes back
            return
    kept.append({"path": list(theirs), "value": value})


def _drop(doc: SourceDocument, loc: PathKey) -> tuple[PathKey, Any] | None:
    """Remove the value at ``loc`` (or its nearest container that exists); its path and value.

    A field our model requires, or one its entry needs (:func:`_needed_in_entry`), is emptied
    rather than removed; the positions of the list items after a removed one move up with them.
    """
    parents: list[tuple[Any, Any]] = []
    current = doc.data
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str) and part in current:
            parents.append((current, part))
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            parents.append((current, part))
            current = current[part]
        else:
            break
    if not parents:
        return None
    container, key = parents[-1]
    path = tuple(k for _, k in parents)
    value = copy.deepcopy(container[key])
    if isinstance(container, dict):
        model = model_at(Profile, path[:-1])
        info = model.model_fields.get(key) if model else None
        if info is not None and (info.is_required() or _needed_in_entry(path[:-1], container, key)):
            if container[key] == "":
                return None  # nothing left to take out: report the error as it is
            container[key] = ""
            return path, value
        del container[key]
    else:
        del container[key]
        _shift_positions(doc, path)
    return path, value


def _needed_in_entry(entry_path: PathKey, entry: dict[str, Any], key: str) -> bool:
    """Whether the entry at ``entry_path`` needs ``key`` emptied rather than removed, though
    our model has a default for it: a job's position (:data:`_NEEDED`), or the one field that
    titles the entry (an education entry needs an institution, a degree or an area). Removed,
    the model would refuse the whole entry next, and all of it would be left out."""
    if len(entry_path) != 2 or entry_path[0] not in jr.SECTIONS:
        return False
    if _NEEDED.get(entry_path[0]) == key:
        return True
    title = jr.SECTIONS[entry_path[0]][1].title
    return key in title and not any(entry.get(name) for name in title if name != key)


def _shift_positions(doc: SourceDocument, removed: PathKey) -> None:
    """List item ``removed`` is gone: forget its positions, move its followers' up by one
    (the items before it keep theirs)."""
    parent, index, depth = removed[:-1], removed[-1], len(removed)
    for positions in (doc.values, doc.keys):
        moved = {}
        for path in list(positions):
            if path[:depth - 1] != parent or len(path) < depth or not isinstance(path[depth - 1], int) \
                    or path[depth - 1] < index:
                continue
            pos = positions.pop(path)
            if path[depth - 1] > index:
                moved[parent + (path[depth - 1] - 1,) + path[depth:]] = pos
        positions.update(moved)


# --------------------------------------------------------------------------- several roles at one employer

#: What the roles of one company share in JSON Resume, where each role is a ``work`` item
#: of its own repeating the company: its name, link and description.
COMPANY_FIELDS = ("company", "url", "description")
#: A role's own fields, as our profiles name them (``experience[].roles[]``).
ROLE_FIELDS = ("id", "tags", "position", "location", "start", "end", "summary", "highlights")


def company_of(items: list[dict[str, Any]], company: dict[str, Any] | None = None) -> dict[str, Any]:
    """One experience entry with roles, from consecutive flat jobs (``items``, in their order).

    ``company`` gives the company's own fields (id, tags, location, summary, keywords) as
    ``export`` kept them; without it the company's location is the one all roles share. A
    role keeps its own location only where it differs from the company's.
    """
    first = items[0]
    out: dict[str, Any] = {}
    if company:
        out.update({k: v for k, v in company.items() if k in ("id", "tags")})
    for name in COMPANY_FIELDS:
        if first.get(name) is not None:
            out[name] = first[name]
    locations = {item.get("location") for item in items}
    if company is not None:
        location = company.get("location")
    else:
        location = locations.pop() if len(locations) == 1 else None
    if location is not None:
        out["location"] = location
    if company:
        out.update({k: v for k, v in company.items() if k not in ("id", "tags", "location")})
    roles = []
    for item in items:
        role = {name: item[name] for name in ROLE_FIELDS if item.get(name) not in (None, [], "") or
                (name == "position" and name in item)}
        if role.get("location") == location:
            role.pop("location", None)
        roles.append(role)
    out["roles"] = roles
    return out


def group_roles(experience: list[Any]) -> list[Any]:
    """``import --group-roles``: consecutive jobs at the same company become one entry with
    ``roles``, newest first as listed.

    Jobs group when their company's name is the same (and given) and they agree on what the
    company shares (link and description), so nothing is lost: ``export`` writes one
    ``work`` item per role with the same ``name`` again. A job that is already a company
    with roles, or that has fields a role cannot hold (``keywords``), stays as it is.
    """
    out: list[Any] = []
    run: list[dict[str, Any]] = []

    def groupable(item: Any) -> bool:
        return isinstance(item, dict) and bool(item.get("company")) and not item.get("roles") \
            and not item.get("keywords") and set(item) <= {*COMPANY_FIELDS, *ROLE_FIELDS}

    def same(a: dict[str, Any], b: dict[str, Any]) -> bool:
        return all(a.get(name) == b.get(name) for name in COMPANY_FIELDS)

    def flush() -> None:
        if len(run) > 1:
            out.append(company_of(run))
        else:
            out.extend(run)
        run.clear()

    for item in experience:
        if groupable(item) and run and same(run[0], item):
            run.append(item)
            continue
        flush()
        if groupable(item):
            run.append(item)
        else:
            out.append(item)
    flush()
    return out

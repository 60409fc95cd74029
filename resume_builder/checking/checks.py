"""The checks: each is a small function of the extracted text returning a :class:`CheckResult`.

A check passes or fails and always says why, in words a person acts on. Checks that compare
against the profile take the :class:`~resume_builder.document.Document` (``None`` when no
profile was given: they then look for anything that has the right shape).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from resume_builder.checking.extract import DOCX, PDF, Extracted, normalise
from resume_builder.checking.names import not_a_name
from resume_builder.document import Document, Entry
from resume_builder.wording import count, file_size

MAX_BYTES = 2_000_000  # the upload limit many ATS have ("2 MB")


@dataclass(frozen=True)
class CheckResult:
    name: str
    passed: bool
    detail: str

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "passed": self.passed, "detail": self.detail}


# ----------------------------------------------------------------------------- helpers

# Letters of any script on both sides of the @ (RFC 6531 addresses: jörg.müller@beispiel.de),
# so that no part of an address is left over to be taken for something else.
EMAIL_RE = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")
PHONE_RE = re.compile(r"(?<![\w+])\+?\(?\d[\d \u00a0().\-–/]{5,}\d(?!\w)")
URL_RE = re.compile(r"(?<![@\w.])(?:https?://)?(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
                    r"(?:/[^\s·|,;]*)?", re.IGNORECASE)
# File extensions that URL_RE would take for a domain ("Node.js", "index.html").
_NOT_TLDS = {"js", "py", "html", "htm", "md", "txt", "pdf", "docx", "json", "yaml", "yml", "ts", "css"}


def _phones(text: str) -> list[str]:
    found = []
    for match in PHONE_RE.finditer(text):
        value = match.group(0).strip()
        digits = re.sub(r"\D", "", value)
        groups = re.findall(r"\d+", value)
        years_only = all(len(g) == 4 and g[:2] in ("19", "20") for g in groups)
        if 7 <= len(digits) <= 15 and not years_only:
            found.append(value)
    return found


def _urls(text: str) -> list[str]:
    """The web addresses written in ``text``. An e-mail address is a contact, never a link: it
    is taken out first, or its local part (jiwoo.park@…) would read as a domain."""
    found = []
    text = EMAIL_RE.sub(" ", text)
    for match in URL_RE.finditer(text):
        value = match.group(0).rstrip(".)")
        host = re.sub(r"^(?:https?://)?(?:www\.)?", "", value, flags=re.IGNORECASE).split("/")[0]
        tld = host.rsplit(".", 1)[-1].lower()
        bare = not value.lower().startswith(("http", "www"))
        if bare and (tld in _NOT_TLDS or len(host.split(".")[0]) < 2):
            continue  # a file name ("app.js") or an abbreviation ("M.Tech"), not an address
        found.append(value)
    return found


def _zones(ex: Extracted) -> list[tuple[str, list[str]]]:
    """Where text can be, the body first; the other zones are ones many ATS skip."""
    header = "running page header/footer" if ex.kind == PDF else "page header/footer"
    return [("body", ex.body), (header, ex.headers), ("text box", ex.text_boxes), ("table", ex.tables)]


def _locate(ex: Extracted, find: Callable[[str], str | None]) -> tuple[str, str] | None:
    """(zone, what was found) for the first zone where ``find`` finds something."""
    for zone, lines in _zones(ex):
        hit = find("\n".join(lines))
        if hit:
            return zone, hit
    return None


def _contains(target: str) -> Callable[[str], str | None]:
    wanted = normalise(target)

    def find(text: str) -> str | None:
        return target if wanted and wanted in normalise(text) else None

    return find


def _not_in_body(ex: Extracted, name: str, label: str, where: tuple[str, str] | None) -> CheckResult:
    if where is not None:
        zone, value = where
        skipped = "which many ATS skip" if zone != "table" else "which many ATS read out of order or skip"
        return CheckResult(name, False, f"{value!r} appears only in a {zone}, {skipped}; put it in the body text")
    if ex.images:
        where_images = "page 1" if ex.kind == PDF else "the document body"
        return CheckResult(name, False, f"no {label} in the text; {where_images} has "
                                        f"{_plural(ex.images, 'image')}, and an ATS cannot read text drawn "
                                        "as a picture")
    return CheckResult(name, False, f"no {label} found in the text")


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _quote_list(values: list[str], limit: int = 4) -> str:
    shown = ", ".join(repr(v) for v in values[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")


# ----------------------------------------------------------------------------- contact details


def check_name(ex: Extracted, doc: Document | None) -> CheckResult:
    """Without a profile, the first line must read as a name (:mod:`.names`: any script, an
    alternative name in parentheses, particles, initials) and not be a section heading."""
    if doc is None:
        first = ex.body[0] if ex.body else ""
        if not first:
            return _not_in_body(ex, "name", "name", None)
        why = "it is a section heading" if _heading_group(first) else not_a_name(first)
        if why is None:
            return CheckResult("name", True, f"the first line, {first!r}, reads as a name")
        return CheckResult("name", False, f"the first line of text is {first!r}, which does not read as a "
                                          f"name ({why}); ATS take the candidate's name from the first line")
    where = _locate(ex, _contains(doc.name))
    if where is None and ex.body:
        return CheckResult("name", False, f"{doc.name!r} is not in the text, which begins {ex.body[0]!r}")
    if where is None or where[0] != "body":
        return _not_in_body(ex, "name", "name", where)
    wanted = normalise(doc.name)
    top = [row for row in ex.body[:5] if wanted in normalise(row)]
    if not top:
        return CheckResult("name", False, f"{doc.name!r} is in the body but not at the top of the first page, "
                                          "where ATS look for the candidate's name")
    if not any(normalise(line) == wanted for line in (*ex.body[:5], *ex.lines[:8])):
        return CheckResult("name", False, f"{doc.name!r} shares its line with other text ({top[0]!r}); an ATS "
                                          "that takes the first line as the name gets all of it")
    return CheckResult("name", True, f"{doc.name!r} is on a line of its own at the top of the body text")


def _nothing_to_look_for(doc: Any, what: str) -> str:
    """Why no ``what`` ("e-mail address") is looked for: the profile has none, or the document is
    a public copy, which leaves it out ("the profile has no e-mail address" was said of a
    profile that has one, checked against its public copy: trial)."""
    from resume_builder.provenance import Provenance

    metadata = getattr(doc, "metadata", None)
    recorded = Provenance.decode(getattr(metadata, "source", None))
    if recorded is not None and recorded.public:
        return f"a public copy leaves the {what} out: none to look for"
    return f"the profile has no {what} to look for"


def check_email(ex: Extracted, doc: Document | None) -> CheckResult:
    expected = next((c.text for c in doc.contacts if c.kind == "email"), None) if doc else None
    if doc is not None and expected is None:
        return CheckResult("email", True, _nothing_to_look_for(doc, "e-mail address"))
    if expected:
        find = _contains(expected)
    else:
        def find(text: str) -> str | None:
            match = EMAIL_RE.search(text)
            return match.group(0) if match else None
    where = _locate(ex, find)
    if where and where[0] == "body":
        return CheckResult("email", True, f"{where[1]} is in the body text")
    return _not_in_body(ex, "email", "e-mail address", where)


def check_phone(ex: Extracted, doc: Document | None) -> CheckResult:
    from resume_builder.phones import find_phones, parse_phone, same_number

    contact = next((c for c in doc.contacts if c.kind == "phone"), None) if doc else None
    if doc is not None and contact is None:
        return CheckResult("phone", True, _nothing_to_look_for(doc, "phone number"))
    expected = contact.text if contact else None
    # The number itself, parsed from the link (tel:+44-20-7946-0000;ext=12) by libphonenumber:
    # found however it is printed, extension included.
    number = parse_phone(contact.href.removeprefix("tel:")) if contact and contact.href else None
    # Without one, the digits as printed, an extension ("ext. 12", "x12") left aside.
    wanted = re.sub(r"\D", "", re.split(r"(?i)\s*(?:ext\.?|x|#)\s*\d+\s*$", expected or "")[0])

    def find(text: str) -> str | None:
        if number is not None:
            from phonenumbers import region_code_for_number

            for raw, found in find_phones(text, region_code_for_number(number)):
                if same_number(found, number):
                    return raw
            return None
        for phone in _phones(text):
            digits = re.sub(r"\D", "", phone)
            if not wanted or digits == wanted or (len(digits) >= 7 and wanted.endswith(digits)):
                return phone
        return None

    where = _locate(ex, find)
    if where and where[0] == "body":
        return CheckResult("phone", True, f"{where[1]} is in the body text")
    return _not_in_body(ex, "phone", "phone number", where)


def check_links(ex: Extracted, doc: Document | None) -> CheckResult:
    if doc is not None:
        expected = [c.text for c in doc.contacts if c.kind in ("website", "profile") and c.href]
        if not expected:
            return CheckResult("links", True, "the profile has no links to look for")
        body = normalise(ex.body_text)
        missing = [link for link in expected if normalise(link) not in body]
        if not missing:
            found = "the link is" if len(expected) == 1 else f"all {len(expected)} links are"
            return CheckResult("links", True, f"{found} in the body text as text: {_quote_list(expected)}")
        problems = []
        for link in missing:
            where = _locate(ex, _contains(link))
            problems.append(f"{link!r} only in a {where[0]}" if where else f"{link!r} not in the text")
        return CheckResult("links", False, "; ".join(problems) + ". ATS read the link's text, never the "
                                           "clickable target: write the address out in the body")
    body_links = _urls(ex.body_text)
    if body_links:
        return CheckResult("links", True, f"{_plural(len(body_links), 'link')} in the body text: "
                                          f"{_quote_list(body_links)}")
    for zone, lines in _zones(ex)[1:]:
        links = _urls("\n".join(lines))
        if links:
            return CheckResult("links", False, f"links only in a {zone}, which many ATS skip: {_quote_list(links)}")
    return CheckResult("links", True, "no links in the text (none required; a LinkedIn or portfolio address helps)")


# ----------------------------------------------------------------------------- headings

_HEADINGS = {
    "summary": ["summary", "professional summary", "career summary", "executive summary", "profile",
                "professional profile", "objective", "career objective", "about", "about me", "personal statement"],
    "experience": ["experience", "work experience", "professional experience", "relevant experience",
                   "employment", "employment history", "work history", "career history"],
    "education": ["education", "education and training", "academic background", "qualifications"],
    "skills": ["skills", "technical skills", "key skills", "core skills", "competencies", "core competencies",
               "technologies", "expertise", "skills and expertise"],
    "projects": ["projects", "personal projects", "selected projects", "key projects"],
    "certifications": ["certifications", "certificates", "licenses", "licenses and certifications",
                       "certifications and licenses"],
    "awards": ["awards", "honors", "honours", "awards and honors", "awards and honours", "achievements",
               "accomplishments"],
    "publications": ["publications"],
    "languages": ["languages"],
    "volunteering": ["volunteering", "volunteer experience", "volunteer work"],
    "interests": ["interests", "hobbies", "hobbies and interests"],
    "references": ["references"],
}


def _heading_key(text: str) -> str:
    text = normalise(text).rstrip(":：").strip().replace("&", " and ")
    return " ".join(text.split())


def _locale_headings() -> dict[str, list[str]]:
    """Every built-in locale's section headings (resume_builder/locales/*.toml), by group."""
    from resume_builder.i18n import built_in_headings

    return built_in_headings()


_HEADING_GROUPS = {_heading_key(alias): group
                   for aliases in (_HEADINGS, _locale_headings()) for group, titles in aliases.items()
                   for alias in titles}
STANDARD_HEADINGS = tuple(_HEADINGS)


def _heading_group(text: str, language: str | None = None) -> str | None:
    """The standard section ('experience', …) a heading names: an English alias, or the
    built-in heading of ``language`` (the language the file declares, e.g. German
    'Berufserfahrung'; resume_builder/i18n's locale tables)."""
    group = _HEADING_GROUPS.get(_heading_key(text))
    if group is None and language:
        group = _localised_headings(language).get(_heading_key(text))
    return group


def _localised_headings(language: str) -> dict[str, str]:
    """Heading key → standard section, from the built-in translation of ``language``."""
    from resume_builder.i18n import UnknownLocale, labels_for

    try:
        headings = labels_for(language).headings
    except (UnknownLocale, ValueError):
        return {}
    return {_heading_key(title): key for key, title in headings.items() if key in _HEADINGS}


def _is_standard(section, doc: Document) -> bool:
    """A heading of any built-in language (English aliases and every locale file's headings),
    or a standard section under the profile's own ``headings:`` title."""
    return bool(_heading_group(section.title)) or section.key in _HEADINGS


def _standalone(ex: Extracted) -> set[str]:
    """Heading keys of every body row and line standing on its own."""
    return {_heading_key(line) for line in (*ex.body, *ex.lines)}


def _squash(text: str) -> str:
    return "".join(normalise(text).split()).rstrip(":")


def _broken_up(ex: Extracted) -> dict[str, str]:
    """Headings whose letters are split by spaces in the text ('S U M M A R Y', 'S UMMARY'), by squashed form."""
    squashed = {_squash(alias): alias for alias in _HEADING_GROUPS if " " not in alias}
    out: dict[str, str] = {}
    for row in (*ex.body, *ex.lines):
        key = _squash(row)
        if key in squashed and _heading_key(row) != squashed[key]:
            out.setdefault(key, row.strip())
    return out


_BROKEN = "letter-spacing or synthesized small caps break the word up, so an ATS does not see the heading"


def check_headings(ex: Extracted, doc: Document | None, may_be_cut: frozenset[str] = frozenset()) -> CheckResult:
    """Standard headings, each on a line of its own. ``may_be_cut``: section keys a page budget
    may have emptied (the file's budget could not be re-applied): their missing headings are
    named, not failed."""
    lines = _standalone(ex)
    broken = _broken_up(ex)
    if doc is None:
        found = []
        for line in (*ex.body, *ex.lines):
            group = _heading_group(line, ex.language)
            if group and line.strip().rstrip(":") not in found:
                found.append(line.strip().rstrip(":"))
        groups = {_heading_group(f, ex.language) for f in found}
        if broken:
            shown = _quote_list(list(broken.values()))
            what = "a heading is" if len(broken) == 1 else "headings are"
            return CheckResult("headings", False, f"{what} broken up in the text: {shown}; {_BROKEN}")
        if len(groups) >= 2 and groups & {"experience", "education"}:
            return CheckResult("headings", True, f"standard headings recognised: {', '.join(found)}")
        shown = ""
        for zone, zone_lines in _zones(ex)[1:]:
            elsewhere = list(dict.fromkeys(line.strip().rstrip(":") for line in zone_lines
                                           if _heading_group(line, ex.language)))
            if elsewhere:
                shown += f"; {', '.join(elsewhere)} {'is' if len(elsewhere) == 1 else 'are'} in a {zone}"
        if not found:
            what = "no standard headings (such as Experience and Education) on lines of their own"
        elif groups & {"experience", "education"}:  # one kind of standard heading only
            what = f"only one standard heading on a line of its own ({', '.join(found)}); a second, such as " \
                   f"{'Education' if 'experience' in groups else 'Experience'}, shows the file is split into sections"
        else:
            what = f"no Experience or Education heading on a line of its own (found only: {', '.join(found)})"
        return CheckResult("headings", False, f"{what}{shown}; ATS use these headings to split the résumé into sections")
    standard = [s for s in doc.sections if _is_standard(s, doc)]
    other = [s.title for s in doc.sections if not _is_standard(s, doc)]
    note = (f"; not in the standard list, so an ATS may not file them: {', '.join(other)}" if other else "")
    if not doc.sections:
        return CheckResult("headings", False, "the profile has no sections, so the file has no headings an ATS "
                                              "can split it by: add experience or education")
    if not standard:
        titles = _quote_list([s.title for s in doc.sections])
        return CheckResult("headings", False, f"none of the section headings ({titles}) is one an ATS knows: "
                                              "use standard names such as Experience and Education")
    missing = [s.title for s in standard if _heading_key(s.title) not in lines]
    absent = [s.title for s in standard if s.key in may_be_cut and s.title in missing
              and _locate(ex, _contains(s.title)) is None]
    missing = [title for title in missing if title not in absent]
    if absent:
        note += (f"; {_quote_list(absent)} {'is' if len(absent) == 1 else 'are'} not in the file, which the "
                 "page budget may have cut")
    if not missing:
        return CheckResult("headings", True, "standard headings recognised, each on a line of its own: "
                                             f"{', '.join(s.title for s in standard if s.title not in absent)}"
                                             f"{note}")
    problems = []
    split = [title for title in missing if _squash(title) in broken]
    if split:
        problems.append(f"{_quote_list(split, 3)} come{'s' if len(split) == 1 else ''} out as "
                        f"{_quote_list([broken[_squash(t)] for t in split], 3)}: {_BROKEN}")
    for title in missing:
        if title in split:
            continue
        key = _heading_key(title)
        where = _locate(ex, _contains(title))
        sharing = next((row for row in ex.body if _heading_key(row).startswith(key + " ")), None)
        if where and where[0] != "body":
            problems.append(f"{title!r} is only in a {where[0]}")
        elif sharing:
            problems.append(f"{title!r} shares its line with other text ({sharing[:50]!r})")
        else:
            problems.append(f"{title!r} is not on a line of its own in the text")
    return CheckResult("headings", False, "; ".join(problems) + note)


# ----------------------------------------------------------------------------- entries

_ENTRY_PARTS = {
    "experience": (("position", "title"), ("company", "subtitle"), ("dates", "date")),
    "education": (("degree", "title"), ("institution", "subtitle"), ("dates", "date")),
}


#: A company with several roles is looked for as the company (its name and span of dates),
#: then each role, newest first, with its position and its own dates.
_COMPANY_PARTS = (("company", "title"), ("dates", "date"))
_ROLE_PARTS = (("position", "title"), ("dates", "date"))


def _check_items(key: str, entries: tuple[Entry, ...]) -> list[tuple[Entry, tuple]]:
    """(entry, parts to find) in reading order: a company with roles, then each of its roles."""
    out: list[tuple[Entry, tuple]] = []
    for entry in entries:
        if entry.roles:
            out.append((entry, _COMPANY_PARTS))
            out.extend((role, _ROLE_PARTS) for role in entry.roles)
        else:
            out.append((entry, _ENTRY_PARTS[key]))
    return out


def _entry_parts(key: str, entry: Entry, labels: tuple | None = None) -> list[tuple[str, str]]:
    """(label, text) of the parts to find, the entry's title first."""
    labels = labels or _ENTRY_PARTS[key]
    if key == "education" and not entry.subtitle:  # the degree or the institution alone is the title
        labels = (("title", "title"), ("dates", "date"))
    out = []
    for label, attribute in labels:
        value = getattr(entry, attribute)
        value = value if isinstance(value, str) else value.plain
        if value.strip():
            out.append((label, value))
    return out


def _section_text(ex: Extracted, doc: Document, key: str) -> str:
    """The body text from the section's heading to the next section's heading (normalised)."""
    rows = [normalise(row) for row in ex.body]
    titles = {_heading_key(s.title) for s in doc.sections}
    section = doc.section(key)
    start = next((i for i, row in enumerate(rows) if _heading_key(row) == _heading_key(section.title)), None)
    if start is None:
        return " ".join(rows)
    end = next((i for i in range(start + 1, len(rows)) if _heading_key(rows[i]) in titles), len(rows))
    return " ".join(rows[start + 1:end])


def check_entries(ex: Extracted, doc: Document, may_be_cut: frozenset[str] = frozenset()) -> CheckResult:
    """Every experience and education entry, in order, with its parts. ``may_be_cut``: section
    keys whose entries a page budget may have cut (all but the first): those missing are
    named, not failed."""
    problems: list[str] = []
    cut: list[str] = []
    counts: list[str] = []
    whole = normalise(ex.body_text)
    for key in _ENTRY_PARTS:
        section = doc.section(key)
        if section is None or not section.entries:
            continue
        # 'all 9 experience and 2 education entries'; German nouns keep their capital
        title = section.title.lower() if doc.metadata.language.lower().startswith("en") else section.title
        items = _check_items(key, section.entries)
        roles = sum(len(entry.roles) for entry in section.entries)
        counts.append(f"{len(section.entries)} {title}" + (f" ({count(roles, 'role')})" if roles else ""))
        text = _section_text(ex, doc, key)
        anchors: list[tuple[int, int] | None] = []
        cursor = 0
        for number, (entry, item_labels) in enumerate(items, start=1):
            parts = _entry_parts(key, entry, item_labels)
            if not parts:
                anchors.append(None)
                continue
            label, value = parts[0]
            wanted = normalise(value)
            at = text.find(wanted, cursor)
            if at < 0:
                anchors.append(None)
                where = "out of order" if wanted in text else (
                    "outside its section" if wanted in whole else "missing")
                if where == "missing" and key in may_be_cut and number > 1:
                    cut.append(f"{section.title} #{number}")
                    continue
                problems.append(f"{section.title} #{number}: {label} {value!r} {where}")
                continue
            anchors.append((at, at + len(wanted)))
            cursor = at + len(wanted)
        for index, (entry, item_labels) in enumerate(items):
            if anchors[index] is None:
                continue
            start = next((a[1] for a in reversed(anchors[:index]) if a), 0)
            end = next((a[0] for a in anchors[index + 1:] if a), len(text))
            window = text[start:end]
            parts = _entry_parts(key, entry, item_labels)
            for label, value in parts[1:]:
                if normalise(value) not in window:
                    where = "not next to the rest of the entry" if normalise(value) in whole else "missing"
                    problems.append(f"{section.title} #{index + 1} ({parts[0][1]}): "
                                    f"{label} {value!r} {where}")
    if not counts:
        return CheckResult("entries", True, "the profile has no experience or education entries to look for")
    if problems:
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        return CheckResult("entries", False, "; ".join(problems[:5]) + more)
    if cut:
        return CheckResult("entries", True, f"every entry in the file is in order, with its title, organisation "
                                            f"and dates; not in the file, which the page budget may have cut: "
                                            f"{', '.join(cut)}")
    if len(counts) == 1 and counts[0].startswith("1 "):
        return CheckResult("entries", True, f"the {counts[0][2:]} entry found, with its title, organisation and dates")
    return CheckResult("entries", True, f"all {' and '.join(counts)} entries found in order, with their "
                                        "titles, organisations and dates")


# ----------------------------------------------------------------------------- text quality

_GARBLE = (
    (re.compile("\ufffd"), "replacement characters (U+FFFD): text the file could not encode"),
    (re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]"),
     "private-use characters: icon-font glyphs or symbols with no real Unicode meaning"),
    (re.compile(r"(?<=\w)\u00ad(?=\w)"), "soft hyphens inside words: a search for the word will not find it"),
    (re.compile("[\ufb00-\ufb06]"),
     "ligature glyphs where letters should be: a search for 'fi' words will not find them"),
    (re.compile(r"\(cid:\d+\)"), "glyphs with no Unicode mapping, which come out as '(cid:N)'"),
    (re.compile(r"(?<!\S)[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"),
     "combining accents cut off from their letters: the font's glyphs map back to the wrong characters"),
)


def _example(text: str, start: int, end: int) -> str:
    left = re.search(r"\S*$", text[:start]).group(0)
    right = re.match(r"\S*", text[end:]).group(0)
    sample = (left + text[start:end] + right)[:40]
    codes = ", ".join(f"U+{ord(ch):04X}" for ch in dict.fromkeys(text[start:end]) if not ch.isascii())
    return f"{sample!r}" + (f" ({codes})" if codes else "")


def check_garbled(ex: Extracted, doc: Document | None) -> CheckResult:
    text = ex.all_text()
    problems = []
    for pattern, meaning in _GARBLE:
        matches = list(pattern.finditer(text))
        if matches:
            examples = list(dict.fromkeys(_example(text, m.start(), m.end()) for m in matches))
            if len(matches) == 1:  # "1 soft hyphen inside words", not "1 soft hyphens"
                meaning = re.sub(r"\b(characters|hyphens|glyphs)\b", lambda m: m.group(1)[:-1], meaning, count=1)
            problems.append(f"{len(matches)} {meaning}, e.g. {', '.join(examples[:3])}")
    if problems:
        return CheckResult("clean-text", False, "; ".join(problems))
    return CheckResult("clean-text", True, "no garbled characters (no U+FFFD, private-use characters, "
                                           "soft hyphens in words or ligature glyphs)")


# ----------------------------------------------------------------------------- structure


#: Unicode blocks of the Indic scripts (Unicode 15, chapter 12): shaping reorders their vowel
#: signs and joins letters into conjuncts, which a PDF's per-glyph ToUnicode map cannot hold.
_INDIC_SCRIPTS = (("Devanagari", 0x0900, 0x097F), ("Bengali", 0x0980, 0x09FF), ("Gurmukhi", 0x0A00, 0x0A7F),
                  ("Gujarati", 0x0A80, 0x0AFF), ("Oriya", 0x0B00, 0x0B7F), ("Tamil", 0x0B80, 0x0BFF),
                  ("Telugu", 0x0C00, 0x0C7F), ("Kannada", 0x0C80, 0x0CFF), ("Malayalam", 0x0D00, 0x0D7F),
                  ("Sinhala", 0x0D80, 0x0DFF))


def _indic_script(word: str) -> str | None:
    for char in word:
        for name, first, last in _INDIC_SCRIPTS:
            if first <= ord(char) <= last:
                return name
    return None


def _complex_script_loss(ex: Extracted, doc: Any) -> CheckResult | None:
    """A failing ``text-layer`` result when the PDF's text layer does not hold the Indic
    words the document wrote, else None.

    WeasyPrint alone writes one ToUnicode entry per glyph, fixed by the glyph's first use, which
    loses vowel signs drawn before their consonant (Devanagari ि) and misreads glyphs first met
    in conjuncts ("शिक्षा" read "शक्षा"); render/cluster_text.py makes that exact, but a PDF
    from elsewhere or a font without TrueType outlines can still lose words. Every PDF reader and so
    every ATS reads that text, so ``check`` says it here, once, instead of as missing headings.
    """
    if ex.kind != PDF or doc is None or not hasattr(doc, "text_blocks"):
        return None
    words: dict[str, str] = {}
    for block in doc.text_blocks():
        for word in block.split():
            word = word.strip(".,;:!?()[]{}\"'।॥·")
            script = _indic_script(word)
            if script:
                words.setdefault(word, script)
    if not words:
        return None
    text = normalise(ex.all_text())
    lost = [word for word in words if normalise(word) not in text]
    if not lost:
        return None
    scripts = " and ".join(dict.fromkeys(words[word] for word in lost))
    examples = ", ".join(repr(word) for word in lost[:4])
    return CheckResult("text-layer", False, f"{len(lost)} of {len(words)} {scripts} words are not in the PDF's text "
                       f"layer as written (e.g. {examples}): its glyphs map to other text (vowel signs drawn "
                       "before or over their letter, letters joined in conjuncts), and an ATS reads the same; "
                       "send the DOCX, whose text is exact")


def check_text_layer(ex: Extracted, doc: Document | None) -> CheckResult:
    lost = _complex_script_loss(ex, doc)
    if lost is not None:
        return lost
    if ex.kind == DOCX:
        if ex.body:
            return CheckResult("text-layer", True, f"the document body has {_plural(len(ex.body), 'line')} of text")
        return CheckResult("text-layer", False, "the document body has no text paragraphs"
                                                + (" (its text is in tables or text boxes)"
                                                   if ex.tables or ex.text_boxes else ""))
    if not ex.pages_without_text:
        return CheckResult("text-layer", True, "the page has selectable text" if ex.pages == 1
                           else f"all {ex.pages} pages have selectable text")
    pages = ", ".join(str(p) for p in ex.pages_without_text)
    return CheckResult("text-layer", False, (f"page {pages} of {ex.pages} has" if len(ex.pages_without_text) == 1
                                             else f"pages {pages} of {ex.pages} have") + " no selectable text "
                                            "(scanned or drawn as pictures); an ATS reads nothing there")


def check_fonts(ex: Extracted, doc: Document | None) -> CheckResult:
    if not ex.fonts:
        return CheckResult("fonts-embedded", True, "the PDF uses no fonts")
    missing = sorted({f.name for f in ex.fonts if not f.embedded})
    if missing:
        return CheckResult("fonts-embedded", False, f"not embedded: {', '.join(missing)}; the reader's "
                                                    "substitutes may map or space the text differently")
    return CheckResult("fonts-embedded", True, "the font is embedded" if len(ex.fonts) == 1
                       else f"all {len(ex.fonts)} fonts are embedded")


def check_tagged(ex: Extracted, doc: Document | None) -> CheckResult:
    if ex.tagged:
        return CheckResult("tagged", True, "tagged PDF: it has a structure tree that gives the reading order")
    return CheckResult("tagged", False, f"not a tagged PDF: {ex.tag_problem}; the reading order must then be "
                                        "guessed from positions")


def check_layout(ex: Extracted, doc: Document | None) -> CheckResult:
    problems = []
    if ex.table_count:
        problems.append(f"{_plural(ex.table_count, 'table')} hold{'s' if ex.table_count == 1 else ''} content "
                        f"({_quote_list(ex.tables, 3)})")
    if ex.text_box_count:
        problems.append(f"{_plural(ex.text_box_count, 'text box', 'text boxes')} "
                        f"hold{'s' if ex.text_box_count == 1 else ''} content ({_quote_list(ex.text_boxes, 3)})")
    if problems:
        return CheckResult("layout", False, "; ".join(problems) + "; many ATS skip text boxes and read tables "
                                                                  "cell by cell, out of order: use plain paragraphs")
    return CheckResult("layout", True, "all content is in plain body paragraphs (no tables or text boxes)")


def check_size(ex: Extracted, doc: Document | None) -> CheckResult:
    """The file's size in KiB, as the report's heading gives it (checking/report.py), against
    the "2 MB" (2,000,000 bytes: 1,953 KiB) upload limit many ATS have; it said "0.10 MB" or
    "43 kB" under a heading of "100 KiB" (newcomer trial)."""
    shown = file_size(ex.size)
    limit = f"2 MB ({MAX_BYTES // 1024:,} KiB)"
    if ex.size < MAX_BYTES:
        return CheckResult("file-size", True, f"{shown}, under the {limit} upload limit many ATS have")
    return CheckResult("file-size", False, f"{shown}, over the {limit} upload limit many ATS have")


def all_checks(ex: Extracted, doc: Document | None, may_be_cut: frozenset[str] = frozenset()) -> list[CheckResult]:
    """Every check of a résumé, in the order ``check`` prints them. ``may_be_cut``: section
    keys a page budget may have cut from the file (see :func:`check_headings`)."""
    import functools

    if not may_be_cut:
        return run_checks(ex, doc, (check_headings,), check_entries)
    return run_checks(ex, doc, (functools.partial(check_headings, may_be_cut=may_be_cut),),
                      functools.partial(check_entries, may_be_cut=may_be_cut))


def run_checks(ex: Extracted, doc: Any | None, own: tuple[Callable[[Extracted, Any], CheckResult], ...],
               against_document: Callable[[Extracted, Any], CheckResult]) -> list[CheckResult]:
    """The checks every document gets (text layer, name, contacts, links), then ``own``, then
    ``against_document`` when there is a document to compare with, then garbled text, fonts
    or layout, and size: the one order ``check`` prints for a résumé and a letter alike."""
    checks = (check_text_layer, check_name, check_email, check_phone, check_links, *own)
    results = [check(ex, doc) for check in checks]
    if doc is not None:
        results.append(against_document(ex, doc))
    results.append(check_garbled(ex, doc))
    if ex.kind == PDF:
        results += [check_fonts(ex, doc), check_tagged(ex, doc)]
    else:
        results.append(check_layout(ex, doc))
    results.append(check_size(ex, doc))
    return results



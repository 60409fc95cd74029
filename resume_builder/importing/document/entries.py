"""The entries of a section: jobs (with roles), degrees, projects, skills, custom items.

Every value is a :class:`Value` that remembers the line it came from and whether the
importer is sure of it (a recognised date, a line in a place only one field can take) or
guessed it (which of two lines is the position and which the company). Rules:

- Experience, volunteering, education: an entry's *head* is its run of short lines that are
  not bullets; each head holds one date range, so dates split runs into entries (dates last:
  ``Position / Company / Mar 2019 – Present``; or dates first, on the title's row or
  above it). What shares the date's line (after ``·``, ``|`` or a comma) is the location;
  after the dates, a link is the entry's url and a plain place name (``Madrid``, with no
  comma) the location, as the built-in themes set ``dates · location · url``.
  Of the other head lines, the one with words of a job title is the position and the
  other the company (``Engineer at Acme`` and ``Engineer, Acme`` are split); a head of one
  line followed by indented (or nested-in-time) heads is a company with several roles.
- Projects and custom sections: an entry starts at each line that looks like the
  section's first line (same style, size, weight).
- Bullets become highlights (deeper bullets their details); other text the summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from resume_builder.importing.document.brackets import split_outside, trim
from resume_builder.importing.document.dates import DateRange, find_range
from resume_builder.importing.document.lines import Line


def label_partition(text: str) -> tuple[str, str, str]:
    """``text.partition(":")`` at the first colon, a full-width one (``使用技術：Go``, as
    Japanese and Chinese documents write a label) counted too; the label keeps no space before
    its colon (``Technologies : Go`` in French)."""
    cut = min((i for i in (text.find(":"), text.find("\uff1a")) if i >= 0), default=-1)
    if cut < 0:
        return text, "", ""
    return text[:cut], text[cut], text[cut + 1:]

_JOB_WORDS = re.compile(
    r"\b(?:engineer|developer|manager|consultant|analyst|designer|director|lead|head|intern|officer|"
    r"specialist|architect|scientist|administrator|assistant|associate|coordinator|teacher|nurse|"
    r"accountant|programmer|technician|founder|co-founder|owner|president|vp|cto|ceo|cfo|coo|researcher|"
    r"editor|writer|advisor|adviser|supervisor|representative|executive|trainee|apprentice|"
    r"partner|principal|senior|junior|staff|chief|agent|clerk|operator|professor|lecturer|tutor|"
    r"volunteer|mentor|chair|member|owner|freelancer?|contractor|"
    r"ingenieur(?:in)?|entwickler(?:in)?|leiter(?:in)?|berater(?:in)?|werkstudent(?:in)?|"
    r"praktikant(?:in)?|referent(?:in)?|sachbearbeiter(?:in)?|geschäftsführer(?:in)?|"
    r"projektleiter(?:in)?|architekt(?:in)?|softwareentwickler(?:in)?|\w+entwickler(?:in)?|\w+ingenieur(?:in)?|"
    r"\w+leiter(?:in)?|\w+berater(?:in)?)\b", re.IGNORECASE)
_COMPANY_WORDS = re.compile(
    r"\b(?:inc|ltd|llc|gmbh|ag|plc|corp|corporation|company|co|group|sa|sas|srl|bv|nv|kg|se|"
    r"limited|holdings|technologies|solutions|systems|labs|studio|agency|bank|university|"
    r"hospital|council|foundation|institute|school|college)\b\.?", re.IGNORECASE)
_DEGREE_WORDS = re.compile(
    r"(?:\b(?:b\.?\s?sc|m\.?\s?sc|b\.?\s?a|m\.?\s?a|b\.?\s?eng|m\.?\s?eng|b\.?\s?tech|m\.?\s?tech|mba|ph\.?\s?d|"
    r"bachelor|master|doctor|diploma|diplom|abitur|licence|licenciatura|laurea|certificate|"
    r"associate|a-levels?|gcse|hnd|bsc|msc|beng|meng|btech|mtech|ba|ma|bs|ms|dr|grado|máster|licenciado|"
    r"diplôme|dipl\.|magister|licencjat|inżynier|bakalavr|specialist|mestrado|doutorado|dottorato)\b\.?)",
    re.IGNORECASE)
#: A degree's name where it starts a line ("Master of Science Informatik", "MSc Computer Science").
_DEGREE_PHRASE = re.compile(
    r"^((?:bachelor|master|doctor)(?:'s)?(?:\s+of\s+(?:science|arts|engineering|business administration|laws|"
    r"education|fine arts|philosophy|technology))?|ph\.?\s?d\.?|[bm]\.?\s?(?:sc|a|eng|tech|s)\.?|mba|"
    r"btech|mtech|bsc|msc|beng|meng)[\s,]+(?!in\b|of\b)(\S.*)$", re.IGNORECASE)
_INSTITUTION_WORDS = re.compile(
    r"\b(?:university|universität|universidad|université|università|universiteit|uniwersytet|college|"
    r"institute|institut|school|schule|gymnasium|hochschule|academy|akademie|polytechnic|escuela|école|"
    r"ecole|politecnico|conservatory)\b", re.IGNORECASE)
_PLACE = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w .'-]+(?:,\s*[A-ZÀ-ÖØ-Þ][\w .'-]+)+$|^(?:remote|hybrid)$", re.IGNORECASE)
_SPLIT_DATE_REST = re.compile(r"\s*(?:[·•|◦▪]|\s{2,}|\t|^\s*[,–—-]\s*|\s[–—-]\s)\s*")
_TITLE_SPLIT = re.compile(r"\s+(?:at|@|bei|chez|en|presso|w)\s+|\s*[|·•]\s*|\s+[–—-]\s+|,\s+")


@dataclass
class Value:
    text: str
    line: int
    sure: bool = True
    why: str = ""


@dataclass
class Highlight:
    text: Value
    details: list[Value] = field(default_factory=list)


@dataclass
class Entry:
    fields: dict[str, Value] = field(default_factory=dict)
    highlights: list[Highlight] = field(default_factory=list)
    summary: list[Value] = field(default_factory=list)
    keywords: list[Value] = field(default_factory=list)
    roles: list["Entry"] = field(default_factory=list)
    level: int = 0
    dates: DateRange | None = None
    head_lines: list[Line] = field(default_factory=list)


def _is_head(line: Line, body_size: float) -> bool:
    if line.bullet:
        return False
    label, colon, _ = label_partition(line.text)
    if colon and label.strip().casefold() in _TECH_LABELS():
        return False  # "Technologies: Go, Kafka": the keywords of the entry above (a company over its roles too)
    if len(line.segments) > 1 or line.heading_level >= 2:
        return True
    text = line.text
    if len(text) > 110:
        return False
    if text.endswith((".", ";")) and len(text.split()) > 6:
        return False
    return True


def _pieces_of_date_line(line: Line, found: DateRange) -> list[str]:
    """What is on a date's line besides the dates, split at separators."""
    before, after = _date_line_sides(line, found)
    return before + after


def _date_line_sides(line: Line, found: DateRange) -> tuple[list[str], list[str]]:
    """The pieces of a date's line before the dates and after them, split at separators."""
    if len(line.segments) > 1:
        sides: tuple[list[str], list[str]] = ([], [])
        side = 0
        for segment in line.segments:
            inner = find_range(segment)
            if inner is not None and inner.text == found.text and not side:
                sides[0].extend(_split_rest(segment[:inner.span[0]] + " · ", strip=" "))
                sides[1].extend(_split_rest(" · " + segment[inner.span[1]:], strip=" "))
                side = 1
            elif _meaningful(segment):
                sides[side].append(segment.strip())
        return sides
    return (_split_rest(line.text[:found.span[0]] + " · ", strip=","),
            _split_rest(" · " + line.text[found.span[1]:], strip=","))


def _split_rest(text: str, *, strip: str) -> list[str]:
    return [trim(part, strip) for part in _SPLIT_DATE_REST.split(text) if _meaningful(part)]


#: A link as a theme prints it beside the dates: ``example.com/path`` (or with its scheme).
_LINK = re.compile(r"^(?:https?://\S+|(?:www\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:[/?#]\S*)?)$")
#: Small words inside a place's name: "Frankfurt am Main", "San Sebastián de los Reyes".
_PLACE_JOINERS = {"am", "an", "upon", "on", "sur", "de", "del", "la", "las", "los", "el", "di", "da", "do",
                  "dos", "das", "y", "en", "le", "les", "im", "ob", "der", "von"}


def _plain_place(text: str) -> bool:
    """A place's name without a comma: one to four capitalised words (``Madrid``, ``New
    York``, ``Frankfurt am Main``), no job, company, degree or school words."""
    words = re.split(r"[ -]", text)
    if not 1 <= len(words) <= 4 or len(text) > 40:
        return False
    for n, word in enumerate(words):
        if n and word in _PLACE_JOINERS:
            continue
        letters = word.replace("'", "").replace(".", "")
        if not (letters.isalpha() and word[0].isupper() and any(ch.islower() for ch in word)):
            return False
    return (_jobness(text) <= 0 and not _COMPANY_WORDS.search(text) and not _DEGREE_WORDS.search(text)
            and not _INSTITUTION_WORDS.search(text))


def _place_after_dates(entry: "Entry", texts: list[tuple[str, int, bool]], after: set[int], kind: str) -> None:
    """The location from a plain place name after the dates (``Jan 2019 – present · Madrid``),
    when the entry keeps its names without it: two other lines (position and company), or
    one that is no job title (a company over its roles; not in education, where a school's
    short name may follow the dates)."""
    for index in sorted(after):
        text, number, _ = texts[index]
        others = [other for i, (other, _, _) in enumerate(texts) if i != index]
        if not _plain_place(text):
            continue
        if len(others) >= 2 or (kind != "education" and len(others) == 1 and _jobness(others[0]) <= 0):
            entry.fields["location"] = Value(text, number, False, "a place after the dates")
            texts.pop(index)
            return


def _meaningful(part: str) -> bool:
    return sum(ch.isalnum() for ch in part) >= 2


def group_heads(lines: list[Line], body_size: float) -> tuple[list[tuple[list[Line], list[Line]]], list[Line]]:
    """(head lines, body lines) per entry, and lines before any entry."""
    entries: list[tuple[list[Line], list[Line]]] = []
    before: list[Line] = []
    runs: list[tuple[bool, list[Line]]] = []
    for line in lines:
        head = _is_head(line, body_size)
        if runs and runs[-1][0] == head:
            runs[-1][1].append(line)
        else:
            runs.append((head, [line]))
    for head, whole in runs:
        if not head:
            if entries:
                entries[-1][1].extend(whole)
            else:
                before.extend(whole)
            continue
        for run in _by_heading(whole):
            _cut_at_dates(run, entries)
    return entries, before


def _by_heading(run: list[Line]) -> list[list[Line]]:
    """A run of head lines cut before each DOCX heading of a higher rank than the heading
    above it: a role's "Intern<tab>Jun 2015 – Dec 2015" (Heading 3) and the next company's
    "Junior Developer" (Heading 2) start two entries, whatever order their dates come in."""
    out: list[list[Line]] = [[]]
    rank = 0
    for line in run:
        if out[-1] and line.heading_level and rank and line.heading_level < rank:
            out.append([])
        out[-1].append(line)
        rank = line.heading_level or rank
    return out


def _cut_at_dates(run: list[Line], entries: list[tuple[list[Line], list[Line]]]) -> None:
    """Add the entries of one run of head lines to ``entries``, cut at its date lines."""
    dated = [i for i, line in enumerate(run) if find_range(line.text)]
    if not dated:
        if entries and not entries[-1][1] and len(run) <= 2:
            entries[-1][0].extend(run)  # e.g. a location line under the dates
        else:
            entries.append((list(run), []))
        return
    if dated[0] == 0:
        cuts = dated  # dates first (above the title, or on its row): each date line opens an entry
    else:
        # dates last: an entry runs from after the previous date line through its own
        cuts = [0] + [i + 1 for i in dated[:-1]]
    for n, start in enumerate(cuts):  # lines after the last date stay with the last entry
        end = cuts[n + 1] if n + 1 < len(cuts) else len(run)
        group = run[start:end]
        if group:
            entries.append((group, []))


#: Labels of a labelled entry (Europass and similar forms): label (case folded) → field.
_LABELS = {
    "position": ["position", "occupation or position held", "occupation", "job title", "title", "role",
                 "position held", "beruf", "funktion", "position/funktion", "poste", "puesto", "ruolo", "cargo"],
    "company": ["employer", "name of employer", "name and address of employer", "company", "organisation",
                "organization", "arbeitgeber", "name und adresse des arbeitgebers", "firma", "unternehmen",
                "employeur", "empresa", "datore di lavoro"],
    "dates": ["dates", "date", "period", "from - to", "from – to", "zeitraum", "période", "periodo", "fechas"],
    "location": ["location", "place", "city", "ort", "lieu", "ciudad", "luogo"],
    "institution": ["name and type of organisation providing education and training", "institution", "school",
                    "university", "name of organisation providing education", "bildungseinrichtung",
                    "établissement", "centro"],
    "degree": ["title of qualification awarded", "qualification", "degree", "abschluss", "diplôme", "título",
               "bezeichnung der erworbenen qualifikation"],
    "summary": ["main activities and responsibilities", "responsibilities", "tätigkeiten", "hauptaufgaben",
                "principales activités", "description"],
}
_LABEL_FIELD = {label: name for name, labels in _LABELS.items() for label in labels}


def _labelled(line: Line) -> tuple[str, str] | None:
    """(field, value) for a line that names its field: a label cell, or ``Label: value``."""
    if len(line.segments) == 2:
        label, value = line.segments
    else:
        label, colon, value = label_partition(line.text)
        if not colon:
            return None
    key = " ".join(label.strip().rstrip(":\uff1a").split()).casefold()
    name = _LABEL_FIELD.get(key)
    if name is None and len(key.split()) >= 3:  # a long label cut where its cell wrapped (or broke a page)
        name = next((field for known, field in _LABEL_FIELD.items() if known.startswith(key + " ")), None)
    return (name, value.strip()) if name and value.strip() else None


def _jobness(text: str) -> int:
    return len(_JOB_WORDS.findall(text)) - len(_COMPANY_WORDS.findall(text))


def _head_entry(head: list[Line], body: list[Line], kind: str) -> tuple[Entry, list[Value]]:
    """An entry from its head and body lines; values it could not place come back too."""
    entry = Entry(head_lines=head, level=min(line.level for line in head))
    texts: list[tuple[str, int, bool]] = []  # (text, line number, on the date line)
    after_dates: set[int] = set()  # indexes in texts of what followed the dates on their line
    for line in head:
        labelled = _labelled(line)
        if labelled is not None:  # "Employer | Ebro Finance" (a Europass table), "Position: Accountant"
            field_name, value = labelled
            if field_name == "dates":
                found = find_range(value)
                if found is not None and entry.dates is None:
                    entry.dates = found
                    entry.fields["start"] = Value(found.start or "", line.number, True, "dates parsed")
                    if found.end:
                        entry.fields["end"] = Value(found.end, line.number, True, "dates parsed")
                    continue
            elif field_name == "summary":
                body = [Line(line.number, value, [value], line.size, zone=line.zone), *body]
                continue
            else:
                name = {"company": "organization" if kind == "volunteering" else "company"}.get(field_name, field_name)
                if name not in entry.fields:
                    entry.fields[name] = Value(value, line.number, True, "labelled")
                    continue
        found = find_range(line.text)
        if found is not None and entry.dates is None:
            entry.dates = found
            entry.fields["start"] = Value(found.start or "", line.number, True, "dates parsed")
            if found.end:
                entry.fields["end"] = Value(found.end, line.number, True, "dates parsed")
            before, after = _date_line_sides(line, found)
            for piece in before:
                texts.append((piece, line.number, len(line.segments) == 1))
            for piece in after:
                if "url" not in entry.fields and _LINK.match(piece):
                    url = piece if piece.startswith("http") else f"https://{piece}"
                    entry.fields["url"] = Value(url, line.number, True, "a link beside the dates")
                    continue
                after_dates.add(len(texts))
                texts.append((piece, line.number, len(line.segments) == 1))
        else:
            for segment in line.segments or [line.text]:
                texts.append((segment.strip(), line.number, False))
    leftovers: list[Value] = []
    # The location: a place-like piece on the date line (or any head line).
    for index, (text, number, on_date_line) in enumerate(texts):
        if ("location" not in entry.fields and (on_date_line or len(texts) > 2)
                and _PLACE.match(text) and _jobness(text) <= 0 and not _DEGREE_WORDS.search(text)
                and not _INSTITUTION_WORDS.search(text) and not _COMPANY_WORDS.search(text)
                and len(text) <= 50):
            entry.fields["location"] = Value(text, number, on_date_line, "beside the dates" if on_date_line
                                             else "looks like a place")
            texts.pop(index)
            break
    if "location" not in entry.fields:
        _place_after_dates(entry, texts, after_dates, kind)
    if kind == "education":
        _education_fields(entry, texts, leftovers)
    else:
        _job_fields(entry, texts, leftovers, kind)
    _body(entry, body)
    return entry, leftovers


def _job_fields(entry: Entry, texts: list[tuple[str, int, bool]], leftovers: list[Value], kind: str) -> None:
    company_key = "organization" if kind == "volunteering" else "company"
    known = [key for key in ("position", company_key) if key in entry.fields]  # given by labels
    if known:
        missing = [key for key in ("position", company_key) if key not in entry.fields]
        for index, (text, number, _) in enumerate(texts):
            if missing and index == 0:
                entry.fields[missing[0]] = Value(text, number, False, "the other line of the entry")
            else:
                leftovers.append(Value(text, number, False))
        return
    if len(texts) == 1:
        text, number, _ = texts[0]
        parts = [part for part in _TITLE_SPLIT.split(text) if part.strip()]
        if len(parts) >= 2:
            texts = [(part.strip(), number, False) for part in parts]
    if len(texts) == 1:
        text, number, _ = texts[0]
        key = "position" if _jobness(text) > 0 else company_key
        entry.fields[key] = Value(text, number, False, "the only line of the entry")
        return
    if not texts:
        return
    (first, n1, _), (second, n2, _) = texts[0], texts[1]
    j1, j2 = _jobness(first), _jobness(second)
    if j1 == j2:
        position, company, sure = (first, n1), (second, n2), False
        entry.fields["_tie"] = Value("", n1, False)
    elif j1 > j2:
        position, company, sure = (first, n1), (second, n2), True
    else:
        position, company, sure = (second, n2), (first, n1), True
    entry.fields["position"] = Value(position[0], position[1], sure, "job title words")
    entry.fields[company_key] = Value(company[0], company[1], sure, "beside the job title")
    for text, number, on_date_line in texts[2:]:
        if "location" not in entry.fields and _PLACE.match(text):
            entry.fields["location"] = Value(text, number, False, "looks like a place")
        else:
            leftovers.append(Value(text, number, False))


def _education_fields(entry: Entry, texts: list[tuple[str, int, bool]], leftovers: list[Value]) -> None:
    rest = []
    split: list[tuple[str, int, bool]] = []
    for text, number, on_date_line in texts:
        # "BS in Electrical Engineering, University of California, Davis": the degree, then the school.
        # "Anna University — Bachelor of Engineering, Information Technology": the school, then the degree.
        pieces = re.split(r"([,،]\s+|\s+[–—|]\s+)", text)
        parts, seps = pieces[0::2], pieces[1::2]

        def joined(start: int, end: int) -> str:
            out = parts[start]
            for i in range(start + 1, end):
                out += seps[i - 1] + parts[i]
            return out

        cut = next((i for i, part in enumerate(parts) if _INSTITUTION_WORDS.search(part)), None)
        degree_at = next((i for i, part in enumerate(parts) if _DEGREE_WORDS.search(part)), None)
        if cut is not None and degree_at is not None and cut != degree_at:
            if degree_at < cut:
                split += [(joined(0, cut), number, on_date_line), (joined(cut, len(parts)), number, on_date_line)]
            else:
                split += [(joined(0, degree_at), number, on_date_line),
                          (joined(degree_at, len(parts)), number, on_date_line)]
        else:
            split.append((text, number, on_date_line))
    for text, number, on_date_line in split:
        if "institution" not in entry.fields and _INSTITUTION_WORDS.search(text):
            entry.fields["institution"] = Value(text, number, True, "names a school")
        elif "degree" not in entry.fields and _DEGREE_WORDS.search(text):
            degree, area = _degree_and_area(text)
            entry.fields["degree"] = Value(degree, number, True, "names a degree")
            if area:
                entry.fields["area"] = Value(area, number, False, "after the degree")
        else:
            rest.append((text, number))
    for text, number in rest:
        if "degree" not in entry.fields:
            degree, area = _degree_and_area(text)
            entry.fields["degree"] = Value(degree, number, False, "first line of the entry")
            if area:
                entry.fields["area"] = Value(area, number, False, "after the degree")
        elif "institution" not in entry.fields:
            entry.fields["institution"] = Value(text, number, False, "second line of the entry")
        else:
            leftovers.append(Value(text, number, False))


def _degree_and_area(text: str) -> tuple[str, str | None]:
    phrase = _DEGREE_PHRASE.match(text)
    if phrase and "," not in phrase.group(1):
        degree, rest = phrase.group(1), phrase.group(2)
        if not re.match(r"^(?:in|of|en|im)\b", rest, re.IGNORECASE):
            return degree.strip(), rest.strip(" ,")
    match = re.match(r"^(.+?)(?:[,،]\s+|\s+(?:in|en|em|im Fach)\s+|\s+of\s+(?=[A-Z])|\s+[–—-]\s+)(.+)$", text)
    if match and _DEGREE_WORDS.search(match.group(1)):
        return match.group(1).strip(), match.group(2).strip()
    return text, None


def _body(entry: Entry, body: list[Line]) -> None:
    from resume_builder.importing.document.sections import heading_group

    top_level: int | None = None
    for line in body:
        if line.bullet:
            if top_level is None:
                top_level = line.level
            if line.level > top_level and entry.highlights:
                entry.highlights[-1].details.append(Value(line.text, line.number))
                continue
            inline = [part.strip() for part in re.split(r"\s·\s", line.text)]  # " · ", or after a no-break space
            if len(inline) >= 3 and all(inline):
                # Short bullets run together on one line (a compact layout): one highlight each.
                entry.highlights.extend(Highlight(Value(part, line.number, False, "split at ' · '"))
                                        for part in inline)
                continue
            head, colon, tail = line.text.partition(": ")
            subpoints = [part.strip() for part in tail.split("; ")] if colon else []
            if len(subpoints) >= 2 and all(subpoints) and len(head) < len(line.text) // 2 + 40:
                # Sub-points run in after a colon: "…includes: a; b; c".
                entry.highlights.append(Highlight(Value(head + ":", line.number, False, "sub-points after ':'"),
                                                  [Value(part, line.number, False) for part in subpoints]))
                continue
            entry.highlights.append(Highlight(Value(line.text, line.number)))
            continue
        label, _, rest = label_partition(line.text)
        if rest.strip() and heading_group(label) == "skills" or label.strip().casefold() in _TECH_LABELS():
            entry.keywords.extend(Value(word.strip(), line.number) for word in split_outside(r",\s*|\s·\s|、", rest)
                                  if word.strip())
            continue
        entry.summary.append(Value(line.text, line.number, True, "text of the entry"))


_TECH_CACHE: set[str] = set()


def _TECH_LABELS() -> set[str]:  # noqa: N802 - a cached constant
    if not _TECH_CACHE:
        from resume_builder.i18n import _translation, built_in_languages

        _TECH_CACHE.update({"technologies", "tech stack", "tools", "stack"})
        for language in built_in_languages():
            word = (_translation(language) or {}).get("technologies")
            if word:
                _TECH_CACHE.add(word.casefold())
    return _TECH_CACHE


def dated_entries(lines: list[Line], kind: str, body_size: float) -> tuple[list[Entry], list[Value], list[Line]]:
    """Entries of an experience, volunteering or education section (see the module docstring)."""
    groups, before = group_heads(lines, body_size)
    entries: list[Entry] = []
    leftovers: list[Value] = []
    for head, body in groups:
        entry, rest = _head_entry(head, body, kind)
        leftovers.extend(rest)
        entries.append(entry)
    if kind != "education":
        _settle_ties(entries, "organization" if kind == "volunteering" else "company")
        entries = _nest_roles(entries, kind)
    for entry in entries:
        entry.fields.pop("_tie", None)
    return entries, leftovers, before


def _settle_ties(entries: list[Entry], company_key: str) -> None:
    """Where job-title words could not tell position from company, follow the order the
    section's other entries use (company first, or position first)."""
    company_first = position_first = 0
    for entry in entries:
        position, company = entry.fields.get("position"), entry.fields.get(company_key)
        if "_tie" in entry.fields or position is None or company is None or not position.sure:
            continue
        order = (position.line, _offset(entry, position)) < (company.line, _offset(entry, company))
        position_first += order
        company_first += not order
    if company_first > position_first:
        for entry in entries:
            if "_tie" in entry.fields and "position" in entry.fields and company_key in entry.fields:
                entry.fields["position"], entry.fields[company_key] = entry.fields[company_key], entry.fields["position"]


def _offset(entry: Entry, value: Value) -> int:
    for line in entry.head_lines:
        if line.number == value.line:
            return line.text.find(value.text)
    return 0


def _within(inner: DateRange | None, outer: DateRange | None) -> bool:
    if inner is None or outer is None or not inner.start or not outer.start:
        return False
    end_inner = "9999" if inner.end in (None, "present") else inner.end
    end_outer = "9999" if outer.end in (None, "present") else outer.end
    return outer.start[:7] <= inner.start[:7] and end_inner[:7] <= end_outer[:7]


def _nest_roles(entries: list[Entry], kind: str) -> list[Entry]:
    """A one-line entry followed by indented (or within-its-dates) entries: a company with roles."""
    company_key = "organization" if kind == "volunteering" else "company"
    out: list[Entry] = []
    index = 0
    while index < len(entries):
        entry = entries[index]
        names = [key for key in ("position", company_key) if key in entry.fields]
        following = []
        if len(names) == 1 and not entry.highlights:
            j = index + 1
            while j < len(entries):
                candidate = entries[j]
                deeper = candidate.level > entry.level or any(line.heading_level > max(
                    (h.heading_level for h in entry.head_lines), default=0) and max(
                    (h.heading_level for h in entry.head_lines), default=0) > 0 for line in candidate.head_lines)
                if candidate.fields.keys() & {company_key} and not deeper:
                    break
                if not (deeper or _within(candidate.dates, entry.dates)):
                    break
                following.append(candidate)
                j += 1
        if following:
            value = entry.fields.pop(names[0])
            entry.fields[company_key] = Value(value.text, value.line, True, "a heading over several roles")
            for role in following:
                if "position" not in role.fields and company_key in role.fields:
                    role.fields["position"] = role.fields.pop(company_key)
                other = role.fields.pop(company_key, None)
                if other is not None and "location" not in role.fields and _plain_place(other.text) \
                        and "start" in role.fields and other.line == role.fields["start"].line:
                    # "Jan 2019 – Mar 2021 · Porto" under its company: the role's own place
                    role.fields["location"] = Value(other.text, other.line, False, "a place after the dates")
                if "position" in role.fields and len(role.head_lines) <= 2:
                    value = role.fields["position"]
                    role.fields["position"] = Value(value.text, value.line, True, "a role under its company")
            entry.roles = following
            out.append(entry)
            index += len(following) + 1
            continue
        out.append(entry)
        index += 1
    return out


def titled_entries(lines: list[Line]) -> tuple[list[Entry], list[Line]]:
    """Entries that start at each line looking like the section's first line (projects, custom)."""
    if not lines:
        return [], []
    first = next((line for line in lines if not line.bullet), None)
    if first is None:
        return [], lines
    look = first.look
    run_in = bool(first.lead)
    entries: list[Entry] = []
    before: list[Line] = []
    body: list[Line] = []
    for line in lines:
        if run_in:
            # a run-in "Technologies: ..." (compact's) belongs to the entry above it
            label, colon, _ = label_partition(line.text)
            starts = not line.bullet and (bool(line.lead) or line.bold and len(line.text) <= 100) \
                and not (colon and label.strip().casefold() in _TECH_LABELS())
        else:
            starts = not line.bullet and line.look == look and len(line.text) <= 100 and \
                not line.text.rstrip().endswith((".", ":"))
        dated_link = None if starts or not entries or body else _dates_and_link(line)
        if starts:
            if entries:
                _body(entries[-1], body)
            body = []
            found = find_range(line.text)
            entry = Entry(head_lines=[line], level=line.level)
            title = line.text
            if found is not None and len(line.segments) > 1:
                rest = [s for s in _pieces_of_date_line(line, found)]
                title = rest[0] if rest else title
                entry.dates = found
            if run_in and line.lead:
                title = line.lead.rstrip(" –—-:|·,")
                rest = line.text[len(line.lead):].strip() if line.text.startswith(line.lead) else ""
                rest = re.sub(r"^[\s–—:|·,-]+", "", rest)
                if rest:
                    body.append(Line(line.number, rest, [rest], line.size, zone=line.zone, page=line.page))
            entry.fields["title"] = Value(title, line.number, True, "styled as the section's entry titles")
            entries.append(entry)
        elif dated_link is not None and entries[-1].dates is None and "url" not in entries[-1].fields:
            found, link = dated_link  # "2021 · github.com/x/y" under the title: its dates and link
            entries[-1].dates = found
            if link:
                entries[-1].fields["url"] = Value(link, line.number, True, "a link beside the dates")
        elif entries:
            body.append(line)
        else:
            before.append(line)
    if entries:
        _body(entries[-1], body)
    return entries, before


def _dates_and_link(line: Line) -> tuple[DateRange | None, str | None] | None:
    """(dates, url) of a line that holds nothing else: ``2021 · github.com/x/y``, ``Oct 2023``,
    ``example.com/x`` (as the themes set them under a project's title); None for any other."""
    if line.bullet:
        return None
    text = line.text.strip()
    found = find_range(text)
    if found is not None and text[:found.span[0]].strip(" ·|•,") and not text[:found.span[0]].endswith(" "):
        found = None  # a number inside a link ("example.com/2021")
    rest = _split_rest(text[:found.span[0]] + " · " + text[found.span[1]:], strip=",") if found else [text]
    links = [piece for piece in rest if _LINK.match(piece)]
    if len(links) != len(rest) or len(links) > 1 or not (found or links):
        return None
    link = links[0] if links else None
    return found, (link if link is None or link.startswith("http") else f"https://{link}")

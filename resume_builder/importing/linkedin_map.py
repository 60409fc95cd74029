"""Which LinkedIn CSV file feeds which part of the profile, column by column.

:data:`FILES` is the table: for each file LinkedIn writes into its "Download your data"
archive that holds résumé content, the column that finds its header row, every column it
has (as LinkedIn names them), and why a column is not imported when it is not. Columns and
file names are matched loosely (:func:`file_key`, ``linkedin_csv.column_key``), as LinkedIn's
spelling has varied (``PhoneNumbers.csv``, ``Phone Numbers.csv``).

:data:`NOT_RESUME` names the files that are about the account rather than the career
(connections, messages, ads...): they are reported as skipped, not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from resume_builder.importing.linkedin_csv import Table
from resume_builder.importing.linkedin_fields import Notes, Rec, problem, shown
from resume_builder.importing.linkedin_text import literal, one_line

Sections = dict[str, Any]  # profile key -> value (lists of entries, basics fields...)


def file_key(name: str) -> str:
    """A member's file name compared loosely: ``Email Addresses.csv`` ~ ``email_addresses.CSV``."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return re.sub(r"[\s_\-]+", "", base).casefold()


@dataclass(frozen=True)
class CsvFile:
    name: str  # as LinkedIn names it
    key_column: str  # present in the header row; finds it below notes
    mapped: tuple[str, ...]  # columns imported
    unmapped: dict[str, str]  # column -> why it is not imported (reported when it holds anything)
    convert: Callable[[Table, Sections, Notes], None]


# ----------------------------------------------------------------------------- converters


def _rows(table: Table, notes: Notes):
    for row in table.rows:
        yield Rec(table.file, row, notes)


def _profile(table: Table, out: Sections, notes: Notes) -> None:
    if not table.rows:
        return
    rec = Rec(table.file, table.rows[0], notes, out.setdefault("basics", {}))
    if len(table.rows) > 1:
        notes.warnings.append(f"{table.file}: {len(table.rows)} rows; only the first (line {table.rows[0].line}) "
                              "was read")
    name = " ".join(p for p in (one_line(rec.row.get("First Name")), one_line(rec.row.get("Last Name"))) if p)
    if name:
        value = literal(name)
        why = problem("line", value)
        if why:
            rec.drop("First Name, Last Name", name, f"is refused: {why}")
        else:
            rec.data["name"] = value
    rec.line("headline", "Headline")
    rec.line("location", "Geo Location")
    # your own site first: LinkedIn labels each (PERSONAL, PORTFOLIO, BLOG, COMPANY, RSS, OTHER)
    websites = sorted(_bracketed(rec.row.get("Websites")), key=lambda kv: kv[0].casefold() not in _OWN_SITES)
    for index, (kind, address) in enumerate(websites):
        if index == 0:
            rec.url("website", "Websites", address)
            continue
        entry = Rec(table.file, rec.row, notes, {"network": literal(kind.title() if kind else "Website")})
        if entry.url("url", "Websites", address):
            rec.data.setdefault("profiles", []).append(entry.data)
    for _, handle in _bracketed(rec.row.get("Twitter Handles")):
        handle = one_line(handle).lstrip("@")
        if handle and problem("line", literal(handle)):
            rec.drop("Twitter Handles", handle, "is not a user name")
        elif handle:
            rec.data.setdefault("profiles", []).append({"network": "Twitter", "username": literal(handle)})
    summary = Rec(table.file, rec.row, notes, {})
    summary.paragraphs("summary", "Summary")
    if summary.data.get("summary"):
        out["summary"] = summary.data["summary"]
    notes.move(summary.data, rec.data)


_OWN_SITES = {"personal", "portfolio", "blog"}


def _bracketed(text: str) -> list[tuple[str, str]]:
    """``[PERSONAL:https://a.example,COMPANY:b.example]`` (LinkedIn's list form) as (kind, value)."""
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    out = []
    for item in text.split(","):
        item = item.strip()
        match = re.match(r"^([A-Za-z_]+):(?!//)(.*)$", item)
        kind, value = (match[1], match[2].strip()) if match and match[1].lower() not in ("http", "https") else ("", item)
        if value:
            out.append((kind.replace("_", " "), value))
    return out


def _emails(table: Table, out: Sections, notes: Notes) -> None:
    rows = [r for r in table.rows if r.get("Email Address")]
    if not rows:
        return
    yes = ("yes", "true", "1")
    rows.sort(key=lambda r: (r.get("Primary").casefold() not in yes, r.get("Confirmed").casefold() not in yes))
    basics = out.setdefault("basics", {})
    for row in rows:
        value = row.get("Email Address").strip()
        if "email" not in basics and not problem("email", value):
            basics["email"] = value
        elif "email" not in basics:
            notes.warnings.append(f"{table.file} line {row.line}: '{shown(value)}' is not an e-mail address; left out")
        else:
            notes.skipped.append(f"{table.file} line {row.line}, e-mail address '{shown(value)}' "
                                  "(a résumé shows one; the primary address was used)")


def _phones(table: Table, out: Sections, notes: Notes) -> None:
    basics = out.setdefault("basics", {})
    for row in table.rows:
        number = one_line(row.get("Number"))
        if not number:
            continue
        extension = one_line(row.get("Extension"))
        value = f"{number} ext. {extension}" if extension else number
        if "phone" in basics:
            notes.skipped.append(f"{table.file} line {row.line}, phone number '{shown(value)}' "
                                  "(a résumé shows one; the first was used)")
        elif problem("phone", value):
            notes.warnings.append(f"{table.file} line {row.line}: '{shown(value)}' is not a phone number; left out")
        else:
            basics["phone"] = value


def _positions(table: Table, out: Sections, notes: Notes) -> None:
    jobs: list[dict[str, Any]] = []
    for rec in _rows(table, notes):
        company = rec.line("company", "Company Name")
        position = rec.line("position", "Title")
        if not company and not position:
            notes.skipped.append(f"{table.file} line {rec.row.line} (no Company Name and no Title)")
            continue
        rec.line("location", "Location")
        rec.description("Description")
        rec.dates("Started On", "Finished On", current=True)
        jobs.append(rec.data)
    experience = out.setdefault("experience", [])
    for group in _consecutive(jobs):
        if len(group) == 1:
            job = group[0]
            for key, column in (("company", "Company Name"), ("position", "Title")):
                if key not in job:  # the profile needs both: left empty for the person to fill in
                    job[key] = ""
                    notes.comment(job, None, f"no {column} in {table.file}: fill in the {key}")
            experience.append(_ordered(job, ("company", "position", "location", "summary", "highlights", "start", "end")))
            continue
        places = {job.get("location") for job in group}
        company: dict[str, Any] = {"company": group[0]["company"]}
        if len(places) == 1 and None not in places:
            company["location"] = group[0]["location"]
        roles = []
        for job in group:
            role = {k: v for k, v in job.items() if k != "company" and not (k == "location" and "location" in company)}
            role = _ordered(role, ("position", "location", "summary", "highlights", "start", "end"))
            notes.move(job, role)
            if "position" not in role:
                role["position"] = ""
                notes.comment(role, None, f"no Title in {table.file}: fill in the position")
            roles.append(role)
        company["roles"] = roles
        notes.comment(company, "company", f"{len(group)} positions in a row in {table.file}: its roles")
        experience.append(company)


def _consecutive(jobs: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Runs of positions at one company (same name, whatever its case and spacing)."""
    groups: list[list[dict[str, Any]]] = []
    for job in jobs:
        key = one_line(job.get("company", "")).casefold()
        if groups and key and one_line(groups[-1][0].get("company", "")).casefold() == key:
            groups[-1].append(job)
        else:
            groups.append([job])
    return groups


def _ordered(entry: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    """The same dict with its keys in the profile's usual order (other keys after); same identity."""
    items = sorted(entry.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
    entry.clear()
    entry.update(items)
    return entry


def _education(table: Table, out: Sections, notes: Notes) -> None:
    for rec in _rows(table, notes):
        rec.line("institution", "School Name")
        rec.line("degree", "Degree Name")
        rec.line("area", "Field Of Study")
        if not any(k in rec.data for k in ("institution", "degree", "area")):
            notes.skipped.append(f"{table.file} line {rec.row.line} (no School Name and no Degree Name)")
            continue
        rec.description("Notes")
        rec.bullets("Activities")
        rec.dates("Start Date", "End Date", current=False)
        out.setdefault("education", []).append(
            _ordered(rec.data, ("institution", "degree", "area", "summary", "highlights", "start", "end")))


def _skills(table: Table, out: Sections, notes: Notes) -> None:
    names: list[str] = []
    for rec in _rows(table, notes):
        name = rec.line("name", "Name")
        if name and name.casefold() not in (n.casefold() for n in names):
            names.append(name)
    if names:
        group = {"name": "", "keywords": names}
        notes.comment(group, "name", "LinkedIn skills have no groups: name this group, or split it into several")
        out.setdefault("skills", []).append(group)


def _certifications(table: Table, out: Sections, notes: Notes) -> None:
    for rec in _rows(table, notes):
        if not rec.line("name", "Name"):
            notes.skipped.append(f"{table.file} line {rec.row.line} (no Name)")
            continue
        rec.line("issuer", "Authority")
        date = rec.date("Started On")
        if date:
            rec.data["date"] = date
        rec.url("url", "Url")
        for column, what in (("Finished On", "expires"), ("License Number", "license number")):
            value = rec.row.get(column)
            if value:
                rec.notes.comment(rec.data, None, f"{what} '{shown(value)}' ({column}): no such field in a profile")
        out.setdefault("certifications", []).append(_ordered(rec.data, ("name", "issuer", "date", "url")))


def _languages(table: Table, out: Sections, notes: Notes) -> None:
    for rec in _rows(table, notes):
        if rec.line("language", "Name"):
            rec.line("fluency", "Proficiency")
            out.setdefault("languages", []).append(rec.data)


def _projects(table: Table, out: Sections, notes: Notes) -> None:
    for rec in _rows(table, notes):
        if not rec.line("name", "Title"):
            notes.skipped.append(f"{table.file} line {rec.row.line} (no Title)")
            continue
        rec.description("Description")
        rec.url("url", "Url")
        rec.dates("Started On", "Finished On", current=False)
        out.setdefault("projects", []).append(
            _ordered(rec.data, ("name", "summary", "highlights", "url", "start", "end")))


def _honors(table: Table, out: Sections, notes: Notes) -> None:
    for rec in _rows(table, notes):
        if not rec.line("title", "Title"):
            notes.skipped.append(f"{table.file} line {rec.row.line} (no Title)")
            continue
        rec.line("awarder", "Issuer")
        date = rec.date("Issued On")
        if date:
            rec.data["date"] = date
        rec.paragraphs("summary", "Description")
        out.setdefault("awards", []).append(_ordered(rec.data, ("title", "awarder", "date", "summary")))


def _publications(table: Table, out: Sections, notes: Notes) -> None:
    for rec in _rows(table, notes):
        if not rec.line("name", "Name"):
            notes.skipped.append(f"{table.file} line {rec.row.line} (no Name)")
            continue
        rec.line("publisher", "Publisher")
        date = rec.date("Published On")
        if date:
            rec.data["date"] = date
        rec.url("url", "Url")
        rec.paragraphs("summary", "Description")
        out.setdefault("publications", []).append(
            _ordered(rec.data, ("name", "publisher", "date", "url", "summary")))


def _volunteering(table: Table, out: Sections, notes: Notes) -> None:
    for rec in _rows(table, notes):
        if not rec.line("organization", "Company Name"):
            notes.skipped.append(f"{table.file} line {rec.row.line} (no Company Name)")
            continue
        rec.line("position", "Role")
        cause = rec.row.get("Cause")
        if cause:
            rec.notes.comment(rec.data, None, f"cause '{shown(cause)}' (Cause): no such field in a profile")
        rec.description("Description")
        rec.dates("Started On", "Finished On", current=True)
        out.setdefault("volunteering", []).append(
            _ordered(rec.data, ("organization", "position", "summary", "highlights", "start", "end")))


def _courses(table: Table, out: Sections, notes: Notes) -> None:
    entries = []
    for rec in _rows(table, notes):
        if rec.line("title", "Name"):
            rec.line("subtitle", "Number")
            entries.append(rec.data)
    if entries:
        section = {"id": "courses", "title": "Courses", "entries": entries}
        notes.comment(section, "title", "LinkedIn's name for this section: rename it as you like")
        out.setdefault("custom", []).append(section)


#: Statuses of a recommendation its owner chose not to show (any other is shown on LinkedIn).
_NOT_SHOWN = {"hidden", "pending", "declined", "rejected", "withdrawn", "archived"}


def _recommendations(table: Table, out: Sections, notes: Notes) -> None:
    for rec in _rows(table, notes):
        status = rec.row.get("Status").casefold()
        who = " ".join(p for p in (one_line(rec.row.get("First Name")), one_line(rec.row.get("Last Name"))) if p)
        if status in _NOT_SHOWN:
            notes.skipped.append(f"{table.file} line {rec.row.line}, the recommendation by "
                                  f"'{shown(who)}' (status '{shown(status)}': not shown on your LinkedIn profile)")
            continue
        name = ", ".join(p for p in (who, one_line(rec.row.get("Job Title")), one_line(rec.row.get("Company"))) if p)
        value = literal(name)
        if not name or problem("line", value):
            notes.skipped.append(f"{table.file} line {rec.row.line} (no usable name)")
            continue
        rec.data["name"] = value
        rec.paragraphs("reference", "Text")
        out.setdefault("references", []).append(rec.data)


# ----------------------------------------------------------------------------- the table

_PRIVATE = "personal data a résumé does not show"
FILES: tuple[CsvFile, ...] = (
    CsvFile("Profile.csv", "First Name",
            ("First Name", "Last Name", "Headline", "Summary", "Geo Location", "Websites", "Twitter Handles"),
            {"Maiden Name": _PRIVATE, "Address": "a street address; the place is taken from Geo Location",
             "Birth Date": _PRIVATE, "Zip Code": "a postal code; the place is taken from Geo Location",
             "Industry": "no such field in a profile", "Instant Messengers": "no such field in a profile"},
            _profile),
    CsvFile("Email Addresses.csv", "Email Address", ("Email Address", "Primary"),
            {"Confirmed": "", "Updated On": ""}, _emails),
    CsvFile("PhoneNumbers.csv", "Number", ("Extension", "Number"), {"Type": ""}, _phones),
    CsvFile("Positions.csv", "Company Name",
            ("Company Name", "Title", "Description", "Location", "Started On", "Finished On"), {}, _positions),
    CsvFile("Education.csv", "School Name",
            ("School Name", "Start Date", "End Date", "Notes", "Degree Name", "Activities", "Field Of Study"), {},
            _education),
    CsvFile("Skills.csv", "Name", ("Name",), {}, _skills),
    CsvFile("Certifications.csv", "Name", ("Name", "Url", "Authority", "Started On"),
            {"Finished On": "an expiry date, which a profile has no field for; kept in a comment",
             "License Number": "a profile has no field for it; kept in a comment"}, _certifications),
    CsvFile("Languages.csv", "Name", ("Name", "Proficiency"), {}, _languages),
    CsvFile("Projects.csv", "Title", ("Title", "Description", "Url", "Started On", "Finished On"), {}, _projects),
    CsvFile("Honors.csv", "Title", ("Title", "Description", "Issued On", "Issuer"), {}, _honors),
    CsvFile("Publications.csv", "Name", ("Name", "Published On", "Description", "Publisher", "Url"), {},
            _publications),
    CsvFile("Volunteering.csv", "Company Name", ("Company Name", "Role", "Started On", "Finished On", "Description"),
            {"Cause": "a profile has no field for it; kept in a comment"}, _volunteering),
    CsvFile("Courses.csv", "Name", ("Name", "Number"), {}, _courses),
    CsvFile("Recommendations_Received.csv", "Text",
            ("First Name", "Last Name", "Company", "Job Title", "Text", "Status"),
            {"Creation Date": ""}, _recommendations),
)
BY_KEY = {file_key(f.name): f for f in FILES}
BY_KEY[file_key("Phone Numbers.csv")] = BY_KEY[file_key("PhoneNumbers.csv")]
BY_KEY[file_key("Volunteer Experiences.csv")] = BY_KEY[file_key("Volunteering.csv")]

#: Files of the archive about the account, not the career: skipped without being read.
NOT_RESUME = {file_key(name) for name in (
    "Connections.csv", "messages.csv", "guide_messages.csv", "learning_coach_messages.csv", "Invitations.csv",
    "Recommendations_Given.csv", "Endorsement_Received_Info.csv", "Endorsement_Given_Info.csv",
    "Ad_Targeting.csv", "Inferences_about_you.csv", "Registration.csv", "Rich_Media.csv", "Shares.csv",
    "Comments.csv", "Reactions.csv", "Votes.csv", "SearchQueries.csv", "Learning.csv", "Company Follows.csv",
    "Member_Follows.csv", "Saved_Jobs.csv", "Job Applications.csv", "Job Seeker Preferences.csv",
    "Saved Job Alerts.csv", "Receipts.csv", "Receipts_v2.csv", "Logins.csv", "Security Challenges.csv",
    "Events.csv", "Groups.csv", "Hashtag_Follows.csv", "Causes You Care About.csv", "Contacts.csv",
    "ImportedContacts.csv", "Services Marketplace.csv", "Private_identity_asset.csv", "Whatsapp Phone Numbers.csv",
    "Jobs.csv", "Articles.csv", "Instant Messengers.csv", "Verifications.csv", "Talent Questions.csv",
)}

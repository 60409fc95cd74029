"""LinkedIn "Download your data" archives built in the tests, for invented people.

Column names and date formats are LinkedIn's; every person, company and text is made up.
:func:`csv_text` writes rows as LinkedIn does (CRLF, quoted fields where needed);
:func:`write_archive` zips files given as text or bytes.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path


def csv_text(header: list[str], rows: list[list[str]], *, notes: str | None = None, newline: str = "\r\n") -> str:
    out = io.StringIO()
    if notes:
        out.write(f"Notes:{newline}\"{notes}\"{newline}{newline}")
    writer = csv.writer(out, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def write_archive(path: Path, files: dict[str, str | bytes], *, folder: str = "") -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            archive.writestr(folder + name, data)
    return path


PROFILE = csv_text(
    ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline", "Summary", "Industry",
     "Zip Code", "Geo Location", "Twitter Handles", "Websites", "Instant Messengers"],
    [["Ana", "Exemplo", "", "Rua Inventada 1", "Jan 1, 1990", "Data Engineer at Exemplo Dados",
      "I build data pipelines.\nI like *clean* schemas.", "Software", "1000-001", "Lisbon, Portugal",
      "[ana_exemplo]", "[PERSONAL:https://ana.example.com,COMPANY:www.exemplo-dados.example]", ""]])

EMAILS = csv_text(["Email Address", "Confirmed", "Primary", "Updated On"],
                  [["old@example.org", "Yes", "No", "3/12/19, 10:21 AM"],
                   ["ana@example.com", "Yes", "Yes", "3/12/20, 10:21 AM"]])

PHONES = csv_text(["Extension", "Number", "Type"], [["", "+351 21 000 0000", "Mobile"]])

POSITIONS = csv_text(
    ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
    [["Exemplo Dados", "Lead Data Engineer", "Leads the platform team.\n• Cut batch time by 40%\n• Hired 4 engineers",
      "Lisbon, Portugal", "Mar 2021", ""],
     ["Exemplo Dados", "Data Engineer", "- Built the ingestion service\n- Wrote the on-call guide", "Lisbon, Portugal",
      "Jan 2019", "Mar 2021"],
     ["Fictícia Lda", "Analyst", "Reports for the finance team.", "Porto, Portugal", "Sep 2016", "Dec 2018"]])

EDUCATION = csv_text(["School Name", "Start Date", "End Date", "Notes", "Degree Name", "Activities"],
                     [["Universidade Inventada", "2012", "2016", "Thesis on stream joins.",
                       "BSc Computer Science", "Chess club"]])

SKILLS = csv_text(["Name"], [["Python"], ["SQL"], ["Apache Kafka"]])

CERTIFICATIONS = csv_text(["Name", "Url", "Authority", "Started On", "Finished On", "License Number"],
                          [["Example Cloud Architect", "https://certs.example.com/ana", "Example Cloud",
                            "Jun 2022", "Jun 2025", "ABC-123"]])

LANGUAGES = csv_text(["Name", "Proficiency"], [["Portuguese", "Native or bilingual proficiency"],
                                               ["English", "Full professional proficiency"]])

PROJECTS = csv_text(["Title", "Description", "Url", "Started On", "Finished On"],
                    [["Open Ledger", "A toy ledger.\n* Double-entry core\n* CSV export", "github.com/ana-ex/ledger",
                      "Feb 2020", "Aug 2020"]])

HONORS = csv_text(["Title", "Description", "Issued On"], [["Best Demo", "Hackathon of an invented city.", "Nov 2019"]])

PUBLICATIONS = csv_text(["Name", "Published On", "Description", "Publisher", "Url"],
                        [["Joins Without Tears", "Mar 12, 2020", "A short paper.", "Invented Press",
                          "https://press.example.com/joins"]])

VOLUNTEERING = csv_text(["Company Name", "Role", "Cause", "Started On", "Finished On", "Description"],
                        [["Code Club Exemplo", "Mentor", "Education", "Oct 2018", "", "Teaching kids Python."]])

COURSES = csv_text(["Name", "Number"], [["Distributed Systems", "CS-501"], ["Statistics", ""]])

RECOMMENDATIONS = csv_text(["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"],
                           [["Rui", "Inventado", "Exemplo Dados", "CTO", "Ana is a careful engineer.",
                             "03/12/21, 10:21 AM", "VISIBLE"],
                            ["Eva", "Oculta", "Fictícia Lda", "Manager", "Hidden praise.", "03/12/20, 09:00 AM",
                             "HIDDEN"]])

CONNECTIONS = csv_text(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
                       [["Rui", "Inventado", "https://www.linkedin.com/in/rui", "", "Exemplo Dados", "CTO",
                         "12 Mar 2021"]],
                       notes="When exporting your connection data, you may notice that some of the email "
                             "addresses are missing.")

FULL = {
    "Profile.csv": PROFILE, "Email Addresses.csv": EMAILS, "PhoneNumbers.csv": PHONES, "Positions.csv": POSITIONS,
    "Education.csv": EDUCATION, "Skills.csv": SKILLS, "Certifications.csv": CERTIFICATIONS,
    "Languages.csv": LANGUAGES, "Projects.csv": PROJECTS, "Honors.csv": HONORS, "Publications.csv": PUBLICATIONS,
    "Volunteering.csv": VOLUNTEERING, "Courses.csv": COURSES, "Recommendations_Received.csv": RECOMMENDATIONS,
    "Connections.csv": CONNECTIONS,
}

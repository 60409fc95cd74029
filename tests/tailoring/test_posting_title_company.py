"""A title heading "Role — Company" (or "–", "|", "at", "@", "bei", "chez", "presso", "bij")
gives the role as the title and the company (trial: "# Senior Backend Engineer — Initech
Systems" gave the position "Senior Backend Engineer — Initech Systems" and "no company could be
read in the posting"). A tail that says where or how the job is worked ("Remote", "Berlin
(hybrid)", "Vollzeit") is not a company and not part of the job's title either (a letter
applied "for the Engenheira/o de Dados Sénior — Remoto (Lisboa) position"), and a company
the posting names elsewhere wins."""

from __future__ import annotations

import pytest

from resume_builder import letter_pipeline, pipeline
from resume_builder.tailoring.posting import posting_from_text
from tests.conftest import EXAMPLE
from tests.tailoring.posting_corpus import CORPUS, read


@pytest.mark.parametrize(("name", "title", "company"), [
    ("title-emdash-en.md", "Senior Backend Engineer", "Quillfeather Systems"),
    ("title-bar-en.txt", "Platform Engineer", "Marlowe Freight"),
    ("title-endash-fr.md", "Ingénieur Data", "Pelican Analytique"),
    # not companies, nor the job's title: a work arrangement, a place, an employment type
    ("title-remote-en.md", "Backend Engineer", None),
    ("title-place-en.md", "Site Reliability Engineer", None),
    ("title-fulltime-de.md", "Backend-Entwickler (m/w/d)", None),
    # the company named on its own line wins; the heading's tail stays in the title
    ("title-company-elsewhere-en.md", "Data Engineer — Hollowmere Labs", "Saltmarsh Data"),
    # the corpus as it was: a team after the dash, the company labelled below
    ("data-en.md", "Data Engineer — Analytics Platform", "Brightwater Energy"),
])
def test_a_title_heading_gives_the_role_and_the_company(name, title, company):
    posting = read(CORPUS / name)
    assert (posting.title, posting.company) == (title, company)
    assert posting.parts[0].text == title  # the title's terms are the role's


@pytest.mark.parametrize(("heading", "title", "company"), [
    ("Senior Backend Engineer – Initech Systems", "Senior Backend Engineer", "Initech Systems"),
    ("Senior Backend Engineer | Initech Systems", "Senior Backend Engineer", "Initech Systems"),
    ("Senior Backend Engineer @ Initech Systems", "Senior Backend Engineer", "Initech Systems"),
    ("Ingegnere Backend presso Esempio Srl", "Ingegnere Backend", "Esempio Srl"),
    ("Backend-ontwikkelaar bij Voorbeeld BV", "Backend-ontwikkelaar", "Voorbeeld BV"),
    ("Backend Engineer — Remote — Initech Systems", "Backend Engineer", "Initech Systems"),
    ("Ingénieur SRE (H/F) – Paris ou télétravail", "Ingénieur SRE (H/F)", None),
    ("Desarrollador Backend — Remoto", "Desarrollador Backend", None),
    ("Inżynier danych – Kraków / zdalnie", "Inżynier danych", None),
    ("Backend Engineer — Full-time", "Backend Engineer", None),
    ("Backend Engineer - Remote", "Backend Engineer - Remote", None),  # a spaced hyphen is not read
])
def test_title_heading_forms(heading, title, company):
    posting = posting_from_text(f"# {heading}\n\nWe build software.\n", "j")
    assert (posting.title, posting.company) == (title, company)


def test_the_same_company_on_its_own_line_leaves_the_role_as_the_title():
    posting = posting_from_text("# Backend Engineer — Initech Systems\n\nCompany: Initech Systems\n", "j")
    assert (posting.title, posting.company) == ("Backend Engineer", "Initech Systems")
    posting = posting_from_text("# Backend Engineer — Acme\nNordlicht Logistik GmbH, Hamburg\n", "j")
    assert (posting.title, posting.company) == ("Backend Engineer — Acme", "Nordlicht Logistik GmbH")


def test_a_letter_to_a_dash_headed_posting_names_its_company_without_a_warning(tmp_path):
    request = pipeline.RenderRequest(profile=EXAMPLE, variant="platform", posting=CORPUS / "title-emdash-en.md",
                                     formats=("md",))
    job = letter_pipeline.prepare_letter(request, None)
    assert not [w for w in job.warnings if "no company could be read" in w]
    assert [w for w in job.warnings if "the posting names the company 'Quillfeather Systems'" in w]


@pytest.mark.parametrize(("text", "title", "company"), [
    # the company on its own line with a legal form the heading leaves out
    ("# Senior Frontend Engineer — Northwind Health\n\nNorthwind Health Inc., Toronto\n",
     "Senior Frontend Engineer", "Northwind Health Inc."),
    # a comma before the legal form, as Portuguese and Spanish write it
    ("# Engenheira/o de Dados Sénior — Remoto (Lisboa)\n\nMarés Pagamentos, S.A., Lisboa (híbrido)\n",
     "Engenheira/o de Dados Sénior", "Marés Pagamentos, S.A."),
    ("# Backend Engineer\nAcme, Inc., Boston\n", "Backend Engineer", "Acme, Inc."),
])
def test_the_company_line_and_the_heading_agree_without_the_legal_form(text, title, company):
    posting = posting_from_text(text, "j")
    assert (posting.title, posting.company) == (title, company)

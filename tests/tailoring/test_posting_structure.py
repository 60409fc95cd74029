"""Reading a posting's structure: sections in English, German and French, wishes inside sentences,
importance and inferred terms (issue 17's first failure: importance was backwards)."""

from __future__ import annotations

import pytest

from resume_builder.loading.posting import posting_from_string
from resume_builder.pipeline import builtin_vocabulary
from resume_builder.tailoring.keywords import extract_keywords, with_posting_terms
from resume_builder.tailoring.posting import (ABOUT, APPLICATION, BENEFITS, DESCRIPTION, PREFERENCES, REQUIREMENTS,
                                              RESPONSIBILITIES, SALARY, heading_kind, optional_spans,
                                              posting_from_text, split_optional, structure)
from tests.tailoring.posting_corpus import CORPUS, read

VOCAB = builtin_vocabulary()


def found(text: str) -> dict:
    posting = structure(posting_from_string(text, "job.md"))
    return {k.name: k for k in extract_keywords(posting, with_posting_terms(VOCAB, posting))}


# --------------------------------------------------------------------------- the SRE posting


@pytest.fixture(scope="module")
def sre():
    posting = read(CORPUS / "sre-en.md")
    return posting, {k.name: k for k in extract_keywords(posting, with_posting_terms(VOCAB, posting))}


def test_requirements_section_terms_are_required(sre):
    _, terms = sre
    for name in ("Kubernetes", "Terraform", "Prometheus", "Go", "Python", "Linux"):
        assert terms[name].importance == "required" and not terms[name].inferred, name


def test_nice_to_have_terms_are_preferred(sre):
    _, terms = sre
    for name in ("Vault", "Istio", "Apache Kafka"):
        assert terms[name].importance == "preferred", name
        assert terms[name].where == ["Nice to have"] and terms[name].weight == 1


def test_inferred_terms_are_never_required(sre):
    _, terms = sre
    fintech = terms["Fintech"]  # the posting says "payments", never "fintech"
    assert fintech.inferred and fintech.importance == "preferred" and fintech.written == []
    assert all(not k.required for k in terms.values() if k.inferred)


def test_required_means_something(sre):
    _, terms = sre
    required = [k for k in terms.values() if k.required]
    assert 0 < len(required) < len(terms) * 0.6  # not "almost every term"


def test_about_us_and_benefits_ask_nothing(sre):
    _, terms = sre  # "We use Slack, Notion and Jira" (benefits); "values code review" (about us)
    assert "Jira" not in terms and "Code Review" not in terms and "Documentation" not in terms


def test_sections_are_found(sre):
    posting, _ = sre
    assert (posting.title, posting.company) == ("Senior Site Reliability Engineer", "Northwind Pay")
    assert [(s.heading, s.kind) for s in posting.sections if s.heading] == [
        ("About us", ABOUT), ("The role", RESPONSIBILITIES), ("What you'll do", RESPONSIBILITIES),
        ("Requirements", REQUIREMENTS), ("Nice to have", PREFERENCES), ("What we offer", BENEFITS),
        ("How to apply", APPLICATION)]


# --------------------------------------------------------------------------- headings


@pytest.mark.parametrize("heading, kind", [
    ("Requirements", REQUIREMENTS), ("Must have", REQUIREMENTS), ("What you bring", REQUIREMENTS),
    ("Required qualifications", REQUIREMENTS), ("Qualifications", REQUIREMENTS), ("Who you are", REQUIREMENTS),
    ("Who we're looking for", REQUIREMENTS), ("About you", REQUIREMENTS),
    ("Nice to have", PREFERENCES), ("Bonus points", PREFERENCES), ("Preferred qualifications", PREFERENCES),
    ("A plus", PREFERENCES), ("Would be great", PREFERENCES),
    ("About us", ABOUT), ("Who we are", ABOUT), ("Benefits", BENEFITS), ("What we offer", BENEFITS),
    ("Salary", SALARY), ("How to apply", APPLICATION), ("Responsibilities", RESPONSIBILITIES),
    ("About the role", RESPONSIBILITIES), ("Tech stack", DESCRIPTION), ("About the team", DESCRIPTION),
    # German
    ("Dein Profil", REQUIREMENTS), ("Ihr Profil", REQUIREMENTS), ("Anforderungen", REQUIREMENTS),
    ("Was du mitbringst", REQUIREMENTS), ("Wünschenswert", PREFERENCES), ("Von Vorteil", PREFERENCES),
    ("Deine Aufgaben", RESPONSIBILITIES), ("Über uns", ABOUT), ("Wir bieten", BENEFITS), ("Gehalt", SALARY),
    # French
    ("Profil recherché", REQUIREMENTS), ("Compétences requises", REQUIREMENTS), ("Atouts", PREFERENCES),
    ("Les plus", PREFERENCES), ("Vos missions", RESPONSIBILITIES), ("Qui sommes-nous ?", ABOUT),
    ("Ce que nous offrons", BENEFITS), ("Rémunération", SALARY),
])
def test_heading_kinds(heading, kind):
    assert heading_kind(heading) == kind
    assert heading_kind(heading, whole=True) == kind


@pytest.mark.parametrize("line", ["Kubernetes and Terraform in production", "We are growing fast",
                                  "- Requirements are written by the team"])
def test_ordinary_lines_are_not_headings(line):
    posting = posting_from_text(f"Engineer\n{line}\n", "job.txt")
    assert [s.heading for s in posting.sections] == [None]


def test_heading_forms():
    text = ("SRE\n\n**Requirements**\n- Go\n\nNice to have:\n- Rust\n\nBENEFITS\nWe use Java at lunch\n"
            "Salary: 90k and a Python mug\n")
    terms = found(text)
    assert terms["Go"].required and terms["Rust"].importance == "preferred"
    assert "Java" not in terms and "Python" not in terms


def test_title_and_company_forms():
    assert posting_from_text("Data Engineer at Acme Ltd, London\nText\n", "j").company == "Acme Ltd"
    assert posting_from_text("DevOps Engineer (m/w/d) bei Beispiel GmbH\n", "j").company == "Beispiel GmbH"
    assert posting_from_text("Ingénieur SRE chez Exemple\n", "j").company == "Exemple"
    posting = posting_from_text("Job title: Backend Engineer\nCompany: Initech\nLocation: Go, Nevada\n", "j")
    assert (posting.title, posting.company) == ("Backend Engineer", "Initech")
    assert "Go" not in found("Job title: Backend Engineer\nCompany: Initech\nLocation: Go, Nevada\n")


# --------------------------------------------------------------------------- wishes inside sentences


@pytest.mark.parametrize("text, required, preferred", [
    ("Requirements\n- Kubernetes. Istio is a plus.", {"Kubernetes"}, {"Istio"}),
    ("Requirements\n- Terraform; experience with Vault would be great", {"Terraform"}, {"Vault"}),
    ("Requirements\n- Python, ideally also Go", {"Python"}, {"Go"}),
    ("Requirements\n- Kafka, Flink or Spark is a plus", set(), {"Apache Kafka", "Apache Flink", "Apache Spark"}),
    ("Requirements\n- Go and Terraform (Vault, Consul a plus)", {"Go", "Terraform"}, {"Vault", "Consul"}),
    ("Requirements\n- Knowledge of OpenTelemetry (nice to have)", set(), {"OpenTelemetry"}),
    ("Requirements\n- Bonus points for Rust", set(), {"Rust"}),
    ("Anforderungen\n- Kubernetes und Docker\n- Kenntnisse in Python sind von Vorteil", {"Kubernetes", "Docker"},
     {"Python"}),
    ("Anforderungen\n- Erfahrung mit Datenbanken, idealerweise PostgreSQL", set(), {"PostgreSQL"}),
    ("Profil recherché\n- Maîtrise de Kubernetes\n- Une expérience avec Kafka serait un plus", {"Kubernetes"},
     {"Apache Kafka"}),
    ("Profil recherché\n- Terraform ; une connaissance d'Ansible est un atout", {"Terraform"}, {"Ansible"}),
])
def test_wishes_inside_requirements(text, required, preferred):
    terms = found("Engineer\n" + text)
    assert {n for n, k in terms.items() if k.required} == required
    assert {n for n, k in terms.items() if not k.required} == preferred


def test_split_optional_covers_the_text():
    text = "Go and Terraform (Vault a plus). Kafka is nice to have; Rust required"
    pieces = list(split_optional(text))
    assert "".join(p for p, _ in pieces) == text
    assert [p for p, optional in pieces if optional] == ["(Vault a plus)", "Kafka is nice to have"]
    assert optional_spans("Kubernetes in production") == []


def test_german_and_french_false_friends():
    assert "Go" not in found("DevOps Engineer\nAufgaben\n- Du planst den Go-live neuer Städte")
    assert "Elasticsearch" not in found("SRE\nÜber uns\nEs gibt bei uns viel zu tun.\nDein Profil\n- Es ist Linux")
    assert "CI/CD" not in found("SRE\nProfil recherché\n- les avantages décrits ci-dessous")
    assert "Artificial Intelligence" not in found("SRE\nProfil recherché\n- j'ai hâte")


# --------------------------------------------------------------------------- JSON Resume job documents


def test_job_document_sections_and_wishes():
    text = ('{"title": "Platform Engineer", "description": "We run AWS.", '
            '"qualifications": ["Terraform", "Experience with Kafka is a plus"], "salary": "Go figure",'
            '"skills": [{"name": "Containers", "keywords": ["Docker"]}, "Backstage"]}')
    terms = found(text)
    assert terms["Terraform"].required and terms["Docker"].required and terms["Backstage"].required
    assert terms["Apache Kafka"].importance == "preferred" and terms["AWS"].importance == "preferred"
    assert "Go" not in terms  # salary asks nothing

"""Evidence the match report used to miss (user trial: an engineering manager's, a payments
and a platform posting against one profile).

Before: "PCI-DSS" under Requirements became "Compliance — preferred (inferred)"; "payment APIs"
showed no Fintech (only "payments" did); Prometheus and Grafana did not show Observability;
"Led a team of 6 engineers", "Hired and mentored 4 engineers" showed no People Management,
Hiring or Mentoring; the headline "Platform / SRE Engineer" showed no Platform Engineering.
"""

from __future__ import annotations

import pytest

from resume_builder.pipeline import builtin_vocabulary
from resume_builder.schema.profile import Profile
from resume_builder.tailoring.keywords import extract_keywords, posting_from_text, with_posting_terms
from resume_builder.tailoring.matching import match

VOCAB = builtin_vocabulary()


def asked(requirement: str) -> dict:
    posting = posting_from_text(f"# Engineer\n\n## Requirements\n- {requirement}\n", "job.md")
    return {k.name: k for k in extract_keywords(posting, with_posting_terms(VOCAB, posting))}


def shown(requirement: str, *highlights: str, headline: str | None = None) -> dict:
    profile = Profile.model_validate({"basics": {"name": "Ann Example", "headline": headline}, "experience": [
        {"company": "Acme", "position": "Engineer", "start": "2020-01", "highlights": list(highlights)}]})
    posting = posting_from_text(f"# Engineer\n\n## Requirements\n- {requirement}\n", "job.md")
    return {k.keyword.name: k for k in match(profile, posting, VOCAB).keywords}


@pytest.mark.parametrize(("requirement", "term", "shows"), [
    ("Understanding of PCI-DSS", "PCI DSS", "Compliance"),
    ("SOC 2 audits", "SOC 2", "Compliance"),
    ("Ubuntu servers", "Ubuntu", "Linux"),
    ("PagerDuty rotations", "PagerDuty", "Incident Management"),
    ("GitHub workflows", "GitHub", "Git"),
    ("Load tests in k6", "k6", "Load Testing"),
    ("WireGuard", "WireGuard", "VPN"),
])
def test_a_named_requirement_is_asked_for_as_itself(requirement, term, shows):
    keywords = asked(requirement)
    assert keywords[term].required and not keywords[term].inferred, keywords
    assert shows not in keywords  # never written, so never asked for
    evidence = shown(shows, f"Built {requirement}")[shows]
    assert evidence.covered and evidence.places[0].via == term


@pytest.mark.parametrize(("text", "term"), [
    ("payment systems", "Fintech"), ("payments", "Fintech"), ("a postmortem culture", "Incident Management"),
    ("one runbook per service", "Documentation"), ("a mentee", "Mentoring"), ("mentees", "Mentoring"),
])
def test_a_hint_suggests_in_the_singular_and_the_plural(text, term):
    assert [(m.term, m.inferred) for m in VOCAB.find(text)] == [(term, True)]


def test_payment_systems_show_fintech():
    found = shown("Payments experience", "Built payment and logistics systems")["Fintech"]
    assert found.covered and found.places[0].inferred


@pytest.mark.parametrize(("umbrella", "member"), [
    ("Observability", "Prometheus"), ("Observability", "Grafana"), ("Observability", "Jaeger"),
    ("Monitoring", "Datadog"), ("CI/CD", "Flux"), ("Containers", "Podman"), ("Containers", "Docker Swarm"),
])
def test_an_umbrella_is_shown_by_its_members(umbrella, member):
    found = shown(umbrella, f"Ran {member} for 40 services")[umbrella]
    assert found.covered and found.places[0].via == member


def test_observability_listed_with_its_tools():
    found = shown("Observability: Prometheus, Grafana, OpenTelemetry", "Ran Prometheus and Grafana")
    assert found["Observability"].covered and not found["OpenTelemetry"].covered


@pytest.mark.parametrize(("text", "term"), [
    ("Led a team of 6 engineers", "People Management"),
    ("Managed five engineers", "People Management"),
    ("leading 12 developers", "People Management"),
    ("Ran performance reviews and 1:1s", "People Management"),
    ("4 direct reports", "People Management"),
    ("Experience with hiring", "Hiring"),
    ("Hired 4 engineers", "Hiring"),
    ("Mentored two juniors", "Mentoring"),
    ("Coach engineers through design reviews", "Mentoring"),
])
def test_people_management_evidence(text, term):
    assert term in [m.term for m in VOCAB.find(text)]


@pytest.mark.parametrize("text", [
    "Led the migration to Go", "Worked in a team of 6 engineers", "Ran the performance tests",
    "a 1:1 copy of production", "meeting at 10:30",
])
def test_not_people_management(text):
    assert not {"People Management", "Hiring", "Mentoring"} & {m.term for m in VOCAB.find(text)}


def test_people_management_asked_and_shown_on_both_sides():
    found = shown("People management, hiring and performance reviews",
                  "Led a team of 6 engineers", "Hired and mentored 4 engineers")
    assert found["People Management"].keyword.required and found["People Management"].covered
    assert found["Hiring"].keyword.required and found["Hiring"].covered


@pytest.mark.parametrize(("text", "term"), [
    ("Platform / SRE Engineer", "Platform Engineering"), ("Data & ML Engineer", "Data Engineering"),
    ("Web and Mobile Developer", "Web Development"),
])
def test_a_shared_noun_makes_a_term(text, term):
    assert term in [m.term for m in VOCAB.find(text)]


@pytest.mark.parametrize("text", ["Kafka / RabbitMQ experience", "Python and Go developer", "Platform and SRE"])
def test_a_shared_noun_needs_a_term(text):
    assert not {"Platform Engineering", "Data Engineering"} & {m.term for m in VOCAB.find(text)}
    assert len(VOCAB.find(text)) == len({m.start for m in VOCAB.find(text)})


def test_headline_with_a_shared_noun_shows_the_title():
    found = shown("Platform engineering", headline="Platform / SRE Engineer — Kubernetes")
    assert found["Platform Engineering"].covered

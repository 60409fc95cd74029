"""Matching a posting with the profile: coverage, evidence, ranking, and a starting variant."""

from __future__ import annotations

import json

import pytest

from resume_builder.commands.tailor import render_report
from resume_builder.loading import load_profile
from resume_builder.schema.profile import Profile
from resume_builder.schema.variant import VariantFile
from resume_builder.tailoring import check_variant
from resume_builder.loading.posting import read_posting as read_document
from resume_builder.tailoring.keywords import builtin_vocabulary, posting_from_text
from resume_builder.tailoring.posting import structure
from resume_builder.tailoring.matching import (KEEP_AT_LEAST, KEEP_AT_MOST, match, profile_texts,
                                               starting_variant)
from resume_builder.tailoring.select import select_variant
from tests.conftest import EXAMPLE, JOB_SAMPLE

PROFILE = load_profile(EXAMPLE).profile


@pytest.fixture(scope="module")
def sample_job():
    return structure(read_document(JOB_SAMPLE))


@pytest.fixture(scope="module")
def report(sample_job):
    return match(PROFILE, sample_job, builtin_vocabulary(), profile_name="example.yaml")


def test_sample_job_coverage(report):
    assert report.covered and report.missing
    covered = {k.keyword.name for k in report.covered}
    missing = {k.keyword.name for k in report.missing}
    assert {"HTML", "JavaScript", "React", "Node.js", "NoSQL", "Computer Science"} <= covered
    assert {"CSS", "SQL", "MongoDB", "UI/UX"} <= missing
    assert not covered & missing
    assert report.coverage == round(100 * len(covered) / (len(covered) + len(missing)))
    assert 0 < report.weighted_coverage <= 100


def test_covered_keywords_point_at_their_evidence(report):
    found = {k.keyword.name: k for k in report.keywords}
    html = found["HTML"].places
    assert (html[0].section, html[0].entry_id, html[0].field) == ("projects", "graphite-monitoring", "highlights[3]")
    assert html[0].title == "Monitoring Framework Using Graphite" and html[0].via is None
    node = found["Node.js"].places[0]
    assert (node.entry_id, node.field) == ("jenkins-ci-pipeline", "summary")  # written "NodeJS" there
    degree = found["Computer Science"].places[0]
    assert (degree.section, degree.entry_id, degree.field) == ("education", "btech", "area")


def test_implied_keywords_say_through_what(report):
    nosql = {k.keyword.name: k for k in report.keywords}["NoSQL"].places
    assert nosql and all(p.via == "Cassandra" for p in nosql)
    javascript = {k.keyword.name: k for k in report.keywords}["JavaScript"].places
    assert {p.via for p in javascript} <= {"React", "Node.js", "Cubism.js", "D3.js", "Backbone.js"}


def test_entries_and_highlights_are_ranked(report):
    assert report.entries[0].entry_id == "jenkins-ci-pipeline"
    scores = [e.score for e in report.entries]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)
    top = report.highlights[0]
    assert (top.entry_id, top.field) == ("graphite-monitoring", "highlights[3]")
    assert set(top.keywords) == {"HTML", "JavaScript"}
    assert [h.score for h in report.highlights] == sorted((h.score for h in report.highlights), reverse=True)


def test_report_json_is_serialisable(report):
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert {k: data["posting"][k] for k in ("title", "company", "source")} == \
        {"title": "Web Developer", "company": "Larkspur Mapping", "source": "full.job.json"}
    assert [s["kind"] for s in data["posting"]["sections"]] == \
        ["description", "responsibilities", "requirements", "requirements"]
    assert data["coverage"]["percent"] == report.coverage
    assert data["covered"] + data["missing"] and set(data["covered"]).isdisjoint(data["missing"])
    assert {"keyword", "importance", "inferred", "covered", "evidence", "where"} <= set(data["keywords"][0])
    assert "required" not in data["keywords"][0]  # importance and inferred replace the old boolean
    assert {k["importance"] for k in data["keywords"]} == {"required", "preferred"}


def test_report_golden(report, golden):
    golden("tailor-full-job.txt", render_report(report, width=100))


def test_matching_is_deterministic(sample_job, report):
    again = match(PROFILE, sample_job, builtin_vocabulary(), profile_name="example.yaml")
    assert again.to_dict() == report.to_dict()


def test_a_variant_changes_what_is_shown(sample_job, report):
    platform = select_variant(EXAMPLE, "platform")
    tailored = match(platform.profile, sample_job, builtin_vocabulary(), profile_name="example.yaml",
                     variant="platform")
    assert tailored.variant == "platform"
    assert tailored.coverage < report.coverage  # the graphite project (HTML) is dropped for platform roles
    assert "HTML" in {k.keyword.name for k in tailored.missing}


def test_profile_terms_are_recognised_in_postings_with_exact_case():
    posting = posting_from_text("DevOps engineer\nExperience with Edge and Quartz Scheduler.\n"
                                "Think about edge cases.\n", "job.txt")
    found = {k.keyword.name: k for k in match(PROFILE, posting, builtin_vocabulary()).keywords}
    assert found["Edge"].covered and found["Edge"].keyword.count == 1
    assert found["Quartz Scheduler"].covered


def test_no_keywords_gives_zero_coverage():
    posting = posting_from_text("Gardener\nLooking after plants.\n", "job.txt")
    result = match(PROFILE, posting, builtin_vocabulary())
    assert result.keywords == [] and result.coverage == 0
    assert "No known skills" in render_report(result)


def test_profile_texts_follow_the_section_order():
    sections = list(dict.fromkeys(t.section for t in profile_texts(PROFILE)))
    assert sections == ["basics"] + PROFILE.section_order()


def test_references_are_not_evidence():
    profile = Profile.model_validate({"basics": {"name": "A"},
                                      "references": [{"name": "B", "reference": "A knows Kubernetes well"}]})
    posting = posting_from_text("Kubernetes engineer\n", "job.txt")
    assert match(profile, posting, builtin_vocabulary()).missing[0].keyword.name == "Kubernetes"


def test_starting_variant_keeps_top_projects_and_validates(report):
    data = starting_variant(report, PROFILE, profile_ref="../profiles/example.yaml")
    assert data["profile"] == "../profiles/example.yaml"
    assert data["description"] == "Tailored for Web Developer at Larkspur Mapping"
    project_ids = [p.id for p in PROFILE.projects]
    kept = [i for i in project_ids if i not in data["drop"]]
    assert KEEP_AT_LEAST <= len(kept) <= KEEP_AT_MOST
    assert {"jenkins-ci-pipeline", "graphite-monitoring"} <= set(kept)
    assert set(data["drop"]) <= set(project_ids)  # only trimmable sections are trimmed
    variant = VariantFile.model_validate(data)
    assert check_variant(PROFILE, variant) == []


def test_starting_variant_builds_on_a_variant(sample_job):
    platform = select_variant(EXAMPLE, "platform")
    result = match(platform.profile, sample_job, builtin_vocabulary())
    base = platform.variant.model_dump(mode="json", exclude_defaults=True)
    data = starting_variant(result, platform.profile, profile_ref="example.yaml", base=base)
    assert data["overrides"] == base["overrides"] and data["max_highlights"] == 4
    variant = VariantFile.model_validate(data)
    assert check_variant(PROFILE, variant) == []
    assert len([p for p in platform.profile.projects if p.id not in data["drop"]]) >= KEEP_AT_LEAST

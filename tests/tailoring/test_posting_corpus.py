"""The labelled corpus of postings: measured reading quality, --write-variant keeping the
evidence, and the page budget keeping the best (issue 17's three failures, on every posting)."""

from __future__ import annotations

import pytest

from resume_builder.loading import load_profile
from resume_builder.schema.variant import VariantFile
from resume_builder.tailoring import tailor
from resume_builder.tailoring.keywords import builtin_vocabulary
from resume_builder.tailoring.matching import match, starting_variant
from tests.conftest import EXAMPLE
from tests.tailoring.posting_corpus import labels, measure, postings, read

PROFILE = load_profile(EXAMPLE).profile
THRESHOLD = 0.9


def test_corpus_covers_roles_and_languages():
    names = list(labels())
    assert len(names) >= 12
    for role in ("sre", "platform", "data", "backend", "frontend", "ml", "security", "em"):
        assert any(name.startswith(role + "-") for name in names), role
    for language in ("-en.", "-de.", "-fr."):
        assert any(language in name for name in names), language
    assert {path.suffix for path in postings()} >= {".md", ".txt", ".json"}
    for name, label in labels().items():
        assert label["required"] and label["preferred"] and "absent" in label, name


@pytest.fixture(scope="module")
def quality():
    return measure()


@pytest.mark.parametrize("figure", ["required_recall", "preferred_not_required", "absent_not_reported"])
def test_reading_quality(quality, figure):
    score = quality[figure]
    assert score.total >= 20
    assert score.ratio >= THRESHOLD, f"{figure} = {score.ratio:.2f}; misses: {score.misses}"


def test_labelled_terms_are_vocabulary_terms():
    vocab = builtin_vocabulary()
    for name, label in labels().items():
        for kind in ("required", "preferred", "absent"):
            for term in label[kind]:
                assert term in vocab, f"{name}: {kind} term {term!r} is not a vocabulary name"


# --------------------------------------------------------------------------- --write-variant keeps the evidence


@pytest.mark.parametrize("path", postings(), ids=lambda p: p.name)
def test_written_variant_never_lowers_coverage(path):
    posting = read(path)
    before = match(PROFILE, posting, builtin_vocabulary())
    data = starting_variant(before, PROFILE, profile_ref="example.yaml")
    after = match(tailor(PROFILE, VariantFile.model_validate(data)), posting, builtin_vocabulary())
    assert after.coverage >= before.coverage
    assert {k.keyword.name for k in after.covered} == {k.keyword.name for k in before.covered}


def test_written_variant_keeps_the_only_entry_proving_go():
    """The issue's case: "Go" is shown only by the CI pipeline project's summary and keywords."""
    posting = read(next(p for p in postings() if p.name == "sre-en.md"))
    before = match(PROFILE, posting, builtin_vocabulary())
    go = next(k for k in before.keywords if k.keyword.name == "Go")
    assert {p.entry_id for p in go.places} == {"jenkins-ci-pipeline"}
    data = starting_variant(before, PROFILE, profile_ref="example.yaml")
    assert "jenkins-ci-pipeline" not in data.get("drop", [])
    assert data.get("drop")  # it still trims: irrelevant projects go

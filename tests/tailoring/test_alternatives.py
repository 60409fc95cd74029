"""Terms a posting offers as a choice ("Jest, Playwright or Cypress"): one of them is the
requirement.

Before, a profile showing Jest was told that Playwright and Cypress were both required and
missing, and its required coverage fell by two (user trial).
"""

from __future__ import annotations

import pytest

from resume_builder.pipeline import builtin_vocabulary
from resume_builder.schema.profile import Profile
from resume_builder.tailoring.keywords import alternative_groups, posting_from_text
from resume_builder.tailoring.matching import match

POSTING = """\
# Frontend Engineer

## Requirements
- React or Vue
- Jest, Playwright or Cypress
- Kubernetes, Terraform and Go
- Go oder Rust
"""


def report(highlight: str):
    profile = Profile.model_validate({"basics": {"name": "Ann Example"}, "experience": [
        {"company": "Acme", "position": "Engineer", "start": "2020-01", "highlights": [highlight]}]})
    return {k.keyword.name: k for k in match(profile, posting_from_text(POSTING, "job.md"), builtin_vocabulary()).keywords}


@pytest.mark.parametrize(("text", "groups"), [
    ("Jest, Playwright or Cypress", [["Jest", "Playwright", "Cypress"]]),
    ("React or Vue", [["React", "Vue.js"]]),
    ("Go oder Rust", [["Go", "Rust"]]),
    ("Java ou Kotlin", [["Java", "Kotlin"]]),
    ("Kubernetes, Terraform and Go", []),
    ("Kubernetes and React or Vue", [["React", "Vue.js"]]),
    ("Experience with React; or Vue for smaller apps", []),  # a clause between: not one list
    ("AWS/GCP", [["AWS", "Google Cloud"]]),
    ("Java and/or Kotlin", [["Java", "Kotlin"]]),
    ("Java und/oder Kotlin", [["Java", "Kotlin"]]),
    ("CI/CD and Docker", []),  # one term with a slash in it
])
def test_a_choice_is_read_as_one_group(text, groups):
    vocab = builtin_vocabulary()
    assert alternative_groups(text, vocab.find(text)) == groups


def test_one_alternative_shown_meets_the_requirement():
    found = report("Tested React apps with Jest")
    for name, met in (("Playwright", "Jest"), ("Cypress", "Jest"), ("Vue.js", "React")):
        assert not found[name].covered and found[name].keyword.importance == "preferred"
        assert found[name].keyword.met_by == met
        assert found[name].keyword.weight == 1  # a wish: the weighted coverage does not count it missed
        assert found[name].to_dict()["met_by"] == met
    for name in ("Kubernetes", "Terraform"):  # "and": each one is asked for
        assert found[name].keyword.required and found[name].keyword.met_by is None


def test_with_no_alternative_shown_each_stays_required():
    found = report("Wrote Python services")
    assert all(found[name].keyword.required for name in ("Jest", "Playwright", "Cypress", "React", "Vue.js"))
    assert found["Cypress"].keyword.alternatives == ["Jest", "Playwright"]

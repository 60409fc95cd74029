"""The evidence shown for a term is the text that names it.

Before: a skill group's keywords were one text, and the evidence showed its first line, so
Terraform's evidence read ``Firebase`` (the group's first keyword).
"""

from __future__ import annotations

from resume_builder.schema.profile import Profile
from resume_builder.pipeline import builtin_vocabulary
from resume_builder.tailoring.keywords import posting_from_text
from resume_builder.tailoring.matching import match


def test_list_evidence_is_the_item_that_names_the_term():
    profile = Profile.model_validate({
        "basics": {"name": "Ada Example"},
        "skills": [{"name": "Cloud", "keywords": ["Firebase", "Heroku", "Terraform", "Kubernetes"]}],
    })
    posting = posting_from_text("Platform engineer\n\nRequirements\n- Terraform\n- Kubernetes\n", "job.txt")
    report = match(profile, posting, builtin_vocabulary())
    found = {k.keyword.name: k for k in report.keywords}
    assert found["Terraform"].places[0].text == "Terraform"
    assert found["Kubernetes"].places[0].text == "Kubernetes"
    assert found["Terraform"].to_dict()["evidence"]["text"] == "Terraform"

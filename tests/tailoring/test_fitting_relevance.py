"""Page budget with a posting: cut by relevance across the whole résumé, keep the best
(issue 17's third failure: the top project lost its bullets while unrelated ones kept theirs)."""

from __future__ import annotations

from resume_builder.schema.profile import Profile
from resume_builder.tailoring.fitting import Relevance, fit
from resume_builder.theming import FitLimits, ThemeOptions

LIMITS = FitLimits(min_font_size=10, min_line_height=1.2, min_spacing=0.75)  # no tightening: cuts only
OPTIONS = ThemeOptions(font_size=10, line_height=1.2, spacing=0.75)
PROFILE = {
    "basics": {"name": "Sam Sample"},
    "experience": [{"id": "now", "company": "Now Co", "position": "SRE", "start": "2021"},
                   {"id": "before", "company": "Old Co", "position": "Developer", "start": "2015", "end": "2020"}],
    "projects": [
        {"id": "k8s", "name": "Kubernetes platform", "summary": "A long story about the platform. " * 3,
         "highlights": ["Ran Kubernetes", "Wrote Terraform", "Paired with Go", "Organised the party"]},
        {"id": "party", "name": "Office party", "summary": "Balloons and cake. " * 4,
         "highlights": ["Bought balloons", "Baked a cake", "Tidied up"]},
        {"id": "blog", "name": "Blog", "highlights": ["Wrote about Prometheus", "Fixed typos"]},
    ],
}
RELEVANCE = Relevance({
    ("projects", 0, "highlights[0]"): (3, ("Kubernetes",)),
    ("projects", 0, "highlights[1]"): (3, ("Terraform",)),
    ("projects", 0, "highlights[2]"): (3, ("Go",)),
    ("projects", 2, "highlights[0]"): (3, ("Prometheus",)),
    ("skills", 0, "keywords"): (3, ("Kubernetes",)),
}, frozenset({"Kubernetes", "Terraform", "Go", "Prometheus"}))


def size(profile: Profile) -> int:
    """A fake layout: lines of text (a summary counts by its length)."""
    lines = 2 * len(profile.experience)
    for project in profile.projects:
        lines += 1 + len(project.highlights) + (len(project.summary or "") // 40)
    return lines


def pages_for(lines_per_page: int):
    return lambda profile, options: -(-size(profile) // lines_per_page)


def run(lines_per_page: int, relevance: Relevance | None = RELEVANCE):
    profile = Profile.model_validate(PROFILE)
    return profile, fit(profile, OPTIONS, LIMITS, 1, pages_for(lines_per_page), relevance=relevance)


def highlights(profile: Profile, project: str) -> list[str]:
    return [h.text for h in next(p for p in profile.projects if p.id == project).highlights]


def test_irrelevant_entries_and_paragraphs_go_before_relevant_highlights():
    original, result = run(14)
    assert size(original) > 14 >= size(result.profile)
    assert highlights(result.profile, "k8s")[:3] == ["Ran Kubernetes", "Wrote Terraform", "Paired with Go"]
    assert "party" not in [p.id for p in result.profile.projects]
    assert result.cut[0].kind == "entry" and result.cut[0].label == "projects/party" and result.cut[0].points == 0
    assert result.relevance_kept == result.relevance_total == 15


def test_the_only_evidence_of_a_required_term_is_never_cut():
    _, result = run(9)  # tight: everything without relevance goes, then it still has to fit
    assert "Wrote about Prometheus" in highlights(result.profile, "blog")  # the only Prometheus
    assert highlights(result.profile, "k8s")[:3] == ["Ran Kubernetes", "Wrote Terraform", "Paired with Go"]


def test_kept_and_cut_are_stated():
    _, result = run(14)
    assert result.kept["Kubernetes"] == "projects/k8s highlights[0]"  # work beats the skills list
    assert result.kept["Prometheus"] == "projects/blog highlights[0]"
    lines = "\n".join(result.cuts)
    assert "dropped entry projects/party (no posting terms)" in lines
    assert result.to_dict()["relevance"] == {"total": 15, "kept": 15, "percent": 100}


def test_pages_are_filled_again():
    """Cut items are put back, most relevant first, while the page count still fits: cutting
    the 1-point highlight (least relevance per character) is not enough, cutting the 8-point
    paragraph too is, and then the paragraph alone is: the highlight returns."""
    profile = Profile.model_validate({
        "basics": {"name": "Sam Sample"},
        "experience": [{"id": "now", "company": "Now Co", "position": "SRE", "start": "2021"}],
        "projects": [{"id": "p", "name": "P", "summary": "A paragraph about AWS. " * 6,
                      "highlights": ["Ran Kubernetes", "Ran Go", "Ran Terraform", "Ran Scrum"]}]})
    relevance = Relevance({("projects", 0, "highlights[0]"): (3, ("Kubernetes",)),
                           ("projects", 0, "highlights[1]"): (3, ("Go",)),
                           ("projects", 0, "highlights[2]"): (3, ("Terraform",)),
                           ("projects", 0, "highlights[3]"): (1, ("Scrum",)),
                           ("projects", 0, "summary"): (10, ("AWS", "Ansible"))}, frozenset({"Kubernetes"}))
    assert size(profile) == 2 + 1 + 4 + 3
    result = fit(profile, OPTIONS, LIMITS, 1, pages_for(7), relevance=relevance)
    assert highlights(result.profile, "p") == ["Ran Kubernetes", "Ran Go", "Ran Terraform", "Ran Scrum"]
    assert [(c.kind, c.points) for c in result.cut] == [("paragraph", 10)]
    assert (result.relevance_kept, result.relevance_total, result.relevance_kept_percent) == (10, 20, 50)


def test_without_a_posting_the_old_rule_holds():
    _, result = run(14, relevance=None)
    assert result.cut and result.kept == {} and result.relevance_kept_percent is None
    assert all(not c.ranked and c.points == 0 and not c.terms for c in result.cut)  # no relevance in play
    assert [c.describe() for c in result.cut] == result.cuts  # each said as before, with no "(no posting terms)"
    assert all(c.startswith(("dropped highlight", "dropped paragraph", "dropped entry")) for c in result.cuts)
    assert highlights(result.profile, "k8s")[0] == "Ran Kubernetes"  # each entry keeps its first
    # the profile's order: the last-listed entries' detail first, each entry's paragraphs before its highlights;
    # once the k8s summary (2 lines) went, "Baked a cake" was no longer needed and came back
    assert result.cuts == ['dropped highlight from projects/blog: "Fixed typos"',
                           "dropped paragraph projects/party summary", 'dropped highlight from projects/party: "Tidied up"',
                           "dropped paragraph projects/k8s summary"]

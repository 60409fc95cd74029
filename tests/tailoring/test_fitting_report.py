"""What the page budget tells the user: its change lines, its data (``FitResult.to_dict``,
shown by ``match`` and written in the bundle), its refusal, and the options and page count
it hands on, whichever step made the résumé fit.

The layouts here are fakes (tests/tailoring/test_fitting.py explains why): a line per entry
heading and one per 40 characters of a paragraph or highlight, the lines shrinking with the
font size, so tightening and cutting both make room.
"""

from __future__ import annotations

import pytest

from resume_builder.errors import UserError
from resume_builder.schema.profile import Profile
from resume_builder.tailoring.fitting import Cut, Relevance, fit
from resume_builder.theming import FitLimits, ThemeOptions
from tests.tailoring.page_model import lines

LIMITS = FitLimits(min_font_size=8, min_line_height=1.1, min_spacing=0.5)
ROOMY = ThemeOptions(font_size=10, line_height=1.4, spacing=1.0)
TIGHT = ThemeOptions(font_size=8, line_height=1.1, spacing=0.5)  # already at LIMITS
TIGHTENED = "tightened the layout: font size 10 → 8 pt, line height 1.4 → 1.1, spacing 1 → 0.5"


def pages(per_page: int):
    """``per_page`` lines a page at 10 pt; at 8 pt the same text takes 4/5 of the lines."""
    def count(profile: Profile, options: ThemeOptions) -> int:
        return -(-int(lines(profile) * options.font_size * 10) // (per_page * 100))
    return count


def _profile(data: dict) -> Profile:
    return Profile.model_validate({"basics": {"name": "Sam Sample"}, **data})


NOW = {"id": "now", "company": "Now Co", "position": "SRE", "start": "2021", "highlights": ["Ran Kubernetes clusters"]}


# ----------------------------------------------------------------------------- without cuts


def test_a_profile_that_fits_comes_back_as_it_is():
    profile = _profile({"experience": [NOW]})
    result = fit(profile, ROOMY, LIMITS, 1, pages(5))
    assert result.profile == profile and result.options == ROOMY
    assert (result.pages, result.cuts, result.cut) == (1, [], [])
    assert result.to_dict() == {"max_pages": 1, "pages": 1, "changes": [], "cut": [], "kept": [],
                                "relevance": {"total": 0, "kept": 0, "percent": None}}


def test_tightening_says_what_changed_from_what_to_what():
    profile = _profile({"experience": [{**NOW, "highlights": ["a" * 40] * 4}]})  # 5 lines: 4 a page only at 8 pt
    result = fit(profile, ROOMY, LIMITS, 1, pages(4))
    assert result.cuts == [TIGHTENED]
    assert (result.pages, result.options.font_size, result.options.line_height, result.options.spacing) == \
        (1, 8, 1.1, 0.5)
    assert result.profile == profile  # nothing cut
    assert result.to_dict()["changes"] == [TIGHTENED] and result.to_dict()["pages"] == 1


def test_tightening_names_only_what_visibly_changed():
    profile = _profile({"experience": [{**NOW, "highlights": ["a" * 40] * 4}]})
    options = ThemeOptions(font_size=10, line_height=1.1, spacing=0.5)  # only the font size can shrink
    result = fit(profile, options, LIMITS, 1, pages(4))
    assert result.cuts == ["tightened the layout: font size 10 → 8 pt"]


def test_tightening_lands_close_to_the_least_that_fits_in_a_few_layouts():
    """The least tightening that fits is found to within 1/16 of the way to the limits (font
    size 10 → 8: within 0.125 pt) in five layouts besides the first, not one per step."""
    sizes = []

    def count(profile: Profile, options: ThemeOptions) -> int:
        sizes.append(options.font_size)
        return 1 if options.font_size <= 8.19 else 2

    result = fit(_profile({"experience": [NOW]}), ROOMY, LIMITS, 1, count)
    assert result.pages == 1 and 8.19 - 0.125 <= result.options.font_size <= 8.19
    assert len(sizes) <= 1 + 5


def test_a_layout_at_its_limits_is_counted_with_its_own_options():
    """Already as tight as the theme allows: the pages are counted with the options the résumé
    has (the count reads them), and it fits by cutting."""
    profile = _profile({"experience": [NOW, {"id": "old", "company": "Old Co", "position": "Dev", "start": "2010",
                                             "end": "2012", "highlights": ["a" * 40] * 6}]})
    result = fit(profile, TIGHT, LIMITS, 1, pages(6))  # 9 lines; at 8 pt, 7.5 a page: two go
    assert result.options == TIGHT and result.pages == 1
    assert all(c.startswith('dropped highlight from experience/old: "aaa') for c in result.cuts)
    assert len(result.cuts) == 2


# ----------------------------------------------------------------------------- cuts without a posting


def test_cutting_highlights_hands_on_the_tightened_options_and_the_page_count():
    profile = _profile({"experience": [NOW, {"id": "old", "company": "Old Co", "position": "Dev", "start": "2010",
                                             "end": "2012", "highlights": ["a" * 40] * 6}]})
    result = fit(profile, ROOMY, LIMITS, 1, pages(6))  # 9 lines; at 8 pt, 7.5 a page: two go
    assert result.cuts[0] == TIGHTENED and len(result.cuts) == 3
    assert (result.pages, result.options) == (1, TIGHT)
    assert result.to_dict()["pages"] == 1 and result.to_dict()["max_pages"] == 1


def test_dropping_entries_hands_on_the_tightened_options_and_the_page_count():
    profile = _profile({"experience": [NOW], "projects": [{"id": f"p{i}", "name": f"P{i}"} for i in range(8)]})
    result = fit(profile, ROOMY, LIMITS, 2, pages(3))  # 10 lines, 8 at 8 pt; 6 a page: 7 lines fit
    assert result.cuts == [TIGHTENED, "dropped entry projects/p7", "dropped entry projects/p6",
                           "dropped entry projects/p5"]
    assert (result.pages, result.options) == (2, TIGHT)
    assert result.to_dict()["max_pages"] == 2


def test_an_entry_without_an_id_is_named_as_the_resume_shows_it():
    """Before: ``dropped entry languages/`` (and ``volunteering/``): the label read ids, names,
    titles, companies and degrees only. Every droppable section, each entry without an id; all
    but the newest job and the highest degree (3 lines, 3 a page) must go."""
    profile = _profile({
        "experience": [{**NOW, "highlights": []}, {"company": "Old Co", "position": "Dev", "start": "2010",
                                                    "end": "2012"}],
        "projects": [{"name": "**Load** balancer manager"}],
        "volunteering": [{"organization": "Food Bank", "position": "Driver"}],
        "education": [{"institution": "Open University", "degree": "MSc", "end": "2015"},
                      {"institution": "", "degree": "Diploma in Sound", "end": "2008"}],
        "awards": [{"title": "Hackathon winner"}], "certifications": [{"name": "CKA"}],
        "publications": [{"name": "On queues"}], "references": [{"name": "Ann Example"}],
        "interests": [{"name": "Bouldering"}], "languages": [{"language": "Portuguese", "fluency": "C1"}],
        "custom": [{"id": "talks", "title": "Talks", "entries": [{"title": "Kafka at scale"}]}]})
    result = fit(profile, TIGHT, LIMITS, 1, lambda p, o: -(-lines(p) // 2))
    assert sorted(result.cuts) == sorted(f"dropped entry {label}" for label in (
        "experience/Old Co", "projects/Load balancer manager", "volunteering/Food Bank",
        "education/Diploma in Sound", "awards/Hackathon winner", "certifications/CKA", "publications/On queues",
        "references/Ann Example", "interests/Bouldering", "languages/Portuguese", "talks/Kafka at scale"))


# ----------------------------------------------------------------------------- cuts with a posting


def _posting_profile() -> Profile:
    return _profile({
        "experience": [NOW],
        "projects": [{"id": "k8s", "name": "Platform", "highlights": ["Ran Kubernetes", "Wrote Go"]},
                     {"id": "party", "name": "Office party", "summary": "Balloons and cake for everyone."}],
        "skills": [{"id": "langs", "name": "Languages", "keywords": ["Go"]}]})


POSTING = Relevance({("experience", 0, "highlights[0]"): (3, ("Kubernetes",)),
                     ("projects", 0, "highlights[0]"): (3, ("Kubernetes",)),
                     ("projects", 0, "highlights[1]"): (2, ("Go",)),
                     ("skills", 0, "keywords"): (1, ("Go",))}, frozenset({"Kubernetes"}))


def test_with_a_posting_the_report_says_what_went_and_what_is_still_shown():
    # 2 + 3 + 2 = 7 lines; 5.6 at 8 pt: the irrelevant project goes, then 5 x 0.8 = 4 fit
    result = fit(_posting_profile(), ROOMY, LIMITS, 1, pages(5), relevance=POSTING)
    assert [p.id for p in result.profile.projects] == ["k8s"]
    assert (result.pages, result.options) == (1, TIGHT)
    assert result.cuts == [TIGHTENED, "dropped entry projects/party (no posting terms)"]
    # the same term shown twice, equally strongly: the first place named; the skills list
    # only when no work shows the term
    assert result.to_dict() == {
        "max_pages": 1, "pages": 1, "changes": [TIGHTENED, "dropped entry projects/party (no posting terms)"],
        "cut": [{"kind": "entry", "label": "projects/party", "points": 0, "terms": []}],
        "kept": [{"keyword": "Kubernetes", "where": "experience/now highlights[0]"},
                 {"keyword": "Go", "where": "projects/k8s highlights[1]"}],
        "relevance": {"total": 9, "kept": 9, "percent": 100}}


def test_cuts_of_relevant_parts_say_their_points_and_terms():
    profile = _profile({
        "experience": [NOW],
        "projects": [{"id": "anchor", "name": "Anchor", "highlights": ["Ran Kubernetes", "Ran Kafka", "Ran Rust"]},
                     {"id": "p", "name": "P", "summary": "Wrote services in Go and some Rust too, for years " * 2,
                      "highlights": ["Planned releases", "Ran Scrum"]}]})
    relevance = Relevance({("projects", 0, "highlights[0]"): (9, ("Kubernetes",)),
                           ("projects", 0, "highlights[1]"): (9, ("Kafka",)),
                           ("projects", 0, "highlights[2]"): (9, ("Rust",)),
                           ("projects", 1, "summary"): (2, ("Go", "Rust")),
                           ("projects", 1, "highlights[0]"): (3, ("Releases",)),
                           ("projects", 1, "highlights[1]"): (1, ("Scrum",))})
    # 2 + 4 + (1 + 3 + 1 + 1) = 12 lines, 8 fit: the summary (least points per character) and
    # the bullet worth least go; the best bullet of P stays, the anchor is pinned
    result = fit(profile, TIGHT, LIMITS, 1, pages(7), relevance=relevance, pinned_ids={"anchor"})
    assert result.cuts == ["dropped paragraph projects/p summary (2 points: Go, Rust)",
                           'dropped highlight from projects/p: "Ran Scrum" (1 point: Scrum)']
    assert [c.to_dict() for c in result.cut] == [
        {"kind": "paragraph", "label": "projects/p summary", "points": 2, "terms": ["Go", "Rust"]},
        {"kind": "highlight", "label": 'projects/p: "Ran Scrum"', "points": 1, "terms": ["Scrum"]}]
    assert (result.relevance_total, result.relevance_kept, result.relevance_kept_percent) == (33, 30, 91)
    assert result.options == TIGHT and result.pages == 1


def test_a_cut_describes_itself_for_the_change_list():
    assert Cut("entry", "projects/party").describe() == "dropped entry projects/party (no posting terms)"
    assert Cut("paragraph", "projects/p summary", 1, ("Go",)).describe() == \
        "dropped paragraph projects/p summary (1 point: Go)"
    assert Cut("highlight", 'projects/p: "Ran Go"', 4, ("Go", "Rust")).describe() == \
        'dropped highlight from projects/p: "Ran Go" (4 points: Go, Rust)'


# ----------------------------------------------------------------------------- refusals


HINT = "raise max_pages, choose a denser theme (compact), drop sections in the variant, or pin fewer entries"


@pytest.mark.parametrize("max_pages, per_page, message", [
    (1, 2, "cannot fit the résumé into 1 page: after tightening the layout to the theme's limits and cutting "
           "everything allowed it still takes 2 pages (1 over)"),
    (2, 1, "cannot fit the résumé into 2 pages: after tightening the layout to the theme's limits and cutting "
           "everything allowed it still takes 3 pages (1 over)"),
])
def test_a_budget_that_cannot_be_met_says_by_how_much(max_pages, per_page, message):
    # the newest job (2 lines) and the highest degree (1 line) are never cut: 3 lines, 2.4 at 8 pt
    profile = _profile({"experience": [NOW, {"id": "old", "company": "Old Co", "position": "Dev", "start": "2010",
                                             "end": "2012"}],
                        "education": [{"id": "msc", "institution": "U", "degree": "MSc"}]})
    for relevance in (None, Relevance({("experience", 0, "highlights[0]"): (3, ("Kubernetes",))})):
        with pytest.raises(UserError) as caught:
            fit(profile, ROOMY, LIMITS, max_pages, pages(per_page), relevance=relevance)
        (problem,) = caught.value.problems
        assert (problem.message, problem.hint) == (message, HINT)


# ----------------------------------------------------------------------------- where each term is still shown


def _kept(data: dict, pieces: dict, required: frozenset[str] = frozenset()) -> dict[str, str]:
    result = fit(_profile(data), TIGHT, LIMITS, 1, pages(100), relevance=Relevance(pieces, required))
    return result.kept


def test_each_term_is_said_to_be_shown_by_its_strongest_evidence():
    data = {"experience": [{**NOW, "highlights": ["Ran Go"]}],
            "projects": [{"id": "k8s", "name": "Platform", "highlights": ["Ran Rust"]}],
            "volunteering": [{"id": "club", "organization": "Club", "highlights": ["Taught Go and Rust"]}],
            "education": [{"id": "msc", "institution": "U", "degree": "MSc", "courses": ["Compilers in OCaml"]}],
            "skills": [{"id": "langs", "name": "Languages", "keywords": ["OCaml"]}]}
    pieces = {("volunteering", 0, "highlights[0]"): (5, ("Go", "Rust")),
              ("experience", 0, "highlights[0]"): (1, ("Go",)),
              ("projects", 0, "highlights[0]"): (1, ("Rust",)),
              ("skills", 0, "keywords"): (5, ("OCaml",)),
              ("education", 0, "courses"): (1, ("OCaml",))}
    # work done (a job's or a project's highlight) beats the same proof elsewhere, whatever the
    # points; a list of courses (listed) beats the skills list (claimed)
    assert _kept(data, pieces) == {"Go": "experience/now highlights[0]", "Rust": "projects/k8s highlights[0]",
                                   "OCaml": "education/msc courses"}


def test_places_are_named_by_section_entry_role_and_field():
    data = {"summary": "Platform engineer who likes Go",
            "basics": {"name": "Sam Sample", "headline": "Go engineer"},
            "experience": [{"id": "acme", "company": "Acme", "roles": [
                {"id": "lead", "position": "Lead", "start": "2020", "highlights": ["Ran Kubernetes"]},
                {"position": "Developer", "start": "2016", "end": "2020", "summary": "Wrote Terraform"}]}],
            "custom": [{"id": "talks", "title": "Talks about Kafka", "items": ["Spoke about Zig"],
                        "entries": [{"id": "kafka-talk", "title": "Kafka at scale", "summary": "About Kafka"}]}]}
    pieces = {("summary", 0, "summary"): (1, ("Go",)),
              ("basics", 0, "headline"): (1, ("Elixir",)),
              ("experience", 0, "roles[0].highlights[0]"): (3, ("Kubernetes",)),
              ("experience", 0, "roles[1].summary"): (3, ("Terraform",)),
              ("experience", 0, "roles[2].summary"): (3, ("Ada",)),  # a role it does not have: the entry
              ("talks", -1, "items[0]"): (3, ("Zig",)),
              ("talks", 0, "summary"): (3, ("Kafka",)),
              ("podcasts", 0, "summary"): (3, ("Lisp",))}  # a section it does not have
    assert _kept(data, pieces) == {
        "Go": "summary", "Elixir": "basics headline", "Kubernetes": "experience/lead highlights[0]",
        "Terraform": "experience/Acme: Developer summary", "Ada": "experience/acme roles[2].summary",
        "Zig": "talks items[0]", "Kafka": "talks/kafka-talk summary", "Lisp": "podcasts summary"}


@pytest.mark.parametrize("section_id", ["letters", "meta", "headings", "variants", "lang"])
def test_a_custom_section_may_be_named_like_a_profile_setting(section_id):
    """Before: a custom section whose id is also a Profile field that holds no entries
    ("letters", "meta", ...) was looked up as that field: the page budget failed with a
    KeyError (or named a wrong place) as soon as a posting was given."""
    data = {"lang": "en", "experience": [NOW],
            "custom": [{"id": section_id, "title": "Letters", "entries": [
                {"id": "from-ann", "title": "From Ann", "summary": "Praises my Kubernetes work"}]}]}
    kept = _kept(data, {(section_id, 0, "summary"): (3, ("Kubernetes",))})
    assert kept == {"Kubernetes": f"{section_id}/from-ann summary"}


def test_what_was_cut_no_longer_shows_a_term():
    data = {"experience": [{**NOW, "highlights": ["Ran Kubernetes"]}, {"id": "acme", "company": "Acme", "roles": [
                {"id": "lead", "position": "Lead", "start": "2018", "end": "2021", "highlights": ["Ran Elixir"]},
                {"id": "dev", "position": "Developer", "start": "2016", "end": "2018",
                 "highlights": ["Wrote Terraform"]}]}],
            "projects": [{"id": "k8s", "name": "Platform", "highlights": ["Wrote Go", "Ran Rust"]},
                         {"id": "blog", "name": "Blog", "summary": "About Zig"}],
            "skills": [{"id": "langs", "name": "Languages", "keywords": ["Rust", "Zig", "Terraform"]}]}
    pieces = {("projects", 1, "summary"): (1, ("Zig",)),
              ("projects", 0, "highlights[1]"): (1, ("Rust",)),
              ("experience", 1, "roles[1].highlights[0]"): (1, ("Terraform",)),
              ("projects", 0, "highlights[0]"): (9, ("Go",)),
              ("experience", 0, "highlights[0]"): (9, ("Kubernetes",)),
              ("experience", 1, "roles[0].highlights[0]"): (9, ("Elixir",)),
              ("skills", 0, "keywords"): (1, ("Rust", "Zig", "Terraform"))}
    # everything fits: each term is named where a reader sees it best
    assert _kept(data, pieces, frozenset({"Go"})) == {
        "Zig": "projects/blog summary", "Rust": "projects/k8s highlights[1]",
        "Terraform": "experience/dev highlights[0]", "Go": "projects/k8s highlights[0]",
        "Kubernetes": "experience/now highlights[0]", "Elixir": "experience/lead highlights[0]"}
    # 2 + 3 + 3 + 2 lines on 7: the blog, Rust's bullet and the past role go (the platform is
    # the only Go); the skills list is then the only place that still shows their terms
    result = fit(_profile(data), TIGHT, LIMITS, 1, lambda p, o: -(-lines(p) // 7),
                 relevance=Relevance(pieces, frozenset({"Go"})))
    assert [c.label for c in result.cut] == ["projects/blog", 'projects/k8s: "Ran Rust"', "experience/dev"]
    assert result.kept == {"Zig": "skills/langs keywords", "Rust": "skills/langs keywords",
                           "Terraform": "skills/langs keywords", "Go": "projects/k8s highlights[0]",
                           "Kubernetes": "experience/now highlights[0]", "Elixir": "experience/lead highlights[0]"}

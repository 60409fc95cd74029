"""Page budget with a posting, rule by rule: what goes first, what never goes, what the
report names (tests/tailoring/test_fitting_relevance.py has the whole-résumé story).

The layout is a fake: a line per entry (and role) heading and one per 40 characters of a
paragraph or highlight, ``per_page`` lines a page. The options are already as tight as the
theme allows, so every line gained is a cut. Relevance is given directly (what
matching.relevance() would compute), so each case names exactly the points it needs.
"""

from __future__ import annotations

import math

import pytest

from resume_builder.errors import UserError
from resume_builder.schema.profile import Profile
from resume_builder.tailoring.fitting import Relevance, fit
from resume_builder.theming import FitLimits, ThemeOptions
from tests.tailoring.page_model import lines

LIMITS = FitLimits(min_font_size=8, min_line_height=1.1, min_spacing=0.5)
TIGHT = ThemeOptions(font_size=8, line_height=1.1, spacing=0.5)
NOW = {"id": "now", "company": "Now Co", "position": "SRE", "start": "2022"}  # the newest job: 1 line, never cut


# Pinned, its three highlights are the most relevant of the résumé (those are never cut):
# the other highlights of a case are cut by their own value.
TOP = {"id": "top", "name": "Top", "highlights": ["Ran Java", "Ran C", "Ran Zig"]}
TOP_PIECES = {("projects", 0, "highlights[0]"): (20, ("Java",)), ("projects", 0, "highlights[1]"): (20, ("C",)),
              ("projects", 0, "highlights[2]"): (20, ("Zig",))}


def _profile(data: dict) -> Profile:
    return Profile.model_validate({"basics": {"name": "Sam Sample"}, **data})


def _fit(profile: Profile, per_page: int, pieces: dict, required: set[str] = frozenset(), **kwargs):
    count = lambda p, options: -(-lines(p) // per_page)  # noqa: E731
    return fit(profile, TIGHT, LIMITS, 1, count, relevance=Relevance(pieces, frozenset(required)), **kwargs)


def texts(entry) -> list[str]:
    return [h.text for h in entry.highlights]


def project(result, project_id: str):
    return next((p for p in result.profile.projects if p.id == project_id), None)


# ----------------------------------------------------------------------------- never cut


def test_the_only_evidence_of_a_required_term_stays_even_when_it_is_worth_least():
    profile = _profile({"experience": [NOW], "projects": [
        {"id": "p", "name": "P", "highlights": ["Ran Kafka", "Knew Erlang", "Did chores"]},
        {"id": "q", "name": "Q", "summary": "Wrote Go", "highlights": ["Ran Go"]}]})
    pieces = {("projects", 0, "highlights[0]"): (5, ("Kafka",)),
              ("projects", 0, "highlights[1]"): (1, ("Erlang",)),
              ("projects", 1, "summary"): (4, ("Go",)),
              ("projects", 1, "highlights[0]"): (3, ("Go",))}
    # 1 + 4 + 3 = 8 lines on 6: two go. "Knew Erlang" would go second, but it is the only Erlang
    result = _fit(profile, 6, pieces, {"Erlang"})
    assert texts(project(result, "p")) == ["Ran Kafka", "Knew Erlang"]
    assert [c.label for c in result.cut] == ['projects/p: "Did chores"', "projects/q summary"]


def test_a_required_term_shown_in_two_entries_keeps_neither_from_going():
    profile = _profile({"experience": [NOW], "projects": [
        {"id": "a", "name": "A", "highlights": ["Used Docker a lot, every single day at work, for years on end"]},
        {"id": "b", "name": "B", "highlights": ["Used Docker"]}]})
    pieces = {("projects", 0, "highlights[0]"): (1, ("Docker",)), ("projects", 1, "highlights[0]"): (1, ("Docker",))}
    result = _fit(profile, 4, pieces, {"Docker"})  # 1 + 3 + 2 = 6 lines on 4: the longer entry goes
    assert [p.id for p in result.profile.projects] == ["b"]
    assert result.kept == {"Docker": "projects/b highlights[0]"}


ANCHOR = {"id": "anchor", "name": "Anchor", "summary": "Ran Kafka in production", "highlights": ["Ran Kafka"]}


@pytest.mark.parametrize("others", [
    {},
    # a list (skills) or a paragraph worth more than any highlight does not take a highlight's place
    {("skills", 0, "keywords"): (20, ("Kafka",)), ("projects", 0, "summary"): (20, ("Kafka",))},
])
def test_the_three_most_relevant_highlights_stay_however_long(others):
    long = " ".join(["Kubernetes operators written and run for the platform team"] * 3)  # 5 lines
    profile = _profile({
        "projects": [ANCHOR, {"id": "p", "name": "P", "highlights": [
            "Ran Kubernetes", "Wrote operators: " + long, "Ran clusters: " + long, "Did chores", "Made tea"]}],
        "skills": [{"id": "tools", "name": "Tools", "keywords": ["Kafka"]}]})
    pieces = {("projects", 1, "highlights[0]"): (9, ("Kubernetes",)),
              ("projects", 1, "highlights[1]"): (8, ("Kubernetes",)),
              ("projects", 1, "highlights[2]"): (7, ("Kubernetes",)),
              ("projects", 1, "highlights[3]"): (1, ("Chores",)),
              ("projects", 1, "highlights[4]"): (1, ("Tea",)), **others}
    # 3 + (1 + 1 + 5 + 5 + 1 + 1) = 17 lines on 15: two one-line bullets go, not a long
    # highlight worth less per character that is among the three best of the résumé
    result = _fit(profile, 15, pieces, {"Kubernetes"}, pinned_ids={"anchor"})
    assert texts(project(result, "p"))[:3] == ["Ran Kubernetes", "Wrote operators: " + long, "Ran clusters: " + long]
    assert [c.label for c in result.cut] == ['projects/p: "Did chores"', 'projects/p: "Made tea"']


def test_each_entry_keeps_its_best_highlight():
    profile = _profile({"projects": [
        {"id": "top", "name": "Top", "highlights": ["Ran Go", "Ran Rust", "Ran Zig"]},
        {"id": "p", "name": "P", "highlights": ["Planned", "Tested", "Shipped Kafka to production at last"]}]})
    pieces = {("projects", 0, "highlights[0]"): (9, ("Go",)), ("projects", 0, "highlights[1]"): (9, ("Rust",)),
              ("projects", 0, "highlights[2]"): (9, ("Zig",)), ("projects", 1, "highlights[2]"): (1, ("Kafka",))}
    # 4 + 4 = 8 lines on 6: P's two bullets without terms go; its best (the only one with a
    # term, worth least per character of all) stays; Top is pinned
    result = _fit(profile, 6, pieces, set(), pinned_ids={"top"})
    assert texts(project(result, "p")) == ["Shipped Kafka to production at last"]


@pytest.mark.parametrize("scores, kept", [
    ({2: (1, ("Kafka",)), 3: (1, ("Kafka",))}, "Ran Kafka for years"),  # the first of equals
    ({2: (3, ("Go",)), 3: (1, ("Kafka",))}, "Ran Kafka for years"),  # the most points, whatever its terms
    ({3: (1, ("Kafka",))}, "Ran Kafka"),  # the only one scored, wherever it is
])
def test_the_best_highlight_of_an_entry_is_the_first_of_its_highest_scored(scores, kept):
    profile = _profile({"projects": [
        TOP, {"id": "p", "name": "P", "highlights": ["Planned", "Tested", "Ran Kafka for years", "Ran Kafka"]}]})
    pieces = {**TOP_PIECES, **{("projects", 1, f"highlights[{i}]"): value for i, value in scores.items()}}
    result = _fit(profile, 6, pieces, set(), pinned_ids={"top"})  # 4 + 5 = 9 lines on 6: three go
    assert texts(project(result, "p")) == [kept]


def test_the_newest_role_of_the_newest_company_keeps_every_part():
    profile = _profile({"experience": [{"id": "acme", "company": "Acme", "roles": [
        {"id": "lead", "position": "Lead", "start": "2020", "summary": "Led the platform team",
         "highlights": ["Ran Kubernetes", "Hired people", "Ran the standups"]},
        {"id": "dev", "position": "Dev", "start": "2016", "end": "2020", "summary": "Wrote the services",
         "highlights": ["Wrote Terraform", "Fixed bugs"]}]}]})
    pieces = {("experience", 0, "roles[0].highlights[0]"): (5, ("Kubernetes",)),
              ("experience", 0, "roles[1].highlights[0]"): (3, ("Terraform",))}
    # 1 + 5 + 4 = 10 lines on 8: the past role's paragraph and bullet without terms go
    result = _fit(profile, 8, pieces)
    lead, dev = result.profile.experience[0].roles
    assert (lead.summary, texts(lead)) == ("Led the platform team",
                                           ["Ran Kubernetes", "Hired people", "Ran the standups"])
    assert (dev.summary, texts(dev)) == (None, ["Wrote Terraform"])
    assert [c.label for c in result.cut] == ["experience/dev summary", 'experience/dev: "Fixed bugs"']
    # tighter: the past role goes whole, the company and its newest role stay
    tighter = _fit(profile, 6, pieces)
    assert [r.id for r in tighter.profile.experience[0].roles] == ["lead"]
    assert [c.describe() for c in tighter.cut] == ["dropped entry experience/dev (3 points: Terraform)"]
    # nothing else left to cut: the newest role is never cut, so it does not fit
    with pytest.raises(UserError, match="still takes 2 pages"):
        _fit(profile, 5, pieces)


# ----------------------------------------------------------------------------- what goes first


def test_what_shows_no_posting_term_goes_before_anything_that_shows_one():
    """However short, or however relevant its entry, a part without terms (a paragraph, a
    bullet) goes before parts with terms, which go least relevance per character first."""
    profile = _profile({"experience": [NOW], "projects": [
        {"id": "best", "name": "Best", "summary": "Planned the quarter", "highlights": ["Ran Go", "Ran Rust"]},
        {"id": "marginal", "name": "Marginal", "outcome": "Some Scala, written once, long ago, in a hurry " * 2,
         "highlights": ["Mentioned Scala once in a talk about something else entirely, briefly", "Ate lunch"]},
        {"id": "once", "name": "Once", "highlights": ["Used Zig"]}]})
    pieces = {("projects", 0, "highlights[0]"): (9, ("Go",)), ("projects", 0, "highlights[1]"): (9, ("Rust",)),
              ("projects", 1, "outcome"): (1, ("Scala",)), ("projects", 1, "highlights[0]"): (1, ("Scala",)),
              ("projects", 2, "highlights[0]"): (1, ("Zig",))}
    # 1 + 4 + 7 + 2 = 14 lines on 9: Marginal's lunch and Best's summary (no terms; the less
    # relevant entry's first) go first, then Marginal's long outcome with a term (least per
    # character), not Once, worth 1 point and a line. (Marginal is the only Scala: not cut whole.)
    result = _fit(profile, 9, pieces, {"Go", "Scala"})
    assert [c.label for c in result.cut] == ['projects/marginal: "Ate lunch"', "projects/best summary",
                                             "projects/marginal outcome"]
    assert [p.id for p in result.profile.projects] == ["best", "marginal", "once"]


def test_an_irrelevant_entry_goes_whole_before_its_parts():
    profile = _profile({"experience": [NOW], "projects": [
        {"id": "k8s", "name": "K8s", "highlights": ["Ran Kubernetes"]},
        {"id": "party", "name": "Party", "summary": "Balloons and cake for everyone, " * 3, "highlights": ["Tidied"]}]})
    pieces = {("projects", 0, "highlights[0]"): (5, ("Kubernetes",))}
    result = _fit(profile, 5, pieces)  # 1 + 2 + 5 = 8 lines on 5: its summary alone would do
    assert [c.describe() for c in result.cut] == ["dropped entry projects/party (no posting terms)"]


def test_an_entry_with_a_posting_term_outlasts_the_parts_of_others_without_any():
    profile = _profile({"experience": [NOW], "projects": [
        {"id": "k8s", "name": "K8s", "highlights": ["Ran Kubernetes", "Ran chores"]},
        {"id": "blog", "name": "Blog", "summary": "A blog about many things, mostly cooking, " * 3}]})
    pieces = {("projects", 0, "highlights[0]"): (9, ("Kubernetes",)), ("projects", 1, "summary"): (1, ("Go",))}
    # 1 + 3 + 5 = 9 lines on 8: the bullet without terms goes, not the blog worth a point
    result = _fit(profile, 8, pieces)
    assert [c.label for c in result.cut] == ['projects/k8s: "Ran chores"']


def test_parts_without_terms_go_from_the_least_relevant_entry_first():
    """By their entry's relevance alone, however long or short: a bullet without terms in a
    1-point project goes before one in a 9-point project, even one ten times as long."""
    chores = "Did a longer thing, over many months, on call, " * 8  # 10 lines
    profile = _profile({"experience": [NOW], "projects": [
        {"id": "weak", "name": "Weak", "highlights": ["Ran Go", "Did a short thing"]},
        {"id": "strong", "name": "Strong", "highlights": ["Ran Kubernetes", chores.strip()]}]})
    pieces = {("projects", 0, "highlights[0]"): (1, ("Go",)), ("projects", 1, "highlights[0]"): (9, ("Kubernetes",))}
    result = _fit(profile, lines(profile) - 1, pieces)  # a line must go
    assert [c.label for c in result.cut] == ['projects/weak: "Did a short thing"']
    # two lines: the weak one's is not enough, the long one goes too; then alone it is
    # enough, and the weak one's is put back
    result = _fit(profile, lines(profile) - 2, pieces)
    assert [c.label for c in result.cut] == [f'projects/strong: "{chores[:57]}…"']


def test_a_relevant_part_is_worth_its_points_per_character():
    # 1 + 4 + 5 = 10 lines on 9: a line must go; the 1-point bullet is worth less per character
    # than the 4-point one twice as long
    profile = _profile({"experience": [NOW], "projects": [
        TOP, {"id": "p", "name": "P", "highlights": [
            "Ran Kafka", "Ran Go", "Ran Rust and Go in production for the payments team at scale"]}]})
    pieces = {**TOP_PIECES,
              ("projects", 1, "highlights[0]"): (9, ("Kafka",)), ("projects", 1, "highlights[1]"): (1, ("Go",)),
              ("projects", 1, "highlights[2]"): (4, ("Rust", "Go"))}
    result = _fit(profile, 9, pieces, set(), pinned_ids={"top"})
    assert [c.describe() for c in result.cut] == ['dropped highlight from projects/p: "Ran Go" (1 point: Go)']


def test_a_short_bullet_of_the_best_project_outlasts_a_long_paragraph_of_a_marginal_one():
    profile = _profile({"experience": [NOW], "projects": [
        {"id": "best", "name": "Best", "highlights": ["Ran Kubernetes", "Ran Go"]},
        {"id": "marginal", "name": "Marginal", "highlights": ["Ran Scala"],
         "summary": "Wrote some Scala and Rust for the billing batch jobs"}]})
    pieces = {("projects", 0, "highlights[0]"): (30, ("Kubernetes",)), ("projects", 0, "highlights[1]"): (1, ("Go",)),
              ("projects", 1, "highlights[0]"): (3, ("Scala",)), ("projects", 1, "summary"): (2, ("Scala", "Rust"))}
    # Go's bullet: (1 + 3.1) points on 40 characters; the summary: (2 + 0.5) on 53
    result = _fit(profile, 6, pieces, {"Kubernetes", "Scala"})  # 1 + 3 + 3 = 7 lines on 6
    assert [c.label for c in result.cut] == ["projects/marginal summary"]
    assert texts(project(result, "best")) == ["Ran Kubernetes", "Ran Go"]


def test_at_equal_value_the_older_entry_loses_first():
    profile = _profile({"experience": [NOW], "projects": [
        {"id": "new", "name": "New", "start": "2021", "highlights": ["Ran Go", "Did chores"]},
        {"id": "old", "name": "Old", "start": "2015", "highlights": ["Ran Go", "Did chores"]}]})
    pieces = {("projects", 0, "highlights[0]"): (5, ("Go",)), ("projects", 1, "highlights[0]"): (5, ("Go",))}
    result = _fit(profile, 6, pieces)  # 1 + 3 + 3 = 7 lines on 6
    assert [c.label for c in result.cut] == ['projects/old: "Did chores"']


@pytest.mark.parametrize("kind", ["highlights", "paragraphs", "entries"])
def test_at_equal_value_the_longer_goes_first(kind):
    if kind == "highlights":
        data = [{"id": "p", "name": "P",
                 "highlights": ["Ran Go", "Did chores", "Did the longest chores of all, twice a week"]}]
        expected = ['projects/p: "Did the longest chores of all, twice a week"']
    elif kind == "paragraphs":
        data = [{"id": "p", "name": "P", "highlights": ["Ran Go"], "summary": "Short",
                 "outcome": "A longer outcome, nothing to do with the job"}]
        expected = ["projects/p outcome"]
    else:
        data = [{"id": "p", "name": "P", "highlights": ["Ran Go"]},
                {"id": "short", "name": "Short"}, {"id": "long", "name": "Long, longer, longest"}]
        expected = ["projects/long"]
    pieces = {("projects", 0, "highlights[0]"): (5, ("Go",))}
    profile = _profile({"experience": [NOW], "projects": data})
    result = _fit(profile, lines(profile) - 1, pieces)  # a line must go
    assert [c.label for c in result.cut] == expected


def test_a_highlight_frees_the_room_of_its_details_too():
    profile = _profile({"experience": [NOW], "projects": [TOP, {"id": "p", "name": "P", "highlights": [
        "Ran Kafka", {"text": "Ran Go", "details": ["on three continents, for five teams, in two languages"]},
        "Ran Go"]}]})
    pieces = {**TOP_PIECES, ("projects", 1, "highlights[0]"): (9, ("Kafka",)),
              ("projects", 1, "highlights[1]"): (2, ("Go",)), ("projects", 1, "highlights[2]"): (2, ("Go",))}
    # equal points: the one with details frees more room, so it is worth less a character
    result = _fit(profile, lines(profile) - 1, pieces, set(), pinned_ids={"top"})
    assert [c.label for c in result.cut] == ['projects/p: "Ran Go"']
    assert [(h.text, h.details) for h in project(result, "p").highlights] == [("Ran Kafka", []), ("Ran Go", [])]


def test_past_positions_and_degrees_go_only_after_everything_else():
    profile = _profile({"experience": [NOW, {"id": "old", "company": "Old Co", "position": "Dev", "start": "2010",
                                             "end": "2012"}],
                        "projects": [{"id": "k8s", "name": "K8s", "highlights": ["Ran Kubernetes"],
                                      "summary": "A platform for the whole company, built in Go"}]})
    pieces = {("projects", 0, "highlights[0]"): (9, ("Kubernetes",)), ("projects", 0, "summary"): (2, ("Go",))}
    # 1 + 1 + 4 = 6 lines on 5: the relevant paragraph goes before the past job without terms
    result = _fit(profile, 5, pieces)
    assert [c.label for c in result.cut] == ["projects/k8s summary"]
    assert [j.id for j in result.profile.experience] == ["now", "old"]


def test_a_past_role_goes_only_after_everything_else():
    profile = _profile({"experience": [NOW, {"id": "acme", "company": "Acme", "roles": [
        {"id": "lead", "position": "Lead", "start": "2018", "end": "2022", "highlights": ["Ran Kubernetes"]},
        {"id": "dev", "position": "Dev", "start": "2016", "end": "2018"}]}],
        "projects": [{"id": "k8s", "name": "K8s", "highlights": ["Ran Kubernetes"],
                      "summary": "A platform for the whole company, built in Go"}]})
    pieces = {("experience", 1, "roles[0].highlights[0]"): (9, ("Kubernetes",)),
              ("projects", 0, "highlights[0]"): (9, ("Kubernetes",)), ("projects", 0, "summary"): (2, ("Go",))}
    result = _fit(profile, lines(profile) - 1, pieces)
    assert [c.label for c in result.cut] == ["projects/k8s summary"]


def test_a_past_role_with_a_posting_term_outlasts_a_past_job_worth_less_a_character():
    profile = _profile({"experience": [NOW, {"id": "acme", "company": "Acme", "roles": [
        {"id": "lead", "position": "Lead", "start": "2018", "end": "2022", "highlights": ["Ran Kubernetes"]},
        {"id": "dev", "position": "Dev", "start": "2016", "end": "2018", "highlights": ["Ran Go"]}]},
        {"id": "old", "company": "Old", "position": "Dev", "start": "2010", "end": "2012",
         "highlights": ["Ran Rust and Zig, " + "r" * 200]}]})
    pieces = {("experience", 1, "roles[0].highlights[0]"): (9, ("Kubernetes",)),
              ("experience", 1, "roles[1].highlights[0]"): (1, ("Go",)),
              ("experience", 2, "highlights[0]"): (2, ("Rust", "Zig"))}
    # one point on a short role, two on a long job: the job goes (its one bullet is its best)
    result = _fit(profile, lines(profile) - 1, pieces, {"Kubernetes"})
    assert [c.label for c in result.cut] == ["experience/old"]


def test_past_roles_worth_the_same_go_oldest_first():
    profile = _profile({"experience": [NOW, {"id": "acme", "company": "Acme", "roles": [
        {"id": "lead", "position": "Lead", "start": "2018", "end": "2022", "highlights": ["Ran Kubernetes"]},
        {"id": "mid", "position": "Dev", "start": "2014", "end": "2016"},
        {"id": "old", "position": "Dev", "start": "2010", "end": "2012"}]}]})
    pieces = {("experience", 1, "roles[0].highlights[0]"): (9, ("Kubernetes",))}
    result = _fit(profile, lines(profile) - 1, pieces, {"Kubernetes"})
    assert [c.label for c in result.cut] == ["experience/old"]


def test_at_equal_value_the_longer_of_a_past_role_and_a_past_job_goes_first():
    profile = _profile({"experience": [NOW, {"id": "acme", "company": "Acme", "roles": [
        {"id": "lead", "position": "Lead", "start": "2018", "end": "2022", "highlights": ["Ran Kubernetes"]},
        {"id": "dev", "position": "Developer of many things, for a long time", "start": "2016", "end": "2018"}]},
        {"id": "old", "company": "Old", "position": "Dev", "start": "2010", "end": "2012"}]})
    pieces = {("experience", 1, "roles[0].highlights[0]"): (9, ("Kubernetes",))}
    result = _fit(profile, lines(profile) - 1, pieces, {"Kubernetes"})
    assert [c.label for c in result.cut] == ["experience/dev"]


@pytest.mark.parametrize("first, second, goes", [
    # the details under a highlight are its entry's text too
    ({"name": "P1", "highlights": [{"text": "a" * 20, "details": ["d" * 40]}]}, {"name": "P2" + "x" * 58}, "one"),
    # so are its lists (keywords), whichever is listed first
    ({"name": "P2" + "x" * 58}, {"name": "P1", "keywords": ["k" * 30, "k" * 30]}, "two"),
])
def test_an_entry_is_as_long_as_all_its_text(first, second, goes):
    profile = _profile({"experience": [NOW], "projects": [
        {"id": "k8s", "name": "K8s", "highlights": ["Ran Kubernetes"]},
        {"id": "one", **first}, {"id": "two", **second}]})
    result = _fit(profile, lines(profile) - 1, {("projects", 0, "highlights[0]"): (5, ("Kubernetes",))})
    assert [c.label for c in result.cut] == [f"projects/{goes}"]


@pytest.mark.parametrize("solo, lead, goes", [(10, 150, "acme"), (150, 10, "solo")])
def test_a_company_is_as_long_as_the_text_of_its_roles(solo, lead, goes):
    profile = _profile({"experience": [NOW, {"id": "solo", "company": "S" * solo, "position": "Dev",
                                             "start": "2014", "end": "2016"},
                                       {"id": "acme", "company": "Acme", "roles": [
                                           {"id": "lead", "position": "L" * lead, "start": "2018", "end": "2020"},
                                           {"id": "dev", "position": "Dev", "start": "2016", "end": "2018"}]}],
                        "projects": [{"id": "k8s", "name": "K8s", "highlights": ["Ran Kubernetes"]}]})
    # no posting term in either past job: the longer goes first
    result = _fit(profile, lines(profile) - 1, {("projects", 0, "highlights[0]"): (5, ("Kubernetes",))},
                  {"Kubernetes"})
    assert [c.label for c in result.cut] == [f"experience/{goes}"]


# ----------------------------------------------------------------------------- what the report names


def test_a_past_role_cut_whole_is_named_once_with_the_points_of_its_parts():
    profile = _profile({"experience": [NOW, {"id": "acme", "company": "Acme", "roles": [
        {"id": "lead", "position": "Lead", "start": "2018", "end": "2022",
         "highlights": ["Ran Kubernetes", "Ran the standups"]},
        {"id": "dev", "position": "Dev", "start": "2016", "end": "2018", "summary": "Owned the Terraform modules",
         "highlights": ["Wrote Terraform", "Fixed bugs"]}]}]})
    pieces = {("experience", 1, "roles[0].highlights[0]"): (9, ("Kubernetes",)),
              ("experience", 1, "roles[1].summary"): (1, ("Terraform",)),
              ("experience", 1, "roles[1].highlights[0]"): (2, ("Terraform",))}
    # 1 + 1 + 3 + 4 = 9 lines on 4: the bullets without terms, then the past role
    result = _fit(profile, 4, pieces, {"Kubernetes"})
    (acme,) = [j for j in result.profile.experience if j.id == "acme"]
    assert [(r.id, texts(r)) for r in acme.roles] == [("lead", ["Ran Kubernetes"])]
    assert [c.describe() for c in result.cut] == [
        'dropped highlight from experience/lead: "Ran the standups" (no posting terms)',
        "dropped entry experience/dev (3 points: Terraform)"]
    assert (result.relevance_total, result.relevance_kept) == (12, 9)
    assert result.kept == {"Kubernetes": "experience/lead highlights[0]"}


def test_a_role_holding_the_only_evidence_of_a_required_term_is_not_cut_whole():
    profile = _profile({"experience": [NOW, {"id": "acme", "company": "Acme", "roles": [
        {"id": "lead", "position": "Lead", "start": "2018", "end": "2022", "highlights": ["Ran Kubernetes"]},
        {"id": "dev", "position": "Dev", "start": "2016", "end": "2018", "highlights": ["Wrote Terraform"]}]}],
        "projects": [{"id": "party", "name": "Party"}]})
    pieces = {("experience", 1, "roles[0].highlights[0]"): (9, ("Kubernetes",)),
              ("experience", 1, "roles[1].highlights[0]"): (1, ("Terraform",))}
    result = _fit(profile, lines(profile) - 1, pieces, {"Terraform"})
    assert [c.label for c in result.cut] == ["projects/party"]
    with pytest.raises(UserError):
        _fit(profile, lines(profile) - 3, pieces, {"Terraform"})


def test_parts_of_an_entry_cut_whole_are_not_named_again():
    profile = _profile({"experience": [NOW], "projects": [
        {"id": "k8s", "name": "K8s", "highlights": ["Ran Kubernetes"]},
        {"id": "blog", "name": "Blog", "summary": "Cooking, mostly", "highlights": ["Wrote about Go", "Baked bread"]}]})
    pieces = {("projects", 0, "highlights[0]"): (9, ("Kubernetes",)), ("projects", 1, "highlights[0]"): (1, ("Go",))}
    result = _fit(profile, 3, pieces)  # 1 + 2 + 4 = 7 lines on 3: the blog goes, its summary and bread first
    assert [c.describe() for c in result.cut] == ["dropped entry projects/blog (1 point: Go)"]
    assert [p.id for p in result.profile.projects] == ["k8s"]


def test_custom_sections_are_cut_by_relevance_too():
    profile = _profile({"experience": [NOW], "custom": [{"id": "talks", "title": "Talks", "entries": [
        {"id": "kube", "title": "Kubernetes at scale", "summary": "A talk at a meetup",
         "highlights": ["Showed Kubernetes", "Answered questions"]},
        {"id": "cake", "title": "Cakes", "highlights": ["Baked"]}]}]})
    pieces = {("talks", 0, "highlights[0]"): (5, ("Kubernetes",))}
    result = _fit(profile, 3, pieces)  # 1 + 4 + 2 = 7 lines on 3
    assert [c.label for c in result.cut] == ["talks/cake", "talks/kube summary", 'talks/kube: "Answered questions"']
    (kube,) = result.profile.custom[0].entries
    assert (kube.id, kube.summary, texts(kube)) == ("kube", None, ["Showed Kubernetes"])


def test_an_outcome_is_cut_like_a_summary():
    profile = _profile({"experience": [NOW], "projects": [
        {"id": "p", "name": "P", "outcome": "Saved money", "highlights": ["Ran Go"]}]})
    result = _fit(profile, 3, {("projects", 0, "highlights[0]"): (5, ("Go",))})
    assert [c.to_dict() for c in result.cut] == [
        {"kind": "paragraph", "label": "projects/p outcome", "points": 0, "terms": []}]
    assert project(result, "p").outcome is None and result.relevance_kept == 5


def test_a_roles_highlight_counts_among_the_three_most_relevant():
    """Before: only an entry's own ``highlights[i]`` counted among the three most relevant
    highlights of the résumé, not a role's (``roles[0].highlights[1]``): the second-best
    bullet of the résumé, in a company's role, went before a 1-point bullet of a side project."""
    kafka = "Ran Kafka for the payments team, " + " ".join(["across regions, with failover drills"] * 8)
    profile = _profile({"experience": [NOW, {"id": "acme", "company": "Acme", "roles": [
        {"id": "lead", "position": "Lead", "start": "2018", "end": "2022", "highlights": ["Ran Kubernetes", kafka]},
        {"id": "dev", "position": "Dev", "start": "2016", "end": "2018"}]}],
        "projects": [{"id": "p", "name": "P", "highlights": ["Ran Zig", "Ran Lua"]}]})
    pieces = {("experience", 1, "roles[0].highlights[0]"): (9, ("Kubernetes",)),
              ("experience", 1, "roles[0].highlights[1]"): (8, ("Kafka",)),
              ("projects", 0, "highlights[0]"): (1, ("Zig",)), ("projects", 0, "highlights[1]"): (1, ("Lua",))}
    result = _fit(profile, lines(profile) - 1, pieces, {"Kubernetes"})
    assert [c.label for c in result.cut] == ['projects/p: "Ran Lua"']
    acme = result.profile.experience[1]
    assert [h.text for h in acme.roles[0].highlights] == ["Ran Kubernetes", kafka]


# ----------------------------------------------------------------------------- how many layouts a fit takes


def _characters(profile: Profile) -> int:
    """The text a reader sees: every string of the profile but ids, tags, links, the theme and
    the variants (dates count, written as in the file)."""
    def walk(value) -> int:
        if isinstance(value, str):
            return len(value)
        if isinstance(value, dict):
            return sum(walk(v) for k, v in value.items() if k not in ("id", "tags", "url", "theme", "variants"))
        if isinstance(value, list):
            return sum(walk(v) for v in value)
        return 0
    return walk(profile.model_dump(mode="json"))


def _text_profile(kind: str, n: int) -> Profile:
    """A profile whose cut is ``n`` units of 5 characters of one ``kind``, each worth the same
    (bullets, paragraphs or entries without posting terms, or past roles), or (``kind`` "one")
    one bullet of a third of the text before ``n`` short ones; with ids, tags, links, a theme and variants that take
    no room on the page, and dates that do. Its text is a multiple of 15 characters: three
    pages of a third of it each are full."""
    anchor = {"id": "a-project-with-a-long-id", "name": "Anchor", "start": "2019-01", "end": "2020-02",
              "url": "https://example.com/a-long-link-not-printed", "tags": ["not-shown-either"],
              "highlights": ["Ran Go", *(f"b{i:04d}" for i in range(n if kind in ("bullets", "one") else 0))]}
    data = {"theme": {"name": "classic"},
            "variants": {"a-variant-with-a-long-name": {"description": "Not shown on the page, ever, at all"}},
            "experience": [{**NOW, "tags": ["a-tag-that-is-not-shown", "another-tag-that-is-not-shown"]}],
            "projects": [anchor]}
    if kind == "paragraphs":  # each in a relevant project (no id: nothing but its text counts)
        data["projects"] += [{"name": "P", "summary": f"s{i:04d}", "highlights": ["Ran Go"]} for i in range(n)]
    elif kind == "entries":
        data["projects"] += [{"name": f"e{i:04d}"} for i in range(n)]
    elif kind == "roles":  # undated: the first listed is the newest
        data["experience"].append({"company": "Acme", "roles": [
            {"position": "Lead", "highlights": ["Ran Go"]}, *({"position": f"r{i:04d}"} for i in range(n))]})
    name = "Sam Sample"
    data["basics"] = {"name": name}
    while _characters(_profile(data)) % (2 if kind == "one" else 15):
        name += "a"
        data["basics"] = {"name": name}
    if kind == "one":  # the longest bullet goes first
        anchor["highlights"].insert(1, "b" * (_characters(_profile(data)) // 2))
    return _profile(data)


def _count_layouts(profile: Profile, max_pages: int, per_page: int):
    """Fit ``profile`` on a layout where the pages hold ``per_page`` characters each: "Ran Go"
    is worth 3 points wherever it is, and a required term."""
    seen = []

    def count(p: Profile, options: ThemeOptions) -> int:
        seen.append(p)
        return -(-_characters(p) // per_page)

    pieces = {("projects", i, "highlights[0]"): (3, ("Go",)) for i, p in enumerate(profile.projects) if p.highlights}
    if len(profile.experience) > 1:  # the roles: Acme's newest shows Go too, the anchor stays
        pieces[("experience", 1, "roles[0].highlights[0]")] = (3, ("Go",))
    result = fit(profile, TIGHT, LIMITS, max_pages, count, relevance=Relevance(pieces, frozenset({"Go"})),
                 pinned_ids={profile.projects[0].id} if len(profile.experience) > 1 else set())
    return result, len(seen)


@pytest.mark.parametrize("kind, n, max_pages", [
    ("bullets", 60, 2), ("bullets", 250, 2), ("bullets", 300, 1), ("paragraphs", 60, 2), ("entries", 60, 2),
    ("roles", 60, 2), ("one", 10, 2)])
def test_the_cut_is_found_where_the_text_lengths_say_in_few_layouts(kind, n, max_pages):
    """When each page holds the same amount of text (the search's own model), two layouts find
    the cut (the guess, and one unit fewer, which does not fit; the guess alone when it is one
    unit), not the six to ten of a bisection. In all: the profile as it is, at the theme's
    limits, the search, a trial or two to put cuts back, and the result."""
    profile = _text_profile(kind, n)
    characters = _characters(profile)
    per_page = characters // 3  # three full pages
    result, layouts = _count_layouts(profile, max_pages, per_page)
    assert result.pages == max_pages
    assert _characters(result.profile) == max_pages * per_page  # not a unit more than needed
    cut = len(result.cut)
    assert cut == (1 if kind == "one" else (3 - max_pages) * per_page // 5)
    assert layouts <= (5 if cut == 1 else 7)


def test_a_guess_too_high_still_finds_the_least_cut_in_about_a_bisections_layouts():
    """The last page is rarely full, so the guess is usually too high: the search walks down
    from it, doubling its steps, then bisects. Whatever the page size, it cuts no bullet more
    than needed, in no more layouts than two bisections (the profile as it is, at the theme's
    limits, two trials to put cuts back and the result besides)."""
    profile = _text_profile("bullets", 120)
    characters = _characters(profile)
    bisection = math.ceil(math.log2(120 + 1))
    for per_page in range(characters // 3 + 1, characters // 2, 7):
        result, layouts = _count_layouts(profile, 2, per_page)
        left = _characters(result.profile)
        assert left <= 2 * per_page < left + 5, per_page  # a bullet fewer would not fit
        assert layouts <= 5 + 2 * bisection, per_page


def test_of_the_cuts_that_could_be_put_back_the_most_relevant_is():
    """Cutting the summary (3 lines), the outcome (2) and a bullet (1) frees the 4 lines needed
    with room to spare: the outcome (4 points) or the bullet (1 point) could come back, not
    both. The outcome does."""
    profile = _profile({"projects": [TOP, {
        "id": "p", "name": "P", "summary": "Ran Kafka, " + "s" * 109, "outcome": "Ran Rust, " + "o" * 70,
        "highlights": ["Ran Go", "Ran Zig"]}]})
    pieces = {**TOP_PIECES, ("projects", 1, "highlights[0]"): (1, ("Go",)),
              ("projects", 1, "highlights[1]"): (1, ("Zig",)),
              ("projects", 1, "outcome"): (4, ("Rust",)), ("projects", 1, "summary"): (9, ("Kafka",))}
    assert lines(profile) == 4 + 8
    result = _fit(profile, 8, pieces, {"Go"}, pinned_ids={"top"})
    assert [c.describe() for c in result.cut] == ['dropped highlight from projects/p: "Ran Zig" (1 point: Zig)',
                                                  "dropped paragraph projects/p summary (9 points: Kafka)"]
    assert project(result, "p").outcome == "Ran Rust, " + "o" * 70

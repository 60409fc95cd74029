"""Keyword extraction: terms with punctuation, aliases, case, postings in every format, user aliases."""

from __future__ import annotations

import json
import tomllib
from importlib.resources import files
from pathlib import Path

import pytest

from resume_builder.errors import UserError
from resume_builder.loading import load_profile
from resume_builder.loading.posting import posting_from_string as read_string
from resume_builder.loading.posting import read_posting as read_document
from resume_builder.pipeline import builtin_vocabulary, read_extension_file
from resume_builder.tailoring.keywords import (Vocabulary, extend, extract_keywords, profile_extension, tokenize,
                                               with_posting_terms)
from resume_builder.tailoring.posting import PREFERRED, REQUIRED, posting_from_text, structure


def read_posting(path):
    return structure(read_document(path))


def posting_from_string(text):
    return structure(read_string(text))
from tests.conftest import JOB_SAMPLE

VOCAB = builtin_vocabulary()


def terms(text: str, vocab: Vocabulary = VOCAB) -> list[str]:
    return [m.term for m in vocab.find(text)]


@pytest.mark.parametrize("text, expected", [
    ("Argo Workflows on EKS", ["Argo Workflows", "Amazon EKS"]),
    ("CI/CD pipelines", ["CI/CD"]),
    ("continuous delivery and continuous integration", ["CI/CD", "CI/CD"]),
    ("Node.js, C++ and C# services", ["Node.js", "C++", "C#"]),
    ("ASP.NET Core on .NET", ["ASP.NET", ".NET"]),
    ("we run k8s", ["Kubernetes"]),
    ("KUBERNETES and kubernetes", ["Kubernetes", "Kubernetes"]),
    ("Amazon Web Services (AWS)", ["AWS", "AWS"]),
    ("GitOps with ArgoCD", ["GitOps", "Argo CD"]),
    ("NodeJS", ["Node.js"]),
    ("Kafka/Storm topologies", ["Apache Kafka", "Apache Storm"]),
    ("UI/UX designs", ["UI/UX"]),
    ("blue-green deployments", ["Blue-Green Deployment"]),
    ("blue green deployments", ["Blue-Green Deployment"]),
    ("infrastructure-as-code", ["Infrastructure as Code"]),
    ("Golang or Go", ["Go", "Go"]),
    ("Python3 and python", ["Python", "Python"]),
    ("relational databases", ["Relational Databases"]),
    ("Dockerized containers", ["Docker", "Containers"]),
])
def test_terms_are_found(text, expected):
    assert terms(text) == expected


@pytest.mark.parametrize("text", [
    "go to market", "react quickly", "spring cleaning", "R&D budget", "C-level stakeholders", "a storm of tickets",
    "Argo. Workflows", "the nodes", "send your CV",
])
def test_ordinary_words_are_not_terms(text):
    found = terms(text)
    assert not set(found) & {"Go", "React", "Spring", "R", "C", "Apache Storm", "Argo Workflows", "Node.js",
                             "Computer Vision"}, found


@pytest.mark.parametrize("text", [
    "Swift delivery of features matters.", "We move fast. Swift delivery is key.", "- Spring cleaning of old services",
    "Go beyond the obvious", "Express interest by e-mail", "1. Spark curiosity in the team", "\u201cSwift delivery\u201d",
    "Less than two weeks", "Storm of requests",
])
def test_an_ordinary_word_starting_a_sentence_is_not_a_term(text):
    # Its capital says nothing there: the term counts only among words of technology.
    assert not set(terms(text)) & {"Swift", "Spring", "Go", "Express", "Apache Spark", "Less", "Apache Storm"}


@pytest.mark.parametrize("text, expected", [
    ("Swift developers wanted", ["Swift"]),
    ("- Swift and Kotlin", ["Swift", "Kotlin"]),
    ("Swift, Kotlin", ["Swift", "Kotlin"]),
    ("Swift", ["Swift"]),
    ("Rust is a plus", ["Rust"]),
    ("Rust-based tooling", ["Rust"]),
    ("Go microservices", ["Go", "Microservices"]),
    ("Swift/Objective-C", ["Swift", "Objective-C"]),
    ("Experience with Swift delivery", ["Swift"]),  # not at a sentence's start: the capital tells
    ("Swift delivery. We build in Swift.", ["Swift", "Swift"]),  # named without doubt in the same text
    ("Swift-Kenntnisse erforderlich", ["Swift"]),
])
def test_an_ordinary_word_among_technology_is_a_term(text, expected):
    assert terms(text) == expected


def test_a_doubtful_mention_counts_where_the_posting_names_the_term_elsewhere():
    alone = extract_keywords(posting_from_string("# Mobile Engineer\n\n## Requirements\n- Swift delivery of features\n- Python\n"), VOCAB)
    assert [k.name for k in alone] == ["Python"]
    named = extract_keywords(posting_from_string(
        "# Mobile Engineer\n\n## Requirements\n- Swift delivery of features\n- Python\n\n## Nice to have\n- iOS apps in Swift\n"), VOCAB)
    swift = next(k for k in named if k.name == "Swift")
    assert swift.required and swift.count == 2


def test_matches_carry_offsets():
    text = "Strong Node.js skills."
    (match,) = VOCAB.find(text)
    assert (match.surface, text[match.start:match.end]) == ("Node.js", "Node.js")


def test_tokenizer_keeps_tech_punctuation():
    assert [t.text for t in tokenize("C++/C#, Node.js; e-mail .NET")] == \
        ["C++", "/", "C#", "|", "Node.js", "|", "e", "mail", ".NET"]


def test_implications_are_transitive_and_stable():
    assert VOCAB.implied("Amazon EKS") == ["Kubernetes", "Containers", "AWS"]
    assert "JavaScript" in VOCAB.implied("Next.js")
    assert VOCAB.implied("Python") == []


def test_builtin_vocabulary_is_large_and_unambiguous():
    data = tomllib.loads(files("resume_builder.tailoring").joinpath("vocabulary.toml").read_text("utf-8"))
    names = [name for table in data["terms"].values() for name in table]
    assert len(names) >= 300 and len(VOCAB) == len(names)
    assert len(set(names)) == len(names)
    owner: dict[tuple[str, ...], str] = {}
    exact = set(data["case_sensitive"])
    for table in data["terms"].values():
        for name, aliases in table.items():
            for surface in [name, *aliases]:
                key = tuple((t.text if surface in exact else t.lower) for t in tokenize(surface) if t.text != "|")
                assert owner.setdefault(key, name) == name, f"{surface!r} means both {owner[key]} and {name}"
    for name, others in data["implies"].items():
        assert name in VOCAB, name
        for other in others:
            assert other in VOCAB, other
    for surface in exact:
        assert VOCAB.lookup(surface), f"case_sensitive lists {surface!r}, which is no term or alias"


def test_copies_do_not_share_state():
    vocab = builtin_vocabulary()
    vocab.add("Pulumi", ["pulumi-yaml"])
    vocab.add("Backstage", ["Spotify Backstage"])
    assert "Backstage" in vocab and "Backstage" not in builtin_vocabulary()


def test_adding_to_an_existing_term_extends_it():
    vocab = builtin_vocabulary()
    assert vocab.add("kubernetes", ["kube-cluster"]) == "Kubernetes"
    assert terms("our kube-cluster", vocab) == ["Kubernetes"]


# --------------------------------------------------------------------------- postings


def test_sample_job_document():
    posting = read_posting(JOB_SAMPLE)
    assert (posting.title, posting.company, posting.source) == ("Web Developer", "Larkspur Mapping", "full.job.json")
    vocab = with_posting_terms(VOCAB, posting)
    found = {k.name: k for k in extract_keywords(posting, vocab)}
    assert {"HTML", "CSS", "JavaScript", "React", "Node.js", "SQL", "NoSQL", "MongoDB", "UI/UX",
            "Computer Science", "Scalability", "Web Development"} <= set(found)
    assert found["JavaScript"].importance == REQUIRED and found["JavaScript"].where == ["skills", "qualifications"]
    assert found["UI/UX"].importance == PREFERRED and found["UI/UX"].weight == 2  # responsibilities describe
    assert found["Web Development"].required and not found["Web Development"].inferred  # skills: name


def test_listed_skills_unknown_to_the_vocabulary_still_count(tmp_path):
    text = json.dumps({"title": "Dev", "skills": [{"name": "Tools", "keywords": ["Backstage", "Pulumi"]}]})
    (tmp_path / "job.json").write_text(text, encoding="utf-8")
    posting = read_posting(tmp_path / "job.json")
    names = [k.name for k in extract_keywords(posting, with_posting_terms(VOCAB, posting))]
    assert names[:2] == ["Backstage", "Pulumi"]


MARKDOWN = """\
# Senior Platform Engineer

We build our platform on **AWS** and k8s.

## Requirements
- 5+ years with Terraform and Kubernetes
- CI/CD with GitHub Actions

## Nice to have
- Go, Rust
- Kubernetes operators

Bonus: Datadog
"""


def test_markdown_headings_set_importance():
    posting = posting_from_text(MARKDOWN, "job.md")
    assert posting.title == "Senior Platform Engineer"
    found = {k.name: k for k in extract_keywords(posting, VOCAB)}
    assert found["Platform Engineering"].importance == REQUIRED  # from the title
    assert found["Terraform"].importance == REQUIRED and found["Terraform"].where == ["Requirements"]
    assert found["Kubernetes"].importance == REQUIRED  # asked in requirements, mentioned in the text too
    assert found["Kubernetes"].count == 2
    assert found["AWS"].importance == PREFERRED and found["AWS"].weight == 2  # described, not demanded
    assert found["Go"].importance == PREFERRED and found["Go"].weight == 1 and not found["Go"].required
    assert found["Datadog"].importance == PREFERRED and found["Datadog"].where == ["Bonus"]
    assert found["Kubernetes Operators"].importance == PREFERRED


def test_plain_text_posting_with_labelled_lines():
    posting = posting_from_text("Backend Developer\nMust have: Python, PostgreSQL\nPreferred: Redis\n", "job.txt")
    found = {k.name: k.importance for k in extract_keywords(posting, VOCAB)}
    assert found == {"Backend": REQUIRED, "Python": REQUIRED, "PostgreSQL": REQUIRED, "Redis": PREFERRED}


def test_extraction_is_deterministic():
    posting = posting_from_text(MARKDOWN, "job.md")
    first = [(k.name, k.weight, k.count) for k in extract_keywords(posting, VOCAB)]
    assert first == [(k.name, k.weight, k.count) for k in extract_keywords(posting, builtin_vocabulary())]


def test_posting_files(tmp_path):
    md = tmp_path / "job.md"
    md.write_text(MARKDOWN, encoding="utf-8")
    assert read_posting(md).title == "Senior Platform Engineer"
    with pytest.raises(UserError, match="file not found"):
        read_posting(tmp_path / "missing.txt")
    not_a_job = tmp_path / "resume.json"
    not_a_job.write_text('{"basics": {"name": "A"}}', encoding="utf-8")
    with pytest.raises(UserError, match="not a job description"):
        read_posting(not_a_job)
    broken = tmp_path / "job.json"
    broken.write_text('{"title": "A",\n "skills": [1, {"name": 2}]}', encoding="utf-8")
    with pytest.raises(UserError) as caught:
        read_posting(broken)
    text = caught.value.render()
    assert "job.json:2:13: skills[0]: expected a mapping (key: value), found the number 1" in text
    assert "job.json:2:25: skills[1].name: expected text, found the number 2" in text
    typo = tmp_path / "typo.json"
    typo.write_text('{"title": "A", "skills": [],\n "qualification": ["Go"]}', encoding="utf-8")
    with pytest.raises(UserError, match=r"typo.json:2:2: qualification: unknown field 'qualification' "
                                        r"\(did you mean 'qualifications'\?\)"):
        read_posting(typo)


# --------------------------------------------------------------------------- user aliases


def test_profile_aliases_in_meta(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("basics: {name: A}\nmeta:\n  keywords:\n    aliases:\n      Backstage: [developer portal]\n"
                    "      Kubernetes: kube-fleet\n    implies:\n      Backstage: [Platform Engineering]\n",
                    encoding="utf-8")
    loaded = load_profile(path)
    vocab = extend(builtin_vocabulary(), profile_extension(loaded.profile, loaded.source))
    assert terms("a developer portal on our kube-fleet", vocab) == ["Backstage", "Kubernetes"]
    assert vocab.implied("Backstage") == ["Platform Engineering"]


def test_malformed_profile_aliases_are_located(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("basics: {name: A}\nmeta:\n  keywords:\n    alias: {}\n    implies:\n      X: [1]\n",
                    encoding="utf-8")
    loaded = load_profile(path)
    with pytest.raises(UserError) as caught:
        profile_extension(loaded.profile, loaded.source)
    text = caught.value.render()
    assert "p.yaml:4:5: meta.keywords.alias: unknown field 'alias' (did you mean 'aliases'?)" in text
    assert "p.yaml:6:11: meta.keywords.implies.X[0]: expected text, found the number 1" in text


@pytest.mark.parametrize("name, text", [
    ("extra.yaml", "aliases:\n  Backstage: [developer portal]\n"),
    ("extra.json", '{"aliases": {"Backstage": ["developer portal"]}}'),
    ("extra.toml", '[aliases]\nBackstage = ["developer portal"]\n'),
])
def test_alias_files(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    vocab = extend(builtin_vocabulary(), read_extension_file(path))
    assert terms("the developer portal", vocab) == ["Backstage"]


def test_bad_alias_files(tmp_path):
    path = tmp_path / "extra.yaml"
    path.write_text("aliases:\n  Backstage: 3\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"extra.yaml:2:14: aliases.Backstage: expected a list of text"):
        read_extension_file(path)
    toml = tmp_path / "extra.toml"
    toml.write_text("[aliases\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"extra.toml:1:9: TOML syntax error: Expected ']'"):  # had no place
        read_extension_file(toml)
    with pytest.raises(UserError, match="file not found"):
        read_extension_file(tmp_path / "missing.yaml")


def test_vocabulary_file_is_found_next_to_the_module():
    assert (Path(__file__).resolve().parents[2] / "resume_builder" / "tailoring" / "vocabulary.toml").is_file()


def test_inferred_words_suggest_their_term_and_nothing_else():
    data = tomllib.loads(files("resume_builder.tailoring").joinpath("vocabulary.toml").read_text("utf-8"))
    spelled = {tuple(t.lower for t in tokenize(s) if t.text != "|")
               for table in data["terms"].values() for name, aliases in table.items() for s in [name, *aliases]}
    for name, hints in data["inferred"].items():
        assert name in VOCAB, name
        for hint in hints:
            key = tuple(t.lower for t in tokenize(hint) if t.text != "|")
            assert key not in spelled, f"{hint!r} is both a spelling and a hint"
            (match,) = VOCAB.find(hint.replace("{n}", "6"))  # {n}: a number
            assert (match.term, match.inferred) == (name, True), hint
    (written,) = VOCAB.find("Kubernetes")
    assert not written.inferred and not VOCAB.find("k8s")[0].inferred


def test_a_term_written_against_chinese_or_japanese_text_is_found():
    """Chinese and Japanese put no space between words: "Pythonの実務経験" was one word, and a
    Japanese posting's Python, Go and AWS were never found (user trial)."""
    from resume_builder.pipeline import builtin_vocabulary

    vocab = builtin_vocabulary()
    for text, term in [("Pythonの実務経験", "Python"), ("Go言語の経験", "Go"), ("熟悉Kubernetes和Docker", "Kubernetes"),
                       ("熟悉Kubernetes和Docker", "Docker"), ("AWSでの運用経験", "AWS"), ("C言語", "C")]:
        assert term in [m.term for m in vocab.find(text)], (text, term)
    assert [m.surface for m in vocab.find("Pythonの実務経験")] == ["Python"]


@pytest.mark.parametrize("text, expected", [
    ("خبرة في Kubernetes وAWS", ["Kubernetes", "AWS"]),
    ("معرفة بـ PostgreSQL وRedis", ["PostgreSQL", "Redis"]),
    ("خبيرة في asyncio وPostgreSQL 16 وKubernetes", ["PostgreSQL", "Kubernetes"]),
    ("ניסיון בPython וRedis", ["Python", "Redis"]),
    ("הכרות עם הKubernetes שלנו", ["Kubernetes"]),
])
def test_a_term_joined_to_an_arabic_or_hebrew_prefix_is_found(text, expected):
    """Arabic writes "and" (و) and prefixes such as بـ joined to the next word, Latin ones too,
    and Hebrew its one-letter prefixes (ב, ו, ה): "وAWS" was one word, and an Arabic posting's
    AWS and Redis were never found (trial). The word is cut where the scripts meet, on the
    posting's side and the profile's alike."""
    assert terms(text) == expected
    assert [t.text for t in tokenize("وAWS בPython")] == ["و", "AWS", "ב", "Python"]

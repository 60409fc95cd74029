"""Spoken languages a posting asks for, met by the profile's ``languages`` section.

Before, a Spanish posting requiring "Inglés nivel B2" came out 100% covered by a profile with
no languages at all: the vocabulary knew technologies only. tailoring/spoken.py reads
language names in the 16 built-in locales (CLDR), only where a posting speaks of languages.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from resume_builder.pipeline import builtin_vocabulary
from resume_builder.schema.profile import Profile
from resume_builder.tailoring.keywords import extract_keywords, posting_from_text, with_posting_terms
from resume_builder.tailoring.matching import match
from resume_builder.tailoring.posting import posting_from_job
from resume_builder.schema.posting import JobPosting

REPO = Path(__file__).resolve().parents[2]
SPANISH_POSTING = """\
# Ingeniero/a de Plataforma — NubeCobro S.L.

## Requisitos
- 5 años de experiencia con Kubernetes y Terraform
- Inglés nivel B2 o superior

## Se valorará
- Alemán
- Experiencia con Go
"""


def profile(languages=(), summary=None, skills=()) -> Profile:
    data = {"basics": {"name": "Ana Pérez"},
            "experience": [{"company": "Acme", "position": "Ingeniera", "start": "2020-01",
                            "highlights": ["Operé clústeres de Kubernetes con Terraform"]}],
            "languages": [{"language": name, "fluency": level} for name, level in languages]}
    if summary:
        data["summary"] = summary
    if skills:
        data["skills"] = [{"name": "Idiomas", "keywords": list(skills)}]
    return Profile.model_validate(data)


def keywords(text: str) -> dict[str, object]:
    posting = posting_from_text(text, "job.md")
    vocab = with_posting_terms(builtin_vocabulary(), posting)
    return {k.name: k for k in extract_keywords(posting, vocab)}


def test_a_spanish_posting_asks_for_english_and_the_profile_s_ingles_meets_it():
    report = match(profile([("Inglés", "C1"), ("Español", "Nativo")]), posting_from_text(SPANISH_POSTING, "job.md"),
                   builtin_vocabulary())
    found = {k.keyword.name: k for k in report.keywords}
    english, german = found["English"], found["German"]
    assert english.keyword.required and english.keyword.category == "spoken" and english.keyword.written == ["Inglés"]
    assert english.covered and (english.places[0].section, english.places[0].field) == ("languages", "language")
    assert not german.keyword.required and not german.covered and german.keyword.written == ["Alemán"]
    assert "Spanish" not in found  # the profile's languages are evidence, not what the posting asks


def test_without_a_languages_section_the_requirement_is_missing():
    report = match(profile(), posting_from_text(SPANISH_POSTING, "job.md"), builtin_vocabulary())
    assert "English" in {k.keyword.name for k in report.missing}
    assert report.coverage < 100


@pytest.mark.parametrize(("text", "language"), [
    ("Fluent German", "German"),
    ("German and French", "German"),
    ("Sehr gute Englischkenntnisse in Wort und Schrift", "English"),
    ("Englisch verhandlungssicher", "English"),
    ("Français courant", "French"),
    ("Znajomość języka angielskiego", "English"),
    ("Свободное владение английским языком", "English"),
    ("ビジネスレベルの英語力", "English"),
    ("영어 능통자", "English"),
    ("IELTS 7.0 in English", "English"),
    ("English (C1)", "English"),
])
def test_a_language_is_asked_for_in_any_built_in_language(text, language):
    found = keywords(f"Engineer\n\nRequirements:\n- {text}\n")
    assert found[language].required and found[language].category == "spoken"


def test_a_language_wished_for_is_preferred():
    found = keywords("Engineer\n\nRequirements:\n- Python\n- French is a plus\n")
    assert found["French"].category == "spoken" and not found["French"].required


@pytest.mark.parametrize("text", [
    "Experience with German payroll systems",  # an adjective, no word of language ability
    "Polish the UI and write docs",
    "polish the UI",
    "Connection pools and fluent APIs",  # Dutch "Pools" (Polish) is an English word
    "You will work in our Spanish office",
    "A German bank is a plus",  # a word that is neither a language word nor a wish
])
def test_a_language_name_that_does_not_speak_of_languages_asks_for_nothing(text):
    found = keywords(f"Engineer\n\nRequirements:\n- {text}\n")
    assert not [name for name, k in found.items() if k.category == "spoken"], found


@pytest.mark.parametrize(("text", "language", "required"), [
    ("Ingeniero\n\nRequisitos:\n- Python\n- Francés es un plus\n", "French", False),
    ("Engenheiro\n\nRequisitos:\n- Python\n- Inglês é um diferencial\n", "English", False),
    ("Ontwikkelaar\n\nWat wij vragen:\n- Je spreekt Pools en Frans\n- Ervaring met Python\n", "Polish", True),
    ("Ontwikkelaar\n\nWat wij vragen:\n- Goede kennis van het Duits\n- Ervaring met Python\n", "German", True),
])
def test_wishes_and_ways_of_speaking_in_other_languages(text, language, required):
    """A trial found "Francés es un plus" required and "Je spreekt Pools en Frans" asking for nothing."""
    found = keywords(text)
    assert found[language].category == "spoken" and found[language].required == required


def test_a_dutch_posting_reads_dutch_names():
    found = keywords("Ontwikkelaar\n\nWat wij vragen:\n- Je spreekt Pools en Frans, vloeiend\n- Ervaring met Python\n")
    assert {"Polish", "French"} <= set(found)


def test_a_language_named_outside_languages_and_skills_proves_nothing():
    posting = posting_from_text("Engineer\n\nRequirements:\n- Fluent German\n", "job.md")
    report = match(profile(summary="Five years at a German bank."), posting, builtin_vocabulary())
    assert "German" in {k.keyword.name for k in report.missing}
    report = match(profile(skills=["German", "Python"]), posting, builtin_vocabulary())
    assert "German" in {k.keyword.name for k in report.covered}
    report = match(profile([("deutsch", "C1")]), posting, builtin_vocabulary())
    assert "German" in {k.keyword.name for k in report.covered}


def test_a_json_resume_job_listing_ingles_b2_asks_for_english_not_a_skill_of_that_name():
    job = JobPosting.model_validate({"title": "Ingeniera", "skills": [{"name": "Idiomas", "keywords": ["Inglés B2"]}]})
    posting = posting_from_job(job, "job.json")
    vocab = with_posting_terms(builtin_vocabulary(), posting)
    names = {k.name for k in extract_keywords(posting, vocab)}
    assert "English" in names and "Inglés B2" not in names


def test_the_names_file_is_cldr_s_names():
    """spoken_languages.toml is what tools/spoken_languages.py writes from Babel's CLDR data;
    compared only when Babel carries the CLDR version the file was written from."""
    from babel.core import get_cldr_version

    from tools.spoken_languages import TARGET, render

    written = TARGET.read_text(encoding="utf-8")
    data = tomllib.loads(written)
    assert data["languages"]["de"]["es"] == "alemán" and data["languages"]["en"]["ja"] == "英語"
    assert all("en" in names for names in data["languages"].values())
    if data["cldr"] != get_cldr_version():
        pytest.skip(f"Babel's CLDR {get_cldr_version()} is not the file's {data['cldr']}: "
                    "run tools/spoken_languages.py to compare")
    assert written == render()


def test_the_report_lists_the_language_in_json():
    report = match(profile([("Inglés", "C1")]), posting_from_text(SPANISH_POSTING, "job.md"), builtin_vocabulary())
    english = next(k for k in report.to_dict()["keywords"] if k["keyword"] == "English")
    assert english["covered"] and english["category"] == "spoken" and english["written"] == ["Inglés"]
    assert json.loads(json.dumps(english))["evidence"]["section"] == "languages"


@pytest.mark.parametrize(("fluency", "covered", "profile_level"), [
    ("C1", True, None), ("B2", True, None), ("Nativo", True, None), ("Fluent", True, None),  # no level: shown
    ("B1", False, "B1"), ("A2 (básico)", False, "A2"),
])
def test_a_level_asked_is_compared_with_the_profiles(fluency, covered, profile_level):
    """Before, "Inglés nivel B2" was met by any English, B1 included."""
    report = match(profile([("Inglés", fluency)]), posting_from_text(SPANISH_POSTING, "job.md"), builtin_vocabulary())
    english = next(k for k in report.keywords if k.keyword.name == "English")
    assert english.keyword.level == "B2"
    assert english.covered == covered and english.keyword.profile_level == profile_level
    assert english.to_dict()["profile_level"] == profile_level


def test_the_lowest_level_written_is_the_one_asked():
    from resume_builder.tailoring.spoken import cefr_level

    assert [cefr_level(t) for t in ("B2 o superior", "C1/C2", "Muttersprache", "fluent", "A1")] == \
        ["B2", "C1", "C2", None, "A1"]

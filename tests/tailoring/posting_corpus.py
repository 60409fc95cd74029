"""The labelled corpus of job postings (tests/fixtures/postings) and how well we read it.

Shared by the tests (tests/tailoring/test_posting_corpus.py) and ``make bench``. Three
figures, each over the whole corpus (every label of every posting counts once):

* recall of required terms: labelled ``required`` and reported as required;
* preferred kept preferred: labelled ``preferred`` and not reported as required (a term
  not reported at all counts as kept: it is not wrongly demanded);
* never-asked terms left out: labelled ``absent`` and not reported at all.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from resume_builder.loading.posting import read_posting
from resume_builder.tailoring.keywords import JobKeyword, builtin_vocabulary, extract_keywords, with_posting_terms
from resume_builder.tailoring.posting import Posting, structure

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "postings"
LABELS = CORPUS / "labels.toml"


def labels() -> dict[str, dict[str, list[str]]]:
    return tomllib.loads(LABELS.read_text(encoding="utf-8"))


def postings() -> list[Path]:
    return sorted(CORPUS / name for name in labels())


def read(path: Path) -> Posting:
    return structure(read_posting(path))


def keywords(posting: Posting) -> dict[str, JobKeyword]:
    return {k.name: k for k in extract_keywords(posting, with_posting_terms(builtin_vocabulary(), posting))}


@dataclass
class Score:
    hits: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.hits / self.total if self.total else 1.0

    def add(self, ok: bool, what: str) -> None:
        self.total += 1
        self.hits += ok
        if not ok:
            self.misses.append(what)


def measure(paths: list[Path] | None = None) -> dict[str, Score]:
    """The three figures over ``paths`` (default: the whole corpus)."""
    table = labels()
    out = {"required_recall": Score(), "preferred_not_required": Score(), "absent_not_reported": Score()}
    for path in paths or postings():
        found = keywords(read(path))
        label = table[path.name]
        for term in label.get("required", []):
            out["required_recall"].add(term in found and found[term].required, f"{path.name}: {term}")
        for term in label.get("preferred", []):
            out["preferred_not_required"].add(not (term in found and found[term].required), f"{path.name}: {term}")
        for term in label.get("absent", []):
            out["absent_not_reported"].add(term not in found, f"{path.name}: {term}")
    return out

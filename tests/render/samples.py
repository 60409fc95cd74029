"""One small profile the render tests share (as data), and the helpers that build its document.

``FULL`` touches every section and entry field once; format tests add only what they are
about (e.g. inline Markdown for DOCX runs). The format-specific hostile profiles stay in
each test module, since each attacks its own format's syntax.
"""

from __future__ import annotations

import json
from pathlib import Path

from resume_builder.document import Document, build_document
from resume_builder.loading import load_profile

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "profiles" / "example.yaml"

SCRIPT = "<script>alert(1)</script>"
TEMPLATE = "{{ 7*7 }}"
HOSTILE_NAME = "**Bold** [x](https://e.com) <script>alert(1)</script>"

FULL = {
    "basics": {
        "name": "Sam Sample",
        "headline": "Site Reliability Engineer",
        "email": "sam@example.org",
        "location": "Berlin, DE",
        "website": "https://sam.example.org/",
        "profiles": [{"network": "GitHub", "url": "https://github.com/sam"},
                     {"network": "Mastodon", "username": "@sam@example.social"}],
    },
    "summary": "First paragraph with **bold**, *italic* and a [blog](https://blog.example.org/posts).\n\n"
               "Second paragraph.",
    "experience": [{
        "company": "Acme", "position": "SRE", "location": "Remote", "start": "2020-01", "end": "present",
        "url": "https://acme.example.com",
        "description": "Makes anvils",
        "summary": "Ran the platform.",
        "highlights": [{"text": "Cut costs by 30%", "details": ["Spot instances", "Right-sizing"]},
                       "Led on-call"],
        "keywords": ["Go", "Kubernetes"],
    }],
    "projects": [{"name": "Toolkit", "roles": ["Maintainer"], "start": 2019, "end": 2021,
                  "highlights": ["Shipped v1"], "outcome": "Used by 40 teams.", "keywords": ["Python"]}],
    "skills": [{"name": "Cloud", "level": "Expert", "keywords": ["AWS", "GCP"]}],
    "languages": [{"language": "English", "fluency": "Native"}, {"language": "German"}],
    "education": [{"institution": "TU Berlin", "degree": "MSc", "area": "CS", "start": 2014, "end": 2016,
                   "score": "1.3", "courses": ["Distributed Systems", "Compilers"]}],
    "custom": [{"id": "talks", "title": "Talks", "items": ["KubeCon 2023"],
                "entries": [{"title": "SREcon", "subtitle": "Keynote", "date": "2022-03",
                             "fields": {"Audience": "800 people"}}]}],
}


def document(path: Path) -> Document:
    return build_document(load_profile(path).profile)


def write_profile(tmp_path: Path, data: dict) -> Document:
    """Write ``data`` as a YAML profile (JSON is YAML) and build its document."""
    path = tmp_path / "profile.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return document(path)

"""What a résumé must say, read from the profile file itself, never from the Document.

Tests that compare an output with ``Document.text_blocks()`` cannot see a field the model
drops: it is missing from both sides. These helpers read the profile's own YAML or JSON
(with the plain ruamel/json readers, not resume_builder's loader), take the default
language of each translated text, and turn inline Markdown into the words a reader sees.

``ordered_facts(path)`` gives, in the order a résumé shows them (the profile's own
section order): the name, the headline, the e-mail, the phone, and for each section
the entries' main strings (the position, the project's name, ...), the summary, every
highlight with its details, and custom sections' items. Company names are left to
``every_fact`` (consecutive roles at one company may share one heading).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

LOCALES = {p.stem for p in (Path(__file__).resolve().parents[1] / "resume_builder" / "locales").glob("*.toml")}
# Each section's entries: the fields a reader sees, in the order the entry shows them.
ENTRY_FIELDS = {
    "experience": ("position", "description", "summary", "highlights"),
    "volunteering": ("position", "summary", "highlights"),
    "projects": ("name", "description", "summary", "highlights", "outcome"),
    "education": ("institution",),
    "awards": ("title", "summary"),
    "certifications": ("name",),
    "publications": ("name", "summary"),
    "skills": ("name", "keywords"),
    "languages": ("language",),
    "interests": ("name",),
    "references": ("name", "reference"),
}
SECTIONS = ("summary", *ENTRY_FIELDS, "custom")
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200d]")


# JSON Resume's names for the same things (https://jsonresume.org/schema), written out here
# independently of resume_builder/loading/jsonresume.py.
JSON_RESUME_SECTIONS = {"work": "experience", "volunteer": "volunteering", "certificates": "certifications"}


def read_profile(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if path.suffix == ".json" else YAML(typ="safe", pure=True).load(text)
    if "work" in data or "$schema" in data:  # a JSON Resume document
        basics = dict(data["basics"])
        basics["headline"] = basics.pop("label", None)
        out = {"basics": basics, "summary": basics.pop("summary", None)}
        for key, value in data.items():
            if key in ("basics", "$schema", "meta"):
                continue
            section = JSON_RESUME_SECTIONS.get(key, key)
            rename = {"name": "company"} if key == "work" else {"studyType": "degree"} if key == "education" else {}
            out[section] = [{rename.get(k, k): v for k, v in entry.items()} for entry in value]
        return out
    return data


def plain(text: Any, lang: str = "en", strip_emoji: bool = False) -> str:
    """The words a reader sees: one language, no Markdown marks, no emoji, spaces folded."""
    if isinstance(text, dict):
        text = text.get(lang) if lang in text else next(iter(text.values()))
    text = str(text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [words](link) → words
    text = re.sub(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1", r"\2", text)  # **bold**, *italic*
    text = _EMOJI.sub(" ", text) if strip_emoji else text
    return " ".join(text.split())


def paragraphs(text: Any, lang: str = "en") -> list[str]:
    """A text split where the writer left a blank line (each paragraph is its own block)."""
    if isinstance(text, dict):
        text = text.get(lang) if lang in text else next(iter(text.values()))
    return [plain(p, lang) for p in re.split(r"\n\s*\n", str(text)) if p.strip()]


def _highlights(items: list[Any], lang: str) -> list[str]:
    out = []
    for item in items or []:
        if isinstance(item, dict) and "text" in item:
            out.append(plain(item["text"], lang))
            out += [plain(d, lang) for d in item.get("details", [])]
        else:
            out.append(plain(item, lang))
    return out


def ordered_facts(path: Path) -> list[str]:
    data = read_profile(path)
    lang = data.get("lang", "en")
    basics = data["basics"]
    out = [plain(basics["name"], lang)]
    out += [plain(basics[key], lang) for key in ("headline", "email", "phone") if basics.get(key)]
    for section in [key for key in data if key in SECTIONS]:
        if section == "summary":
            out += paragraphs(data["summary"], lang)
        elif section == "custom":
            for custom in data["custom"]:
                out.append(plain(custom["title"], lang))
                out += _highlights(custom.get("items", []), lang)
        else:
            for entry in data[section]:
                for field in ENTRY_FIELDS[section]:
                    value = entry.get(field)
                    if field in ("highlights",):
                        out += _highlights(value, lang)
                    elif field == "keywords":
                        out += [plain(k, lang) for k in value or []]
                    elif value:
                        out += paragraphs(value, lang)
    return [fact for fact in out if fact]


def every_fact(path: Path) -> set[str]:
    """Besides the ordered ones: companies, degrees, areas, awarders, locations, networks."""
    data = read_profile(path)
    lang = data.get("lang", "en")
    out = set(ordered_facts(path))
    for section, fields in (("experience", ("company", "location")), ("education", ("degree", "area")),
                            ("awards", ("awarder",)), ("volunteering", ("organization",))):
        for entry in data.get(section, []):
            out |= {plain(entry[f], lang) for f in fields if entry.get(f)}
    return out - {""}

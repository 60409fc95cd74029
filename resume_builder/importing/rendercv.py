"""A RenderCV input file as a commented YAML profile (``resume-builder import rendercv.yaml``).

RenderCV (https://rendercv.com) reads a YAML file with a top-level ``cv`` (the header:
``name``, ``headline``, ``location``, ``email``, ``phone``, ``website``, ``photo``,
``social_networks``, ``custom_connections``; and ``sections``) and maybe ``design``,
``locale``, ``locale_catalog`` and ``rendercv_settings``, as its documentation describes.
Which file is one: :func:`resume_builder.loading.other_tools.is_rendercv`.

- The header becomes ``basics``; a second e-mail address or phone number is kept, a second
  website and each social network or custom connection becomes one of ``basics.profiles``
  (a network's link as RenderCV builds it from the username, :data:`_PROFILE_LINKS`).
- ``cv.sections``: :mod:`.rendercv_sections`; a section title other than the locale's
  heading for the same section becomes a ``headings`` override, so the résumé keeps it.
- ``locale.language`` (``german``) becomes ``lang`` when it is one of the profile's
  languages; ``design.theme`` ``classic`` becomes ``theme.name`` (the other themes have no
  namesake here, and the classic theme is used, as said in a note).
- Everything else (design options, locale words, settings, a field RenderCV lets
  templates print) is kept under ``meta.rendercv_unmapped`` and reported
  (:mod:`.rendercv_fit`): nothing is dropped silently.

The profile is validated as built, and its YAML loaded back through the real loader, so
the file written passes ``validate``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from resume_builder.importing.linkedin_text import one_line
from resume_builder.importing.rendercv_fit import UNMAPPED_KEY, Kept, fit, text
from resume_builder.loading.source import PathKey, SourceDocument
from resume_builder.schema import profile as model
from resume_builder.containment import real

#: RenderCV's names of its languages (``locale.language``) → the profile's language tags,
#: for the languages resume-builder has headings for (resume_builder/locales/).
_LANGUAGES = {"arabic": "ar", "german": "de", "english": "en", "spanish": "es", "french": "fr", "hebrew": "he",
              "hindi": "hi", "italian": "it", "japanese": "ja", "korean": "ko", "dutch": "nl", "polish": "pl",
              "portuguese": "pt", "russian": "ru", "turkish": "tr", "chinese": "zh", "mandarin_chinese": "zh"}

#: A social network's profile address from the username, as each site writes its own
#: (RenderCV prints these links too); other networks are kept with no link.
_PROFILE_LINKS = {"linkedin": "https://linkedin.com/in/{}", "github": "https://github.com/{}",
                  "gitlab": "https://gitlab.com/{}", "instagram": "https://instagram.com/{}",
                  "orcid": "https://orcid.org/{}", "youtube": "https://youtube.com/@{}", "x": "https://x.com/{}",
                  "twitter": "https://x.com/{}", "bluesky": "https://bsky.app/profile/{}",
                  "telegram": "https://t.me/{}", "stackoverflow": "https://stackoverflow.com/users/{}",
                  "google scholar": "https://scholar.google.com/citations?user={}",
                  "researchgate": "https://www.researchgate.net/profile/{}"}

_BASICS = ("name", "headline", "email", "phone", "location", "website", "photo", "profiles")


@dataclass
class RenderCVImport:
    data: dict[str, Any]  # the profile, as plain data in file order
    text: str  # the same as commented YAML
    report: list[str] = field(default_factory=list)  # what was not placed, and notes, one line each


def import_rendercv(doc: SourceDocument, path: Path, folder: Path) -> RenderCVImport:
    """The RenderCV file ``doc`` (read from ``path``) as a profile to be written in
    ``folder`` (where its photo path must lead; see the module docstring).

    Raises:
        UserError: what cannot be converted at all, located in the file: ``sections`` that
            is no mapping, a section that is no list, an entry of no RenderCV entry type, a
            required field (a company's name) the profile refuses.
    """
    from resume_builder.importing.rendercv_sections import convert_sections

    kept = Kept(doc, path.name)
    cv = doc.data["cv"]
    basics = _basics(cv, path, folder, kept)
    sections, titles = convert_sections(cv.get("sections") or {}, kept)
    for key, value in cv.items():
        if key not in ("name", "headline", "location", "email", "phone", "website", "photo", "social_networks",
                       "custom_connections", "sections") and value is not None:
            kept.leave_out(("cv", key), value, "no field of the profile holds it")
    data: dict[str, Any] = {"basics": basics, **sections}
    lang = _locale(doc.data.get("locale"), kept)
    if lang:
        data["lang"] = lang
    headings = _headings(titles, lang)
    if headings:
        data["headings"] = headings
    theme = _design(doc.data.get("design"), kept)
    if theme:
        data["theme"] = {"name": theme}
    for key in ("locale_catalog", "rendercv_settings"):
        if doc.data.get(key) is not None:
            kept.leave_out((key,), doc.data[key], "RenderCV's own settings; resume-builder has none of them"
                           if key == "rendercv_settings" else "RenderCV's words for dates; the locale's are used")
    if kept.unmapped:
        data["meta"] = {UNMAPPED_KEY: kept.unmapped}
    _validate(data)
    text_out = _yaml(data, kept)
    _load_back(text_out)
    return RenderCVImport(data, text_out, kept.report)


# --------------------------------------------------------------------------- the header


def _basics(cv: dict[str, Any], path: Path, folder: Path, kept: Kept) -> dict[str, Any]:
    basics: dict[str, Any] = {}
    origin: dict[str, PathKey] = {}
    sites: list[tuple[Any, PathKey]] = []  # websites after the first: profiles
    for key in ("name", "headline", "location"):
        if cv.get(key) is not None:
            value = text(cv[key])
            basics[key], origin[key] = one_line(value) if isinstance(value, str) else value, ("cv", key)
    for key in ("email", "phone", "website"):
        values = cv.get(key)
        values = values if isinstance(values, list) else [] if values is None else [values]
        for index, value in enumerate(values):
            at = ("cv", key) + ((index,) if isinstance(cv[key], list) else ())
            value = text(value)
            if key == "phone" and isinstance(value, str) and value.lower().startswith("tel:"):
                value = value[4:]  # older RenderCV files write the number as a tel: link
            if index == 0:
                basics[key], origin[key] = value, at
            elif key == "website":
                sites.append((value, at))
            else:
                kept.leave_out(at, value, f"the profile has one {'e-mail address' if key == 'email' else key}",
                               entry=basics)
    if cv.get("photo") is not None:
        _photo(cv["photo"], path, folder, basics, origin, kept)
    if not basics.get("name"):
        basics["name"], origin["name"] = "", ("cv",)
        kept.report.append(f"warning: {kept.name} gives no cv.name: basics.name is left empty; write your name there")
        kept.notes.comment(basics, "name", f"no cv.name in {kept.name}: write your name here")
    basics = fit(model.Basics, basics, origin, kept, ("cv",), required=("name",))
    basics["profiles"] = _profiles(cv, kept, basics)
    for value, at in sites:
        basics["profiles"].append(fit(model.SocialProfile, {"network": "Website", "url": value},
                                      {"network": at, "url": at}, kept, at, required=("url",)))
    ordered = {key: basics[key] for key in _BASICS if basics.get(key) not in (None, [])}
    kept.notes.move(basics, ordered)
    return ordered


def _photo(value: Any, path: Path, folder: Path, basics: dict[str, Any], origin: dict[str, PathKey],
           kept: Kept) -> None:
    """RenderCV's photo path (relative to its file) as one relative to the profile's folder,
    when the file is there and inside that folder (a profile's photo must be)."""
    found = real(path.parent / str(value)) if isinstance(value, str) else None
    inside = found is not None and found.is_file() and found.is_relative_to(real(folder))
    if not inside:
        from resume_builder.output import path_kind

        found_kind = path_kind(path.parent / str(value)) if isinstance(value, str) else None
        said = f"'{value}' {found_kind.said}: copy the image itself beside the profile, in {folder}," \
            if found_kind is not None and found_kind.link else \
            f"no such image file beside the profile in {folder}: copy it there"  # a link to nothing, a loop: said
        kept.leave_out(("cv", "photo"), value, f"{said} and name it in basics.photo", entry=basics)
        return
    basics["photo"] = Path(os.path.relpath(found, real(folder))).as_posix()
    origin["photo"] = ("cv", "photo")


def _profiles(cv: dict[str, Any], kept: Kept, basics: dict[str, Any]) -> list[dict[str, Any]]:
    """``social_networks`` and ``custom_connections`` as the profile's online profiles."""
    out = []
    for key, fields in (("social_networks", ("network", "username")),
                        ("custom_connections", ("placeholder", "url", "fontawesome_icon"))):
        items = cv.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            kept.leave_out(("cv", key), items, "not a list", entry=basics)
            continue
        for index, item in enumerate(items):
            at = ("cv", key, index)
            if not isinstance(item, dict) or not item.get(fields[0]):
                kept.leave_out(at, item, f"no {fields[0]}", entry=basics)
                continue
            for extra in item:
                if extra not in fields or extra == "fontawesome_icon":
                    why = "an icon of RenderCV's; the theme draws its own" if extra == "fontawesome_icon" else \
                        "no field of a profile link holds it"
                    kept.leave_out(at + (extra,), item[extra], why, entry=basics)
            if key == "social_networks":
                network, username = one_line(str(text(item["network"]))), text(item.get("username"))
                entry = {"network": network, "username": username, "url": _link(network, username)}
                origin = {"network": at + ("network",), "username": at + ("username",), "url": at + ("username",)}
            else:
                entry = {"network": one_line(str(text(item["placeholder"]))), "url": item.get("url")}
                origin = {"network": at + ("placeholder",), "url": at + ("url",)}
            entry = {k: v for k, v in entry.items() if v is not None}
            out.append(fit(model.SocialProfile, entry, origin, kept, at, required=("network",)))
    return out


def _link(network: str, username: Any) -> str | None:
    from resume_builder.importing.linkedin_fields import problem

    if not isinstance(username, str) or not username.strip():
        return None
    name = username.strip()
    if network.casefold() == "mastodon" and name.count("@") == 2:  # @user@host
        user, host = name.lstrip("@").split("@")
        link = f"https://{host}/@{user}"
    elif network.casefold() in _PROFILE_LINKS:
        link = _PROFILE_LINKS[network.casefold()].format(name.lstrip("@"))
    else:
        return None
    return None if problem("url", link) else link


# --------------------------------------------------------------------------- locale, design, headings


def _locale(locale: Any, kept: Kept) -> str | None:
    """``locale.language`` as the profile's ``lang`` (a language of ours), the rest kept."""
    from resume_builder.i18n import built_in_languages

    if locale is None:
        return None
    if not isinstance(locale, dict):
        kept.leave_out(("locale",), locale, "not a mapping")
        return None
    lang = None
    for key, value in locale.items():
        if key == "language" and isinstance(value, str):
            tag = _LANGUAGES.get(value.strip().casefold().replace(" ", "_"), value.strip())
            if tag in built_in_languages():
                lang = tag
                continue
            kept.leave_out(("locale", key), value, "not a language resume-builder has headings for ("
                           + ", ".join(built_in_languages()) + "): write the profile's 'lang' by hand")
        elif value is not None:
            kept.leave_out(("locale", key), value, "RenderCV's own word for the résumé; the locale's is used")
    return lang


def _design(design: Any, kept: Kept) -> str | None:
    """``design.theme`` as the profile's theme when one of ours has its name; the rest kept."""
    if design is None:
        return None
    if not isinstance(design, dict):
        kept.leave_out(("design",), design, "not a mapping")
        return None
    theme = None
    for key, value in design.items():
        if key == "theme" and value == "classic":
            theme = "classic"
        elif key == "theme":
            kept.leave_out(("design", key), value, "RenderCV's theme; resume-builder's are classic, modern and "
                           "compact ('resume-builder themes'), and classic is used")
        elif value is not None:
            kept.leave_out(("design", key), value, "RenderCV's design option; a theme has its own (README: Themes)")
    return theme


def _headings(titles: dict[str, str], lang: str | None) -> dict[str, str]:
    """The RenderCV titles that differ from the locale's heading for the same section."""
    from resume_builder.i18n import HEADING_KEYS, labels_for

    headings = labels_for(lang).headings
    return {key: title for key, title in titles.items()
            if key in HEADING_KEYS and title.casefold() != headings.get(key, "").casefold()}


# --------------------------------------------------------------------------- writing


def _validate(data: dict[str, Any]) -> None:
    """Every value was checked as placed: a profile the model refuses is a bug of the import."""
    from pydantic import ValidationError

    try:
        model.Profile.model_validate(data)
    except ValidationError as exc:
        raise AssertionError(f"the RenderCV import built a profile the model refuses:\n{exc}") from exc


def _yaml(data: dict[str, Any], kept: Kept) -> str:
    from resume_builder.interop.yaml_writer import profile_yaml

    header = [f"Imported from {one_line(kept.name)} (RenderCV) by 'resume-builder import'.",
              "cv → basics (social_networks → profiles); sections by their entries: ExperienceEntry → experience",
              "(jobs in a row at one company → its roles), EducationEntry → education, PublicationEntry →",
              "publications, OneLineEntry under Skills → skills, NormalEntry under Projects → projects, text under",
              "Summary → summary; any other section → custom.",
              "Check every entry, then run 'resume-builder validate'."]
    if kept.left_out:
        header += ["", f"Not placed (kept under meta.{UNMAPPED_KEY}):"]
        header += [f"  - {one_line(line)}" for line in kept.left_out]
    return profile_yaml(data, header=header, notes=kept.notes.by_path(data))


def _load_back(text_out: str) -> None:
    """Load the YAML written through the real loader: it must validate as written."""
    from resume_builder.errors import UserError
    from resume_builder.loading.profile_loader import validate_profile
    from resume_builder.loading.source import parse

    try:
        validate_profile(parse(text_out, "imported.yaml"))
    except UserError as exc:  # a bug of the import, not the user's mistake: keep the traceback
        raise AssertionError(f"the RenderCV import wrote a profile that does not load:\n{exc}") from exc

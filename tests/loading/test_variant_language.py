"""A variant's ``lang`` reaches the loader as a parameter: the profile is read and parsed once."""

from __future__ import annotations

import pytest

from resume_builder.loading import profile_loader
from resume_builder.pipeline import RenderRequest, prepare

PROFILE = """\
lang: en
basics:
  name: Ann Example
  headline: {en: Engineer, de: Ingenieurin}
summary: {en: Builds things., de: Baut Dinge.}
variants:
  deutsch: {lang: de}
  plain: {}
"""


@pytest.fixture
def parses(monkeypatch):
    """How many times a profile file is parsed (fast or careful path)."""
    calls = []
    for name in ("_load_fast", "_load_careful"):
        real = getattr(profile_loader, name)

        def counted(*args, _real=real, **kwargs):
            calls.append(args[0])
            return _real(*args, **kwargs)

        monkeypatch.setattr(profile_loader, name, counted)
    monkeypatch.setattr(profile_loader, "_LOADED", {})
    return calls


def test_a_declared_variant_with_lang_parses_the_profile_once(tmp_path, parses):
    path = tmp_path / "me.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    job = prepare(RenderRequest(profile=path, variant="deutsch"))
    assert job.profile.summary == "Baut Dinge." and job.document.metadata.language.startswith("de")
    assert len(parses) == 1


def test_a_variant_file_with_lang_parses_the_profile_once(tmp_path, parses):
    (tmp_path / "me.yaml").write_text(PROFILE, encoding="utf-8")
    variant = tmp_path / "de.yaml"
    variant.write_text("profile: me.yaml\nlang: de\n", encoding="utf-8")
    job = prepare(RenderRequest(variant=str(variant)))
    assert job.profile.basics.headline == "Ingenieurin"
    assert len(parses) == 1


def test_the_language_asked_for_wins_over_the_variants(tmp_path, parses):
    path = tmp_path / "me.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    assert prepare(RenderRequest(profile=path, variant="deutsch", lang="en")).profile.summary == "Builds things."
    assert prepare(RenderRequest(profile=path, variant="plain")).profile.summary == "Builds things."
    assert prepare(RenderRequest(profile=path, variant="deutsch")).profile.summary == "Baut Dinge."
    assert len(parses) == 3  # English as asked for, the profile's default language, and German: once each

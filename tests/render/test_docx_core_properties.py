"""A DOCX's core properties take any profile: a name and headline over 255 characters crashed
the render with python-docx's "exceeded 255 char limit for property" (newcomer trial)."""

from __future__ import annotations

import io

import docx
from typer.testing import CliRunner

from resume_builder import pipeline
from resume_builder.cli import app
from resume_builder.render.docx.package import CORE_PROPERTY_CHARS, core_property_text

HEADLINE = " ".join(["Senior Backend Engineer and Platform Lead for Payments"] * 6)  # 329 characters


def test_a_long_title_is_cut_at_a_word_and_the_render_succeeds(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    profile = tmp_path / "long.yaml"
    profile.write_text(f"basics:\n  name: Zoë Ångström-Nakamura\n  headline: {HEADLINE}\n"
                       "  email: zoe@example.com\nsummary: Builds payment systems.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["render", "long.yaml", "-f", "docx", "-f", "pdf", "--no-server"])
    assert result.exit_code == 0, result.output
    props = docx.Document(str(tmp_path / "output" / "long.docx")).core_properties
    full = f"Zoë Ångström-Nakamura – {HEADLINE}"
    assert len(props.title) <= CORE_PROPERTY_CHARS and props.title.endswith("…")
    assert full.startswith(props.title[:-1]) and full[len(props.title) - 1] == " "  # cut between words
    check = CliRunner().invoke(app, ["check", "output/long.docx", "--profile", "long.yaml"])
    assert check.exit_code == 0, check.output


def test_the_identifier_check_reads_is_written_whole(tmp_path):
    """What the file was rendered from is read back by check: cutting it would lose the variant."""
    (tmp_path / "variants").mkdir()
    variant = tmp_path / "variants" / ("platform-" + "x" * 240 + ".yaml")
    variant.write_text("profile: ../me.yaml\nmax_highlights: 2\n", encoding="utf-8")
    profile = tmp_path / "me.yaml"
    profile.write_text("basics: {name: Sam Sample, email: sam@example.com}\nsummary: Builds.\n", encoding="utf-8")
    job = pipeline.prepare(profile, variant=str(variant))
    (output,) = pipeline.render(job, "docx", tmp_path / "me.docx")
    identifier = docx.Document(io.BytesIO(output.data)).core_properties.identifier
    assert len(identifier) > CORE_PROPERTY_CHARS and variant.name in identifier


def test_core_property_text():
    assert core_property_text("Sam Sample") == "Sam Sample"
    assert core_property_text("a" * 255) == "a" * 255
    assert core_property_text("a" * 300) == "a" * 254 + "…"
    words = "word " * 80
    assert core_property_text(words) == "word " * 49 + "word…"  # cut at a space, 250 characters
    assert core_property_text("x\x00y") == core_property_text("xy") or "\x00" not in core_property_text("x\x00y")

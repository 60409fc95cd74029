"""The DOCX embeds the theme's fonts (obfuscated, subset, only the faces used), names
fallbacks in its font table, and sets emoji in a colour-emoji font without losing them.

The LibreOffice tests hide the theme's families from fontconfig (the system's Noto Serif
and Noto Sans too): what LibreOffice then draws with can only come from the DOCX itself.
Skipped unless ``soffice`` and the poppler tools are on PATH.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from fontTools.ttLib import TTFont
from lxml import etree

from resume_builder.document import build_document
from resume_builder.loading import load_profile
from resume_builder.render.docx import render_docx
from resume_builder.render.docx_fonts import (EMOJI_FONT, OBFUSCATED_FONT_TYPE, deobfuscate, obfuscate,
                                              split_emoji)
from resume_builder.theming import find_theme

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "profiles" / "example.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_R = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
THEMES = ("classic", "compact", "modern")


def word_family(theme_name: str) -> str:
    """The body family's name in the DOCX: e.g. 'Noto Serif SemiCondensed', 'Lato'."""
    theme = find_theme(theme_name)
    return next(f.word_family for f in theme.fonts if f.family == theme.docx_style.body_font)

EMOJI_PROFILE = """\
basics:
  name: Lê Thị Ánh 🚀
  headline: Kỹ sư nền tảng 🛠️ and SRE
  email: le@example.org
  location: Hà Nội, VN

summary: Builds calm platforms 🌐 for busy teams ✅ — © 2024, with ☕️ and 👩🏽‍💻.

experience:
  - company: Ví dụ Ltd
    position: Platform Engineer
    start: 2021-03
    highlights:
      - Cut paging alerts by half 📉 with better SLOs.
"""
EMOJI = ["🚀", "🛠️", "🌐", "✅", "☕️", "👩🏽‍💻", "📉"]


def _render(theme_name: str, profile: Path = EXAMPLE) -> bytes:
    theme = find_theme(theme_name)
    return render_docx(build_document(load_profile(profile).profile), theme, theme.options())


@pytest.fixture(scope="module")
def packages() -> dict[str, bytes]:
    return {name: _render(name) for name in THEMES}


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


# ---------------------------------------------------------------------------- obfuscation


def test_obfuscation_xors_the_first_32_bytes_with_the_key_read_backwards():
    """ECMA-376 Part 1 §17.8.1: key bytes are the GUID's hex digit pairs from the last one."""
    data = bytes(range(64))
    key = "{00112233-4455-6677-8899-AABBCCDDEEFF}"
    out = obfuscate(data, key)
    mask = bytes.fromhex("FFEEDDCCBBAA99887766554433221100")
    assert out[:16] == bytes(a ^ b for a, b in zip(data[:16], mask))
    assert out[16:32] == bytes(a ^ b for a, b in zip(data[16:32], mask))
    assert out[32:] == data[32:]
    assert deobfuscate(out, key) == data
    with pytest.raises(ValueError):
        obfuscate(data, "{not-a-guid}")


# ---------------------------------------------------------------------------- the package


def _font_table(parts: dict[str, bytes]):
    return etree.fromstring(parts["word/fontTable.xml"])


def _embedded(parts: dict[str, bytes]) -> dict[tuple[str, str], TTFont]:
    """{(w:name, embed slot): the deobfuscated font} for every embedded face."""
    rels = etree.fromstring(parts["word/_rels/fontTable.xml.rels"])
    targets = {rel.get("Id"): "word/" + rel.get("Target") for rel in rels.iter(f"{PKG_R}Relationship")}
    types = {o.get("PartName"): o.get("ContentType")
             for o in etree.fromstring(parts["[Content_Types].xml"]).iter(f"{CT}Override")}
    out = {}
    for font in _font_table(parts).iter(f"{W}font"):
        for embed in font:
            if not embed.tag.startswith(f"{W}embed"):
                continue
            target = targets[embed.get(f"{R}id")]
            assert target.endswith(".odttf") and types["/" + target] == OBFUSCATED_FONT_TYPE
            data = deobfuscate(parts[target], embed.get(f"{W}fontKey"))
            assert embed.get(f"{W}subsetted") == "1"
            out[(font.get(f"{W}name"), embed.tag[len(W):])] = TTFont(io.BytesIO(data))
    return out


@pytest.mark.parametrize("name", THEMES)
def test_the_theme_fonts_are_embedded_static_and_named_as_the_document_names_them(packages, name):
    parts = _parts(packages[name])
    embedded = _embedded(parts)
    body = word_family(name)
    slots = {slot for family, slot in embedded if family == body}
    assert {"embedRegular", "embedBold", "embedItalic"} <= slots, slots
    document_text = "".join(t.text or "" for t in etree.fromstring(parts["word/document.xml"]).iter(f"{W}t"))
    style_names = {"embedRegular": "Regular", "embedBold": "Bold", "embedItalic": "Italic",
                   "embedBoldItalic": "Bold Italic"}
    for (family, slot), font in embedded.items():
        assert "fvar" not in font, "Word cannot use a variable font: embed a static instance"
        assert font["name"].getDebugName(1) == family
        assert font["name"].getDebugName(2) == style_names[slot]
        assert font["OS/2"].usWeightClass == (700 if "Bold" in slot else 400)
        assert bool(font["OS/2"].fsSelection & 1) == ("Italic" in slot)
        assert font["OS/2"].fsType & 0x000E in (0, 0x8) or font["OS/2"].fsType == 0  # installable/editable
        cmap = font.getBestCmap()
        assert all(ord(c) in cmap for c in "Alex Example 0123456789")
        # a subset: far fewer glyphs than the full family, but every letter of the body text
        assert len(font.getGlyphOrder()) < 600
    regular = embedded[(body, "embedRegular")].getBestCmap()
    letters = {c for c in document_text if c.isalpha() and c.isascii()}
    assert all(ord(c) in regular for c in letters)
    assert ord("\u2022") in regular and ord("\u2013") in regular, "the list bullets are in the subset"
    # the instance at the theme's width: Noto at 87.5 % is OS/2 width class 4 (semi-condensed)
    width = next(f.width for f in find_theme(name).fonts if f.word_family == body)
    assert embedded[(body, "embedRegular")]["OS/2"].usWidthClass == {87.5: 4, 100: 5}[width]


def test_only_the_faces_used_are_embedded(packages):
    """The example has no bold italic run and semibold has no Word slot: neither is embedded."""
    for name in THEMES:
        parts = _parts(packages[name])
        slots = {slot for _family, slot in _embedded(parts)}
        assert "embedBoldItalic" not in slots, name
        assert len([n for n in parts if n.startswith("word/fonts/")]) == len(_embedded(parts))


@pytest.mark.parametrize("name", THEMES)
def test_the_font_table_names_fallbacks_and_settings_keep_the_fonts(packages, name):
    parts = _parts(packages[name])
    body = word_family(name)
    font = next(f for f in _font_table(parts).iter(f"{W}font") if f.get(f"{W}name") == body)
    children = [child.tag[len(W):] for child in font]
    assert children[:6] == ["altName", "panose1", "charset", "family", "pitch", "sig"]
    values = {child.tag[len(W):]: child.get(f"{W}val") for child in font}
    assert values["altName"] == ("Cambria" if name == "classic" else "Calibri")
    assert values["family"] == ("roman" if name == "classic" else "swiss")
    assert len(values["panose1"]) == 20 and values["panose1"].startswith("02")
    assert values["pitch"] == "variable" and values["charset"] == "00"
    settings = etree.fromstring(parts["word/settings.xml"])
    tags = [child.tag[len(W):] for child in settings]
    assert "embedTrueTypeFonts" in tags and "saveSubsetFonts" in tags
    assert tags.index("zoom") < tags.index("embedTrueTypeFonts") < tags.index("saveSubsetFonts") < \
        tags.index("defaultTabStop")


def test_embedding_keeps_the_docx_byte_reproducible(packages):
    assert _render("classic") == packages["classic"]


# ---------------------------------------------------------------------------- emoji


def test_split_emoji_keeps_every_character_and_leaves_text_symbols_alone():
    for text in ["Hi 🌐.", "Docker 🛠️ I", "© 2024 ™ → ok", "👩🏽‍💻 dev", "1️⃣ one", "🇬🇧 UK", "", "plain"]:
        pieces = split_emoji(text)
        assert "".join(piece for piece, _ in pieces) == text
    assert split_emoji("© 2024 ™ → ok") == [("© 2024 ™ → ok", False)]
    assert split_emoji("a 👩🏽‍💻 b") == [("a ", False), ("👩🏽‍💻", True), (" b", False)]


@pytest.fixture(scope="module")
def emoji_docx(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("emoji")
    profile = folder / "emoji.yaml"
    profile.write_text(EMOJI_PROFILE, encoding="utf-8")
    path = folder / "emoji.docx"
    path.write_bytes(_render("modern", profile))
    return path


def test_emoji_runs_name_the_colour_emoji_font_and_keep_their_text(emoji_docx):
    parts = _parts(emoji_docx.read_bytes())
    document = etree.fromstring(parts["word/document.xml"])
    emoji_runs, text = [], []
    for run in document.iter(f"{W}r"):
        run_text = "".join(t.text or "" for t in run.iter(f"{W}t"))
        text.append(run_text)
        fonts = run.find(f"{W}rPr/{W}rFonts")
        if fonts is not None and fonts.get(f"{W}ascii") == EMOJI_FONT:
            assert {fonts.get(f"{W}{slot}") for slot in ("hAnsi", "eastAsia", "cs")} == {EMOJI_FONT}
            emoji_runs.append(run_text)
    assert sorted(emoji_runs) == sorted(EMOJI)
    joined = "".join(text)
    for snippet in ["Lê Thị Ánh 🚀", "Kỹ sư nền tảng 🛠️ and SRE", "platforms 🌐 for busy teams ✅ — © 2024",
                    "with ☕️ and 👩🏽‍💻.", "by half 📉 with"]:
        assert snippet in joined
    table = {f.get(f"{W}name"): f for f in _font_table(parts).iter(f"{W}font")}
    assert table[EMOJI_FONT].find(f"{W}altName").get(f"{W}val") == "Segoe UI Emoji"


def test_a_document_without_emoji_does_not_list_the_emoji_font(tmp_path):
    profile = tmp_path / "plain.yaml"
    profile.write_text("basics:\n  name: Jo Plain\n  email: jo@example.org\nsummary: Plain text © 2024.\n",
                       encoding="utf-8")
    parts = _parts(_render("classic", profile))
    assert EMOJI_FONT.encode() not in parts["word/fontTable.xml"]
    assert EMOJI_FONT.encode() not in parts["word/document.xml"]


# ---------------------------------------------------------------------------- LibreOffice

needs_libreoffice = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdffonts") and shutil.which("pdftotext")),
    reason="needs LibreOffice (soffice) and poppler-utils (pdffonts, pdftotext)")


def _hiding_fonts(folder: Path, families: set[str]) -> Path:
    """A fontconfig file: the system's fonts, less every face of ``families``."""
    lines = ['<?xml version="1.0"?>', '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">', "<fontconfig>"]
    if Path("/etc/fonts/fonts.conf").is_file():
        lines.append('  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>')
    lines.append("  <selectfont><rejectfont>")
    lines += [f'    <pattern><patelt name="family"><string>{escape(f)}</string></patelt></pattern>'
              for f in sorted(families)]
    lines.append("  </rejectfont></selectfont>")
    lines.append(f"  <cachedir>{escape(str(folder / 'fontconfig-cache'))}</cachedir>")
    lines.append("</fontconfig>")
    path = folder / "fonts.conf"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _soffice(source: Path, out_dir: Path, target: str, fonts_conf: Path | None = None) -> Path:
    (out,) = _soffice_all([source], out_dir, target, fonts_conf)
    return out


def _soffice_all(sources: list[Path], out_dir: Path, target: str, fonts_conf: Path | None = None) -> list[Path]:
    """LibreOffice's ``target`` files of ``sources`` (distinct names), in one run: starting
    LibreOffice costs about a second, a document a tenth."""
    home = out_dir / "home"
    home.mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(home)}
    if fonts_conf:
        env["FONTCONFIG_FILE"] = str(fonts_conf)
    result = subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation={home.as_uri()}/lo",
         "--convert-to", target, "--outdir", str(out_dir), *map(str, sources)],
        check=False, capture_output=True, text=True, env=env, timeout=180)
    outs = [out_dir / (source.stem + "." + target.split(":")[0]) for source in sources]
    assert result.returncode == 0 and all(out.is_file() for out in outs), \
        f"LibreOffice failed:\n{result.stdout}\n{result.stderr}"
    return outs


_WITHOUT_THEIR_FONTS: dict[str, Path] = {}


def _drawn_without_their_fonts(packages: dict[str, bytes], folder_for: pytest.TempPathFactory) -> dict[str, Path]:
    """{theme: LibreOffice's PDF of its DOCX} where none of the built-in themes' families is
    installed (fontconfig told to hide them, checked with fc-list); one run for every theme."""
    if not _WITHOUT_THEIR_FONTS:
        folder = folder_for.mktemp("lo-hidden-fonts")
        families = {font.family for name in THEMES for font in find_theme(name).fonts}
        conf = _hiding_fonts(folder, families)
        listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True,
                                env={**os.environ, "FONTCONFIG_FILE": str(conf)}).stdout
        assert not families & {line.split(",")[0].strip() for line in listed.splitlines()}, "fonts not hidden"
        sources = [folder / f"{name}.docx" for name in THEMES]
        for name, source in zip(THEMES, sources):
            source.write_bytes(packages[name])
        _WITHOUT_THEIR_FONTS.update(zip(THEMES, _soffice_all(sources, folder, "pdf", conf)))
    return _WITHOUT_THEIR_FONTS


@needs_libreoffice
@pytest.mark.parametrize("name", THEMES)
def test_libreoffice_draws_with_the_embedded_fonts_where_they_are_not_installed(packages, name, tmp_path_factory):
    pdf = _drawn_without_their_fonts(packages, tmp_path_factory)[name]
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    family = word_family(name).replace(" ", "")
    for style in ("Regular", "Bold", "Italic"):
        assert f"+{family}-{style} " in fonts, fonts


@needs_libreoffice
def test_libreoffice_keeps_the_emoji_text(emoji_docx, tmp_path):
    text = _soffice(emoji_docx, tmp_path, "txt:Text (encoded):UTF8").read_text(encoding="utf-8-sig")
    for emoji in EMOJI:
        assert emoji in text, (emoji, text)
    pdf = _soffice(emoji_docx, tmp_path, "pdf")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    if "Noto Color Emoji" in subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout:
        assert "NotoColorEmoji" in fonts, fonts

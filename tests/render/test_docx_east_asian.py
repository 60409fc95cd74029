"""East Asian text in the DOCX: each run holding Hangul, kana or Han names the Noto CJK face of
its language's region in the class of the theme's font and says its language, and is never
italic (user trial: a Korean-Canadian's English résumé showed "박지우" and "한빛커머스" in Noto
Serif CJK JP in the sans themes, the company's Hangul slanted)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from resume_builder.document import build_document
from resume_builder.loading import load_profile
from resume_builder.render.docx import render_docx
from resume_builder.render.docx.east_asian import document_languages, han_language, has_east_asian, pieces
from resume_builder.render.docx.parts import italic_style
from resume_builder.theming import find_theme

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
THEMES = {"classic": "Serif", "modern": "Sans", "compact": "Sans"}

# Invented people and companies.
PROFILE = """\
lang: {lang}
basics:
  name: Jiwoo Park (박지우)
  headline: Senior Backend Engineer · 백엔드 엔지니어
  email: jiwoo@example.org
  location: Toronto, ON
summary: Backend engineer across *Seoul (서울), Tokyo (東京) and Shanghai*; writes **한글** and *ひらがな* docs.
experience:
  - company: Hanbit Commerce (한빛커머스)
    position: Senior Backend Engineer
    start: 2021-03
    end: present
    summary: Payments platform for 한빛 stores
    highlights:
      - Led the *결제 (payments)* rewrite.
  - company: Sakura Logistics (さくら物流株式会社)
    position: Software Engineer
    start: 2017-04
    end: 2021-02
  - company: 北京云桥科技有限公司 (Yunqiao Tech)
    position: Intern
    start: 2016-06
    end: 2016-09
"""


def _docx(tmp_path: Path, theme_name: str, lang: str = "en") -> bytes:
    path = tmp_path / f"cv-{lang}.yaml"
    path.write_text(PROFILE.format(lang=lang), encoding="utf-8")
    theme = find_theme(theme_name)
    return render_docx(build_document(load_profile(path).profile), theme, theme.options())


def _part(data: bytes, name: str):
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def _runs(data: bytes):
    """(text, w:rPr or None, its paragraph's style id) of every run of the body."""
    for paragraph in _part(data, "word/document.xml").iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        for run in paragraph.iter(f"{W}r"):
            text = "".join(t.text or "" for t in run.iter(f"{W}t"))
            yield text, run.find(f"{W}rPr"), style.get(f"{W}val") if style is not None else None


def _attr(rpr, tag: str, name: str) -> str | None:
    element = rpr.find(f"{W}{tag}") if rpr is not None else None
    return element.get(f"{W}{name}") if element is not None else None


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("east-asian")
    return {name: _docx(folder, name) for name in THEMES}


@pytest.mark.parametrize("name", THEMES)
@pytest.mark.parametrize("word, region, language", [
    ("박지우", "KR", "ko-KR"), ("한빛커머스", "KR", "ko-KR"), ("백엔드", "KR", "ko-KR"), ("결제", "KR", "ko-KR"),
    ("さくら物流株式会社", "JP", "ja-JP"), ("ひらがな", "JP", "ja-JP"),
    # Han alone in an English document: CLDR's likely language of Han, as the PDF's fallback face
    ("北京云桥科技有限公司", "SC", "zh-CN"), ("東京", "SC", "zh-CN")])
def test_east_asian_runs_name_the_regional_face_of_the_themes_class_and_their_language(
        packages, name, word, region, language):
    found = [rpr for text, rpr, _ in _runs(packages[name]) if word in text]
    assert found, word
    for rpr in found:
        assert _attr(rpr, "rFonts", "eastAsia") == f"Noto {THEMES[name]} CJK {region}"
        assert _attr(rpr, "lang", "eastAsia") == language
        assert _attr(rpr, "lang", "val") == "en"


@pytest.mark.parametrize("name", THEMES)
def test_no_run_with_east_asian_text_is_italic_and_bold_stays(packages, name):
    data = packages[name]
    styles = _part(data, "word/styles.xml")
    checked = 0
    for text, rpr, style in _runs(data):
        switch = rpr.find(f"{W}i") if rpr is not None else None
        italic = (switch.get(f"{W}val", "true") not in ("0", "false", "off") if switch is not None
                  else bool(style) and italic_style(styles, style))
        if has_east_asian(text):
            checked += 1
            assert not italic, (name, text)
        elif text.strip() in ("Hanbit Commerce (", "Seoul (", "Tokyo (", "(payments)"):
            assert italic, (name, text)  # the Latin text around the Hangul keeps its italics
    assert checked >= 10
    bold = [rpr for text, rpr, _ in _runs(data) if text == "한글"]
    assert bold and all(rpr.find(f"{W}b") is not None for rpr in bold)


@pytest.mark.parametrize("name, alternates", [
    ("classic", {"Noto Serif CJK KR": ("Batang", "81"), "Noto Serif CJK JP": ("Yu Mincho", "80"),
                 "Noto Serif CJK SC": ("SimSun", "86")}),
    ("modern", {"Noto Sans CJK KR": ("Malgun Gothic", "81"), "Noto Sans CJK JP": ("Yu Gothic", "80"),
                "Noto Sans CJK SC": ("Microsoft YaHei", "86")})])
def test_the_font_table_offers_each_cjk_face_a_windows_font_of_its_region(packages, name, alternates):
    table = _part(packages[name], "word/fontTable.xml")
    entries = {font.get(f"{W}name"): font for font in table.iter(f"{W}font")}
    for face, (alternate, charset) in alternates.items():
        assert entries[face].find(f"{W}altName").get(f"{W}val") == alternate
        assert entries[face].find(f"{W}charset").get(f"{W}val") == charset
        assert entries[face].find(f"{W}embedRegular") is None  # named, not embedded


def test_a_document_without_east_asian_text_lists_no_cjk_font(tmp_path):
    path = tmp_path / "cv.yaml"
    path.write_text("basics:\n  name: Ada Example\n", encoding="utf-8")
    theme = find_theme("modern")
    data = render_docx(build_document(load_profile(path).profile), theme, theme.options())
    assert b"CJK" not in etree.tostring(_part(data, "word/fontTable.xml"))


@pytest.mark.parametrize("lang, region, language", [
    ("ja", "JP", "ja-JP"), ("zh", "SC", "zh-CN"), ("zh-TW", "TC", "zh-TW"), ("ko", "KR", "ko-KR")])
def test_han_alone_takes_a_chinese_japanese_or_korean_documents_language(tmp_path, lang, region, language):
    data = _docx(tmp_path, "modern", lang)
    (rpr,) = [rpr for text, rpr, _ in _runs(data) if "北京云桥" in text]
    assert (_attr(rpr, "rFonts", "eastAsia"), _attr(rpr, "lang", "eastAsia")) == (f"Noto Sans CJK {region}", language)
    (rpr,) = [rpr for text, rpr, _ in _runs(data) if "한빛커머스" in text]
    assert _attr(rpr, "lang", "eastAsia") == "ko-KR"  # Hangul is Korean in any document


def test_pieces_cut_east_asian_stretches_by_language_and_keep_every_character():
    languages = document_languages("en")
    text = "Seoul (서울), 東京 and さくら物流 한국"
    han = han_language(text, languages)
    cut = pieces(text, languages, han)
    assert "".join(piece for piece, _ in cut) == text
    assert [(piece, east.language if east else None) for piece, east in cut] == [
        ("Seoul (", None), ("서울", "ko-KR"), ("), ", None), ("東京", "zh-CN"), (" and ", None),
        ("さくら物流 ", "ja-JP"), ("한국", "ko-KR")]
    # Han beside kana in the same text is Japanese; beside Hangul, Korean (hanja)
    assert han_language("さくら物流", languages).language == "ja-JP"
    assert han_language("朴智友 박지우", languages).language == "ko-KR"


def test_the_east_asian_docx_is_schema_valid(ooxml_validator, packages):
    for name, data in packages.items():
        assert ooxml_validator.problems(data) == {}, name


# ---------------------------------------------------------------------------- LibreOffice

_HANGUL = re.compile("[\uac00-\ud7a3]")


def _soffice(source: Path, out_dir: Path, target: str) -> Path:
    home = out_dir / "home"
    home.mkdir(exist_ok=True)
    result = subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation={home.as_uri()}/lo",
         "--convert-to", target, "--outdir", str(out_dir), str(source)],
        check=False, capture_output=True, text=True, env={**os.environ, "HOME": str(home)}, timeout=180)
    out = out_dir / f"{source.stem}.{target}"
    assert result.returncode == 0 and out.is_file(), f"LibreOffice failed:\n{result.stdout}\n{result.stderr}"
    return out


def _has_noto_cjk() -> bool:
    if not shutil.which("fc-list"):
        return False
    return "Noto Sans CJK KR" in subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="needs LibreOffice (soffice)")
@pytest.mark.skipif(not _has_noto_cjk(), reason="needs the Noto CJK fonts (fonts-noto-cjk)")
def test_libreoffice_sets_hangul_upright_in_the_korean_sans_face_in_modern(packages, tmp_path):
    from pypdf import PdfReader

    source = tmp_path / "modern.docx"
    source.write_bytes(packages["modern"])
    # What LibreOffice reads: the Korean face for the spans holding Hangul.
    flat = etree.parse(str(_soffice(source, tmp_path, "fodt")), etree.XMLParser(huge_tree=True))  # fonts inside
    ns = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
          "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0"}
    asian = {s.get(f"{{{ns['style']}}}name"): s.find("style:text-properties", ns)
             for s in flat.iterfind(".//style:style", ns)}
    spans = [span for span in flat.iterfind(".//text:span", ns) if _HANGUL.search("".join(span.itertext()))]
    assert spans
    for span in spans:
        props = asian[span.get(f"{{{ns['text']}}}style-name")]
        assert props.get(f"{{{ns['style']}}}font-name-asian") == "Noto Sans CJK KR", "".join(span.itertext())
    # What it draws: Hangul in a sans CJK face, never slanted. (The regional faces of the Noto
    # CJK collection share one CFF table named after the Japanese face, so the PDF's font names
    # say "NotoSansCJKjp" for every region.)
    drawn = []

    def visitor(text, cm, tm, font, size):
        if _HANGUL.search(text):
            drawn.append((text, str(font.get("/BaseFont")), tm[2]))

    PdfReader(_soffice(source, tmp_path, "pdf")).pages[0].extract_text(visitor_text=visitor)
    assert drawn
    for text, font, shear in drawn:
        assert "NotoSansCJK" in font and shear == 0, (text, font, shear)

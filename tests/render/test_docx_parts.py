"""The parts written from scratch (styles, numbering, settings, app.xml): elements in schema order, nothing of the template."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx.oxml.ns import qn
from lxml import etree

from resume_builder.pipeline import prepare
from resume_builder.render.docx import render_docx
from resume_builder.render.docx.parts import paragraph_properties, run_properties
from tests.conftest import REPO

#: ECMA-376 Part 1 §17.3.1.26 and §17.3.2.28: the order of the children we write.
PPR_ORDER = ["keepNext", "widowControl", "numPr", "pBdr", "tabs", "bidi", "spacing", "ind", "contextualSpacing",
             "jc", "outlineLvl"]
RPR_ORDER = ["rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "color", "spacing", "sz", "szCs", "u", "lang"]


def _tags(element) -> list[str]:
    return [etree.QName(child).localname for child in element]


def test_paragraph_properties_in_schema_order_whatever_is_given():
    ppr = paragraph_properties(outline=1, jc="right", contextual=True, indent=(255, 170), line=1.2, after=3,
                               before=2, bidi=True, tab_right=9000, rule=("336699", 0.6), num_id=4,
                               widow_control=True, keep_next=True)
    assert _tags(ppr) == PPR_ORDER
    assert paragraph_properties() is None


def test_run_properties_in_schema_order_whatever_is_given():
    rpr = run_properties(lang="ar", rtl_lang=True, underline="none", size=10, letter_spacing=0.5, color="112233",
                         small_caps=True, caps=True, italic=False, bold=True, font="Lato")
    assert _tags(rpr) == RPR_ORDER
    assert rpr.find(qn("w:i")).get(qn("w:val")) == "0" and rpr.find(qn("w:b")).get(qn("w:val")) is None
    assert rpr.find(qn("w:lang")).attrib == {qn("w:val"): "en", qn("w:bidi"): "ar"}  # Latin text: English
    assert run_properties() is None


@pytest.fixture(scope="module")
def members() -> dict[str, bytes]:
    job = prepare(REPO / "profiles" / "example.yaml")
    with zipfile.ZipFile(io.BytesIO(render_docx(job.document, job.theme, job.options))) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.mark.parametrize("name", ["word/styles.xml", "word/numbering.xml", "word/settings.xml"])
def test_parts_carry_nothing_of_the_template_python_docx_ships(members, name):
    """No Mac Office or VML namespaces, no mc:Ignorable naming markup the part does not hold."""
    root = etree.fromstring(members[name])
    assert root.nsmap == {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    assert not root.attrib


def test_app_properties_name_only_this_program(members):
    root = etree.fromstring(members["docProps/app.xml"])
    assert {etree.QName(child).localname: child.text for child in root} == {
        "Application": "resume-builder", "DocSecurity": "0", "ScaleCrop": "false", "LinksUpToDate": "false",
        "SharedDoc": "false", "HyperlinksChanged": "false"}


def test_every_style_we_use_is_defined_once(members):
    root = etree.fromstring(members["word/styles.xml"])
    ids = [style.get(qn("w:styleId")) for style in root.iter(qn("w:style"))]
    assert len(ids) == len(set(ids))
    document = etree.fromstring(members["word/document.xml"])
    used = {e.get(qn("w:val")) for e in document.iter(qn("w:pStyle"), qn("w:rStyle"))}
    assert used <= set(ids)

"""The DOCX schema check itself (tests/ooxml_validation.py): Markup Compatibility as ECMA-376
Part 3 defines it, the schema set compiled offline from the vendored files, and the
run-property order read from the schema. tests/render/test_docx_schema.py applies it to our DOCX."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.ooxml_validation import SCHEMAS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def _document(body: str, root_attributes: str = "") -> bytes:
    """A document part with ``body`` as its paragraph's content (w, mc, w14, wps declared)."""
    return (f'<w:document xmlns:w="{W}" xmlns:mc="{MC}" xmlns:w14="{W14}" xmlns:wps="{WPS}" {root_attributes}>'
            f"<w:body><w:p>{body}</w:p></w:body></w:document>").encode("utf-8")


def _problems(validator, body: str, root_attributes: str = "") -> tuple[str, ...]:
    report = validator.check_part("word/document.xml", _document(body, root_attributes))
    assert report.checked
    return report.problems


def test_a_plain_paragraph_is_valid(ooxml_validator):
    assert _problems(ooxml_validator, "<w:r><w:t>x</w:t></w:r>") == ()


def test_ignorable_extension_attributes_and_elements_are_dropped(ooxml_validator):
    body = '<w:r w14:paraId="1A2B3C4D"><w14:glow/><w:t>x</w:t></w:r>'
    assert _problems(ooxml_validator, body, 'mc:Ignorable="w14"') == ()
    # Not declared ignorable: the extension is an error, as Word refuses it.
    problems = _problems(ooxml_validator, body)
    assert any("paraId" in p for p in problems) and any("glow" in p for p in problems), problems


def test_process_content_keeps_the_children_of_an_ignored_element(ooxml_validator):
    attributes = 'mc:Ignorable="w14" mc:ProcessContent="w14:wrap"'
    assert _problems(ooxml_validator, "<w:r><w14:wrap><w:t>x</w:t></w14:wrap></w:r>", attributes) == ()
    # The children stay and are validated: a stray one is reported.
    problems = _problems(ooxml_validator, "<w:r><w14:wrap><w:sparkle/></w14:wrap></w:r>", attributes)
    assert any("w:sparkle" in p for p in problems), problems


def test_alternate_content_takes_the_first_understood_choice_else_the_fallback(ooxml_validator):
    not_understood = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><wps:shape/></mc:Choice>'
                      "<mc:Fallback><w:t>x</w:t></mc:Fallback></mc:AlternateContent></w:r>")
    assert _problems(ooxml_validator, not_understood) == ()
    understood_first = ('<w:r><mc:AlternateContent><mc:Choice Requires="w"><w:t>x</w:t></mc:Choice>'
                        "<mc:Fallback><w:sparkle/></mc:Fallback></mc:AlternateContent></w:r>")
    assert _problems(ooxml_validator, understood_first) == ()
    wrong_fallback = not_understood.replace("<w:t>x</w:t>", "<w:sparkle/>")
    assert any("w:sparkle" in p for p in _problems(ooxml_validator, wrong_fallback))
    nothing_chosen = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><wps:shape/></mc:Choice>'
                      "</mc:AlternateContent></w:r>")
    assert _problems(ooxml_validator, nothing_chosen) == ()


def test_must_understand_names_what_no_schema_declares(ooxml_validator):
    problems = _problems(ooxml_validator, "<w:r><w:t>x</w:t></w:r>", 'mc:MustUnderstand="w14"')
    assert any("mc:MustUnderstand" in p and W14 in p for p in problems), problems
    assert _problems(ooxml_validator, "<w:r><w:t>x</w:t></w:r>", 'mc:MustUnderstand="w"') == ()


def test_an_undeclared_prefix_in_an_mc_attribute_is_reported(ooxml_validator):
    problems = _problems(ooxml_validator, "<w:r><w:t>x</w:t></w:r>", 'mc:Ignorable="w99"')
    assert any("'w99'" in p for p in problems), problems


@pytest.mark.parametrize(("properties", "said"), [
    ('<w:b/><w:color w:val="112233"/><w:sz w:val="20"/>', None),
    ('<w:sz w:val="20"/><w:b/>', "w:b comes after w:sz"),
    ("<w:b/><w:b/>", "w:b repeats"),
])
def test_run_properties_follow_the_first_edition_order(ooxml_validator, properties, said):
    problems = _problems(ooxml_validator, f"<w:r><w:rPr>{properties}</w:rPr><w:t>x</w:t></w:r>")
    if said is None:
        assert problems == ()
    else:  # the schema accepts it (EG_RPrBase is a choice): only the order check speaks
        assert len(problems) == 1 and said in problems[0], problems


def test_the_paragraph_marks_revision_records_sit_outside_the_order(ooxml_validator):
    body = ('<w:pPr><w:rPr><w:ins w:id="1" w:author="A"/><w:b/></w:rPr></w:pPr>'
            "<w:r><w:t>x</w:t></w:r>")
    assert _problems(ooxml_validator, body) == ()


def test_a_part_that_is_not_xml_or_not_covered_is_never_valid(ooxml_validator):
    broken = ooxml_validator.check_part("word/document.xml", b"<w:document")
    assert broken.checked and not broken.valid and "not well-formed" in broken.problems[0]
    core = ooxml_validator.check_part(
        "docProps/core.xml",
        b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"/>')
    assert not core.checked and not core.valid


def test_a_doctype_is_refused_and_its_entities_left_alone(ooxml_validator, tmp_path):
    """OPC forbids DTDs in XML parts; the parser never fetches or reads an external entity."""
    outside = tmp_path / "outside.xml"
    outside.write_text(f'<w:sparkle xmlns:w="{W}"/>', encoding="utf-8")
    data = (f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "{outside.as_uri()}">]>'
            f'<w:document xmlns:w="{W}"><w:body><w:p><w:r>&x;<w:t>x</w:t></w:r></w:p></w:body></w:document>')
    report = ooxml_validator.check_part("word/document.xml", data.encode("utf-8"))
    assert report.checked and not report.valid
    assert report.problems == ("a DOCTYPE declaration, which the Open Packaging Conventions forbid in XML "
                               "parts (ECMA-376 Part 2, [M1.18])",)


def _sums() -> dict[str, str]:
    lines = (SCHEMAS / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split(None, 1) for line in lines if line.strip())}


def test_the_vendored_standard_schemas_are_unmodified():
    """The ECMA-376 files are byte-identical to the upstream copy (README.md gives the source)."""
    sums = _sums()
    on_disk = sorted(str(p.relative_to(SCHEMAS)) for p in (SCHEMAS / "ecma376-transitional").rglob("*.xsd"))
    assert sorted(sums) == on_disk and len(on_disk) == 30
    for name, digest in sums.items():
        assert hashlib.sha256((SCHEMAS / name).read_bytes()).hexdigest() == digest, name

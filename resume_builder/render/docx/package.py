"""The DOCX package: the template or a theme's reference file opened and cleaned, styles and
numbering installed, core properties set, and the saved zip rewritten reproducibly.

Two renders of the same input give the same bytes: members in a fixed order, every
timestamp from SOURCE_DATE_EPOCH (``output.build_datetime``), neutral permissions, and an
``app.xml`` naming only this program.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from resume_builder.containment import contained
from resume_builder.document import Document
from resume_builder.errors import UserError
from resume_builder.output import build_datetime
from resume_builder.theming import Theme
from resume_builder.render.docx.look import DocxLook
from resume_builder.render.docx.parts import app_properties, style_name
from resume_builder.render.docx.scripts import language_attributes
from resume_builder.render.docx.writer import safe_text

# ============================================================================ package set-up


_DROPPED_RELTYPES = {
    RT.THUMBNAIL, RT.CUSTOM_XML, RT.HEADER, RT.FOOTER,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
}


def open_package(theme: Theme):
    """A python-docx Document to fill: the theme's reference file or the bundled template."""
    reference = theme.docx_style.reference_docx
    if not reference:
        return docx.Document(), False
    path = None
    for folder in theme.folders:  # child first; each folder's candidate must stay inside that folder
        candidate = contained(folder, reference, owner=f"theme '{theme.name}'", what="[docx] reference_docx")
        if candidate.is_file():
            path = candidate
            break
    if path is None:
        raise UserError(f"theme '{theme.name}': [docx] reference_docx '{reference}' is not a file in the theme folder")
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(str(path)), True
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError, OSError) as exc:
        raise UserError(f"theme '{theme.name}': cannot open reference_docx {path}: {exc}") from None


def strip_package(document) -> None:
    """Drop parts a résumé must not carry: thumbnail, custom XML, old style copies, headers."""
    package = document.part.package
    for owner in (package, document.part):
        for rid, rel in list(owner.rels.items()):
            if rel.reltype in _DROPPED_RELTYPES:
                del owner.rels[rid]
    _drop_external_references(package)
    body = document.element.body
    for child in list(body):
        body.remove(child)


def _drop_external_references(package) -> None:
    """Remove what a (theme's reference) package points at outside itself, and what uses it.

    A hostile reference_docx could carry ``attachedTemplate`` (or a linked image, a mail
    merge source) pointing at a URL, which Word fetches on opening. Runs before the
    résumé's own hyperlinks are added, so those are the only external targets left.
    """
    r_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    for owner in (package, *package.iter_parts()):
        external = [rid for rid, rel in owner.rels.items() if rel.is_external]
        element = getattr(owner, "element", None)  # XML parts only
        for rid in external:
            del owner.rels[rid]
            if element is None:
                continue
            for node in list(element.iter()):
                if any(key.startswith(r_id) and value == rid for key, value in node.attrib.items()):
                    node.getparent().remove(node)


def install_styles(document, definitions: dict[str, Any]) -> dict[str, str]:
    """Add our styles to a reference document's; its own styles of the same name win.

    Returns the style id to use for each key of ``definitions``.
    """
    ids: dict[str, str] = {}
    styles_element = document.styles.element
    by_name = {}
    for existing in styles_element.findall(qn("w:style")):
        name = existing.find(qn("w:name"))
        if name is not None:
            by_name[name.get(qn("w:val")).lower()] = existing.get(qn("w:styleId"))
    taken = set(by_name.values())
    for key, element in definitions.items():
        found = by_name.get(style_name(element).lower())
        if found:
            ids[key] = found
            continue
        style_id = element.get(qn("w:styleId"))
        if style_id in taken:  # another style of another name uses our id
            style_id += "Resume"
            element.set(qn("w:styleId"), style_id)
        styles_element.append(element)
        ids[key] = style_id
        taken.add(style_id)
    return ids


# ============================================================================ core and package


#: The longest text Word's document properties dialog shows, and python-docx writes.
CORE_PROPERTY_CHARS = 255


def core_property_text(text: str) -> str:
    """``text`` made safe for XML and fitted to :data:`CORE_PROPERTY_CHARS` characters: a
    longer one is cut at its last space that leaves room for "…" (at the limit when none)."""
    text = safe_text(text)
    if len(text) <= CORE_PROPERTY_CHARS:
        return text
    cut = text[:CORE_PROPERTY_CHARS - 1]
    space = cut.rfind(" ")
    return (cut[:space].rstrip() if space > CORE_PROPERTY_CHARS // 2 else cut) + "…"


def set_core_properties(document, doc: Document) -> None:
    """The package's core properties (title, author, subject, keywords, language, dates) from
    ``doc``'s metadata. The shown ones are fitted to :data:`CORE_PROPERTY_CHARS` characters (a
    long name and headline crashed the DOCX render); the identifier, what ``check`` reads back
    (resume_builder/provenance.py), is written whole."""
    when = build_datetime().replace(tzinfo=None)
    props = document.core_properties
    meta = doc.metadata
    props.title = core_property_text(meta.title)
    props.author = core_property_text(meta.author)
    props.last_modified_by = core_property_text(meta.author)
    props.subject = core_property_text(meta.subject)
    props.keywords = core_property_text(", ".join(meta.keywords))
    props.language = meta.language
    props.comments = ""
    props.category = ""
    props.content_status = ""
    # python-docx refuses more than 255 characters; the OPC schema sets no limit (xsd:string)
    props._element._get_or_add("identifier").text = safe_text(meta.source)
    props.version = ""
    props.revision = 1
    props.created = when
    props.modified = when
    element = props._element
    printed = element.find("{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastPrinted")
    if printed is not None:
        element.remove(printed)


APP_XML = app_properties()

_FIRST_MEMBERS = ("[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
                  "word/document.xml", "word/_rels/document.xml.rels")


def _zip_time() -> tuple[int, int, int, int, int, int]:
    from resume_builder.output import zip_stamp

    return zip_stamp()


def repack(data: bytes) -> bytes:
    """Re-zip a saved package: fixed order, fixed timestamps and permissions, neutral app.xml."""
    stamp = _zip_time()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    if "docProps/app.xml" in members:
        members["docProps/app.xml"] = APP_XML
    order = [name for name in _FIRST_MEMBERS if name in members]
    order += sorted(name for name in members if name not in order)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, members[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return out.getvalue()


def numbering_part(document):
    """The document's numbering part, added when the (reference) document has none."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.packuri import PackURI
    from docx.parts.numbering import NumberingPart

    try:
        return document.part.part_related_by(RT.NUMBERING)
    except KeyError:
        part = NumberingPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, OxmlElement("w:numbering"),
                             document.part.package)
        document.part.relate_to(part, RT.NUMBERING)
        return part


def set_language(styles_element, look: DocxLook) -> None:
    """Set ``w:lang`` in a reference document's defaults (its styles keep their look), each
    language in its slot (:func:`resume_builder.render.docx.scripts.language_attributes`)."""
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles_element.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for name, value in language_attributes(look.language, rtl=look.rtl).items():
        lang.set(qn(f"w:{name}"), value)

"""Checks a DOCX the way a strict consumer (Word) reads it: every XML part against the
ECMA-376 transitional schemas, and the order of run properties. Test helper; offline; lxml only.

Word refuses or "repairs" files that LibreOffice opens without a word, mostly over the order
and form of WordprocessingML elements, so the tests hold our DOCX to the schemas themselves.

Sources:

* The schemas: ECMA-376 Part 4 / ISO/IEC 29500-4 transitional, vendored unmodified in
  ``tests/fixtures/ooxml/schemas/`` (see its README for provenance and licence), compiled
  through our wrapper ``wordprocessingml.xsd`` with ``no_network=True``: nothing is fetched.
* Markup Compatibility and Extensibility: ECMA-376 Part 3 (mc:Ignorable, mc:ProcessContent,
  mc:MustUnderstand, mc:AlternateContent with mc:Choice/mc:Fallback).
  Before a part is validated it is reduced to what a consumer that understands only the
  compiled namespaces sees, as Word does for extension namespaces (w14, w15, …).
* Run-property order: the transitional schema lets the children of ``w:rPr`` come in any
  order (``EG_RPrBase`` is an ``xsd:choice``), but the first edition of ECMA-376 (2006) made
  them a sequence, and Word 2007 and the Open XML SDK still expect that order. The order is
  read from ``EG_RPrBase`` in the vendored ``wml.xsd`` (its declaration order is the first
  edition's sequence), so it is never typed out here.

Not checked: ``docProps/core.xml`` (its schema imports Dublin Core from dublincore.org) and
parts whose root namespace the compiled set does not declare; they are reported as unchecked
(``PartReport.checked`` is False), never as valid.

Use::

    validator = OoxmlValidator()          # compiles the schemas once (about 0.2 s)
    validator.problems(docx_bytes_or_path)  # {part name: [message, ...]} for invalid parts
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "fixtures" / "ooxml" / "schemas"
ENTRY_SCHEMA = "wordprocessingml.xsd"
WML_SCHEMA = Path("ecma376-transitional") / "wml.xsd"

XSD = "http://www.w3.org/2001/XMLSchema"
XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC_ATTRIBUTE = f"{{{MC}}}"


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(no_network=True, resolve_entities=False, huge_tree=True)


def _namespace(tag: str) -> str:
    """The namespace of a Clark-notation name (``{uri}local``); "" when it has none."""
    return tag[1:tag.index("}")] if tag[:1] == "{" else ""


@dataclass(frozen=True)
class PartReport:
    """One XML part of a package: its name (``word/document.xml``), whether it was checked
    against the schemas, and the problems found (empty when valid; for an unchecked part,
    the one reason it was not checked)."""

    name: str
    checked: bool
    problems: tuple[str, ...]

    @property
    def valid(self) -> bool:
        return self.checked and not self.problems


class OoxmlValidator:
    """The compiled schema set, the namespaces it declares, and the run-property order.

    ``schemas`` is a folder holding ``wordprocessingml.xsd`` and ``ecma376-transitional/``.
    Raises ``lxml.etree.XMLSchemaParseError`` if the set does not compile (offline).
    Compiling takes a fraction of a second: build one per test session.
    """

    def __init__(self, schemas: Path = SCHEMAS) -> None:
        entry = schemas / ENTRY_SCHEMA
        self.schema = etree.XMLSchema(etree.parse(str(entry), _safe_parser()))
        self.understood = frozenset({MC, XML_NAMESPACE} | _declared_namespaces(entry))
        self.rpr_order = _rpr_order(schemas / WML_SCHEMA)

    # -------------------------------------------------------------------------- a package

    def check_docx(self, docx: bytes | Path) -> list[PartReport]:
        """A report for every ``.xml`` and ``.rels`` part of ``docx`` (bytes or a path), in
        name order. Raises ``zipfile.BadZipFile`` if it is not a ZIP package."""
        source = io.BytesIO(docx) if isinstance(docx, bytes) else docx
        with zipfile.ZipFile(source) as package:
            names = sorted(n for n in package.namelist() if n.endswith((".xml", ".rels")))
            return [self.check_part(name, package.read(name)) for name in names]

    def problems(self, docx: bytes | Path) -> dict[str, list[str]]:
        """``{part name: messages}`` for each checked part that is invalid; {} when all are valid."""
        return {report.name: list(report.problems) for report in self.check_docx(docx)
                if report.checked and report.problems}

    # -------------------------------------------------------------------------- one part

    def check_part(self, name: str, data: bytes) -> PartReport:
        """Parse ``data`` (never fetching anything), reduce it by Markup Compatibility, validate
        it against the schemas and, for WordprocessingML parts, check run-property order."""
        try:
            root = etree.fromstring(data, _safe_parser())
        except etree.XMLSyntaxError as error:
            return PartReport(name, True, (f"not well-formed XML: {error}",))
        if root.getroottree().docinfo.doctype:
            # Entities left unexpanded (never read) would also stop libxml2's validation.
            return PartReport(name, True, ("a DOCTYPE declaration, which the Open Packaging Conventions "
                                           "forbid in XML parts (ECMA-376 Part 2, [M1.18])",))
        root_namespace = _namespace(root.tag)
        if root_namespace not in self.understood:
            return PartReport(name, False, (f"root element {root.tag} is in no compiled schema",))
        prefixes = {uri: prefix for prefix, uri in root.nsmap.items() if prefix}
        problems = reduce_markup_compatibility(root, self.understood)
        if not self.schema.validate(root):
            problems += [_schema_message(error, prefixes) for error in self.schema.error_log]
        if root_namespace == W:
            problems += [_shorten(message, prefixes) for message in self.run_property_order_problems(root)]
        return PartReport(name, True, tuple(problems))

    def run_property_order_problems(self, root: etree._Element) -> list[str]:
        """Each ``w:rPr`` child that comes before one it should follow, or repeats one, in the
        ECMA-376 first-edition order of ``EG_RPrBase``; messages name the element's path."""
        found = []
        tree = root.getroottree()
        for properties in root.iter(f"{{{W}}}rPr"):
            highest, highest_name = -1, ""
            for child in properties:
                if not isinstance(child.tag, str) or _namespace(child.tag) != W:
                    continue
                name = etree.QName(child).localname
                if name not in self.rpr_order:
                    # Outside EG_RPrBase: the paragraph mark's revision records (ins, del,
                    # moveFrom, moveTo) and rPrChange, which the schema itself places first
                    # and last; or an unknown element, which the schema reports.
                    continue
                rank = self.rpr_order[name]
                if rank <= highest:
                    what = "repeats" if rank == highest else f"comes after w:{highest_name}"
                    found.append(f"{tree.getpath(child)}: w:{name} {what}; Word expects the "
                                 "ECMA-376 order of run properties")
                else:
                    highest, highest_name = rank, name
        return found


# ------------------------------------------------------------------------------ the schema set

def _declared_namespaces(entry: Path) -> set[str]:
    """The target namespaces of ``entry`` and every schema it imports or includes by a local
    ``schemaLocation`` (transitively): what the compiled set can check."""
    found: set[str] = set()
    seen: set[Path] = set()
    pending = [entry.resolve()]
    while pending:
        path = pending.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        schema = etree.parse(str(path), _safe_parser()).getroot()
        if path != entry.resolve():  # (the wrapper's own namespace declares no element)
            found.add(schema.get("targetNamespace", ""))
        for reference in schema.iter(f"{{{XSD}}}import", f"{{{XSD}}}include"):
            location = reference.get("schemaLocation")
            if location and "://" not in location:
                pending.append((path.parent / location).resolve())
    found.discard("")
    return found


def _rpr_order(wml: Path) -> dict[str, int]:
    """``{local name: rank}`` of the elements of the ``EG_RPrBase`` group, in declaration order."""
    schema = etree.parse(str(wml), _safe_parser()).getroot()
    group = schema.find(f"{{{XSD}}}group[@name='EG_RPrBase']")
    if group is None:
        raise ValueError(f"{wml} declares no EG_RPrBase group")
    names = [element.get("name") for element in group.iter(f"{{{XSD}}}element")]
    return {name: rank for rank, name in enumerate(names)}


def _shorten(text: str, prefixes: dict[str, str]) -> str:
    """``{namespace}local`` written ``prefix:local`` with the part's own prefixes."""
    for uri, prefix in prefixes.items():
        text = text.replace(f"{{{uri}}}", f"{prefix}:")
    return text


def _schema_message(error, prefixes: dict[str, str]) -> str:
    where = f" {error.path}" if getattr(error, "path", None) else ""
    return _shorten(f"line {error.line}{where}: {error.message}", prefixes)


# ------------------------------------------------------------------ Markup Compatibility (Part 3)

@dataclass(frozen=True)
class _Scope:
    """What the mc:* attributes of an element and its ancestors declare."""

    ignorable: frozenset[str] = frozenset()                  # namespaces
    processed: frozenset[tuple[str, str]] = frozenset()      # (namespace, local name or "*")

    def within(self, element: etree._Element, understood: frozenset[str], problems: list[str]) -> "_Scope":
        """The scope of ``element``'s content; MustUnderstand and prefix errors go to ``problems``."""
        if not any(name.startswith(_MC_ATTRIBUTE) for name in element.attrib):
            return self  # (nearly every element: no mc:* attribute)
        ignorable, processed = self.ignorable, self.processed
        declared = element.get(f"{{{MC}}}Ignorable")
        if declared:
            ignorable |= _namespaces_of(element, declared, "mc:Ignorable", problems)
        declared = element.get(f"{{{MC}}}ProcessContent")
        for qualified in (declared or "").split():
            prefix, _, local = qualified.rpartition(":")
            uri = element.nsmap.get(prefix or None)
            if uri is None:
                problems.append(f"mc:ProcessContent on {element.tag} names the undeclared prefix {prefix!r}")
            else:
                processed |= {(uri, local)}
        declared = element.get(f"{{{MC}}}MustUnderstand")
        if declared:
            for uri in sorted(_namespaces_of(element, declared, "mc:MustUnderstand", problems) - understood):
                problems.append(f"{element.tag}: mc:MustUnderstand names {uri}, which no compiled schema declares")
        return _Scope(ignorable, processed)

    def drops(self, uri: str, understood: frozenset[str]) -> bool:
        return uri in self.ignorable and uri not in understood

    def keeps_content_of(self, element: etree._Element) -> bool:
        name = etree.QName(element)
        return (name.namespace, name.localname) in self.processed or (name.namespace, "*") in self.processed


def _namespaces_of(element: etree._Element, prefixes: str, attribute: str, problems: list[str]) -> set[str]:
    found = set()
    for prefix in prefixes.split():
        uri = element.nsmap.get(prefix)
        if uri is None:
            problems.append(f"{attribute} on {element.tag} names the undeclared prefix {prefix!r}")
        else:
            found.add(uri)
    return found


def reduce_markup_compatibility(root: etree._Element, understood: frozenset[str]) -> list[str]:
    """Rewrite ``root`` in place into what a consumer understanding only ``understood`` reads:

    * elements and attributes in an mc:Ignorable namespace it does not understand are dropped
      (an element named by mc:ProcessContent is replaced by its children, themselves reduced);
    * each mc:AlternateContent becomes the content of its first mc:Choice whose ``Requires``
      namespaces are all understood, else of its mc:Fallback, else nothing;
    * every mc:* attribute is removed.

    Content in a namespace that is neither understood nor ignorable stays, so the schema
    reports it (as Word refuses it). Returns the Markup Compatibility errors (an
    mc:MustUnderstand namespace not understood, an undeclared prefix).
    """
    problems: list[str] = []
    kept = _reduced(root, _Scope(), understood, problems)
    if kept != [root]:
        problems.append(f"the root element {root.tag} is itself ignorable or mc:AlternateContent")
    return problems


def _reduced(element, scope: _Scope, understood: frozenset[str], problems: list[str]) -> list:
    """The nodes that stand where ``element`` stood, after reduction."""
    if not isinstance(element.tag, str):  # a comment or processing instruction
        return [element]
    scope = scope.within(element, understood, problems)
    if element.tag == f"{{{MC}}}AlternateContent":
        branch = _chosen_branch(element, understood, problems)
        return [] if branch is None else _reduced_children(branch, scope, understood, problems)[0]
    if scope.drops(_namespace(element.tag), understood):
        if scope.keeps_content_of(element):
            return _reduced_children(element, scope, understood, problems)[0]
        return []
    for attribute in list(element.attrib):
        uri = _namespace(attribute)
        if uri == MC or scope.drops(uri, understood):
            del element.attrib[attribute]
    children, changed = _reduced_children(element, scope, understood, problems)
    if changed:  # (most elements keep their children as they are: leave those untouched)
        for child in list(element):
            element.remove(child)
        element.extend(children)
    return [element]


def _reduced_children(element, scope: _Scope, understood: frozenset[str], problems: list[str]):
    """The reduced children of ``element`` and whether any of them was replaced or dropped."""
    nodes, changed = [], False
    for child in list(element):
        replacement = _reduced(child, scope, understood, problems)
        changed = changed or len(replacement) != 1 or replacement[0] is not child
        nodes.extend(replacement)
    return nodes, changed


def _chosen_branch(alternate: etree._Element, understood: frozenset[str], problems: list[str]):
    for branch in alternate:
        if branch.tag == f"{{{MC}}}Choice":
            prefixes = branch.get("Requires", "").split()
            required = _namespaces_of(branch, " ".join(prefixes), "mc:Choice Requires", problems)
            if len(required) == len(set(prefixes)) and required <= understood:
                return branch  # (a branch naming an undeclared prefix is never chosen)
        elif branch.tag == f"{{{MC}}}Fallback":
            return branch
    return None

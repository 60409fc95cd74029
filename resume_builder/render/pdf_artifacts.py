"""Page-margin content (page numbers, running headers) as artifacts in the tagged PDF.

ISO 32000-1 §14.8.2.2 ("Real content and artifacts") and PDF/UA-1 (ISO 14289-1 §7.1,
Matterhorn checkpoint 18) call page numbers, running headers and footers *pagination
artifacts*: content that is drawn but is not part of the document's logical text. A
tag-aware reader (screen readers, Acrobat's "Save as text", PDF-to-text converters that
honour marked content) then leaves them out of the text flow, so the page number ("2 / 3")
is never read as part of the entry above it.

WeasyPrint (70) draws rules, borders and backgrounds inside ``/Artifact`` marked content
already, but draws the text of page-margin boxes (``@bottom-right { content: counter(page) }``)
as ordinary marked content (``/Span <</MCID n>> BDC``) that it maps in the structure
tree's ``ParentTree`` while leaving it out of the tree itself (its ``pdf/tags.py``: "It could
be included in tree as Artifact"). :func:`mark_margin_artifacts` is a WeasyPrint
*finisher* (``Document.write_pdf(finisher=...)``) that runs on the PDF objects before they
are written and turns exactly that content into artifacts:

- the marked-content sequences whose MCID maps to a structure element that the tree
  (``StructTreeRoot`` → ``Document`` → …) does not reach become
  ``/Artifact <</Type /Pagination /Subtype /Footer>> BDC`` (``/Header`` when every
  margin box with content on that page is at the top, no subtype when mixed);
- their ``ParentTree`` entries become ``null`` (an artifact has no MCID to map) and the
  unreachable structure elements lose their kids.

The text itself is unchanged and still drawn; only its marking changes.
"""

from __future__ import annotations

from typing import Any

_PAGINATION = "/Pagination"


def mark_margin_artifacts(document: Any, pdf: Any) -> None:
    """WeasyPrint finisher: mark page-margin text as pagination artifacts (see module doc).

    ``document`` is the laid-out ``weasyprint.Document``; ``pdf`` the ``pydyf.PDF`` about to
    be written. Does nothing for an untagged PDF (no ``StructTreeRoot``).
    """
    import pydyf

    root_ref = pdf.catalog.get("StructTreeRoot") if hasattr(pdf.catalog, "get") else None
    if root_ref is None:
        return
    objects = pdf.objects

    def resolve(ref: Any) -> Any:
        if isinstance(ref, bytes) and ref.endswith(b" R"):
            return objects[int(ref.split()[0])]
        return ref

    root = resolve(root_ref)
    reached = _reachable(root, resolve)
    parent_tree = resolve(root["ParentTree"])
    nums = parent_tree["Nums"]
    page_count = len(document.pages)
    page_refs = list(pdf.page_references)
    for position in range(0, len(nums), 2):
        page_index, entries = nums[position], nums[position + 1]
        if not isinstance(entries, pydyf.Array) or not isinstance(page_index, int) or page_index >= page_count:
            continue  # an annotation's entry (one structure element, not a page's array)
        artifacts = set()
        for mcid, ref in enumerate(entries):
            if isinstance(ref, bytes) and ref not in reached:
                artifacts.add(mcid)
                orphan = resolve(ref)
                if isinstance(orphan, pydyf.Dictionary):
                    orphan["K"] = pydyf.Array()
                entries[mcid] = "null"
        if artifacts:
            properties = {"Type": _PAGINATION}
            subtype = _subtype(document.pages[page_index])
            if subtype:
                properties["Subtype"] = subtype
            page = resolve(page_refs[page_index])
            for stream in _content_streams(page, resolve):
                _rewrite(stream, artifacts, properties)


def _reachable(root: Any, resolve) -> set[bytes]:
    """References of every structure element reached from the structure tree root."""
    import pydyf

    seen: set[bytes] = set()
    stack = list(_kids(root))
    while stack:
        ref = stack.pop()
        if not isinstance(ref, bytes) or ref in seen:
            continue
        seen.add(ref)
        element = resolve(ref)
        if isinstance(element, pydyf.Dictionary):
            stack.extend(_kids(element))
    return seen


def _kids(element: Any) -> list:
    kids = element.get("K") if hasattr(element, "get") else None
    if kids is None:
        return []
    return list(kids) if isinstance(kids, list) else [kids]


def _content_streams(page: Any, resolve) -> list:
    contents = resolve(page["Contents"])
    return [resolve(item) for item in contents] if isinstance(contents, list) else [contents]


def _rewrite(stream: Any, artifacts: set[int], properties: dict[str, str]) -> None:
    """Turn ``/Tag <</MCID n>> BDC`` into ``/Artifact <<properties>> BDC`` for each n in ``artifacts``."""
    import pydyf

    items = getattr(stream, "stream", None)
    if not isinstance(items, list):
        return
    for index in range(1, len(items) - 1):
        item = items[index]
        if (isinstance(item, pydyf.Dictionary) and item.get("MCID") in artifacts
                and items[index + 1] == b"BDC" and isinstance(items[index - 1], str)):
            items[index - 1] = "/Artifact"
            items[index] = pydyf.Dictionary(dict(properties))


def _subtype(page: Any) -> str | None:
    """``/Footer`` when the page's margin boxes with content are all at the bottom, ``/Header``
    when all at the top, else None (a left or right margin box, or both edges)."""
    edges = set()
    for box in getattr(page._page_box, "children", []):
        keyword = getattr(box, "at_keyword", None)
        if keyword and getattr(box, "children", None):
            edges.add("bottom" if keyword.startswith("@bottom") else "top" if keyword.startswith("@top") else "side")
    if edges == {"bottom"}:
        return "/Footer"
    if edges == {"top"}:
        return "/Header"
    return None

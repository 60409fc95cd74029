"""Write profile data as readable YAML, in the style of ``profiles/example.yaml``.

ruamel.yaml's round-trip dumper keeps key order and takes comments: a header at the top,
and notes at the end of the line of the field they are about. Short lists of words
(``tags``, ``keywords``) are written inline (one item a line when an item has a note of its
own), texts of several lines as ``|`` blocks, long lines are never folded, and empty values
are left out.
"""

from __future__ import annotations

import io
import re
from typing import Any

from resume_builder.schema.base import PathKey
_INLINE_LISTS = {"tags", "keywords", "roles", "courses", "any", "all", "none", "keep", "drop", "sections"}


def profile_yaml(data: dict[str, Any], *, header: list[str] | None = None,
                 notes: dict[PathKey, list[str]] | None = None) -> str:
    from ruamel.yaml import YAML

    root = _node(data, None)
    for path, texts in (notes or {}).items():
        _comment(root, path, "; ".join(dict.fromkeys(texts)))
    if header:
        root.yaml_set_start_comment("\n".join(header))
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.allow_unicode = True
    stream = io.StringIO()
    yaml.dump(root, stream)
    return stream.getvalue()


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == {}


def _node(value: Any, key: Any, *, exact: bool = False) -> Any:
    """``value`` as ruamel.yaml nodes. ``exact``: within meta.jsonresume_unmapped, whose texts
    ``export`` writes back byte for byte, a ``|`` block gets no line break the text lacks."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, dict):
        if key == "location" and set(value) == {"address"}:
            return _node(value["address"], None)  # the shorthand: location: London, UK
        out = CommentedMap()
        for k, v in value.items():
            if not _empty(v):
                out[k] = _node(v, k, exact=exact or k == "jsonresume_unmapped")
        return out
    if isinstance(value, list):
        seq = CommentedSeq(_node(item, None, exact=exact) for item in value)
        scalars = all(isinstance(item, (str, int, float)) and "\n" not in str(item) for item in value)
        if scalars and key in _INLINE_LISTS:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and "\n" in value.strip() and not _HIDDEN.search(value):
        return LiteralScalarString(value if value.endswith("\n") or exact else value + "\n")
    return value  # ruamel.yaml quotes it, with escapes for what a YAML file may not hold as is


#: What a ``|`` block would carry as is but a profile refuses or cannot hold: a byte-order
#: mark inside the text (loading/yaml_errors.stray_bom; security review: `import` wrote one
#: into a block that its own `validate` then refused), and the characters outside YAML 1.2's
#: printable set (section 5.1). Such a text is written double-quoted, with escapes.
_HIDDEN = re.compile("[\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def _comment(root: Any, path: PathKey, text: str) -> None:
    """Put ``# text`` at the end of the line where ``path`` starts, or above a long line."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    parent, node, column = None, root, 0
    for index, part in enumerate(path):
        parent = node
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return
        if index < len(path) - 1:
            column += 4 if isinstance(node, CommentedSeq) else 2 if isinstance(parent, CommentedMap) else 0
    if isinstance(parent, CommentedMap):
        line = column + len(str(path[-1])) + 2 + len(str(node)) + len(text) + 4
        if isinstance(node, str) and ("\n" in node or line > 100):
            parent.yaml_set_comment_before_after_key(path[-1], before=text, indent=column)
        else:
            parent.yaml_add_eol_comment(text, path[-1])
    elif isinstance(parent, CommentedSeq):
        if parent.fa.flow_style():
            # a comment inside "[a, b]" ends that line: the list is written one item a line
            parent.fa.set_block_style()
        if isinstance(node, CommentedMap) and node:
            node.yaml_add_eol_comment(text, next(iter(node)))
        else:
            parent.yaml_add_eol_comment(text, path[-1])

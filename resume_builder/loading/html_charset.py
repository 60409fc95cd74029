"""The character encoding a web page declares for itself, as a browser finds it.

A page saved by a browser is often in the encoding it was served in, named by a
``<meta charset="windows-1252">`` or ``<meta http-equiv="Content-Type" content="text/html;
charset=iso-8859-1">`` near its top. :func:`declared_encoding` finds it the way the WHATWG
HTML standard's "prescan a byte stream to determine its encoding" (13.2.3.2) does: the first
1,024 bytes, comments skipped, the first ``<meta>`` with a label that names an encoding. The
label is looked up with Python's codecs, kept to the encodings of the WHATWG Encoding
standard, and mapped as that standard maps it: ``iso-8859-1``, ``latin1`` and ``ascii`` mean
windows-1252, a ``utf-16`` label in a page read as bytes means UTF-8.
"""

from __future__ import annotations

import codecs
import re

# Python's names for the encodings of the WHATWG Encoding standard; another codec Python
# knows ("rot13", "unicode_escape", "idna") is no page's encoding, and its label is passed over.
_WHATWG = frozenset({
    "utf-8", "cp866", "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-5", "iso8859-6", "iso8859-7",
    "iso8859-8", "iso8859-10", "iso8859-13", "iso8859-14", "iso8859-15", "iso8859-16", "koi8-r", "koi8-u",
    "mac-roman", "cp874", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "cp1258", "mac-cyrillic", "gbk", "gb18030", "big5", "euc_jp", "iso2022_jp", "shift_jis", "euc_kr"})
# Labels the Encoding standard gives to another encoding than Python does.
_AS_WHATWG = {"iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254", "iso8859-11": "cp874",
              "tis-620": "cp874", "gb2312": "gbk", "utf-16": "utf-8", "utf-16-le": "utf-8", "utf-16-be": "utf-8"}

_VALUE = rb'"[^"]*"|\'[^\']*\'|[^\s>]*'
_ATTRS = rb"(?:[^>\"']|\"[^\"]*\"|'[^']*')*"
# What the prescan steps over or reads: a comment (its "-->" may share the dashes of "<!--"),
# a <meta> (its attributes in the group), another tag with its attributes, <!...>, </...>, <?...>.
_TOKEN = re.compile(rb"<!(?=--).*?-->|<meta[\s/](" + _ATTRS + rb")>|<[a-zA-Z/]" + _ATTRS + rb">|<[!?][^>]*>",
                    re.S | re.I)
_ATTR = re.compile(rb"([^\s/=>][^\s/=>]*)(?:\s*=\s*(" + _VALUE + rb"))?", re.S)
_CHARSET_IN_CONTENT = re.compile(rb"charset\s*=\s*(\"[^\"]*\"?|'[^']*'?|[^\s;]+)", re.I)


def encoding_for(label: str) -> str | None:
    """The Python codec for an encoding label as a web page writes it (``"windows-1252"`` →
    ``"cp1252"``, ``"ISO-8859-1"`` → ``"cp1252"``, ``"utf-8"``); None for a label that names no
    encoding of the WHATWG Encoding standard."""
    try:
        name = codecs.lookup(label.strip(" \t\n\f\r")).name
    except (LookupError, ValueError):
        return None
    name = _AS_WHATWG.get(name, name)
    return name if name in _WHATWG else None


def declared_encoding(raw: bytes) -> str | None:
    """The Python codec a web page's first 1,024 bytes declare in a ``<meta>`` (see the module
    docstring), e.g. ``"cp1252"``; None when they declare none that names an encoding."""
    for token in _TOKEN.finditer(raw[:1024]):
        if token.group(1) is None:
            continue
        seen: dict[bytes, bytes] = {}
        for attr in _ATTR.finditer(token.group(1)):
            name = attr.group(1).lower()
            value = attr.group(2) or b""
            if name not in seen:  # the first of an attribute counts, as in the standard
                seen[name] = value[1:-1] if value[:1] in (b'"', b"'") else value
        label = seen.get(b"charset")
        if label is None and seen.get(b"http-equiv", b"").lower() == b"content-type":
            found = _CHARSET_IN_CONTENT.search(seen.get(b"content", b""))
            label = found.group(1).strip(b"\"'") if found else None
        encoding = encoding_for(label.decode("latin-1")) if label else None
        if encoding:
            return encoding
    return None

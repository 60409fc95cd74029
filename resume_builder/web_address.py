"""Whether a web address names the host a reader would reach.

Python's ``urlsplit`` follows RFC 3986; a browser or PDF viewer follows the WHATWG URL
Standard, which reads a backslash in an http(s) address as a slash. Where the two disagree,
the address shown (or checked) is not the one opened: :func:`web_authority_problem` refuses
those. Used for profile addresses (schema/types.py), Markdown links (markdown.py) and a
theme's links in the PDF (render/pdf.py).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_BACKSLASH = re.compile(r"\\|%5c", re.I)  # WeasyPrint writes a link's backslash as %5C


def web_authority_problem(url: str) -> str | None:
    """Why the http(s) address ``url`` names no host a reader can trust, or None when it writes
    ``scheme://host`` with no backslash before its path.

    Python's ``urlsplit`` and a PDF viewer or browser read these differently: a browser takes a
    backslash for a slash in a web address, so ``https:/\\evil.example`` (kept in the PDF as
    ``https:/%5Cevil.example``) opens evil.example while the address shows no host, and
    ``https://evil.example\\@good.example`` opens evil.example, not good.example.
    """
    rest = url.split(":", 1)[1]
    if not rest.startswith("//"):
        return "a web address has two slashes before its host name; write 'https://host/...'"
    authority = rest[2:]
    for end in "/?#":
        authority = authority.split(end, 1)[0]
    if _BACKSLASH.search(authority):
        return "a web address has no backslash before its path; write 'https://host/...' with slashes"
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return "the web address's host name is not valid (an unmatched '[' or ']'); write 'https://host/...'"
    if not host:
        return "the web address has no host name; write 'https://host/...'"
    return None

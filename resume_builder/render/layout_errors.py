"""Turn a layout engine failure on a theme's CSS into a message that names the likely cause.

WeasyPrint and pango fail in many ways on absurd values (``font-size: 1e9px`` divides by
zero while drawing text; other sizes overflow pango's integer units). The PDF renderer
catches every exception from the engine and reports it as a ``UserError``; this module
finds, where it can, the declarations that are to blame: any length, number or percentage
whose magnitude is beyond ``MAX_CSS_MAGNITUDE`` in the theme's ``<style>`` blocks and
``style`` attributes, read with tinycss2 (WeasyPrint's own CSS tokenizer, so escapes and
comments are read exactly as the engine reads them).
"""

from __future__ import annotations

import html as html_module
import re

#: Largest magnitude of a number in a CSS value that we do not flag as the likely cause of
#: a layout failure: 100,000 (px, pt, em or %) is some 26 metres at 96 px per inch,
#: beyond any page.
MAX_CSS_MAGNITUDE = 100_000

_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def suspect_declarations(document: str, limit: int = 3) -> list[str]:
    """Up to ``limit`` declarations (``'font-size: 1e9px'``) with a number beyond MAX_CSS_MAGNITUDE."""
    import tinycss2

    found: list[str] = []
    sources = [match.group(1) for match in _STYLE_BLOCK.finditer(document)]
    sources += [html_module.unescape(match.group(1) or match.group(2) or "")
                for match in _STYLE_ATTRIBUTE.finditer(document)]
    for css in sources:
        rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
        declarations = []
        for rule in rules:
            if rule.type in ("qualified-rule", "at-rule") and rule.content is not None:
                declarations += tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                               skip_whitespace=True)
        if not rules or all(rule.type == "error" for rule in rules):  # a style attribute: declarations only
            declarations = tinycss2.parse_blocks_contents(css, skip_comments=True, skip_whitespace=True)
        for declaration in _flatten(declarations):
            if _too_large(declaration.value):
                found.append(f"{declaration.name}: {tinycss2.serialize(declaration.value).strip()}")
                if len(found) >= limit:
                    return found
    return found


def _flatten(items):
    """Declarations, also those nested in at-rules (``@media``, ``@page`` margin boxes)."""
    import tinycss2

    for item in items:
        if item.type == "declaration":
            yield item
        elif item.type in ("qualified-rule", "at-rule") and item.content is not None:
            yield from _flatten(tinycss2.parse_blocks_contents(item.content, skip_comments=True,
                                                               skip_whitespace=True))


def _too_large(tokens) -> bool:
    for token in tokens:
        if token.type in ("number", "dimension", "percentage") and abs(token.value) > MAX_CSS_MAGNITUDE:
            return True
        if token.type in ("function", "() block", "[] block", "{} block"):
            inner = token.arguments if token.type == "function" else token.content
            if _too_large(inner):
                return True
    return False

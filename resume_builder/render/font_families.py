"""Font families a theme's CSS names that no font here provides.

When a ``font-family`` list names a family that is neither one of the style sheet's
``@font-face`` fonts nor installed, Pango sets the text in the next family of the list, or
in fontconfig's default, and says nothing (second newcomer trial: a theme author's
``font-family: "Fira Sans"`` came out in DejaVu Sans). :func:`unknown_family_warnings`
names each such first choice, where the CSS says it, what fontconfig sets instead, and a
"did you mean" among the families provided.

Families provided: those of the style sheet's ``@font-face`` rules (a theme's
``[[fonts]]``), the fallback and code faces every theme's font stack ends with
(:data:`resume_builder.theming.FALLBACK_FONTS`, :data:`~resume_builder.theming.CODE_FONTS`),
and the CSS generic families (CSS Fonts Module Level 4, section 2.1.1: ``serif``,
``sans-serif``, ``monospace``, ``cursive``, ``fantasy``, ``system-ui``, ``ui-*``, ``math``,
``emoji``, ``fangsong``). A family installed on this machine (fontconfig's match has that
family name) is not reported.
"""

from __future__ import annotations

import difflib
from functools import lru_cache

__all__ = ["GENERIC_FAMILIES", "declared_lists", "installed_as", "unknown_family_warnings"]

#: CSS Fonts Module Level 4, 2.1.1 generic font families, and the CSS-wide keywords.
GENERIC_FAMILIES = frozenset({
    "serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-serif", "ui-sans-serif",
    "ui-monospace", "ui-rounded", "math", "emoji", "fangsong", "inherit", "initial", "unset", "revert",
    "revert-layer",
})


def _families(tokens: list) -> list[str]:
    """The family names of a ``font-family`` value's tokens: quoted strings, or runs of
    identifiers joined by single spaces, split at commas."""
    families, words = [], []
    for token in [*tokens, None]:
        if token is None or (token.type == "literal" and token.value == ","):
            if words:
                families.append(" ".join(words))
            words = []
        elif token.type == "string":
            words.append(token.value)
        elif token.type == "ident":
            words.append(token.value)
    return families


def _shorthand_families(tokens: list) -> list[str]:
    """The families at the end of a ``font`` shorthand: what follows its size (a dimension,
    percentage or size keyword, and an optional ``/ line-height``)."""
    size_keywords = {"xx-small", "x-small", "small", "medium", "large", "x-large", "xx-large", "xxx-large",
                     "smaller", "larger"}
    meaningful = [t for t in tokens if t.type not in ("whitespace", "comment")]
    for index, token in enumerate(meaningful):
        if token.type in ("dimension", "percentage") or (token.type == "ident" and token.lower_value in size_keywords):
            rest = meaningful[index + 1:]
            if rest and rest[0].type == "literal" and rest[0].value == "/":
                rest = rest[2:]
            return _families(rest)
    return []


def declared_lists(css: str) -> tuple[set[str], list[tuple[int, int, list[str]]]]:
    """The ``@font-face`` families of ``css`` (lower case), and every ``font-family`` (or
    ``font`` shorthand) list as ``(line, column, families)``, lines counted from 1, in
    @media, @supports and @page (margin boxes included) too."""
    import tinycss2

    faces: set[str] = set()
    lists: list[tuple[int, int, list[str]]] = []

    def declarations(content: list, in_face: bool) -> None:
        for item in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
            if item.type == "declaration":
                name = item.lower_name
                if name == "font-family":
                    families = _families(item.value)
                elif name == "font" and not in_face:
                    families = _shorthand_families(item.value)
                else:
                    continue
                if in_face:
                    faces.update(family.lower() for family in families)
                elif families:
                    lists.append((item.source_line, item.source_column, families))
            elif item.type in ("at-rule", "qualified-rule") and item.content is not None:
                declarations(item.content, False)

    def rules(items: list) -> None:
        for rule in items:
            if rule.type == "qualified-rule":
                declarations(rule.content, False)
            elif rule.type == "at-rule" and rule.content is not None:
                if rule.lower_at_keyword == "font-face":
                    declarations(rule.content, True)
                elif rule.lower_at_keyword in ("media", "supports", "layer", "document"):
                    rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
                else:  # @page and its margin boxes
                    declarations(rule.content, False)

    rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return faces, lists


@lru_cache(maxsize=256)
def installed_as(family: str) -> tuple[bool, str]:
    """Whether fontconfig has ``family`` installed, and the family it sets text asked for in
    ``family`` in: ``(True, family)`` or ``(False, "DejaVu Sans")``. Reads this machine's
    fonts (a fontconfig configuration of its own, loaded once per process on first use)."""
    from weasyprint.text.ffi import ffi, fontconfig

    config = _config()
    pattern = fontconfig.FcPatternCreate()
    try:
        fontconfig.FcPatternAddString(pattern, b"family", family.encode("utf-8"))
        fontconfig.FcConfigSubstitute(config, pattern, fontconfig.FcMatchPattern)
        fontconfig.FcDefaultSubstitute(pattern)
        result = ffi.new("FcResult *")
        match = fontconfig.FcFontMatch(config, pattern, result)
        if match == ffi.NULL:
            return False, "no font"
        try:
            names, value, index = [], ffi.new("FcChar8 **"), 0
            while fontconfig.FcPatternGetString(match, b"family", index, value) == 0:  # FcResultMatch
                names.append(ffi.string(value[0]).decode("utf-8", "replace"))
                index += 1
        finally:
            fontconfig.FcPatternDestroy(match)
    finally:
        fontconfig.FcPatternDestroy(pattern)
    wanted = family.casefold()
    if any(name.casefold() == wanted for name in names):
        return True, family
    return False, names[0] if names else "no font"


@lru_cache(maxsize=1)
def _config():
    from weasyprint.text.ffi import fontconfig

    return fontconfig.FcInitLoadConfigAndFonts()  # kept for the process's life, as fontconfig's own is


def unknown_family_warnings(css: str, provided: tuple[str, ...] = ()) -> list[str]:
    """One warning per ``font-family`` list of ``css`` whose first family no font provides
    (module docstring), naming the family, ``at LINE:COLUMN`` of ``css``, what the text is set
    in instead and, when a provided family is close, "did you mean". ``provided``: families
    available besides the ``@font-face`` ones (the theme's fallback and code faces)."""
    faces, lists = declared_lists(css)
    known = {*faces, *(family.lower() for family in provided), *GENERIC_FAMILIES}
    shown = sorted({*faces, *(family.lower() for family in provided)})
    warnings, said = [], set()
    for line, column, families in lists:
        first = families[0]
        if first.lower() in known or first.lower() in said:
            continue
        installed, instead = installed_as(first)
        if installed:
            continue
        said.add(first.lower())
        later = next((family for family in families[1:] if family.lower() in known), None)
        if later is not None:
            fallback = f'the next family of the list, "{later}"' if later.lower() not in GENERIC_FAMILIES \
                else f'"{installed_as(later)[1]}" (this machine\'s {later})'
        else:
            fallback = f'"{instead}", fontconfig\'s choice'
        close = difflib.get_close_matches(first.lower(), shown, n=1, cutoff=0.75)
        hint = (f" (did you mean \"{_cased(close[0], provided, css)}\"?)" if close
                else "; declare it in theme.toml's [[fonts]] to ship it with the theme")
        warnings.append(f'font-family "{first}" at {line}:{column} is neither a font of the theme nor '
                        f"installed on this machine: its text is set in {fallback}{hint}")
    return warnings


def _cased(lowered: str, provided: tuple[str, ...], css: str) -> str:
    """``lowered`` as a family is written in ``provided`` or ``css``."""
    for family in provided:
        if family.lower() == lowered:
            return family
    start = css.lower().find(lowered)
    return css[start:start + len(lowered)] if start >= 0 else lowered

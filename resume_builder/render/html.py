"""HTML from a theme's Jinja2 templates.

Templates run in a :class:`~jinja2.sandbox.SandboxedEnvironment` with autoescaping and
``StrictUndefined``: a theme from the internet cannot reach Python internals, and profile
text is always data, never template source or markup. Environments are cached per theme
so a warm re-render does not re-read or re-compile templates.

The sandbox also bounds the work a theme may do (``_LimitedSandbox``): every loop
iteration, ``range()`` item, call and filter spends from a budget of steps; numbers passed
to functions and filters, strings and lists the template builds (``'x' * n``, ``a ~ b``,
``s.replace(...)``) and the output are capped; see ``resume_builder/limits.py``. The HTML
output carries a Content-Security-Policy that the renderer adds, whatever the theme says.
"""

from __future__ import annotations

import base64
import mimetypes
import os
import re
import time
from contextvars import ContextVar
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound, nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import Macro
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Namespace

from resume_builder.containment import is_inside
from resume_builder.document import Document
from resume_builder.errors import UserError
from resume_builder.limits import (MACRO_CALL_STEPS, MAX_OUTPUT_CHARS, MAX_TEMPLATE_INT_BITS, MAX_TEMPLATE_ITEMS,
                                   MAX_TEMPLATE_NUMBER, MAX_TEMPLATE_SECONDS, MAX_TEMPLATE_STEPS,
                                   MAX_TEMPLATE_STRING, RenderTimeout)
from resume_builder.output import build_datetime
from resume_builder.theming import CODE_FONTS, FALLBACK_FONTS, FontFace, Theme, ThemeOptions

#: What a browser may load from our HTML output: inline styles, and fonts and images
#: given as data: URLs. No scripts, no network, no frames, no forms, no <base>.
CONTENT_SECURITY_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
                           "base-uri 'none'; form-action 'none'")
CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'



# ----------------------------------------------------------------------------- the budget


class _OutputTooLarge(SecurityError):
    pass


class _Budget:
    """Steps (loop iterations, range items, calls, filters) left for one render."""

    __slots__ = ("deadline", "steps")

    def __init__(self) -> None:
        self.steps = 0
        self.deadline = time.monotonic() + MAX_TEMPLATE_SECONDS

    def spend(self, steps: int) -> None:
        before = self.steps
        self.steps += steps
        if self.steps > MAX_TEMPLATE_STEPS:
            raise SecurityError(f"the templates took more than {MAX_TEMPLATE_STEPS:,} steps (loop iterations, "
                                "calls, filters); a theme must not loop that much")
        if (before >> 8) != (self.steps >> 8) and time.monotonic() > self.deadline:
            raise SecurityError(f"the templates ran for more than {MAX_TEMPLATE_SECONDS:g} seconds")


_BUDGET: ContextVar[_Budget | None] = ContextVar("resume_builder_template_budget", default=None)


def _spend(steps: int = 1) -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.spend(steps)


def _counted(iterable: Any):
    """A for loop's iterable: every iteration spends a step."""
    for item in iterable:
        _spend()
        yield item


class _CountedRange:
    """``range()`` for themes: at most MAX_TEMPLATE_NUMBER items, each one a step when iterated."""

    __slots__ = ("_range",)

    def __init__(self, rng: range) -> None:
        self._range = rng

    def __iter__(self):
        return _counted(self._range)

    def __reversed__(self):
        return _counted(reversed(self._range))

    def __len__(self) -> int:
        return len(self._range)

    def __contains__(self, item: Any) -> bool:
        return item in self._range

    def __getitem__(self, index: Any) -> Any:
        value = self._range[index]
        return _CountedRange(value) if isinstance(value, range) else value

    def __repr__(self) -> str:
        return repr(self._range)


def _theme_range(*args: Any) -> _CountedRange:
    rng = range(*args)
    if len(rng) > MAX_TEMPLATE_NUMBER:
        raise SecurityError(f"range() of more than {MAX_TEMPLATE_NUMBER:,} items is not allowed in themes")
    return _CountedRange(rng)


# ----------------------------------------------------------------------------- size checks


def _check_number(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_TEMPLATE_NUMBER:
        raise SecurityError(f"the number {value if value.bit_length() < 64 else 'given'} is larger than "
                            f"{MAX_TEMPLATE_NUMBER:,}, the largest a theme may pass to a function or filter")


def _check_arguments(args: tuple, kwargs: dict) -> None:
    for value in (*args, *kwargs.values()):
        _check_number(value)
        _check_size(value)


def _too_long(length: int) -> SecurityError:
    return SecurityError(f"a theme may not build a string of more than {MAX_TEMPLATE_STRING:,} characters "
                         f"(this one would have {length:,})")


def _too_many(length: int) -> SecurityError:
    return SecurityError(f"a theme may not build a list of more than {MAX_TEMPLATE_ITEMS:,} items "
                         f"(this one would have {length:,})")


def _check_size(value: Any) -> Any:
    """Refuse a string or list over the caps, and an integer over MAX_TEMPLATE_INT_BITS."""
    if isinstance(value, str):
        if len(value) > MAX_TEMPLATE_STRING:
            raise _too_long(len(value))
    elif isinstance(value, (list, tuple, dict, set, frozenset)):
        if len(value) > MAX_TEMPLATE_ITEMS:
            raise _too_many(len(value))
    elif isinstance(value, int) and value.bit_length() > MAX_TEMPLATE_INT_BITS:
        raise SecurityError(f"a theme may not compute with integers of more than {MAX_TEMPLATE_INT_BITS:,} bits")
    return value


def _printed_size(value: Any, limit: int = MAX_TEMPLATE_STRING) -> int:
    """About how many characters ``str(value)`` has, stopping once past ``limit``.

    Printing a list repeats what it holds: ``[s] * 1000`` of a long ``s``, or lists of
    lists, make str() huge from small objects. Walking them first costs at most ``limit``
    visits.
    """
    total = 0
    stack = [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item) + 4
        elif isinstance(item, (list, tuple, set, frozenset)):
            total += 2
            stack.extend(item)
        elif isinstance(item, dict):
            total += 2
            for key, val in item.items():
                stack.append(key)
                stack.append(val)
        else:
            total += 8
    return total


def _check_printable(value: Any) -> Any:
    if isinstance(value, (list, tuple, dict, set, frozenset)):
        size = _printed_size(value)
        if size > MAX_TEMPLATE_STRING:
            raise _too_long(size)
    return value


_BIG_NUMBER_IN_FORMAT = re.compile(r"\d{7,}")


def _check_format(template: Any, values: Any = ()) -> None:
    """``'%100000000s' % x``, ``'{:100000000}'.format(x)``: widths over the cap."""
    if isinstance(template, str) and _BIG_NUMBER_IN_FORMAT.search(template):
        raise SecurityError("a format string in a theme may not ask for a width or precision of a million or more")
    for value in (values.values() if isinstance(values, dict) else values if isinstance(values, tuple) else (values,)):
        _check_number(value)
        _check_printable(value)


def _join_size(separator: str, items: list) -> int:
    return len(separator) * max(len(items) - 1, 0) + sum(
        len(item) if isinstance(item, str) else _printed_size(item) for item in items)


def _replace_size(text: str, old: str, new: str, count: int = -1) -> int:
    hits = text.count(old) if old else len(text) + 1
    if count is not None and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * (len(new) - len(old))


# ----------------------------------------------------------------------------- the environment


def _checked_concat(parts: Any) -> str:
    """Join template output, stopping as soon as it passes MAX_OUTPUT_CHARS."""
    out = []
    total = 0
    for part in parts:
        total += len(part)
        if total > MAX_OUTPUT_CHARS:
            raise _OutputTooLarge(f"more than {MAX_OUTPUT_CHARS:,} characters")
        out.append(part)
    return "".join(out)


class _LimitedNamespace(Namespace):
    """``namespace()`` whose attributes cannot hold oversized values (``ns.s = ns.s ~ ns.s``)."""

    def __setitem__(self, name: str, value: Any) -> None:
        _spend()
        _check_size(value)
        _check_printable(value)
        Namespace.__setitem__(self, name, value)


def _theme_lipsum(original):
    @wraps(original)
    def lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100):
        _spend(abs(int(n)) * abs(int(max)))
        return original(n, html, min, max)

    return lipsum


def _checked_filter(name: str, function: Any) -> Any:
    """A built-in filter that spends steps, refuses huge numbers and oversized results."""

    @wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        context_args = 1 if getattr(function, "jinja_pass_arg", None) else 0
        value_index = context_args
        rest = args[value_index + 1:]
        _check_arguments(rest, kwargs)
        value = args[value_index] if len(args) > value_index else None
        if isinstance(value, (list, tuple, dict, set, frozenset)):
            _spend(1 + len(value))
            _check_printable(value)
        elif isinstance(value, str):
            _spend(1 + len(value) // 1000)
        else:
            _spend()
        if name == "replace" and isinstance(value, str) and len(rest) >= 2:
            size = _replace_size(value, str(rest[0]), str(rest[1]), rest[2] if len(rest) > 2 else -1)
            if size > MAX_TEMPLATE_STRING:
                raise _too_long(size)
        elif name == "join":
            items = list(value) if value is not None else []
            separator = rest[0] if rest else kwargs.get("d", "")
            if isinstance(separator, str) and _join_size(separator, items) > MAX_TEMPLATE_STRING:
                raise _too_long(_join_size(separator, items))
            args = (*args[:value_index], items, *rest)
        elif name in ("indent", "wordwrap") and isinstance(value, str):
            lines = value.count("\n") + 1
            width = rest[0] if rest else kwargs.get("width", 4)
            extra = kwargs.get("wrapstring") or (rest[2] if len(rest) > 2 and name == "wordwrap" else "\n")
            grow = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
            size = len(value) + lines * grow if name == "indent" else \
                len(value) + (len(value) // max(int(width) if isinstance(width, int) else 1, 1) + 1) * len(str(extra))
            if size > MAX_TEMPLATE_STRING:
                raise _too_long(size)
        elif name == "format":
            _check_format(value, rest or kwargs)
        return _check_size(function(*args, **kwargs))

    return run


class _LimitedSandbox(SandboxedEnvironment):
    """A sandbox that also bounds a theme's work and the size of what it builds."""

    intercepted_binops = frozenset(["*", "**", "+", "%"])
    concat = staticmethod(_checked_concat)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, finalize=_check_printable, **kwargs)
        self.globals["range"] = _theme_range
        self.globals["namespace"] = _LimitedNamespace
        self.globals["lipsum"] = _theme_lipsum(self.globals["lipsum"])
        self.filters = {name: _checked_filter(name, function) for name, function in self.filters.items()}
        self.filters["__rb_steps"] = _counted
        self.filters["__rb_sized"] = _check_size
        self.filters["__rb_printable"] = _check_printable

    def _parse(self, source, name, filename):  # type: ignore[override]
        """Count every for loop's iterations and check every ``~`` (see the module docstring)."""
        tree = super()._parse(source, name, filename)
        for loop in list(tree.find_all(nodes.For)):
            loop.iter = self._wrap(loop.iter, "__rb_steps")
        for concat in list(tree.find_all(nodes.Concat)):
            concat.nodes = [self._wrap(part, "__rb_printable") for part in concat.nodes]
        for parent in list(tree.find_all(nodes.Node)):
            for field_name in parent.fields:
                value = getattr(parent, field_name, None)
                if isinstance(value, nodes.Concat):
                    setattr(parent, field_name, self._wrap(value, "__rb_sized"))
                elif isinstance(value, list):
                    setattr(parent, field_name, [self._wrap(item, "__rb_sized") if isinstance(item, nodes.Concat)
                                                 else item for item in value])
        return tree

    def _wrap(self, node: nodes.Expr, filter_name: str) -> nodes.Filter:
        wrapped = nodes.Filter(node, filter_name, [], [], None, None, lineno=node.lineno)
        wrapped.set_environment(self)
        return wrapped

    def call_binop(self, context, operator, left, right):  # type: ignore[override]
        _spend()
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and not isinstance(times, bool):
                    size = len(seq) * max(times, 0)
                    if isinstance(seq, str) and size > MAX_TEMPLATE_STRING:
                        raise _too_long(size)
                    if not isinstance(seq, str) and size > MAX_TEMPLATE_ITEMS:
                        raise _too_many(size)
            if isinstance(left, int) and isinstance(right, int) \
                    and left.bit_length() + right.bit_length() > MAX_TEMPLATE_INT_BITS:
                raise SecurityError(f"a theme may not compute with integers of more than {MAX_TEMPLATE_INT_BITS:,} bits")
        elif operator == "**":
            if isinstance(left, int) and isinstance(right, int) and right > 0 \
                    and max(abs(left).bit_length() - 1, 1) * right > MAX_TEMPLATE_INT_BITS and abs(left) > 1:
                raise SecurityError(f"a theme may not compute with integers of more than {MAX_TEMPLATE_INT_BITS:,} bits")
        elif operator == "+":
            if isinstance(left, str) and isinstance(right, str) and len(left) + len(right) > MAX_TEMPLATE_STRING:
                raise _too_long(len(left) + len(right))
            if isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)) \
                    and len(left) + len(right) > MAX_TEMPLATE_ITEMS:
                raise _too_many(len(left) + len(right))
        elif operator == "%" and isinstance(left, str):
            _check_format(left, right)
        return _check_size(super().call_binop(context, operator, left, right))

    def call(__self, __context, __obj, *args, **kwargs):  # type: ignore[override]
        _check_arguments(args, kwargs)
        receiver = getattr(__obj, "__self__", None)
        method = getattr(__obj, "__name__", "")
        if isinstance(receiver, str):
            _spend(1 + len(receiver) // 1000)
            if method == "join" and args:
                items = list(args[0])
                if _join_size(receiver, items) > MAX_TEMPLATE_STRING:
                    raise _too_long(_join_size(receiver, items))
                args = (items, *args[1:])
            elif method == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
                size = _replace_size(receiver, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count", -1))
                if size > MAX_TEMPLATE_STRING:
                    raise _too_long(size)
            elif method == "expandtabs":
                size = len(receiver) + receiver.count("\t") * (args[0] if args and isinstance(args[0], int) else 8)
                if size > MAX_TEMPLATE_STRING:
                    raise _too_long(size)
            elif method in ("format", "format_map"):
                _check_format(receiver, args[0] if method == "format_map" and args else args)
                _check_format("", kwargs)
        elif isinstance(receiver, (list, dict, set)):
            _spend(1 + len(receiver))
        elif isinstance(__obj, Macro):
            _spend(MACRO_CALL_STEPS)
        else:
            _spend()
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(receiver, (list, dict, set)) and len(receiver) > MAX_TEMPLATE_ITEMS:
            receiver.clear()  # free it now: the render stops here anyway
            raise _too_many(MAX_TEMPLATE_ITEMS + 1)
        return _check_size(result)


class _ContainedLoader(FileSystemLoader):
    """Reads templates only from inside its theme folder, after resolving symlinks.

    ``root`` is the theme folder as the user named it; the templates folder was checked to
    lie inside it (``Theme.template_roots``), and every file read must too, so neither a
    ``templates/x -> ~/.ssh/id_rsa`` nor a ``templates -> /`` symlink can bring an outside
    file into the résumé. (``followlinks=False`` only affects listing.)
    """

    def __init__(self, searchpath: str, root: Path) -> None:
        super().__init__(searchpath, followlinks=False)
        self.root = root

    def get_source(self, environment, template):  # type: ignore[override]
        from jinja2.loaders import split_template_path

        pieces = split_template_path(template)  # refuses '..' segments
        for folder in self.searchpath:
            filename = os.path.join(folder, *pieces)
            if os.path.isfile(filename) and not is_inside(filename, self.root):
                # checked before the file is opened: an outside file is never read
                raise SecurityError(f"template '{template}' links to a file outside the theme folder")
        return super().get_source(environment, template)


@lru_cache(maxsize=32)
def _environment(template_roots: tuple[tuple[Path, Path], ...]) -> SandboxedEnvironment:
    loader = ChoiceLoader([_ContainedLoader(str(folder), root) for folder, root in template_roots])
    env = _LimitedSandbox(loader=loader, autoescape=True, undefined=StrictUndefined,
                          trim_blocks=False, lstrip_blocks=False, auto_reload=False)
    env.filters["emoji"] = emoji_spans
    return env


_EMOJI_CHAR = ("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF\u2190-\u21FF"
               "\u2934\u2935\u3030\u303D\u3297\u3299\u00A9\u00AE\u203C\u2049\u2122\u2139]")
_EMOJI = re.compile(f"(?:{_EMOJI_CHAR}(?:[\uFE0F\u20E3\U0001F3FB-\U0001F3FF])*"
                    f"(?:\u200D{_EMOJI_CHAR}[\uFE0F]?)*)+")


def emoji_spans(text: str):
    """Escape ``text`` and wrap each emoji run in ``<span class="emoji">``.

    Pango shapes a space next to an emoji with the emoji font (a narrow space): setting
    the emoji in an element of their own keeps the surrounding spaces in the text font,
    and lets themes style emoji.
    """
    from markupsafe import Markup, escape

    escaped = str(escape(text))
    return Markup(_EMOJI.sub(lambda m: f'<span class="emoji">{m.group()}</span>', escaped))


def font_stack(family: str) -> str:
    """The CSS font-family list: the theme's font, then Noto fallbacks for other scripts."""
    names = [family, *FALLBACK_FONTS]
    return ", ".join(f'"{name}"' for name in names) + ", sans-serif"


def code_font_stack() -> str:
    """The CSS font-family list for code spans: installed monospace faces, then the Noto
    fallbacks for other scripts, then the generic monospace family."""
    return ", ".join(f'"{name}"' for name in (*CODE_FONTS, *FALLBACK_FONTS)) + ", monospace"


def font_face_css(faces: list[FontFace], *, embed: bool, chars: str | None = None) -> str:
    """@font-face rules; file URLs for PDF (read by the restricted fetcher), data URLs for HTML.

    With ``embed`` and ``chars``, each font is subset to those characters (plus ASCII) and
    embedded as WOFF2 (:mod:`resume_builder.render.font_subset`); without ``chars``, whole.
    """
    widths = {face.width for face in faces if face.width != 100}
    rules = []
    for face, weight in _merge_variable_faces(faces) if embed else [(face, str(face.weight)) for face in faces]:
        if embed and chars is not None:
            from resume_builder.render.font_subset import web_subset

            data = base64.b64encode(web_subset(face.path, chars)).decode("ascii")
            src = f'url("data:font/woff2;base64,{data}") format("woff2")'
        elif embed:
            mime = mimetypes.guess_type(face.path.name)[0] or "font/ttf"
            if face.path.suffix.lower() == ".ttf":
                mime = "font/ttf"
            elif face.path.suffix.lower() == ".otf":
                mime = "font/otf"
            data = base64.b64encode(face.path.read_bytes()).decode("ascii")
            src = f'url("data:{mime};base64,{data}")'
        else:
            src = f'url("{face.path.as_uri()}")'
        # "ccmp" off: Noto Sans's ccmp splits precomposed letters (ị → i + U+0323), and
        # WeasyPrint then maps the split glyphs back to the wrong characters in the PDF's text
        # layer ("Th ị", "hoịc"). The theme fonts draw Latin, Greek and Cyrillic, which have
        # precomposed glyphs; scripts that need ccmp come from the fallback fonts, unaffected.
        rules.append(f'@font-face {{ font-family: "{face.family}"; font-weight: {weight}; '
                     f'font-style: {face.style}; font-feature-settings: "ccmp" 0; src: {src}; }}')
    if widths:  # a variable font used at another width (its 'wdth' axis)
        rules.append(f':root {{ font-variation-settings: "wdth" {max(widths):g}; }}')
    return "\n".join(rules)


def _merge_variable_faces(faces: list[FontFace]) -> list[tuple[FontFace, str]]:
    """One rule per file: a variable font serving several weights gets a weight range
    (CSS Fonts 4 ``font-weight: 400 700``), so a self-contained HTML file holds it once."""
    by_file: dict[tuple[str, str, Path], list[FontFace]] = {}
    for face in faces:
        by_file.setdefault((face.family, face.style, face.path), []).append(face)
    merged = []
    for group in by_file.values():
        weights = sorted(face.weight for face in group)
        merged.append((group[0], f"{weights[0]} {weights[-1]}" if len(weights) > 1 else str(weights[0])))
    return merged


def _render(env: SandboxedEnvironment, name: str, theme: Theme, **context) -> str:
    token = _BUDGET.set(_Budget())
    try:
        template = env.get_template(name)
        text = template.render(**context)
    except RenderTimeout:
        raise  # limits.time_limit turns it into a UserError
    except _OutputTooLarge:
        raise UserError(f"theme '{theme.name}' produced more than {MAX_OUTPUT_CHARS:,} characters of HTML") from None
    except MemoryError:
        raise UserError(f"theme '{theme.name}': template {name} ran out of memory",
                        hint="a theme must not build huge strings or lists") from None
    except RecursionError:
        raise UserError(f"theme '{theme.name}': template {name} nests or recurses too deeply") from None
    except TemplateNotFound as exc:
        raise UserError(f"theme '{theme.name}' has no template '{exc.name}'",
                        hint=f"looked in {', '.join(str(f) for f in theme.template_folders())}") from None
    except TemplateError as exc:
        where = f" (line {exc.lineno})" if getattr(exc, "lineno", None) else ""
        raise UserError(f"theme '{theme.name}': template error in {name}{where}: {exc.message}") from None
    except Exception as exc:  # a theme's template is third-party code: 1 // 0, huge ranges, ...
        raise UserError(f"theme '{theme.name}': template {name} failed: {type(exc).__name__}: {exc}") from None
    finally:
        _BUDGET.reset(token)
    if len(text) > MAX_OUTPUT_CHARS:
        raise UserError(f"theme '{theme.name}' produced more than {MAX_OUTPUT_CHARS:,} characters of HTML")
    return text


def render_html(doc: Document, theme: Theme, options: ThemeOptions, *, embed_fonts: bool) -> str:
    """The theme's HTML for ``doc``; ``embed_fonts`` makes a self-contained file for browsers."""
    from markupsafe import Markup

    from resume_builder.render.isolation import with_ltr_isolates

    doc = with_ltr_isolates(doc)  # right-to-left documents: phones, e-mails, C++ read as typed
    env = _environment(tuple(theme.template_roots()))
    stack = font_stack(options.font_family)
    faces = [face for face in theme.font_faces() if face.family == options.font_family]
    css = _render(env, "style.css.j2", theme, options=options, font_stack=Markup(stack),
                  code_font_stack=Markup(code_font_stack()), doc=doc)
    if not embed_fonts:
        html = _render(env, "resume.html.j2", theme, doc=doc, options=options,
                       css=Markup(css), font_css=Markup(font_face_css(faces, embed=False)),
                       build_date=build_datetime().strftime("%Y-%m-%dT%H:%M:%SZ"))
        return with_content_security_policy(html)
    # Self-contained: the fonts are subset to the characters the page holds, so the page is
    # written first with a marker where the @font-face rules go.
    html = _render(env, "resume.html.j2", theme, doc=doc, options=options,
                   css=Markup(css), font_css=Markup(_FONT_MARKER),
                   build_date=build_datetime().strftime("%Y-%m-%dT%H:%M:%SZ"))
    html = html.replace(_FONT_MARKER, font_face_css(faces, embed=True, chars=html), 1)
    return with_content_security_policy(html)


_FONT_MARKER = "/* resume-builder: @font-face rules */"


_CLEAN_START = re.compile(r'\A(\ufeff?\s*<!DOCTYPE html>\s*<html(?:\s+[a-z-]+="[^"<>]*")*\s*>\s*<head>)',
                          re.IGNORECASE)
_DOCTYPE = re.compile(r"\A\ufeff?\s*<!DOCTYPE[^<>]*>", re.IGNORECASE)


def with_content_security_policy(html: str) -> str:
    """``html`` with our Content-Security-Policy ``<meta>`` as the first element parsed.

    A browser applies a CSP from a ``<meta>`` only to what comes after it, so it goes
    first in ``<head>`` when the theme starts the document plainly (doctype, ``<html>``,
    ``<head>``); otherwise right after a doctype we write, before anything of the theme's
    (the parser then opens the head for it). Either way nothing the theme writes can load
    before the policy applies. The policy allows no scripts and no network: styles
    inline, fonts and images as data: URLs only.
    """
    match = _CLEAN_START.match(html)
    if match:
        return f"{html[:match.end()]}\n{CSP_META}{html[match.end():]}"
    rest = _DOCTYPE.sub("", html, count=1)
    return f"<!DOCTYPE html>\n{CSP_META}\n{rest.lstrip()}"

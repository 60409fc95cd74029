"""HTML from a theme's Jinja2 templates.

Templates run in the sandbox of :mod:`resume_builder.render.sandbox` (autoescaping,
``StrictUndefined``, budgets on steps and sizes): a theme from the internet cannot reach
Python internals or run away, and profile text is always data, never template source or
markup. Environments are cached per theme so a warm re-render does not re-read or
re-compile templates. Every failure of a theme's templates becomes a UserError naming the
theme. The HTML output carries a Content-Security-Policy that the renderer adds, whatever
the theme says.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from functools import lru_cache
from pathlib import Path
from typing import Callable

from jinja2 import TemplateError, TemplateNotFound
from jinja2.sandbox import SandboxedEnvironment

from resume_builder.document import Document
from resume_builder.errors import UserError
from resume_builder.limits import MAX_OUTPUT_CHARS, RenderTimeout
from resume_builder.output import build_datetime
from resume_builder.render.sandbox import BrokenTemplate, OutputTooLarge, render_template, sandboxed_environment
from resume_builder.theming import CODE_FONTS, FALLBACK_FONTS, FontFace, Theme, ThemeOptions, regional_fonts

#: What a browser may load from our HTML output: inline styles, and fonts and images
#: given as data: URLs. No scripts, no network, no frames, no forms, no <base>.
CONTENT_SECURITY_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
                           "base-uri 'none'; form-action 'none'")
CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'


@lru_cache(maxsize=32)
def template_environment(template_roots: tuple[tuple[Path, Path], ...]) -> SandboxedEnvironment:
    """The sandbox a theme's templates are rendered in (render/sandbox.py), with our filters."""
    env = sandboxed_environment(template_roots)
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


def font_stack(family: str, language: str = "") -> str:
    """The CSS font-family list: the theme's font, then Noto fallbacks for other scripts (the
    CJK ones of ``language``'s region: :func:`resume_builder.theming.regional_fonts`)."""
    names = [family, *regional_fonts(FALLBACK_FONTS, language)]
    return ", ".join(f'"{name}"' for name in names) + ", sans-serif"


def code_font_stack(language: str = "") -> str:
    """The CSS font-family list for code spans: installed monospace faces, then the Noto
    fallbacks for other scripts, then the generic monospace family (CJK faces as in
    :func:`font_stack`)."""
    names = regional_fonts((*CODE_FONTS, *FALLBACK_FONTS), language)
    return ", ".join(f'"{name}"' for name in names) + ", monospace"


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
    """Template ``name`` rendered in the sandbox; every failure of the theme's a UserError."""
    try:
        return render_template(env, name, **context)
    except RenderTimeout:
        raise  # limits.time_limit turns it into a UserError
    except OutputTooLarge:
        raise UserError(f"theme '{theme.name}' produced more than {MAX_OUTPUT_CHARS:,} characters of HTML") from None
    except MemoryError:
        raise UserError(f"theme '{theme.name}': template {name} ran out of memory",
                        hint="a theme must not build huge strings or lists") from None
    except RecursionError as exc:
        raise _template_error(exc, name, lambda file: f"theme '{theme.name}': template {file} nests or recurses "
                                                      "too deeply") from None
    except BrokenTemplate as exc:
        raise UserError(f"theme '{theme.name}': {exc.filename} {exc.said}",
                        hint="point the link at the template file, or remove it" if exc.link
                        else "a template must be a file: remove it, or replace it with the template") from None
    except TemplateNotFound as exc:
        raise _template_error(exc, name, lambda file: f"theme '{theme.name}' has no template '{exc.name}'",
                              hint=f"looked in {', '.join(str(f) for f in theme.template_folders())}") from None
    except TemplateError as exc:
        said, hint = _plain_template_message(exc.message or "")
        raise _template_error(exc, name, lambda file: f"theme '{theme.name}': template error in {file}: "
                                                      f"{said}", hint=hint) from None
    except Exception as exc:  # a theme's template is third-party code: 1 // 0, huge ranges, ...
        raise _template_error(exc, name, lambda file: f"theme '{theme.name}': template {file} failed: "
                                                      f"{type(exc).__name__}: {exc}") from None


_UNSAFE_ATTRIBUTE = re.compile(r"access to attribute '([^']*)' of '([^']*)' object is unsafe\.?")
#: What a theme author calls the objects of the document model and the options.
_TEMPLATE_NAMES = {"ThemeOptions": "options", "Document": "doc", "LetterDocument": "doc"}
_NO_ATTRIBUTE = re.compile(r"'(?:[\w.]+\.)?(\w+) object' has no attribute '([^']*)'")


def _plain_template_message(message: str) -> tuple[str, str]:
    """Jinja's message in a theme author's words, and a hint: ``{{ options.nosuch }}`` said
    "'resume_builder.theming.ThemeOptions object' has no attribute 'nosuch'" (newcomer trial);
    it says "options has no 'nosuch'" with the options there are."""
    unsafe = _UNSAFE_ATTRIBUTE.fullmatch(message.strip())
    if unsafe is not None and unsafe.group(2) in _TEMPLATE_NAMES:  # sandbox.theme_may_read: data only
        attribute, kind = unsafe.groups()
        return (f"a theme may not use '{attribute}' of {_TEMPLATE_NAMES[kind]}",
                "templates read data (options.font_size, doc.name, entry.title...), never call a method of it")
    found = _NO_ATTRIBUTE.fullmatch(message.strip())
    if found is None:
        return message, ""
    kind, attribute = found.groups()
    if kind == "ThemeOptions":
        from resume_builder.errors import did_you_mean
        from resume_builder.theming import ThemeOptions

        names = list(ThemeOptions.model_fields)
        return (f"options has no '{attribute}'",
                did_you_mean(attribute, names) or "options: " + ", ".join(names))
    return f"{kind} has no attribute '{attribute}'", ""


def _template_error(exc: BaseException, name: str, message: Callable[[str], str], hint: str = "") -> UserError:
    """A UserError at the template file and line where ``exc`` arose (:func:`_template_line`);
    ``message(file name)`` says what is wrong. Without a line, it names template ``name`` alone."""
    file, line = _template_line(exc, name)
    if line is None:
        return UserError(message(Path(file).name), hint=hint)
    return UserError.at(file, line, None, message(Path(file).name), hint=hint)


def _template_line(exc: BaseException, name: str) -> tuple[str, int | None]:
    """The template file and line where ``exc`` arose: a syntax error's own, else the innermost
    frame of a template in the traceback (Jinja rewrites its frames to the template's file and
    line, also for an included or extended template); ``name`` and no line when none is found."""
    filename, lineno = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if filename and lineno:
        return filename, lineno
    found: tuple[str, int | None] = (name, lineno)
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code.co_filename
        if code.endswith(".j2"):
            found = (code, tb.tb_lineno)
        tb = tb.tb_next
    return found


def render_html(doc: Document, theme: Theme, options: ThemeOptions, *, embed_fonts: bool) -> str:
    """The theme's HTML for ``doc``; ``embed_fonts`` makes a self-contained file for browsers."""
    from markupsafe import Markup

    from resume_builder.render.isolation import with_ltr_isolates

    doc = with_ltr_isolates(doc)  # right-to-left documents: phones, e-mails, C++ read as typed
    env = template_environment(tuple(theme.template_roots()))
    stack = font_stack(options.font_family, doc.metadata.language)
    faces = [face for face in theme.font_faces() if face.family == options.font_family]
    css = _render(env, "style.css.j2", theme, options=options, font_stack=Markup(stack),
                  code_font_stack=Markup(code_font_stack(doc.metadata.language)), doc=doc)
    template = getattr(doc, "template", "resume.html.j2")  # a cover letter: letter.html.j2
    if not embed_fonts:
        html = _render(env, template, theme, doc=doc, options=options,
                       css=Markup(css), font_css=Markup(font_face_css(faces, embed=False)),
                       build_date=build_datetime().strftime("%Y-%m-%dT%H:%M:%SZ"))
        return with_content_security_policy(html)
    # Self-contained: the fonts are subset to the characters the page holds, so the page is
    # written first with a marker where the @font-face rules go.
    html = _render(env, template, theme, doc=doc, options=options,
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

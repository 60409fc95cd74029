"""HTML from a theme's Jinja2 templates.

Templates run in a :class:`~jinja2.sandbox.SandboxedEnvironment` with autoescaping and
``StrictUndefined``: a theme from the internet cannot reach Python internals, and profile
text is always data, never template source or markup. Environments are cached per theme
so a warm re-render does not re-read or re-compile templates.
"""

from __future__ import annotations

import base64
import re
import mimetypes
import os
from functools import lru_cache
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound
from jinja2.sandbox import SandboxedEnvironment, safe_range

from resume_builder.document import Document
from resume_builder.errors import UserError
from resume_builder.output import build_datetime
from resume_builder.theming import FALLBACK_FONTS, FontFace, Theme, ThemeOptions

MAX_OUTPUT_CHARS = 20_000_000


class _LimitedSandbox(SandboxedEnvironment):
    """A sandbox that also refuses huge ranges (``range(10**9)``) used to hang a render."""

    def call(self, __context, __obj, *args, **kwargs):  # type: ignore[override]
        # The sandbox's ``range`` global is jinja2's safe_range, not the builtin.
        if (__obj is range or __obj is safe_range) and any(isinstance(a, int) and abs(a) > 100_000 for a in args):
            from jinja2.exceptions import SecurityError

            raise SecurityError("range() larger than 100000 is not allowed in themes")
        return super().call(__context, __obj, *args, **kwargs)


class _ContainedLoader(FileSystemLoader):
    """Reads templates only from inside its folder, after resolving symlinks.

    (``followlinks=False`` only affects listing: a theme could otherwise ship
    ``templates/x -> ~/.ssh/id_rsa`` and ``{% include "x" %}`` it into the résumé.)
    """

    def get_source(self, environment, template):  # type: ignore[override]
        source, filename, uptodate = super().get_source(environment, template)
        real = os.path.realpath(filename)
        roots = [os.path.realpath(folder) for folder in self.searchpath]
        if not any(real.startswith(root.rstrip(os.sep) + os.sep) for root in roots):
            from jinja2.exceptions import SecurityError

            raise SecurityError(f"template '{template}' links to a file outside the theme's templates folder")
        return source, filename, uptodate


@lru_cache(maxsize=32)
def _environment(template_folders: tuple[Path, ...]) -> SandboxedEnvironment:
    loader = ChoiceLoader([_ContainedLoader(str(folder), followlinks=False) for folder in template_folders])
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


def font_face_css(faces: list[FontFace], *, embed: bool) -> str:
    """@font-face rules; file URLs for PDF (read by the restricted fetcher), data URLs for HTML."""
    rules = []
    for face in faces:
        if embed:
            mime = mimetypes.guess_type(face.path.name)[0] or "font/ttf"
            if face.path.suffix.lower() == ".ttf":
                mime = "font/ttf"
            elif face.path.suffix.lower() == ".otf":
                mime = "font/otf"
            data = base64.b64encode(face.path.read_bytes()).decode("ascii")
            src = f'url("data:{mime};base64,{data}")'
        else:
            src = f'url("{face.path.as_uri()}")'
        rules.append(f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; '
                     f'font-style: {face.style}; src: {src}; }}')
    return "\n".join(rules)


def _render(env: SandboxedEnvironment, name: str, theme: Theme, **context) -> str:
    try:
        template = env.get_template(name)
        text = template.render(**context)
    except TemplateNotFound as exc:
        raise UserError(f"theme '{theme.name}' has no template '{exc.name}'",
                        hint=f"looked in {', '.join(str(f) for f in theme.template_folders())}") from None
    except TemplateError as exc:
        where = f" (line {exc.lineno})" if getattr(exc, "lineno", None) else ""
        raise UserError(f"theme '{theme.name}': template error in {name}{where}: {exc.message}") from None
    except Exception as exc:  # a theme's template is third-party code: 1 // 0, huge ranges, ...
        raise UserError(f"theme '{theme.name}': template {name} failed: {type(exc).__name__}: {exc}") from None
    if len(text) > MAX_OUTPUT_CHARS:
        raise UserError(f"theme '{theme.name}' produced more than {MAX_OUTPUT_CHARS:,} characters of HTML")
    return text


def render_html(doc: Document, theme: Theme, options: ThemeOptions, *, embed_fonts: bool) -> str:
    """The theme's HTML for ``doc``; ``embed_fonts`` makes a self-contained file for browsers."""
    from markupsafe import Markup

    env = _environment(tuple(theme.template_folders()))
    stack = font_stack(options.font_family)
    faces = [face for face in theme.font_faces() if face.family == options.font_family]
    css = _render(env, "style.css.j2", theme, options=options, font_stack=Markup(stack), doc=doc)
    return _render(env, "resume.html.j2", theme, doc=doc, options=options,
                   css=Markup(css), font_css=Markup(font_face_css(faces, embed=embed_fonts)),
                   build_date=build_datetime().strftime("%Y-%m-%dT%H:%M:%SZ"))

"""PDF through WeasyPrint: fonts embedded and subset, tagged, reproducible, fetches restricted.

WeasyPrint is imported only here (and only when a PDF is asked for), so the CLI starts
fast. Its font configuration is kept between renders in the same process, which makes a
warm re-render several times faster than the first.
"""

from __future__ import annotations

import errno

import logging
import re
from collections import OrderedDict
from typing import Any
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from resume_builder.provenance import PDF_KEY
from resume_builder.document import Document
from resume_builder.errors import Location, Problem, UserError
from resume_builder.render.html import render_html
from resume_builder.render.pdf_streams import install as install_stream_cache
from resume_builder.theming import Theme, ThemeOptions


@dataclass
class PdfResult:
    data: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)


class _Collect(logging.Handler):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(short_data_uris(record.getMessage()))


#: A data: URI as WeasyPrint quotes it in a message: media type, parameters (";base64"), data.
_DATA_URI = re.compile(r"""\bdata:([\w.+-]+/[\w.+-]+)?((?:;[^,;\s"']*)*),([^\s"'()<>]*)""", re.I)
#: The longest data: URI a message keeps as it is.
_DATA_URI_SHOWN = 64


def short_data_uris(message: str) -> str:
    """``message`` with every long data: URI cut to its type and size (``data:image/png;base64,…
    (12 kB)``): WeasyPrint quotes an image's ``src`` in full ("Image "data:image/png;base64,iVBOR…"
    has no required alt description"), which printed a signature image's megabytes (user trial)."""
    def shorten(found: re.Match) -> str:
        if len(found.group()) <= _DATA_URI_SHOWN:
            return found.group()
        data = found.group(3)
        if ";base64" in found.group(2).lower():
            size = len(data.rstrip("=")) * 3 // 4
        else:
            size = len(data) - 2 * data.count("%")  # %XX is one byte
        return f"{found.group()[:found.start(3) - found.start()]}… ({_size(size)})"

    return _DATA_URI.sub(shorten, message) if "data:" in message.lower() else message


def _size(size: int) -> str:
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{round(size / 1000)} kB"
    return f"{size / 1_000_000:.1f} MB"


def written_in_theme(theme: Theme, url: str) -> Location | None:
    """Where ``url`` (a resource the fetcher refused) is written in ``theme``'s templates, the
    theme's own first: the first line holding it as written, its path (``file:///etc/passwd``
    as ``/etc/passwd``) or its path relative to a theme folder (``img/logo.png``); None when no
    template holds it (the profile named it, or the theme built it from pieces). A refusal
    named no file or line (trial)."""
    from urllib.parse import unquote, urlsplit

    from resume_builder.limits import MAX_FILE_BYTES

    path = unquote(urlsplit(url).path)
    relative = []  # as a template writes a file of its theme: relative to the theme's folder
    for folder in theme.folders:
        try:
            relative.append(Path(path).relative_to(folder).as_posix())
        except ValueError:
            continue
    wanted = [text for text in dict.fromkeys((url, path, *relative)) if len(text) > 1]
    try:
        folders = theme.template_folders()
    except UserError:
        return None
    for folder in folders:
        for path in sorted(folder.glob("*.j2")):
            try:
                if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
                    continue
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            for number, line in enumerate(text.splitlines(), 1):
                column = next((line.find(w) for w in wanted if w in line), -1)
                if column >= 0:
                    return Location(str(path), number, column + 1)
    return None


@lru_cache(maxsize=8)
def _font_config(font_files: tuple = ()):
    """The FontConfiguration for documents whose CSS names ``font_files`` (see :func:`_font_files`).

    One per set of @font-face files, never shared between themes: fonts registered in a
    configuration stay there and take part in fallback for every later document, so a
    shared one made a résumé's bytes depend on which themes were rendered before it in the
    same process (the Devanagari text of a classic résumé came from modern's Noto Sans).
    """
    from weasyprint.text.fonts import FontConfiguration

    from resume_builder.render import pango_leaks

    pango_leaks.install()
    return _folder_removed_at_exit(pango_leaks.plug(FontConfiguration()))


def _folder_removed_at_exit(config: Any) -> Any:
    """``config`` with the folder WeasyPrint writes its @font-face fonts to made now, and
    removed when ``config`` is collected or the process ends, whichever comes first.

    WeasyPrint makes that folder (``mkdtemp(prefix='weasyprint-')``) when a document first
    adds a font and removes it in ``FontConfiguration.__del__``; but a configuration kept by
    :func:`_font_config` lives until the interpreter tears its modules down, when ``__del__``
    finds ``shutil.rmtree`` gone (a TypeError on stderr), and a build worker ends with
    ``os._exit``, which runs no ``__del__`` at all: every ``build`` left one folder of several
    MB of fonts per worker in /tmp (measured: 3 for a 3-target build). A
    ``multiprocessing.util.Finalize`` runs at a normal exit (while modules are whole) and at
    a pool worker's exit too. Left as WeasyPrint has it when its folder attribute is not
    there (another WeasyPrint)."""
    import tempfile
    import weakref
    from multiprocessing.util import Finalize

    if getattr(config, "_folder", False) is not None:
        return config
    folder = tempfile.mkdtemp(prefix="weasyprint-")
    config._folder = Path(folder)
    Finalize(config, _remove_folder, args=(folder, weakref.ref(config)), exitpriority=0)
    return config


def _remove_folder(folder: str, config: Any) -> None:
    """Remove ``folder`` and tell the configuration (``config()``, if still alive) it is gone:
    its own ``__del__``, run later at exit when ``shutil`` is torn down, would otherwise try
    again and print a TypeError (seen in test workers' stderr)."""
    import shutil

    shutil.rmtree(folder, True)
    alive = config()
    if alive is not None:
        alive._folder = None


@contextmanager
def _guarded(theme: Theme, messages: list[str], html: str = "", fetcher: Any = None):
    """Collect WeasyPrint's warnings and turn every engine failure into a UserError.

    Used around layout and around writing (attachments and SVG images are fetched, and
    text is drawn, only while the PDF is written). The engine runs on the theme's CSS and
    the profile's text, so any exception it raises is reported as a problem with the
    theme, naming the declarations most likely to blame (``layout_errors``); a fetch the
    fetcher refused stops the render even where WeasyPrint catches the error and only
    logs it (images inside SVGs).
    """
    from weasyprint.urls import FatalURLFetchingError

    from resume_builder.limits import RenderTimeout
    from resume_builder.render.fetcher import FetchRefused

    handler = _Collect(messages)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield
        if fetcher is not None and fetcher.refused:
            raise fetcher.refused[0]
    except FetchRefused as exc:
        where = written_in_theme(theme, exc.url)  # at the url(...) in the theme, when it is written there
        owner = "the theme" if where is not None else "the theme or profile"
        if exc.reason == "file not found":  # inside the folders it may read, only not there (newcomer trial)
            from urllib.parse import unquote, urlsplit

            raise UserError(Problem(f"{owner} names a file that is not there: {unquote(urlsplit(exc.url).path)}",
                                    where, hint="check the url(...) in the theme's CSS or the path in the "
                                                "profile")) from None
        raise UserError(Problem(f"{owner} asked for a resource that is not allowed: {short_data_uris(str(exc))}",
                                where, hint="themes may only load files from their own folder and the profile's "
                                            "folder")) from None
    except FatalURLFetchingError as exc:  # the fetcher failed in another way (a bug or an OS error)
        cause = f": {exc.__cause__}" if exc.__cause__ else ""
        raise UserError(short_data_uris(f"a resource could not be read: {exc}{cause}")) from None
    except RecursionError:
        raise UserError(f"theme '{theme.name}' nests elements too deeply to lay out") from None
    except OverflowError:  # pango's integer units: font-size: 1e9px, letter-spacing: 1e9px...
        raise UserError(f"theme '{theme.name}' sets sizes too large to lay out (a font size, spacing or "
                        "length far beyond a page)") from None
    except MemoryError:
        raise UserError(f"theme '{theme.name}': laying out the document ran out of memory") from None
    except (UserError, RenderTimeout):
        raise
    except OSError as exc:
        if exc.errno not in _NO_ROOM:
            raise _engine_failure(theme, html, exc) from None
        # a full disk or a file size limit (ulimit -f) where the fonts are cached: not the theme's fault
        raise UserError(f"cannot write {exc.filename or 'a file'} while rendering: {exc.strerror}",
                        hint="free some disk space, or raise the file size limit (ulimit -f)") from None
    except Exception as exc:  # noqa: BLE001 - the engine on hostile CSS: ZeroDivisionError, ValueError...
        raise _engine_failure(theme, html, exc) from None
    finally:
        logger.removeHandler(handler)


#: errno values that mean there is no room to write: the disk or the quota is full, or a file
#: is over the size limit (ulimit -f). Said as such, not as a theme the engine cannot lay out.
_NO_ROOM = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})


def _engine_failure(theme: Theme, html: str, exc: Exception) -> UserError:
    from resume_builder.render.layout_errors import suspect_declarations

    try:
        suspects = suspect_declarations(html)
    except Exception:  # noqa: BLE001 - naming a cause is a courtesy; the error stands without it
        suspects = []
    cause = f" (WeasyPrint: {type(exc).__name__}: {short_data_uris(str(exc))[:200]})"
    if suspects:
        return UserError(f"theme '{theme.name}' cannot be laid out: its CSS has values far beyond a page: "
                         + "; ".join(suspects) + cause, hint="use sizes a page can hold")
    return UserError(f"theme '{theme.name}' cannot be laid out{cause}",
                     hint="the theme's CSS or markup is something the layout engine cannot handle")


# The last layouts by their exact HTML (and allowed folders): laying out the same HTML again
# gives the same pages, so the page budget's final trial is reused for the PDF itself.
_RECENT: "OrderedDict[tuple, tuple[Any, list[str]]]" = OrderedDict()
#: How many layouts :data:`_RECENT` keeps (a laid-out résumé holds 5 to 15 MB): the page
#: budget's last trial and the one before it.
RECENT_LAYOUTS = 2


def layout(doc: Document, theme: Theme, options: ThemeOptions, *, profile_folder: Path):
    """Lay the document out into pages (a WeasyPrint Document) and the warnings logged."""
    from weasyprint import HTML

    from resume_builder.render.fetcher import RestrictedFetcher
    from resume_builder.render.wrapping import with_break_opportunities

    html = render_html(with_break_opportunities(doc), theme, options, embed_fonts=False)  # long words: linear time
    roots = [*theme.folders, *theme.font_folders(), profile_folder]
    key = (html, tuple(str(root) for root in roots))
    if key in _RECENT:  # the page budget's last trial is the layout the PDF needs
        _RECENT.move_to_end(key)
        rendered, messages = _RECENT[key]
        return rendered, list(messages)
    fetcher = RestrictedFetcher(roots)
    messages: list[str] = []
    base_url = theme.folder.as_uri() + "/"
    from resume_builder.render import html_tokens, line_breaks, style_reuse  # render/style_reuse.py, line_breaks.py
    from resume_builder.render.collection import fewer_collections

    html_tokens.install()
    font_files = _font_files(html)
    font_config = _font_config(font_files)
    with _guarded(theme, messages, html, fetcher), fewer_collections():
        body, stylesheet = _stylesheet(html, base_url, roots, messages, font_config, font_files)
        if stylesheet is None:  # the style sheets WeasyPrint parses itself: their font families too
            messages.extend(_with_css_line(message, sheet) for sheet in _STYLE_ELEMENT.findall(html)
                            for message in _family_warnings(sheet))
        css = "".join(_STYLE_ELEMENT.findall(html)) if stylesheet is not None else ""
        with style_reuse.reusing(messages, enabled=style_reuse.reusable(css)), line_breaks.remembering():
            rendered = HTML(string=body, base_url=base_url, url_fetcher=fetcher).render(
                font_config=font_config, pdf_tags=True, stylesheets=[stylesheet] if stylesheet else None)
    rendered._resume_builder = (html, fetcher)  # for the write step's guard
    # <a rel="attachment"> and <link rel="attachment"> would embed files (even ones the
    # fetcher allows, such as any file in the profile's folder) in the PDF.
    if rendered.metadata.attachments or any(link[0] == "attachment" for page in rendered.pages
                                            for link in page.links):
        raise UserError(f"theme '{theme.name}' attaches files to the PDF (rel=\"attachment\"), which is not allowed")
    messages.extend(_drop_foreign_links(rendered, theme))
    _RECENT[key] = (rendered, list(messages))
    while len(_RECENT) > RECENT_LAYOUTS:
        _RECENT.popitem(last=False)
    return rendered, messages


def _drop_foreign_links(rendered: Any, theme: Theme) -> list[str]:
    """Remove from ``rendered``'s pages every external link whose scheme is not one a profile
    may link to (:data:`resume_builder.markdown.ALLOWED_LINK_SCHEMES`), and every web link
    whose host is not written ``//host`` (:func:`resume_builder.web_address.web_authority_problem`); one warning per target.

    Profile links are checked when the profile loads; a theme's are not, and WeasyPrint
    resolves a relative one against the theme folder: ``<a href="cv.html">`` became
    ``file:///home/alice/.../theme/cv.html`` in the PDF, a dead link that records the
    machine's folders and makes the bytes differ from one folder to the next (security review).
    """
    from urllib.parse import urlsplit

    from resume_builder.markdown import ALLOWED_LINK_SCHEMES
    from resume_builder.web_address import web_authority_problem

    folder = theme.folder.as_uri() + "/"
    schemes = ", ".join(ALLOWED_LINK_SCHEMES)
    said: dict[str, str] = {}  # the target as shown -> why it is left out
    for page in rendered.pages:
        kept = []
        for link in page.links:
            target = str(link[1]) if link[0] == "external" else None
            if target is not None:
                try:
                    scheme = urlsplit(target).scheme.lower()
                except ValueError:  # "http://[x/": a bracket that opens no IPv6 address
                    scheme = target.split(":", 1)[0].lower()
                if scheme not in ALLOWED_LINK_SCHEMES:
                    why = (f"a PDF links to {schemes} addresses only (a relative link would point into "
                           "this machine's folders)")
                else:
                    why = web_authority_problem(target) if scheme in ("http", "https") else None
                if why is not None:
                    shown = target[len(folder):] if target.startswith(folder) else target
                    said.setdefault(shown, why)
                    continue
            kept.append(link)
        page.links[:] = kept
    return [f"theme '{theme.name}': the link to '{shown}' is left out of the PDF: {why}" for shown, why in said.items()]


# Parsed style sheets by exact CSS text, base URL, allowed folders and the font files the
# CSS names (path, size, modification time): a re-render after an edit of the profile
# reuses the theme's parsed CSS and its @font-face fonts, registered once in the one
# FontConfiguration, instead of parsing both again (issue 20).
_STYLESHEETS: "OrderedDict[tuple, tuple[Any, list[str], Any]]" = OrderedDict()
_STYLE_ELEMENT = re.compile(r"<style>(.*?)</style>", re.S)
_FONT_URL = re.compile(r"""url\(["']?(file:[^"')]+)["']?\)""")


def _font_files(css: str) -> tuple:
    """The ``file:`` URLs ``css`` names, each with its size and modification time (None, None
    when it cannot be read), sorted: what a parsed style sheet and a font configuration hold."""
    from urllib.parse import urlsplit
    from urllib.request import url2pathname

    fonts = []
    for url in sorted(set(_FONT_URL.findall(css))):
        try:
            info = Path(url2pathname(urlsplit(url).path)).stat()
            fonts.append((url, info.st_size, info.st_mtime_ns))
        except OSError:
            fonts.append((url, None, None))
    return tuple(fonts)


_AT_LINE = re.compile(r" at (\d+):(\d+)\b")
#: The regional Noto CJK faces a font stack may name (theming.regional_fonts).
_REGIONAL_CJK = tuple(f"Noto Sans{mono} CJK {region}" for mono in ("", " Mono") for region in ("JP", "KR", "TC", "HK"))
#: What ends a line of CSS, as tinycss2 counts the lines WeasyPrint names (CSS Syntax §3.3).
_CSS_LINE_BREAK = re.compile(r"\r\n|[\r\n\f]")


def _with_css_line(message: str, css: str) -> str:
    """WeasyPrint's CSS warning with the line it names quoted: its "at 110:8" counts lines of
    the theme's style sheet as its templates rendered it (includes and parents' CSS in), which
    no file of the theme has (newcomer trial), so the line's text is what to search for."""
    found = _AT_LINE.search(message)
    if found is None:
        return message
    lines = _CSS_LINE_BREAK.split(css)  # tinycss2's lines; not str.splitlines(), which also breaks at U+2028...
    number = int(found.group(1))
    if not 1 <= number <= len(lines) or not lines[number - 1].strip():
        return message
    text = lines[number - 1].strip()
    shown = text if len(text) <= 80 else text[:79] + "…"
    return f"{message.rstrip()} (line {number} of the theme's style sheet as its templates render it: {shown})"


def _family_warnings(css: str) -> list[str]:
    """render/font_families.py's warnings for ``css``, the fallback and code faces counted as provided."""
    from resume_builder.render.font_families import unknown_family_warnings
    from resume_builder.theming import CODE_FONTS, FALLBACK_FONTS

    return unknown_family_warnings(css, (*FALLBACK_FONTS, *CODE_FONTS, *_REGIONAL_CJK))


def _stylesheet(html: str, base_url: str, roots: list[Path], messages: list[str],
                font_config: Any, font_files: tuple) -> tuple[str, Any]:
    """``html`` without its style element, and that element's CSS parsed (cached); or
    ``(html, None)`` when the document is not one the cache can serve exactly.

    The CSS becomes a WeasyPrint stylesheet of the user origin instead of the author's. That
    cascades the same when it is the only style sheet and no element has a ``style``
    attribute (WeasyPrint's user-agent sheet has no ``!important``): exactly one ``<style>``
    element, no ``<link>``, no ``style=``. Warnings logged while parsing, and a warning for
    each ``font-family`` no font here provides (render/font_families.py), are kept with the
    entry and given again (``messages``) on every reuse. Parse-time fetches (``@font-face``
    fonts) go through a restricted fetcher of their own; one it refused is raised, never cached.
    ``font_files`` is :func:`_font_files` of ``html``, taken once by the caller for the font
    configuration too.
    """
    from weasyprint import CSS

    from resume_builder.render.fetcher import RestrictedFetcher

    found = _STYLE_ELEMENT.findall(html)
    lowered = html.lower()
    if len(found) != 1 or lowered.count("<style") != 1 or "<link" in lowered or ' style="' in lowered \
            or " style='" in lowered:
        return html, None
    css = found[0]
    key = (css, base_url, tuple(str(root) for root in roots), font_files)  # the one <style>'s fonts
    cached = _STYLESHEETS.get(key)
    if cached is not None and cached[2] is font_config:  # its fonts are registered in this configuration
        _STYLESHEETS.move_to_end(key)
        sheet, parsed_messages, _ = cached
    else:
        fetcher = RestrictedFetcher(roots)
        before = len(messages)
        sheet = CSS(string=css, base_url=base_url, url_fetcher=fetcher, font_config=font_config)
        if fetcher.refused:
            raise fetcher.refused[0]
        parsed_messages = [_with_css_line(message, css) for message in [*messages[before:], *_family_warnings(css)]]
        del messages[before:]
        _STYLESHEETS[key] = (sheet, list(parsed_messages), font_config)
        _STYLESHEETS.move_to_end(key)
        while len(_STYLESHEETS) > 16:
            _STYLESHEETS.popitem(last=False)
    messages.extend(parsed_messages)
    return _STYLE_ELEMENT.sub("", html, count=1), sheet


# Fonts as written into PDFs: WeasyPrint subsets every font (and HarfBuzz turns each
# variable font into a static instance per weight, render/variable_fonts.py) on every write,
# and cluster_text adds its glyph clones. The result depends only on the font's bytes and
# face index, the glyphs kept, the variation coordinates, the flags below and the build date
# fontTools stamps into what it saves, so it is kept by exactly those; an edit that uses the
# same glyphs reuses it. Bounded: 24 subsets, about three renders of a résumé's fonts.
_CLEANED: "OrderedDict[tuple, tuple[bytes, dict]]" = OrderedDict()


def _install_font_cache() -> None:
    """Wrap ``weasyprint.pdf.fonts.Font.clean`` (once) with :data:`_CLEANED`.

    The wrapper computes the same bytes the method would (it is the method, run once per
    key); tests/render/test_pdf_caches.py checks PDFs are byte-identical with and without it.
    """
    import os

    from weasyprint.pdf import fonts

    from resume_builder.render import cluster_text, font_cache, variable_fonts

    variable_fonts.install()  # innermost (also when cluster_text is not supported): render/variable_fonts.py
    cluster_text.install()  # next, so that the subsets cached below hold its glyph clones
    original = fonts.Font.clean
    if getattr(original, "_resume_builder_cache", False):
        return

    def clean(self, to_unicode, hinting):
        # The font's own bytes: a Font written a second time (PDF, then PNG, from one layout)
        # has cleaned bytes by then, but WeasyPrint subsets again from the original face.
        digest = getattr(self, "_resume_builder_digest", None)
        if digest is None:
            digest = self._resume_builder_digest = _font_digest(self.file_content)
        # SOURCE_DATE_EPOCH: fontTools stamps the fonts it saves with it (libraries_see_build_date).
        key = (digest, os.environ.get("SOURCE_DATE_EPOCH"), self.index, bool(hinting),
               tuple(sorted(to_unicode)), bool(self.missing), tuple(sorted(self.variations.items())),
               self.weight, self.font_size, self.style, tuple(self.tables), bool(self.png), bool(self.svg),
               bool(self.colr), cluster_text.key(self))
        found = _CLEANED.get(key)
        if found is not None:
            _CLEANED.move_to_end(key)
            self.file_content, self.variations = found[0], dict(found[1])
            return
        name = font_cache.key(_library_versions(), variable_fonts.install(), key)  # who instanced it
        stored = font_cache.load(name)
        if stored is not None:  # another process wrote this very subset (render/font_cache.py)
            self.file_content, self.variations = stored
        else:
            clean._resume_builder_original(self, to_unicode, hinting)  # looked up here: tests count the calls
            font_cache.store(name, self.file_content, self.variations)
        _CLEANED[key] = (self.file_content, dict(self.variations))
        while len(_CLEANED) > 24:
            _CLEANED.popitem(last=False)

    clean._resume_builder_cache = True
    clean._resume_builder_original = original
    fonts.Font.clean = clean


# The last fonts' bytes and their digests, by length: WeasyPrint reads a font's whole file
# again for every PDF it writes (the emoji font is 11 MB), and comparing those bytes with the
# last render's (memcmp) costs a fifteenth of hashing them again (BLAKE2b). Exact: a digest is
# reused only for equal bytes. Bounded like _CLEANED's faces: 16 fonts.
_DIGESTS: "OrderedDict[int, tuple[bytes, bytes]]" = OrderedDict()


def _font_digest(content: bytes) -> bytes:
    """BLAKE2b (20 bytes) of a font file's ``content``, remembered for the next render."""
    import hashlib

    known = _DIGESTS.get(len(content))
    if known is not None and (known[0] is content or known[0] == content):
        _DIGESTS.move_to_end(len(content))
        return known[1]
    digest = hashlib.blake2b(content, digest_size=20).digest()
    _DIGESTS[len(content)] = (content, digest)
    while len(_DIGESTS) > 16:
        _DIGESTS.popitem(last=False)
    return digest


@lru_cache(maxsize=1)
def _library_versions() -> tuple[str, str, str]:
    """WeasyPrint's, fontTools' and HarfBuzz's versions: what a written font also depends on."""
    import ctypes

    import fontTools
    import weasyprint

    harfbuzz = "unknown"
    for name in ("libharfbuzz.so.0", "libharfbuzz.0.dylib", "libharfbuzz-0.dll"):  # WeasyPrint's names
        try:
            function = ctypes.CDLL(name).hb_version_string
        except (OSError, AttributeError):
            continue
        function.restype = ctypes.c_char_p
        harfbuzz = function().decode("ascii", "replace")
        break
    return weasyprint.__version__, fontTools.version, harfbuzz


def render_pdf(doc: Document, theme: Theme, options: ThemeOptions, *, profile_folder: Path) -> PdfResult:
    """Render ``doc`` to PDF bytes; page numbers appear only when there is more than one page."""
    from resume_builder.render.collection import fewer_collections

    with fewer_collections():  # render/collection.py: the same bytes, less time in the collector
        return _render_pdf(doc, theme, options, profile_folder=profile_folder)


def _render_pdf(doc: Document, theme: Theme, options: ThemeOptions, *, profile_folder: Path) -> PdfResult:
    from resume_builder.render import emoji_images, font_descriptions

    _install_font_cache()
    emoji_images.install()
    font_descriptions.install()
    install_stream_cache()
    rendered, warnings = layout(doc, theme, options, profile_folder=profile_folder)
    if len(rendered.pages) == 1 and options.page_numbers:
        rendered, warnings = layout(doc, theme, options.model_copy(update={"page_numbers": False}),
                                    profile_folder=profile_folder)
    from resume_builder.output import libraries_see_build_date
    from resume_builder.render import draw_layouts, style_reuse
    from resume_builder.render.pdf_artifacts import mark_margin_artifacts

    html, fetcher = getattr(rendered, "_resume_builder", ("", None))
    with _guarded(theme, warnings, html, fetcher), libraries_see_build_date():  # fonts saved by fontTools carry a date
        # Only our own entry: a theme's <meta> tags never add keys to the PDF's information.
        rendered.metadata.custom = {PDF_KEY: doc.metadata.source} if doc.metadata.source else {}
        before = len(warnings)
        with draw_layouts.drawing():  # render/draw_layouts.py
            data = rendered.write_pdf(pdf_tags=True, pdf_identifier=_identifier(doc), uncompressed_pdf=False,
                                      custom_metadata=bool(doc.metadata.source), finisher=mark_margin_artifacts)
        if len(warnings) != before:  # styles computed while drawing may have warned: make them again
            style_reuse.clear()
    return PdfResult(data=data, pages=len(rendered.pages), warnings=warnings)


def _identifier(doc: Document) -> bytes:
    """A stable PDF /ID derived from the content, so identical input gives identical bytes."""
    import hashlib

    digest = hashlib.sha256("\n".join(doc.text_blocks()).encode("utf-8")).hexdigest()
    return digest[:32].encode("ascii")

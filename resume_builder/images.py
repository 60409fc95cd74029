"""The profile's photo (``basics.photo``): found, checked and read before any renderer sees it.

A photo is a file inside the profile's folder (after resolving symlinks), at most
MAX_IMAGE_BYTES, in PNG, JPEG or SVG (told by its first bytes, not its name). A PNG or
JPEG's width and height are read from its header and refused above MAX_IMAGE_PIXELS
before anything decodes it. An SVG may not refer to anything outside itself: every
``href`` and ``url()`` (CSS read with escapes decoded) is ``#…`` or a ``data:`` PNG or
JPEG, whose pixels and bytes count against the same limits; and it has no DOCTYPE (so
no entities), scripts, foreign objects or style sheet imports. Renderers get the bytes
(embedded as ``data:`` URLs in HTML and PDF), never the path.

A photo given as a web address (JSON Resume's ``image`` often is) is not fetched: the
résumé renders without it and a warning says so.
"""

from __future__ import annotations

import base64
import os
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from resume_builder.errors import Location, Problem, UserError
from resume_builder.limits import IMAGE_FORMATS, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS

_MIME = {"PNG": "image/png", "JPEG": "image/jpeg", "SVG": "image/svg+xml"}
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")  # a scheme of 2+ letters: not a Windows drive (C:)
_SAFE_DATA = re.compile(r"^data:image/(png|jpeg|jpg|gif|webp)(;[^,]*)?,", re.IGNORECASE)


@dataclass(frozen=True)
class Image:
    """An image checked and read into memory."""

    format: str  # PNG, JPEG or SVG
    data: bytes
    width: int | None = None  # pixels (PNG, JPEG)
    height: int | None = None

    @property
    def mime(self) -> str:
        return _MIME[self.format]

    @property
    def data_url(self) -> str:
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"

    def __repr__(self) -> str:  # keep the bytes out of test failure messages
        return f"Image({self.format}, {len(self.data)} bytes, {self.width}x{self.height})"


def load_photo(value: str | None, folder: Path, *,
               locate: Callable[[], Location | None] = lambda: None,
               field: str = "basics.photo", missing_ok: bool = False,
               what: str = "photo", beside: str = "the profile") -> tuple[Image | None, list[str]]:
    """The photo named by ``value`` (relative to ``folder``) and any warnings.

    ``what`` names the image in the messages ("photo", "signature image": a letter's
    ``signature.image`` was called "the photo"), ``beside`` the file whose folder ``folder``
    is ("the profile", "the letter file").

    Raises a :class:`UserError` located at ``field`` (``locate()``) when the file is
    missing, outside the folder, too large, of another format or unsafe. An address
    (``https://...``) is never fetched: no photo, a located warning. With ``missing_ok``
    (JSON Resume's ``basics.image``, which the standard defines as a URL, so a document
    valid elsewhere must render here) each of those refusals is a located warning instead
    and the photo is left out; a path outside the folder is still never read.
    """
    if not value or not value.strip():
        return None, []
    value = value.strip()
    if _URL.match(value):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return None, [(f"{locate() or field}: {field} '{shown}' is an address, not a file: the {what} is not shown "
                       f"({what}s are image files in {beside}'s folder; nothing is downloaded)")]
    try:
        return _read_photo(value, folder, locate, field, missing_ok, what, beside)
    except UserError as error:
        if not missing_ok:
            raise
        problem = error.problems[0]
        return None, [f"{locate() or field}: {field}: {problem.message}: the {what} is not shown"]


def photo_file(value: str | None, folder: Path) -> Path | None:
    """The file :func:`load_photo` reads for ``value`` (relative to ``folder``, symlinks
    followed), whether or not it exists; None when it reads none: no value, an address, or a
    path outside ``folder`` (refused unread)."""
    if not value or not value.strip() or _URL.match(value.strip()):
        return None
    root = Path(os.path.realpath(folder))
    real = Path(os.path.realpath(root / value.strip()))
    return real if real == root or root in real.parents else None


def _read_photo(value: str, folder: Path, locate: Callable[[], Location | None], field: str,
                missing_ok: bool, what: str, beside: str) -> tuple[Image | None, list[str]]:

    def fail(message: str, hint: str = "") -> UserError:
        return UserError(Problem(message, locate(), field, hint))

    real = photo_file(value, folder)
    if real is None:
        raise fail(f"the {what} '{value}' is outside {beside}'s folder", f"put the {what} beside {beside}")
    from resume_builder.output import path_kind

    if missing_ok and not real.exists():
        found = path_kind(Path(folder) / value.strip())  # a link to a moved photo: where it points, as basics.photo's
        said = found.said if found.link else f"is no file beside {beside}"
        return None, [f"{locate() or field}: {field} '{value}' {said}: the {what} is not shown"]
    if not real.is_file():
        found = path_kind(Path(folder) / value.strip())  # the path as written: a link that leads nowhere is named
        if found.kind == "missing":
            raise fail(f"{what} file '{value}' not found", f"paths are relative to {folder}")
        raise fail(f"the {what} '{value}' {found.said}", f"point the link at the {what}, or name the {what} itself"
                   if found.link else f"name an image file; paths are relative to {folder}")
    try:
        with real.open("rb") as handle:
            data = handle.read(MAX_IMAGE_BYTES + 1)
    except OSError as exc:
        raise fail(f"cannot read the {what} '{value}': {exc.strerror or exc}") from None
    if len(data) > MAX_IMAGE_BYTES:
        raise fail(f"the {what} '{value}' is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB",
                   "a photo for a résumé needs well under 1 MB" if what == "photo" else
                   f"a {what} needs well under 1 MB")
    try:
        return check_image(data), []
    except ValueError as exc:
        raise fail(f"the {what} '{value}' {exc}") from None


def check_image(data: bytes, *, allow_svg: bool = True) -> Image:
    """Tell the format from the bytes, check the size (from the header) or SVG safety.

    ``allow_svg=False`` for images inside an SVG: PNG and JPEG only.
    """
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        width, height = _png_size(data)
        fmt = "PNG"
    elif data.startswith(b"\xff\xd8\xff"):
        width, height = _jpeg_size(data)
        fmt = "JPEG"
    elif allow_svg and _looks_like_svg(data):
        _check_svg(data)
        return Image("SVG", data)
    else:
        formats = IMAGE_FORMATS if allow_svg else IMAGE_FORMATS[:-1]
        raise ValueError(f"is not a {', '.join(formats[:-1])} or {formats[-1]} image{_other_format(data)}")
    if width <= 0 or height <= 0:
        raise ValueError(f"has no pixels ({width}x{height})")
    if width * height > MAX_IMAGE_PIXELS:
        raise ValueError(f"is {width}x{height} pixels ({width * height / 1e6:.0f} megapixels); an image may have at most "
                         f"{MAX_IMAGE_PIXELS / 1e6:.0f} megapixels")
    return Image(fmt, data, width, height)


def _other_format(data: bytes) -> str:
    for magic, name in ((b"GIF8", "GIF"), (b"RIFF", "WebP"), (b"II*\0", "TIFF"), (b"MM\0*", "TIFF"),
                        (b"BM", "BMP"), (b"%PDF", "PDF")):
        if data.startswith(magic):
            return f" (it is {name})"
    return ""


def _png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which must come first."""
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise ValueError("is a damaged PNG (no IHDR header)")
    return struct.unpack(">II", data[16:24])


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """Width and height from the first start-of-frame marker (SOF0-SOF15 but DHT, JPG, DAC)."""
    index = 2
    while index + 4 <= len(data):
        if data[index] != 0xFF:
            raise ValueError("is a damaged JPEG (bad marker)")
        marker = data[index + 1]
        if marker == 0xFF:  # fill byte
            index += 1
            continue
        if marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7:  # no length
            index += 2
            continue
        length = struct.unpack(">H", data[index + 2:index + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            if index + 9 > len(data):
                break
            height, width = struct.unpack(">HH", data[index + 5:index + 9])
            return width, height
        if marker == 0xDA or length < 2:  # image data before any frame header
            break
        index += 2 + length
    raise ValueError("is a damaged JPEG (no frame header)")


def _looks_like_svg(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<svg", b"<?xml", b"<!--", b"<!doctype svg")) and b"<svg" in data[:65536].lower()


def _check_svg(data: bytes) -> None:
    """Refuse an SVG that could load anything from outside itself, or expand entities.

    Every image it embeds (``data:`` URLs in ``href`` or CSS ``url()``) must be a PNG or
    JPEG within the photo limits, and together they may have at most MAX_IMAGE_PIXELS
    pixels and MAX_IMAGE_BYTES bytes: the outer file's limits would mean nothing if it
    could carry eight 169-megapixel PNGs.
    """
    budget = _EmbeddedBudget()
    _check_svg_structure(data, budget)


@dataclass
class _EmbeddedBudget:
    """Pixels and bytes of the images an SVG embeds so far."""

    pixels: int = 0
    size: int = 0

    def spend(self, reference: str) -> None:
        image = _embedded_image(reference)
        self.pixels += (image.width or 0) * (image.height or 0)
        self.size += len(image.data)
        if self.pixels > MAX_IMAGE_PIXELS:
            raise ValueError(f"is an SVG whose embedded images have {self.pixels / 1e6:.0f} megapixels together; "
                             f"an image may have at most {MAX_IMAGE_PIXELS / 1e6:.0f}")
        if self.size > MAX_IMAGE_BYTES:
            raise ValueError(f"is an SVG whose embedded images hold more than {MAX_IMAGE_BYTES // (1024 * 1024)} MB")


def _embedded_image(reference: str) -> Image:
    """The PNG or JPEG in a data: URL, checked like a photo file (format from its bytes)."""
    from urllib.parse import unquote, unquote_to_bytes

    header, _, payload = reference.strip()[5:].partition(",")
    if header.lower().endswith(";base64"):
        try:
            body = base64.b64decode(unquote(payload), validate=False)
        except ValueError:
            raise ValueError("is an SVG with a damaged data: image (bad base64)") from None
    else:
        body = unquote_to_bytes(payload)
    try:
        image = check_image(body, allow_svg=False)
    except ValueError as exc:
        raise ValueError(f"is an SVG whose embedded image {exc}") from None
    return image


def _check_svg_structure(data: bytes, budget: "_EmbeddedBudget") -> None:
    import xml.etree.ElementTree as ET

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("is an SVG that is not UTF-8") from None
    lowered = text.lower()
    if "<!doctype" in lowered or "<!entity" in lowered:
        raise ValueError("is an SVG with a DOCTYPE; photos may not declare entities")
    if "<?xml-stylesheet" in lowered:
        raise ValueError("is an SVG that loads a style sheet")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise ValueError(f"is not a well-formed SVG ({exc})") from None
    if _local(root.tag) != "svg":
        raise ValueError("is not an SVG (its root element is not <svg>)")
    for element in root.iter():  # attribute values and texts are entity-decoded by the parser
        name = _local(element.tag)
        if name in ("script", "foreignobject", "iframe", "object", "embed", "audio", "video", "feimage"):
            raise ValueError(f"is an SVG with a <{name}> element, which photos may not have")
        for attribute, value in element.attrib.items():
            local = _local(attribute)
            if local.startswith("on"):
                raise ValueError(f"is an SVG with an event handler ({local})")
            if local in ("href", "src"):
                _check_reference(value, budget, f"'{value[:80]}'")
            _check_css(value, budget)
        if name == "style":  # all of its text, also after a child element (a tail)
            _check_css("".join(element.itertext()), budget, stylesheet=True)


#: CSS functions whose string arguments are fetched (CSS Images 4; ``url()`` with a
#: quoted argument is a function token, unquoted it is a url token).
_FETCHING_FUNCTIONS = {"url", "src", "image", "image-set", "-webkit-image-set", "cross-fade", "element"}


def _check_css(text: str, budget: "_EmbeddedBudget", *, stylesheet: bool = False) -> None:
    """Refuse ``@import`` and any reference but ``#…`` and data: images in CSS.

    The CSS is read with tinycss2, the tokenizer WeasyPrint itself uses, so escapes
    (``u\\72l(``, ``@\\69mport``) and comments are decoded exactly as the engine would
    before anything is checked.
    """
    import tinycss2

    tokens = tinycss2.parse_stylesheet(text) if stylesheet else tinycss2.parse_component_value_list(text)
    _check_tokens(tokens, budget)


def _check_tokens(tokens, budget: "_EmbeddedBudget") -> None:
    for token in tokens:
        kind = token.type
        if kind in ("at-rule", "at-keyword") and token.lower_at_keyword == "import":
            raise ValueError("is an SVG whose style imports another style sheet")
        if kind == "url":
            _check_reference(token.value, budget, f"'url({token.value[:80]})'")
        elif kind == "function":
            if token.lower_name in _FETCHING_FUNCTIONS:
                for argument in token.arguments:
                    if argument.type in ("string", "url"):
                        _check_reference(argument.value, budget, f"'{token.lower_name}({argument.value[:80]})'")
            _check_tokens(token.arguments, budget)
        elif kind in ("() block", "[] block", "{} block"):
            _check_tokens(token.content, budget)
        elif kind in ("qualified-rule", "at-rule"):
            _check_tokens(token.prelude, budget)
            if token.content is not None:
                _check_tokens(token.content, budget)


def _check_reference(reference: str, budget: "_EmbeddedBudget", shown: str) -> None:
    """``#…`` passes; a data: PNG or JPEG passes once checked and counted; anything else is refused."""
    reference = reference.strip()
    if reference.startswith("#"):
        return
    if _SAFE_DATA.match(reference):
        budget.spend(reference)
        return
    raise ValueError(f"is an SVG that refers to {shown}; only '#…' and data: PNG or JPEG images are allowed")


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()

"""The profile's photo (``basics.photo``): found, checked and read before any renderer sees it.

A photo is a file inside the profile's folder (after resolving symlinks), at most
MAX_IMAGE_BYTES, in PNG, JPEG or SVG (told by its first bytes, not its name). A PNG or
JPEG's width and height are read from its header and refused above MAX_IMAGE_PIXELS
before anything decodes it. An SVG may not refer to anything outside itself: every
``href`` and ``url()`` is ``#…`` or a ``data:`` raster image, and it has no DOCTYPE (so
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
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)


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
               field: str = "basics.photo", missing_ok: bool = False) -> tuple[Image | None, list[str]]:
    """The photo named by ``value`` (relative to ``folder``) and any warnings.

    Raises a :class:`UserError` located at ``field`` (``locate()``) when the file is
    missing, outside the folder, too large, of another format or unsafe. An address
    (``https://...``) is never fetched: no photo, a warning. With ``missing_ok`` (JSON
    Resume's ``basics.image``, which the standard defines as a URL) a file that does not
    exist is a warning too.
    """
    if not value or not value.strip():
        return None, []
    value = value.strip()
    if _URL.match(value):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return None, [(f"{field} '{shown}' is an address, not a file: the photo is not shown "
                       "(photos are image files in the profile's folder; nothing is downloaded)")]

    def fail(message: str, hint: str = "") -> UserError:
        return UserError(Problem(message, locate(), field, hint))

    root = Path(os.path.realpath(folder))
    real = Path(os.path.realpath(root / value))
    if real != root and root not in real.parents:
        raise fail(f"the photo '{value}' is outside the profile's folder", "put the photo beside the profile")
    if missing_ok and not real.exists():
        return None, [f"{locate() or field}: {field} '{value}' is no file beside the profile: the photo is not shown"]
    if not real.is_file():
        raise fail(f"photo file '{value}' not found" if not real.exists() else f"the photo '{value}' is not a file",
                   f"paths are relative to {folder}")
    try:
        with real.open("rb") as handle:
            data = handle.read(MAX_IMAGE_BYTES + 1)
    except OSError as exc:
        raise fail(f"cannot read the photo '{value}': {exc.strerror or exc}") from None
    if len(data) > MAX_IMAGE_BYTES:
        raise fail(f"the photo '{value}' is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB",
                   "a photo for a résumé needs well under 1 MB")
    try:
        return check_image(data), []
    except ValueError as exc:
        raise fail(f"the photo '{value}' {exc}") from None


def check_image(data: bytes) -> Image:
    """Tell the format from the bytes, check the size (from the header) or SVG safety."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        width, height = _png_size(data)
        fmt = "PNG"
    elif data.startswith(b"\xff\xd8\xff"):
        width, height = _jpeg_size(data)
        fmt = "JPEG"
    elif _looks_like_svg(data):
        _check_svg(data)
        return Image("SVG", data)
    else:
        raise ValueError(f"is not a {', '.join(IMAGE_FORMATS[:-1])} or {IMAGE_FORMATS[-1]} image"
                         f"{_other_format(data)}")
    if width <= 0 or height <= 0:
        raise ValueError(f"has no pixels ({width}x{height})")
    if width * height > MAX_IMAGE_PIXELS:
        raise ValueError(f"is {width}x{height} pixels ({width * height / 1e6:.0f} megapixels); photos may have at most "
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
    """Refuse an SVG that could load anything from outside itself, or expand entities."""
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
    for element in root.iter():
        name = _local(element.tag)
        if name in ("script", "foreignobject", "iframe", "object", "embed", "audio", "video", "feimage"):
            raise ValueError(f"is an SVG with a <{name}> element, which photos may not have")
        for attribute, value in element.attrib.items():
            local = _local(attribute)
            if local.startswith("on"):
                raise ValueError(f"is an SVG with an event handler ({local})")
            if local in ("href", "src") and not _internal(value):
                raise ValueError(f"is an SVG that refers to '{value[:80]}'; only '#…' and data: images are allowed")
            _check_css(value)
        if name == "style" and element.text:
            _check_css(element.text)


def _check_css(text: str) -> None:
    if "@import" in text.lower():
        raise ValueError("is an SVG whose style imports another style sheet")
    for match in _CSS_URL.finditer(text):
        if not _internal(match.group(2)):
            raise ValueError(f"is an SVG that refers to 'url({match.group(2)[:80]})'; only '#…' and data: images "
                             "are allowed")


def _internal(reference: str) -> bool:
    reference = reference.strip()
    return reference.startswith("#") or bool(_SAFE_DATA.match(reference))


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()

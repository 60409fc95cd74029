"""The only way WeasyPrint may read anything: a restricted URL fetcher.

WeasyPrint's default fetcher follows any URL: a hostile template or profile field could
embed ``/etc/passwd`` as a PDF attachment or make HTTP requests from the machine. This
fetcher serves only ``data:`` URLs and ``file:`` URLs inside an allow-list of folders (the
theme's folders, its font folders and the profile's folder, after resolving symlinks),
caps sizes, never follows redirects and never touches the network. Anything else stops
the render with a clear error.
"""

from __future__ import annotations

import base64
import mimetypes
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

MAX_RESOURCE_BYTES = 20 * 1024 * 1024


class FetchRefused(FatalURLFetchingError):
    """A resource outside what the fetcher may serve; stops the render."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{reason}: {url[:200]}")
        self.url = url
        self.reason = reason


class RestrictedFetcher(URLFetcher):
    """Serve data: URLs and files inside ``roots``; refuse everything else."""

    def __init__(self, roots: list[Path], *, max_bytes: int = MAX_RESOURCE_BYTES) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, fail_on_errors=True)
        self.roots = [Path(os.path.realpath(root)) for root in roots]
        self.max_bytes = max_bytes
        self.served: list[str] = []
        #: Every refusal, also those WeasyPrint catches and only logs (images inside SVGs):
        #: the PDF renderer raises the first after layout and after writing.
        self.refused: list[FetchRefused] = []

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        try:
            return self._fetch(url)
        except FetchRefused as refusal:
            self.refused.append(refusal)
            raise

    def _fetch(self, url: str) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return self._data(url)
        if scheme == "file":
            return self._file(url)
        raise FetchRefused(url, "only local files of the theme and profile may be used, not")

    def _data(self, url: str) -> URLFetcherResponse:
        header, _, payload = url[5:].partition(",")
        if len(payload) > self.max_bytes * 4 // 3 + 4:
            raise FetchRefused(url, "data: URL is too large")
        if header.endswith(";base64"):
            try:
                body = base64.b64decode(unquote(payload), validate=False)
            except ValueError:  # binascii.Error: bad padding
                raise FetchRefused(url, "malformed base64 in data: URL") from None
            mime = header[: -len(";base64")] or "text/plain"
        else:
            body = unquote(payload).encode("utf-8")
            mime = header or "text/plain"
        _check_pixels(url, body)
        self.served.append("data:")
        return URLFetcherResponse(url, body, {"Content-Type": mime.split(";")[0]})

    def _file(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise FetchRefused(url, "remote file URLs are not allowed")
        real = Path(os.path.realpath(url2pathname(unquote(parts.path))))
        if not any(real == root or root in real.parents for root in self.roots):
            raise FetchRefused(url, "file is outside the theme and profile folders")
        if not real.is_file():
            raise FetchRefused(url, "file not found")
        size = real.stat().st_size
        if size > self.max_bytes:
            raise FetchRefused(url, f"file is larger than {self.max_bytes // (1024 * 1024)} MiB")
        mime = mimetypes.guess_type(real.name)[0] or "application/octet-stream"
        body = real.read_bytes()
        _check_pixels(url, body)
        self.served.append(str(real))
        return URLFetcherResponse(real.as_uri(), body, {"Content-Type": mime})


def _check_pixels(url: str, body: bytes) -> None:
    """Refuse a PNG or JPEG over MAX_IMAGE_PIXELS, from its header, before anything decodes it.

    Whatever the image comes from (a theme file, a data: URL in a template, an image inside
    an SVG), a few kilobytes of PNG can decode to gigabytes.
    """
    from resume_builder.images import _jpeg_size, _png_size
    from resume_builder.limits import MAX_IMAGE_PIXELS

    try:
        if body.startswith(b"\x89PNG\r\n\x1a\n"):
            width, height = _png_size(body)
        elif body.startswith(b"\xff\xd8\xff"):
            width, height = _jpeg_size(body)
        else:
            return
    except ValueError:
        return  # a damaged image: the decoder refuses it, and it holds no pixels to decode
    if width * height > MAX_IMAGE_PIXELS:
        raise FetchRefused(url, f"image of {width}x{height} pixels is larger than {MAX_IMAGE_PIXELS / 1e6:.0f} "
                                "megapixels")

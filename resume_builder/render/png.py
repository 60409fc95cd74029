"""PNG previews of PDF pages (pypdfium2), for READMEs and quick looks."""

from __future__ import annotations

import hashlib
import io


def pdf_to_pngs(pdf: bytes, *, dpi: int = 110, optimize: bool = True,
                reuse: dict[bytes, bytes] | None = None) -> list[bytes]:
    """One PNG per page of ``pdf`` at ``dpi``.

    ``optimize=False`` (the preview server) compresses faster and a little less.
    ``reuse`` (the preview server, issue 20): a dict from a page's pixels (their BLAKE2b
    digest) to its PNG, read and then refilled with this call's pages only. A page whose
    pixels are those of a page of the last call keeps that PNG instead of being encoded
    again (the same pixels encode to the same bytes): after an edit, usually every page
    but the edited one. Colour-reducing and compressing a page costs about four times
    rasterising it.

    Raises:
        UserError: a page over MAX_IMAGE_PIXELS at that resolution (a theme's ``@page { size:
            1e6px }`` would otherwise allocate terabytes), checked before rasterising.
    """
    import pypdfium2 as pdfium

    from resume_builder.errors import UserError
    from resume_builder.limits import MAX_IMAGE_PIXELS

    document = pdfium.PdfDocument(pdf)
    images = []
    known = dict(reuse) if reuse is not None else {}
    if reuse is not None:
        reuse.clear()
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = (round(side * dpi / 72) for side in page.get_size())
            if width * height > MAX_IMAGE_PIXELS:
                raise UserError(f"page {index + 1} would be {width:,}x{height:,} pixels as a PNG at {dpi} dpi; "
                                f"PNG pages are limited to {MAX_IMAGE_PIXELS / 1e6:.0f} megapixels",
                                hint="the theme's page size (@page size) is far beyond any paper size")
            bitmap = page.render(scale=dpi / 72)
            digest = None
            if reuse is not None:
                digest = hashlib.blake2b(memoryview(bitmap.buffer), digest_size=20).digest() + \
                    f"{bitmap.width}x{bitmap.height}x{bitmap.format}".encode("ascii")
            png = known.get(digest) if digest is not None else None
            if png is None:
                image = _palette(bitmap.to_pil())
                buffer = io.BytesIO()
                image.save(buffer, format="PNG", optimize=optimize, **({} if optimize else {"compress_level": 1}))
                png = buffer.getvalue()
            if reuse is not None:
                reuse[digest] = png
            images.append(png)
            page.close()
    finally:
        document.close()
    return images


def _palette(image):
    """A 256-colour version: a page of text looks the same at a quarter of the size.

    Fast octree keeps emoji colours (median cut greys them) and no dithering keeps text crisp.
    """
    from PIL import Image

    return image.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE,
                                         dither=Image.Dither.NONE)

"""PNG previews of PDF pages (pypdfium2), for READMEs and quick looks."""

from __future__ import annotations

import io


def pdf_to_pngs(pdf: bytes, *, dpi: int = 110) -> list[bytes]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    images = []
    try:
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / 72)
            image = _palette(bitmap.to_pil())
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", optimize=True)
            images.append(buffer.getvalue())
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

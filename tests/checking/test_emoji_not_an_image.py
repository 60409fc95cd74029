"""A colour emoji, which the PDF draws as a small picture, is no text drawn as a picture: with
one in the headline, `check` said "page 1 has 1 image, and an ATS cannot read text drawn as a
picture" of a profile that simply has no e-mail address (trial). A photo still counts."""

from __future__ import annotations

from resume_builder import pipeline
from resume_builder.checking.extract import extract


def test_an_emoji_is_not_counted_as_an_image_but_a_photo_is(tmp_path):
    from PIL import Image

    (tmp_path / "cv.yaml").write_text('basics:\n  name: Emo Ji\n  headline: "Builder 🚀 of things"\nsummary: Hi.\n',
                                      encoding="utf-8")
    job = pipeline.prepare(pipeline.RenderRequest(profile=tmp_path / "cv.yaml"))
    pipeline.write(pipeline.render(job, "pdf", tmp_path / "cv.pdf"))
    assert extract(tmp_path / "cv.pdf").images == 0
    Image.new("RGB", (300, 400), (200, 20, 100)).save(tmp_path / "me.png")
    (tmp_path / "cv.yaml").write_text('basics:\n  name: Emo Ji\n  photo: me.png\nsummary: Hi.\n', encoding="utf-8")
    job = pipeline.prepare(pipeline.RenderRequest(profile=tmp_path / "cv.yaml"))
    pipeline.write(pipeline.render(job, "pdf", tmp_path / "cv.pdf"))
    assert extract(tmp_path / "cv.pdf").images == 1

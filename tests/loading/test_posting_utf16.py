"""A job posting saved in UTF-16 is read by its byte order mark, as a browser reads it.

Windows Notepad's "Unicode" and some browsers' "Save page as" write UTF-16 with a byte order
mark; such a posting was refused ("saved as UTF-16, not UTF-8"). A profile still must be UTF-8.
"""

from __future__ import annotations

import pytest

from resume_builder.errors import UserError
from resume_builder.loading.posting import read_posting
from resume_builder.loading.source import read_text

PAGE = ("<html><head><meta charset=\"utf-16\"><title>Job</title></head><body><h1>Backend Engineer</h1>"
        "<h2>Requirements</h2><ul><li>Python</li><li>Kubernetes</li></ul></body></html>")
TEXT = "Backend Engineer — Zürich\n\nRequirements:\n- Python\n- PostgreSQL\n"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(("name", "content", "expected"), [
    ("job.html", PAGE, "- Kubernetes"), ("job.txt", TEXT, "Backend Engineer — Zürich"),
])
def test_a_utf16_posting_is_read_by_its_byte_order_mark(tmp_path, codec, name, content, expected):
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[codec]
    path = tmp_path / name
    path.write_bytes(bom + content.encode(codec))
    assert expected in read_posting(path).text


def test_an_empty_utf16_posting_is_said_to_be_empty(tmp_path):
    path = tmp_path / "job.txt"
    path.write_bytes("  \n".encode("utf-16"))
    with pytest.raises(UserError, match="the job posting is empty"):
        read_posting(path)


def test_a_utf16_profile_is_still_refused(tmp_path):
    path = tmp_path / "me.yaml"
    path.write_bytes("basics: {name: Sam}\n".encode("utf-16"))
    with pytest.raises(UserError, match="saved as UTF-16, not UTF-8"):
        read_text(path)

"""Loading faults a new user found on main (branch fixes1): each test failed before its fix."""

from __future__ import annotations

import json

import pytest

from resume_builder.errors import UserError
from resume_builder.loading import load_profile


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _error(path, **kwargs) -> str:
    with pytest.raises(UserError) as caught:
        load_profile(path, **kwargs)
    return str(caught.value)


# 5. JSON Resume's basics.image never stops a render ------------------------------------------

@pytest.mark.parametrize("image", ["/etc/passwd", "../outside.png", "notimg.png", "folder"])
def test_json_resume_image_that_is_no_usable_file_is_a_located_warning(tmp_path, image):
    from resume_builder import pipeline

    (tmp_path / "notimg.png").write_text("hello", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    path = _write(tmp_path, "cv.json", json.dumps(
        {"basics": {"name": "Ada Example", "image": image},
         "work": [{"name": "Acme", "position": "Engineer", "startDate": "2020"}]}, indent=2))
    job = pipeline.prepare(path)
    assert job.document.photo is None
    warning = next(w for w in job.warnings if "basics.image" in w)
    assert warning.startswith(f"{path}:4:") and "the photo is not shown" in warning


def test_json_resume_image_outside_the_folder_is_never_read(tmp_path, monkeypatch):
    from resume_builder import images, pipeline

    opened = []
    real_open = images.Path.open
    monkeypatch.setattr(images.Path, "open", lambda self, *a, **k: opened.append(self) or real_open(self, *a, **k))
    path = _write(tmp_path, "cv.json", json.dumps({"basics": {"name": "Ada Example", "image": "/etc/hostname"},
                                                   "work": [{"name": "Acme", "position": "E", "startDate": "2020"}]}))
    pipeline.prepare(path)
    assert not any("hostname" in str(p) for p in opened)


def test_our_own_photo_stays_strict(tmp_path):
    from resume_builder import pipeline

    (tmp_path / "notimg.png").write_text("hello", encoding="utf-8")
    path = _write(tmp_path, "cv.yaml", "basics:\n  name: Ada Example\n  photo: notimg.png\n")
    with pytest.raises(UserError, match="not a PNG, JPEG or SVG"):
        pipeline.prepare(path)


def test_image_address_warning_is_located(tmp_path):
    from resume_builder import pipeline

    path = _write(tmp_path, "cv.json", '{"basics": {"name": "Ada Example",\n "image": "https://x.example/a.png"},'
                                       '\n "work": [{"name": "A", "position": "E", "startDate": "2020"}]}')
    job = pipeline.prepare(path)
    assert any(w.startswith(f"{path}:2:11: basics.image") for w in job.warnings), job.warnings


# 8. a missing space after '-' before a key ---------------------------------------------------

def test_missing_space_after_dash_before_a_key_gets_a_hint(tmp_path):
    path = _write(tmp_path, "p.yaml", "basics:\n  name: Ann\nexperience:\n  -company: A\n")
    message = _error(path)
    assert "p.yaml:4:3: experience: expected a list, found a mapping" in message
    assert "a list item needs a space after the '-': write '- company: A'" in message


# 24. a second YAML document ------------------------------------------------------------------

def test_second_yaml_document_is_named(tmp_path):
    path = _write(tmp_path, "p.yaml", "basics:\n  name: Ann\n---\nbasics:\n  name: Bob\n")
    message = _error(path)
    assert "p.yaml:3:1:" in message and "second YAML document" in message
    assert "missing or extra quote" not in message


# 3. an anchor swallowing text ----------------------------------------------------------------

@pytest.mark.parametrize("line, fix", [
    ("  headline: &Engineer", 'headline: "&Engineer"'),
    ("  headline: &Engineer at Acme", 'headline: "&Engineer at Acme"'),
])
def test_unused_anchor_on_a_text_is_an_error_with_the_quoting_fix(tmp_path, line, fix):
    path = _write(tmp_path, "p.yaml", f"basics:\n  name: Ann\n{line}\n")
    message = _error(path)
    assert "p.yaml:3:13:" in message and "starts with '&'" in message and fix in message
    assert "^" in message


def test_anchor_in_a_flow_list_names_the_item(tmp_path):
    path = _write(tmp_path, "p.yaml", "basics:\n  name: Ann\nskills:\n  - name: Lang\n    keywords: [C, &C++]\n")
    message = _error(path)
    assert "p.yaml:5:19:" in message and 'keywords: [C, "&C++"]' in message
    assert "found nothing (null)" not in message


def test_anchors_that_aliases_use_keep_working(tmp_path):
    path = _write(tmp_path, "p.yaml", "basics:\n  name: &n Ann Example\n  headline: Engineer\n"
                                      "references:\n  - name: *n\n    reference: &r {en: Fine}\n")
    loaded = load_profile(path)
    assert loaded.profile.references[0].name == "Ann Example"


# 12. JSON syntax errors: plain, complete, with the line and a caret ---------------------------

@pytest.mark.parametrize("text, where, words", [
    ('{"basics": {"name": "A", "label": "x",}}', ":1:38:", "no comma after the last item"),  # at the comma
    ('{"basics": {"name": "A" "label": "x"}}', ":1:25:", "a comma is missing"),
    ('{"basics": {"name": "A\n"}}', ":1:23:", "a line break inside a text"),
    ('{"basics": {"name": "A\\q"}}', ":1:23:", "starts no escape"),
    ('{"basics": {"name": "A"}, "work": [1,]}', ":1:37:", "no comma after the last item"),
    ('{\n  "basics": {\n    "name": "A",\n  }\n}\n', ":3:16:", "no comma after the last item"),
    ('{"basics": {"name": "Ann', ":1:21:", "never closed"),
])
def test_json_syntax_errors_are_plain_and_show_the_line(tmp_path, text, where, words):
    path = _write(tmp_path, "p.json", text)
    message = _error(path)
    assert f"p.json{where} JSON syntax error: " in message and words in message, message
    assert "  1 | " in message or "  3 | " in message
    assert "^" in message and not message.rstrip().endswith(" at")


def test_a_mistake_in_a_minified_file_quotes_the_part_of_its_line_around_it(tmp_path):
    """A minified JSON file is one line: the excerpt was the whole line (10 KB for a résumé,
    20 KB for a nesting-depth error), with the caret some 5,000 spaces in."""
    text = '{"basics": {"name": "A", "summary": "' + "x" * 3000 + '"}, "work": [{"name": "B", "highlights": ["' \
        + "y" * 2000 + '"]}],}'
    path = _write(tmp_path, "p.json", text)
    message = _error(path)
    quoted, caret = [line for line in message.splitlines() if line.lstrip().startswith(("1 |", "|"))]
    assert len(quoted) < 120 and quoted.startswith("  1 | …") and quoted.endswith('"]}],}')
    assert quoted[len(caret) - 1] == ","  # the caret stands under the comma to delete
    deep = _write(tmp_path, "deep.json", '{"basics": {"name": "A"}, "work": ' + "[" * 300 + "]" * 300 + "}")
    assert len(_error(deep)) < 600


# 14. bad links: each one, where it is written -------------------------------------------------

def test_every_bad_link_in_a_block_is_reported_on_its_own_line(tmp_path):
    path = _write(tmp_path, "p.yaml", "basics:\n  name: Ann\nsummary: |\n  Line one.\n"
                                      "  See [a](ftp://x) and [a](ftp://x)\n  also [b](javascript:alert) here.\n"
                                      "skills:\n  - name: A\n")
    message = _error(path)
    assert "p.yaml:5:11: summary: link 'ftp://x'" in message
    assert "p.yaml:5:28: summary: link 'ftp://x'" in message
    assert "p.yaml:6:12: summary: link 'javascript:alert'" in message
    assert message.count("summary: link") == 3


def test_every_bad_link_on_one_line_is_reported(tmp_path):
    path = _write(tmp_path, "p.yaml", 'basics:\n  name: Ann\nsummary: "See [a](ftp://x) and [b](ftp://y)"\n')
    message = _error(path)
    assert "p.yaml:3:19:" in message and "p.yaml:3:36:" in message and "ftp://y" in message

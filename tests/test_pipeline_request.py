"""One RenderRequest in, files out: read → validate → tailor → document → render → write, each once."""

from __future__ import annotations

import pytest

from resume_builder import formats, pipeline
from resume_builder.errors import UserError
from resume_builder.pipeline import RenderRequest
from tests.conftest import FIXTURES

ONE_PAGE = FIXTURES / "profiles" / "one_page.yaml"


def test_run_calls_each_stage_once_and_writes_every_format(tmp_path, monkeypatch):
    calls: list[str] = []

    def counted(name, function):
        def wrapper(*args, **kwargs):
            calls.append(name)
            return function(*args, **kwargs)
        return wrapper

    import resume_builder.loading.variants as reading
    import resume_builder.tailoring as tailoring

    monkeypatch.setattr(reading, "load_variant", counted("read", reading.load_variant))
    monkeypatch.setattr(tailoring, "tailor", counted("tailor", tailoring.tailor))
    monkeypatch.setattr(pipeline, "find_theme", counted("theme", pipeline.find_theme))
    monkeypatch.setattr(pipeline, "build_document", counted("document", pipeline.build_document))
    for name in ("md", "txt"):
        monkeypatch.setitem(formats.RENDERERS, name, counted(f"render {name}", formats.renderer(name)))
    monkeypatch.setattr(pipeline, "write", counted("write", pipeline.write))
    request = RenderRequest(profile=ONE_PAGE, formats=("md", "txt"), out_dir=tmp_path)
    job, outputs = pipeline.run(request)
    assert calls == ["read", "theme", "document", "render md", "render txt", "write"]  # no variant: no tailoring
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one_page.md", "one_page.txt"]
    assert [o.path for o in outputs] == [tmp_path / "one_page.md", tmp_path / "one_page.txt"]
    assert job.document.name == "Jo Short"


def test_the_format_table_names_each_format_once():
    table = formats.TABLE
    assert list(table) == list(formats.FORMATS) == ["pdf", "html", "png", "docx", "md", "txt"]
    assert len({f.extension for f in table.values()}) == len(table)
    assert formats.CHECKABLE == ("pdf", "docx")
    assert [name for name, f in table.items() if not f.binary] == ["html", "md", "txt"]
    assert formats.format_of_extension(".DOCX") == "docx" and formats.format_of_extension("odt") is None
    for name in table:  # every renderer can be found (imported lazily, here on purpose)
        assert callable(formats.renderer(name))


def test_an_unknown_format_is_a_user_error(tmp_path):
    job = pipeline.prepare(RenderRequest(profile=ONE_PAGE))
    with pytest.raises(UserError, match="unknown format 'docs'.*did you mean 'docx'"):
        pipeline.render(job, "docs", tmp_path / "x.docs")


def test_keywords_or_a_request_not_both():
    with pytest.raises(TypeError):
        pipeline.prepare(RenderRequest(profile=ONE_PAGE), lang="de")

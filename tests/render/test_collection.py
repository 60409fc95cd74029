"""Fewer garbage collections during a render (render/collection.py): thresholds raised inside
the block only, restored after it (also after an error and after nested blocks), and a
collector turned off stays off."""

from __future__ import annotations

import gc

import pytest

from resume_builder.render import pdf
from resume_builder.render.collection import RENDER_THRESHOLD, fewer_collections
from tests.conftest import EXAMPLE


@pytest.fixture(autouse=True)
def default_thresholds():
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


def test_the_young_threshold_is_raised_inside_and_restored_after():
    with fewer_collections():
        assert gc.get_threshold() == (RENDER_THRESHOLD, 10, 10)
        with fewer_collections():
            assert gc.get_threshold() == (RENDER_THRESHOLD, 10, 10)
        assert gc.get_threshold() == (RENDER_THRESHOLD, 10, 10)  # the outer block still runs
    assert gc.get_threshold() == (700, 10, 10)


def test_thresholds_come_back_after_an_error():
    with pytest.raises(ZeroDivisionError), fewer_collections():
        1 / 0
    assert gc.get_threshold() == (700, 10, 10)


def test_a_collector_turned_off_stays_off_and_a_higher_threshold_stays():
    gc.set_threshold(0, 10, 10)
    with fewer_collections():
        assert gc.get_threshold() == (0, 10, 10)
    gc.set_threshold(RENDER_THRESHOLD * 2, 5, 5)
    with fewer_collections():
        assert gc.get_threshold() == (RENDER_THRESHOLD * 2, 5, 5)
    assert gc.get_threshold() == (RENDER_THRESHOLD * 2, 5, 5)


def test_a_pdf_render_runs_inside_the_block(monkeypatch, tmp_path):
    from resume_builder import pipeline

    seen = []
    layout = pdf.layout

    def spy(*args, **kwargs):
        seen.append(gc.get_threshold()[0])
        return layout(*args, **kwargs)

    monkeypatch.setattr(pdf, "layout", spy)
    job = pipeline.prepare(EXAMPLE)
    pipeline.render(job, "pdf", tmp_path / "example.pdf")
    assert seen and set(seen) == {RENDER_THRESHOLD}
    assert gc.get_threshold() == (700, 10, 10)

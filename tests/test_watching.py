"""watch: renders at start, re-renders after a change, survives a broken save."""

from __future__ import annotations

import threading
import time

from resume_builder.watching import Watcher

PROFILE = "basics:\n  name: Sam Sample\nsummary: First version.\n"


def test_watch_rerenders_after_changes_and_reports_errors(tmp_path):
    profile = tmp_path / "me.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    messages: list[str] = []
    watcher = Watcher(profile, formats=["txt"], out_dir=tmp_path / "out", say=messages.append)
    thread = threading.Thread(target=watcher.run, kwargs={"stop_after": 2}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 300  # a hang guard only: each step waits for the one before
    while not any(m.startswith("watching") for m in messages) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (tmp_path / "out" / "me.txt").read_text().count("First version.") == 1
    time.sleep(0.3)
    profile.write_text("basics:\n  name: Sam Sample\n  emial: x\n", encoding="utf-8")
    while not any(m.startswith("error:") for m in messages) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert any("did you mean 'email'" in m for m in messages)
    time.sleep(0.3)
    profile.write_text(PROFILE.replace("First", "Second"), encoding="utf-8")
    thread.join(timeout=max(1, deadline - time.monotonic()))
    assert not thread.is_alive()
    assert "Second version." in (tmp_path / "out" / "me.txt").read_text()
    assert any(m.startswith("rendered") and "s" in m for m in messages)


def test_watch_reads_a_one_section_json_resume_when_told_so(tmp_path):
    profile = tmp_path / "awards.json"
    profile.write_text('{"awards": [{"title": "Best newcomer", "date": "2020"}]}', encoding="utf-8")
    messages: list[str] = []
    Watcher(profile, formats=["txt"], out_dir=tmp_path / "out", say=messages.append).render_once()
    assert any("basics: 'basics' is required" in m for m in messages)  # read as our own profile
    messages.clear()
    Watcher(profile, formats=["txt"], out_dir=tmp_path / "out", say=messages.append,
            input_format="jsonresume").render_once()
    assert messages[-1].startswith("rendered ") and "Best newcomer" in (tmp_path / "out" / "awards.txt").read_text()

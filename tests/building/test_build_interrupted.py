"""A build stopped between two targets of one group: every file on disk is one the build heard
of (Ctrl-C said "0 of 26 targets complete" beside two complete PDFs its manifest did not
list: newcomer trial). A group's results came back only when the whole group was done."""

from __future__ import annotations

import pytest

from resume_builder.building.runner import run_build
from resume_builder.building.session import BuildSession
from tests.building.test_build import SMALL


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "me.yaml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "resume-builder.toml").write_text(
        'out_dir = "out"\ncheck = false\n[[targets]]\nprofile = "profiles/me.yaml"\n'
        'variants = ["", "web"]\nformats = ["md", "txt", "html"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return tmp_path


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_build_stopped_after_its_first_target_has_told_of_every_file_it_left(project, jobs):
    session = BuildSession.from_config(None, jobs=jobs)
    todo, digests, _ = session.plan()
    told = []

    def on_result(result):  # Ctrl-C the moment the first target is said to be complete
        told.append(result.target.output.name)
        if len(told) == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_build(todo, digests, jobs=jobs, check=False, on_result=on_result)
    on_disk = sorted(p.name for p in session.out_dir.iterdir()) if session.out_dir.exists() else []
    assert on_disk and set(on_disk) <= set(told), (on_disk, told)
    if jobs == 1:  # in this process: the rest of the group was not rendered
        assert on_disk == told == ["me.md"]

"""Thousands of mistakes (issue 12, item 17): the first SHOWN_PROBLEMS are reported, with
hints, and the rest counted; the work per extra mistake stays constant (no fuzzy matching
of every key), so reporting 20,000 unknown keys costs what parsing them costs."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.errors import SHOWN_PROBLEMS, Problem, UserError
from resume_builder.loading import errors_map, load_profile

runner = CliRunner()


def _profile(tmp_path, unknown: int):
    lines = ["basics:", "  name: Sam Sample", *(f"unknown_key_{i}: {i}" for i in range(unknown)), "sumary: typo"]
    path = tmp_path / f"many-{unknown}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def counted_hints(monkeypatch):
    calls = {"n": 0}
    real = errors_map.did_you_mean

    def counting(*args, **kwargs):
        calls["n"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(errors_map, "did_you_mean", counting)
    return calls


@pytest.mark.parametrize("unknown", [200, 2000])
def test_fuzzy_matching_is_done_for_the_shown_problems_only(unknown, tmp_path, counted_hints):
    with pytest.raises(UserError) as raised:
        load_profile(_profile(tmp_path, unknown))
    assert len(raised.value.problems) == unknown + 1  # every problem is counted
    # at most the shown ones, in each of the two passes (fast, then with positions)
    assert counted_hints["n"] <= 2 * SHOWN_PROBLEMS
    first = raised.value.problems[0]
    assert first.location.line == 3 and "unknown_key_0" in first.message and first.hint


def test_the_command_shows_the_first_problems_and_counts_the_rest(tmp_path):
    path = _profile(tmp_path, 2000)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    errors = [line for line in lines if line.startswith("error:")]
    assert len(errors) == SHOWN_PROBLEMS
    assert f"and {2001 - SHOWN_PROBLEMS} more problems" in result.output
    assert ":3:1: unknown_key_0" in errors[0]
    assert "2001 problems found" in result.output
    assert "Traceback" not in result.output


def test_a_few_problems_are_all_shown():
    error = UserError([Problem(f"problem {i}") for i in range(SHOWN_PROBLEMS)])
    assert error.shown() == [f"problem {i}" for i in range(SHOWN_PROBLEMS)]
    assert "more problem" not in error.render()

"""resume_builder/render/recent.py: the bounded keeper behind the emoji-image and font-description caches."""

from __future__ import annotations

import threading

import pytest

from resume_builder.render.recent import Recent


def test_a_value_is_made_once_per_key_and_the_least_recently_used_goes_first():
    made: list[str] = []
    recent: Recent[str] = Recent(2)

    def get(key: str) -> str:
        return recent.get_or_make(key, lambda: made.append(key) or key.upper())

    assert [get("a"), get("b"), get("a")] == ["A", "B", "A"]
    assert made == ["a", "b"]
    get("c")  # "b" is the least recently used now: it goes
    assert len(recent) == 2
    get("a")
    get("b")
    assert made == ["a", "b", "c", "b"]


def test_clear_forgets_everything():
    recent: Recent[int] = Recent(4)
    recent.get_or_make(1, lambda: 10)
    recent.clear()
    assert len(recent) == 0
    assert recent.get_or_make(1, lambda: 11) == 11


def test_a_limit_below_one_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        Recent(0)


def test_threads_get_a_value_for_their_key():
    recent: Recent[int] = Recent(8)
    results: dict[int, int] = {}

    def work(number: int) -> None:
        for _ in range(200):
            results[number] = recent.get_or_make(number % 4, lambda: number % 4 * 100)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {n: n % 4 * 100 for n in range(8)} and len(recent) == 4

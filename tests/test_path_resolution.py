"""Paths are resolved without raising on a loop of links.

``Path.resolve()`` raises RuntimeError on Python 3.11 (OSError on 3.13) for a loop of symbolic
links: a RenderCV file's ``photo:`` naming one ended ``import`` in a traceback (trial), as
``--out-dir``, ``--theme-dir`` and an include had before, each fixed one by one. The product
resolves paths with :func:`resume_builder.containment.real` (``os.path.realpath``, which never
raises for one); ``Path.resolve()`` stays only where its raising is what the code asks.
"""

from __future__ import annotations

import ast

from tests.conftest import REPO

#: (module, function) where a loop must raise: its handler refuses the path in words.
RAISING_WANTED = {("resume_builder/output.py", "check_destination")}


def _resolve_calls() -> list[tuple[str, str, int]]:
    """(module, innermost function or "<module>", line) of each ``X.resolve()`` in the package."""
    found = []
    for path in sorted((REPO / "resume_builder").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        owner: dict[int, str] = {}
        for scope in [tree, *(n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)))]:
            for node in ast.walk(scope):  # breadth first: an inner function's calls are named after it
                owner[id(node)] = getattr(scope, "name", "<module>")
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "resolve" \
                    and not node.args and not node.keywords:
                found.append((path.relative_to(REPO).as_posix(), owner[id(node)], node.lineno))
    return found


def test_no_path_is_resolved_by_a_call_that_raises_on_a_loop_of_links():
    unexpected = sorted({(module, name, line) for module, name, line in _resolve_calls()
                         if (module, name) not in RAISING_WANTED})
    assert not unexpected, "use containment.real(path), which never raises on a loop of links: " + ", ".join(
        f"{module}:{line} ({name})" for module, name, line in unexpected)
    assert {(module, name) for module, name, _ in _resolve_calls()} == RAISING_WANTED  # the list is not stale

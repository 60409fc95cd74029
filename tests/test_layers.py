"""The package's layers: imports only point down, never in a cycle; tailoring does no I/O.

Layers, lowest first (a module may import its own layer and those below):
shared helpers (native_libraries among them) < schema (and the outline of a profile) < loading, interop (JSON Resume in and out)
< theming, document (and the letter's) < tailoring < render (and the format table) < checking, importing
(LinkedIn exports, PDF/DOCX résumés in: it reads the headings table of checking) < pipeline (and the letter's, and the list of files a render reads) < building, watching, serving (the preview server) < commands < cli.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import EXAMPLE, REPO

PACKAGE = REPO / "resume_builder"
HELPERS = ("resume_builder", "errors", "limits", "i18n", "markdown", "phones", "containment", "console",
           "wording", "theme_paths", "output", "provenance", "images", "progress", "bidi", "overwrite",
           "native_libraries", "invisible", "web_address", "scripts")
LAYERS = [HELPERS, ("schema", "outline"), ("loading", "interop"), ("theming", "document", "letter_document"), ("tailoring",),
          ("render", "formats"), ("checking", "importing"), ("pipeline", "letter_pipeline", "replacing", "render_inputs"), ("building", "watching", "serving"), ("commands",), ("cli", "__main__")]
RANK = {group: rank for rank, groups in enumerate(LAYERS) for group in groups}


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _group(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _imports(path: Path, modules: dict[str, Path], *, top_level_only: bool) -> set[str]:
    """The package's modules ``path`` imports (``if TYPE_CHECKING:`` blocks left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(node: ast.AST, nested: bool) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child, nested)
            return
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            nested = True
        if not (top_level_only and nested):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names if alias.name in modules)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in modules:
                for alias in node.names:  # `from pkg import submodule` imports the submodule
                    sub = f"{node.module}.{alias.name}"
                    found.add(sub if sub in modules else node.module)
        for child in ast.iter_child_nodes(node):
            visit(child, nested)

    visit(tree, False)
    return found


def test_every_module_has_a_layer():
    assert {_group(m) for m in _modules()} <= set(RANK)


def test_imports_only_point_down():
    modules = _modules()
    upward = []
    for module, path in sorted(modules.items()):
        for imported in sorted(_imports(path, modules, top_level_only=False)):
            if RANK[_group(imported)] > RANK[_group(module)]:
                upward.append(f"{module} imports {imported}")
    assert upward == []


def test_render_never_imports_the_pipeline_and_loading_never_imports_tailoring():
    modules = _modules()
    for module, path in modules.items():
        imported = {_group(name) for name in _imports(path, modules, top_level_only=False)}
        if _group(module) in ("render", "formats"):
            assert "pipeline" not in imported, module
        if _group(module) == "loading":
            assert "tailoring" not in imported, module


def test_no_import_cycles():
    modules = _modules()
    graph = {m: _imports(p, modules, top_level_only=True) - {m} for m, p in modules.items()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[list[str]] = []

    def walk(module: str, path: list[str]) -> None:
        state[module] = 1
        for nxt in sorted(graph[module]):
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt):] + [nxt] if nxt in path else [module, nxt])
            elif nxt not in state:
                walk(nxt, path + [nxt])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            walk(module, [module])
    assert cycles == []


def test_the_checks_see_an_upward_import(tmp_path):
    """The checker itself: an upward import written into a render module is found."""
    fake = {"resume_builder.render.x": tmp_path / "x.py", "resume_builder.pipeline": tmp_path / "p.py",
            "resume_builder": tmp_path / "__init__.py"}
    fake["resume_builder.render.x"].write_text("def f():\n    from resume_builder import pipeline\n")
    found = _imports(fake["resume_builder.render.x"], fake, top_level_only=False)
    assert found == {"resume_builder.pipeline"}
    assert RANK[_group("resume_builder.pipeline")] > RANK[_group("resume_builder.render.x")]


# ----------------------------------------------------------------------------- tailoring is pure


FILE_ACCESS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "iterdir", "glob", "rglob",
               "mkdir", "unlink", "stat", "exists", "is_file", "is_dir"}


def test_tailoring_names_no_file_access():
    for path in (PACKAGE / "tailoring").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
        names |= {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
        assert not names & FILE_ACCESS, (path.name, names & FILE_ACCESS)


def test_tailoring_runs_with_file_access_patched_to_fail(tmp_path):
    """Everything the tailoring stage does, imported and run while every way of reading a
    file raises: tailor, posting analysis and matching, and the page-budget fitter."""
    code = textwrap.dedent(f"""
        import builtins, io, os, pathlib, sys
        from resume_builder.loading.posting import read_posting
        from resume_builder.loading.variants import load_variant
        from resume_builder.loading.vocabulary import read_builtin_vocabulary
        from resume_builder.theming import FitLimits, ThemeOptions

        # reading is loading's job: the profile, its variant, the posting, the vocabulary
        chosen = load_variant(pathlib.Path({str(EXAMPLE)!r}), "platform")
        job = pathlib.Path(sys.argv[1])
        job.write_text("Senior Platform Engineer\\nMust have: Kubernetes, Terraform, Go\\nNice to have: Rust\\n")
        posting_document = read_posting(job)
        vocabulary_data = read_builtin_vocabulary()
        assert not [m for m in sys.modules if m.startswith("resume_builder.tailoring")], "imported too early"

        def refuse(*args, **kwargs):
            raise AssertionError("tailoring touched a file")

        builtins.open = io.open = os.open = refuse
        for name in ("open", "read_text", "read_bytes", "write_text", "write_bytes"):
            setattr(pathlib.Path, name, refuse)

        from resume_builder.tailoring import tailor
        from resume_builder.tailoring.fitting import fit
        from resume_builder.tailoring.keywords import vocabulary_from
        from resume_builder.tailoring.matching import match, relevance
        from resume_builder.tailoring.posting import structure

        tailored = tailor(chosen.base.profile, chosen.variant)
        report = match(tailored, structure(posting_document), vocabulary_from(vocabulary_data))
        assert any(k.keyword.name == "Kubernetes" and k.covered for k in report.keywords)
        size = len(tailored.model_dump_json())
        pages = lambda profile, options: 1 if len(profile.model_dump_json()) < 0.9 * size else 2
        result = fit(tailored, ThemeOptions(), FitLimits(), 1, pages, relevance=relevance(report))
        assert pages(result.profile, result.options) == 1 and result.cuts
        print("ok")
    """)
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "job.txt")], cwd=REPO, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"

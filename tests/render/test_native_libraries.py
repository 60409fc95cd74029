"""WeasyPrint's native libraries are opened by soname, with no search (resume_builder/native_libraries.py).

Each test runs in a fresh interpreter: what is measured is the first import of WeasyPrint.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="sonames are a Linux matter")

# Counts the library searches, imports WeasyPrint (with or without resume_builder first) and
# prints the searches, the shared objects WeasyPrint's handles point to, and stdout's content.
PROBE = textwrap.dedent("""
    import contextlib, ctypes.util, io, json, os, sys
    searches = []
    real = ctypes.util.find_library
    def counted(name):
        searches.append(name)
        return real(name)
    ctypes.util.find_library = counted
    if sys.argv[1] == "with":
        import resume_builder
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        import weasyprint.text.ffi as ffi
    def mapped():
        return sorted({line.split()[-1] for line in open("/proc/self/maps")
                       if any(part in line for part in ("libgobject", "libpango", "libharfbuzz", "libfontconfig"))})
    print(json.dumps({"searches": searches, "libraries": mapped(), "printed": printed.getvalue(),
                      "opened": [name for name in ("gobject", "pango", "harfbuzz", "harfbuzz_subset", "fontconfig",
                                                   "pangoft2") if getattr(ffi, name, None) is not None]}))
""")


def _probe(mode: str, prelude: str = "") -> dict:
    done = subprocess.run([sys.executable, "-c", prelude + PROBE, mode], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_weasyprint_opens_the_same_libraries_without_searching_for_them():
    plain = _probe("without")
    ours = _probe("with")
    assert plain["searches"], "WeasyPrint on its own searches for its libraries (what this module saves)"
    assert ours["searches"] == []
    assert ours["libraries"] == plain["libraries"]
    assert ours["opened"] == plain["opened"]
    assert ours["printed"] == ""


# The dynamic loader refuses GObject's bare soname (as a system without it in the loader's
# paths would), while the search finds the library by its full path.
REFUSE_SONAME = textwrap.dedent("""
    import _cffi_backend, ctypes.util
    _load = _cffi_backend.load_library
    _search = ctypes.util.find_library
    def load_library(name, flags=0):
        if name == "libgobject-2.0.so.0":
            raise OSError("cannot open shared object file: " + name)
        return _load(name, flags)
    _cffi_backend.load_library = load_library
    def full_path(name):
        if name == "gobject-2.0":
            import glob
            return sorted(glob.glob("/usr/lib/*/libgobject-2.0.so.0") + glob.glob("/usr/lib*/libgobject-2.0.so.0")
                          + glob.glob("/lib/*/libgobject-2.0.so.0"))[0]
        return _search(name)
    ctypes.util.find_library = full_path
""")


def test_a_library_the_loader_cannot_open_by_soname_is_searched_for_as_before():
    import glob

    if not (glob.glob("/usr/lib/*/libgobject-2.0.so.0") + glob.glob("/usr/lib*/libgobject-2.0.so.0")
            + glob.glob("/lib/*/libgobject-2.0.so.0")):
        pytest.skip("libgobject-2.0.so.0 is not in /usr/lib or /lib here, so no search can find it by full path")
    fallback = _probe("with", REFUSE_SONAME)
    assert "gobject-2.0" in fallback["searches"]  # the real search ran
    assert "gobject" in fallback["opened"]
    assert fallback["printed"] == ""  # WeasyPrint's "could not import" banner was not shown
    assert fallback["opened"] == _probe("without")["opened"]


def test_install_is_idempotent_and_gone_once_weasyprint_is_imported():
    done = subprocess.run([sys.executable, "-c", textwrap.dedent("""
        import sys, resume_builder
        from resume_builder import native_libraries
        native_libraries.install()
        before = sum(finder is native_libraries._FINDER for finder in sys.meta_path)
        import weasyprint
        native_libraries.install()
        after = sum(finder is native_libraries._FINDER for finder in sys.meta_path)
        print(before, after, weasyprint.HTML.__name__)
    """)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", "0", "HTML"]

"""WeasyPrint's native libraries opened by their sonames, without a search per name.

WeasyPrint (``weasyprint/text/ffi.py``) opens GObject, Pango, HarfBuzz, fontconfig and
PangoFT2 by trying several names each (``libgobject-2.0-0``, ``gobject-2.0-0``,
``gobject-2.0``, ``libgobject-2.0.so.0``, …, for Linux, macOS and Windows alike) through
cffi's ``ffi.dlopen``. For a name the dynamic loader cannot open as written, cffi asks
``ctypes.util.find_library``, which on Linux runs ``ldconfig -p`` and, failing that, ``gcc``
and ``ld`` in subprocesses: 22 searches, about 0.4 s of a fresh process's 2 s render
(measured on the 2-core development machine; most of it in those subprocesses).

On Linux every one of those libraries also has its soname among the names WeasyPrint tries
(``libgobject-2.0.so.0``), which the dynamic loader opens directly; a search only ever
finds that same soname (``find_library`` returns sonames on Linux, which ``dlopen`` then
resolves the same way). So while WeasyPrint's package is first executed, in the importing
thread only, ``find_library`` answers "not found" at once, and each library is opened by its
soname. Should any library then fail to open (an unusual layout the loader cannot resolve by
soname), WeasyPrint is executed again with the real search, exactly as without this module.

:func:`install` is called when ``resume_builder`` is imported; it does nothing outside Linux.
"""

from __future__ import annotations

import contextlib
import importlib.abc
import importlib.machinery
import io
import sys
import threading
from types import ModuleType

_PACKAGE = "weasyprint"


class _SonameFirst(importlib.abc.MetaPathFinder):
    """Finds ``weasyprint`` the usual way and runs its ``__init__`` with searches turned off."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != _PACKAGE:
            return None
        _remove()  # once: a later import finds the module in sys.modules
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        spec.loader = _Loader(spec.loader)
        return spec


class _Loader(importlib.abc.Loader):
    def __init__(self, loader) -> None:
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        import ctypes.util

        search = ctypes.util.find_library
        importer = threading.get_ident()

        def soname_only(name: str):
            if threading.get_ident() != importer:
                return search(name)
            return None

        try:
            ctypes.util.find_library = soname_only
            try:
                with contextlib.redirect_stdout(io.StringIO()):  # WeasyPrint prints a banner before it fails
                    self._loader.exec_module(module)
                return
            except OSError:
                for name in [name for name in sys.modules if name.startswith(_PACKAGE + ".")]:
                    del sys.modules[name]
        finally:
            ctypes.util.find_library = search
        self._loader.exec_module(module)  # the search WeasyPrint does on its own

    def __getattr__(self, name: str):
        return getattr(self._loader, name)


_FINDER = _SonameFirst()


def _remove() -> None:
    with contextlib.suppress(ValueError):
        sys.meta_path.remove(_FINDER)


def install() -> None:
    """Open WeasyPrint's libraries by soname when it is first imported (Linux only; idempotent)."""
    if not sys.platform.startswith("linux") or _PACKAGE in sys.modules or _FINDER in sys.meta_path:
        return
    sys.meta_path.insert(0, _FINDER)

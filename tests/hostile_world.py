"""A folder layout for hostile-theme tests: themes, a profile folder and an 'outside' with a canary.

``make_world(tmp_path, port)`` copies ``tests/fixtures/hostile/themes`` into
``tmp_path/world/themes``, a profile into ``world/profile`` and writes ``world/outside``
holding ``canary.txt`` (a unique text) and ``canary.png`` (a real image). In the themes'
files ``@OUTSIDE@`` becomes the absolute path of ``outside`` and ``@PORT@`` the loopback
server's port; the symlinks in each ``links.txt`` are created.
"""

from __future__ import annotations

import io
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import FIXTURES

HOSTILE = FIXTURES / "hostile"
ONE_PAGE = FIXTURES / "profiles" / "one_page.yaml"


#: Formats each hostile theme is rendered to (default: PDF, HTML and DOCX).
THEME_FORMATS = {"page_size_png": ["png"], "docx_huge_size": ["docx"], "docx_control_font": ["docx"]}


def format_args(theme: str) -> list[str]:
    """``-f`` options for rendering the hostile theme ``theme``."""
    return [arg for fmt in THEME_FORMATS.get(theme, ["pdf", "html", "docx"]) for arg in ("-f", fmt)]


@dataclass
class World:
    root: Path
    themes: Path
    profile: Path  # the profile file, alone in its folder
    outside: Path
    out: Path
    canary: str  # the canary's text: must never appear in any output

    def theme(self, name: str) -> Path:
        return self.themes / name


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (10, 200, 10)).save(buffer, format="PNG")
    return buffer.getvalue()


def make_world(tmp_path: Path, port: int = 9) -> World:
    root = tmp_path / "world"
    outside = root / "outside"
    outside.mkdir(parents=True)
    canary = f"CANARY-{uuid.uuid4().hex}"
    (outside / "canary.txt").write_text(canary + "\n", encoding="utf-8")
    (outside / "canary.png").write_bytes(_png())
    (outside / "etc").mkdir()
    (outside / "etc" / "passwd").write_text(canary + "\n", encoding="utf-8")
    (outside / "resume.html.j2").write_text(f"<p>{canary}</p>\n", encoding="utf-8")  # for templates -> outside
    themes = root / "themes"
    shutil.copytree(HOSTILE / "themes", themes)
    for path in sorted(themes.rglob("*")):
        if path.is_file() and path.suffix in (".toml", ".j2", ".svg", ".txt"):
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("@OUTSIDE@", str(outside)).replace("@PORT@", str(port)), encoding="utf-8")
    for links in sorted(themes.glob("*/links.txt")):
        for line in links.read_text(encoding="utf-8").splitlines():
            if "->" in line:
                link, target = (part.strip() for part in line.split("->"))
                path = links.parent / link
                path.parent.mkdir(parents=True, exist_ok=True)
                if path.exists() or path.is_symlink():
                    path.unlink() if not path.is_dir() or path.is_symlink() else shutil.rmtree(path)
                path.symlink_to(target)
    profile_folder = root / "profile"
    profile_folder.mkdir()
    profile = profile_folder / "cv.yaml"
    shutil.copy(ONE_PAGE, profile)
    out = root / "out"
    return World(root, themes, profile, outside, out, canary)

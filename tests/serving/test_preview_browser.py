"""The preview page in a real browser: Debian's chromium, headless, driven by Playwright.

Load the page, see the pages; edit the profile, see the update arrive; break it, see the
located error (the same lines the CLI prints) over the last good render; fix it. The
switches re-render and, with --job, the coverage panel shows the posting's terms. Waits
are for events in the page with generous timeouts, never for a clock. The second test
takes the README's screenshot (written to docs/images/preview.png with --update-golden).
Pages are opened with ``bypass_csp``: Playwright's waits evaluate script strings, which the
page's Content-Security-Policy forbids (tests/serving/test_server.py checks the policy).

Skipped, saying why, only when chromium or Playwright's Python package is absent; `make
test` installs both (Makefile TEST_SYSTEM_PACKAGES, the dev extra).
"""

from __future__ import annotations

import os

import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, FIXTURES, REPO
from tests.serving.server_process import running_server

ONE_PAGE = FIXTURES / "profiles" / "one_page.yaml"
POSTING = FIXTURES / "postings" / "sre-en.md"
SCREENSHOT = REPO / "docs" / "images" / "preview.png"
WAIT_MS = 120_000  # generous: a render on a loaded 2-core machine; the wait ends at the event


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.fixture(scope="module")
def browser():
    """One headless chromium for this file's tests, closed after them rather than at the
    session's end: idle, its processes would stay alive beside the rest of the run."""
    executable = _chromium()
    if executable is None:
        pytest.skip("Debian's chromium is not installed (make test installs it: apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright's Python package is not installed "
                                                                 "(pip install -e '.[dev]')")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def _save(path: Path, text: str) -> None:
    """Save as an editor does, whole at once (a temporary file renamed over the profile): a
    plain write_text is a truncation and then a write, and on a loaded machine the server
    rendered the empty or half-written file in between, one render more than the test waited
    for (a fresh clone's run under two ``yes``)."""
    temporary = path.with_name(path.name + ".saving")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _rendered(page, previous: str = "0") -> str:
    """Wait until a good render other than ``previous`` is on the page; its number."""
    page.wait_for_function(f"document.body.dataset.render !== {previous!r}", timeout=WAIT_MS)
    return page.evaluate("document.body.dataset.render")


def _pages_shown(page) -> int:
    """How many page images are on the page, each decoded with a real size."""
    return page.evaluate("Array.from(document.querySelectorAll('#pages img'))"
                         ".filter(img => img.complete && img.naturalWidth > 300).length")


def _cli_error_lines(profile: Path, cwd: Path) -> list[str]:
    """What `resume-builder render` prints for the broken profile (in-process, --no-server)."""
    import os
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "resume_builder", "render", profile.name, "--no-server",
                           "--out-dir", "cli-out"], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 2, done.stderr
    return [line for line in done.stderr.splitlines() if line.strip()]


def test_pages_update_on_save_and_errors_are_located(browser, tmp_path):
    profile = tmp_path / "one_page.yaml"
    text = ONE_PAGE.read_text(encoding="utf-8")
    profile.write_text(text, encoding="utf-8")
    with running_server(Path(profile.name), tmp_path) as address:
        page = browser.new_page(bypass_csp=True, viewport={"width": 1200, "height": 900})
        page.goto(address)
        first = _rendered(page)
        assert _pages_shown(page) == 1
        first_src = page.get_attribute("#pages img", "src")
        first_png = page.request.get(address.rstrip("/") + first_src).body()

        # an edit: a new render arrives by itself, with other pixels
        _save(profile, text.replace("Site Reliability Engineer", "Site Reliability Engineer and Writer", 1))
        second = _rendered(page, first)
        assert int(second) > int(first) and _pages_shown(page) == 1
        second_src = page.get_attribute("#pages img", "src")
        assert second_src != first_src
        assert page.request.get(address.rstrip("/") + second_src).body() != first_png

        # a mistake: the CLI's located message, with the last good render still beneath it
        broken = text.replace("start: 2021-03", "start: 2021-13", 1)
        _save(profile, broken)
        page.wait_for_selector("#error:not([hidden])", timeout=WAIT_MS)
        shown = page.inner_text("#error-lines").splitlines()
        line = broken.splitlines().index("    start: 2021-13") + 1
        assert any(f"one_page.yaml:{line}:" in entry and "2021-13" in entry for entry in shown), shown
        assert shown == _cli_error_lines(profile, tmp_path)
        assert page.evaluate("document.body.dataset.render") == second
        assert _pages_shown(page) == 1 and page.get_attribute("#pages img", "src") == second_src
        assert page.evaluate("document.body.dataset.state") == "error"

        # fixed again: the error goes, a new render comes
        _save(profile, text.replace("Site Reliability Engineer", "Reliability Engineer", 1))
        third = _rendered(page, second)
        page.wait_for_selector("#error", state="hidden", timeout=WAIT_MS)
        assert int(third) > int(second) and _pages_shown(page) == 1
        page.close()


def test_switches_coverage_panel_and_screenshot(browser, tmp_path, request):
    profile = tmp_path / "example.yaml"
    shutil.copy(EXAMPLE, profile)
    with running_server(Path(profile.name), tmp_path, "--job", str(POSTING)) as address:
        page = browser.new_page(bypass_csp=True, viewport={"width": 1400, "height": 1000})
        page.goto(address)
        first = _rendered(page)
        # --job: what the posting requires, what the résumé proves, what is missing
        page.wait_for_selector("#coverage:not([hidden])", timeout=WAIT_MS)
        required = page.locator("#coverage-required li").all_inner_texts()
        assert any(item.startswith("Kubernetes") for item in required), required
        assert "%" in page.inner_text("#coverage-summary")

        # a theme switch re-renders in that theme
        page.select_option("select[name=theme]", "modern")
        second = _rendered(page, first)
        page.wait_for_function("document.getElementById('status').textContent.includes('theme modern')",
                               timeout=WAIT_MS)
        # page size Letter: the page images get the Letter aspect ratio (8.5 x 11 in)
        page.select_option("select[name=page_size]", "Letter")
        _rendered(page, second)
        width, height = page.evaluate("[document.querySelector('#pages img').naturalWidth,"
                                      " document.querySelector('#pages img').naturalHeight]")
        assert abs(height / width - 11 / 8.5) < 0.01
        page.select_option("select[name=page_size]", "")
        page.wait_for_function("document.querySelector('#pages img').naturalHeight / "
                               "document.querySelector('#pages img').naturalWidth > 1.4", timeout=WAIT_MS)  # A4 again

        # PDF and DOCX are one click away
        pdf = page.request.get(address.rstrip("/") + page.get_attribute("#pdf", "href"))
        assert pdf.ok and pdf.body().startswith(b"%PDF-")
        docx = page.request.get(address.rstrip("/") + page.get_attribute("#docx", "href"))
        assert docx.ok and docx.body().startswith(b"PK")

        shot = tmp_path / "preview.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000
        if request.config.getoption("--update-golden"):
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(shot, SCREENSHOT)
        page.close()

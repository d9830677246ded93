"""The Swagger page in a real headless Chromium: it loads cleanly, lists every family, and
"Try it out" -> "Execute" on `GET /movies/` gets a 200 from the live server.

Uses Debian's chromium (Playwright drives it; no browser is downloaded). A screenshot of the
executed operation is saved to artifacts/swagger.png.
"""

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.clients.live_demo import demo_server
from tests.live import PROJECT_DIR
from views import FAMILIES

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT = PROJECT_DIR / "artifacts" / "swagger.png"
TIMEOUT_MS = 30_000  # only reached if the page or the server hangs


def chromium_path() -> str | None:
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


CHROMIUM = chromium_path()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no chromium binary (/usr/bin/chromium or on PATH): .ci/run installs it",
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with demo_server(tmp_path_factory.mktemp("swagger")) as demo:
        yield demo


@pytest.fixture
def page():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(TIMEOUT_MS)
            yield page
        finally:
            browser.close()


def open_swagger(page, url: str) -> list[str]:
    """Open the Swagger page; the list it returns fills with console errors as they come."""
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    page.goto(f"{url}/swagger/", wait_until="networkidle")
    expect(page.locator(".opblock-tag-section").first).to_be_visible()
    return errors


def test_swagger_page_loads_without_console_errors_and_lists_every_family(page, demo):
    errors = open_swagger(page, demo.server.url)

    tags = page.locator("h3.opblock-tag").evaluate_all("tags => tags.map(t => t.dataset.tag)")
    assert tags == [namespace.name for family in FAMILIES for namespace, _ in family.namespaces]
    assert errors == []


def test_try_it_out_on_the_movie_list_shows_a_200(page, demo):
    errors = open_swagger(page, demo.server.url)

    page.locator("#operations-tag-movies").click()
    operation = page.locator("#operations-movies-list_movies")
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()

    status = operation.locator(".live-responses-table tbody .response-col_status")
    expect(status).to_have_text("200")
    body = operation.locator(".live-responses-table tbody .response-col_description")
    expect(body).to_contain_text('"title"')
    SCREENSHOT.parent.mkdir(exist_ok=True)
    operation.screenshot(path=SCREENSHOT)  # the whole operation: request, curl, response
    assert SCREENSHOT.stat().st_size > 0
    assert errors == []

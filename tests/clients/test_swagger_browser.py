"""The Swagger page in a real headless Chromium: it loads cleanly, lists every family,
"Try it out" -> "Execute" on `GET /movies/` gets a 200 from the live server, and a person can
go register -> log in -> Authorize -> `GET /user/` -> add a favorite -> place an order with
the default bodies as the page shows them.

Uses Debian's chromium (Playwright drives it; no browser is downloaded). Screenshots of the
executed operations are saved to artifacts/ (swagger.png, and swagger-<step>.png).
"""

import json
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


def execute(page, tag: str, operation_id: str, screenshot: str, **path_values) -> tuple[str, dict]:
    """Open the operation, "Try it out" with its default body, fill in `path_values`, "Execute";
    the status shown and the body, and a screenshot of the operation."""
    section = page.locator(f"#operations-tag-{tag}")
    if section.get_attribute("data-is-open") != "true":
        section.click()
    operation = page.locator(f"#operations-{tag}-{operation_id}")
    operation.locator(".opblock-summary").first.click()
    operation.get_by_role("button", name="Try it out").click()
    for name, value in path_values.items():
        operation.locator(f'tr[data-param-name="{name}"] input').fill(value)
    operation.get_by_role("button", name="Execute").click()
    answer = operation.locator(".live-responses-table tbody tr.response").first
    expect(answer.locator(".response-col_status")).not_to_be_empty()
    status = answer.locator(".response-col_status").inner_text().strip()
    text = answer.locator(".response-col_description pre").first.inner_text()
    operation.screenshot(path=SCREENSHOT.with_name(f"swagger-{screenshot}.png"))
    return status, json.loads(text) if text.strip() not in ("", "null") else None


def authorize(page, credential: str) -> None:
    page.locator(".auth-wrapper .authorize").click()
    dialog = page.locator(".modal-ux")
    dialog.locator("input").fill(credential)
    dialog.locator("button.modal-btn.authorize").click()
    dialog.locator("button.modal-btn.btn-done").click()


def test_a_person_signs_up_and_orders_with_the_default_bodies(page, demo):
    errors = open_swagger(page, demo.server.url)
    SCREENSHOT.parent.mkdir(exist_ok=True)

    assert execute(page, "auth", "post_register", "1-register")[0] == "201"
    status, tokens = execute(page, "auth", "post_login", "2-login")
    assert status == "200"
    authorize(page, f"Bearer {tokens['access_token']}")
    status, profile = execute(page, "user", "get_profile", "3-user")
    assert (status, profile["email"]) == ("200", "ann@example.com")
    status, _ = execute(page, "favorites", "post_favorite_item", "4-favorite", movie_id="1")
    assert status == "200"
    status, order = execute(page, "orders", "post_order_placement", "5-order")
    assert (status, order["user"]) == ("201", profile["id"])
    assert errors == []

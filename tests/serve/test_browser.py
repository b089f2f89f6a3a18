"""The web UI in headless Chromium (Debian's `chromium`, driven by Playwright) against a real
`tidings serve` on loopback. Screenshots go to docs/screenshots/ for the README.

Skipped with a message when chromium is not installed; `.ci/run` installs it with apt.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.serve.conftest import serving

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.slow,  # a browser and a server in other processes: `make test`, not `make test-fast`
    pytest.mark.skipif(
        CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium; .ci/run does this)"
    ),
]
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed (make setup)"
)


@pytest.fixture(scope="module")
def server(served_db: Path) -> Iterator[str]:
    with serving(served_db) as url:
        yield url


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Any]:
    # Playwright gives the browser a new empty profile (its --user-data-dir) at every launch
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        yield page
        browser.close()
        assert not errors, errors


def test_events_list_filters(page: Any) -> None:
    page.goto("/")
    assert page.locator("#total b").inner_text() == "35"
    assert page.locator("table.events tbody tr").count() == 35
    page.screenshot(path=SHOTS / "events.png")
    page.select_option("select[name=type]", "SANCTION")
    page.click("form.filters button")
    page.wait_for_url("**type=SANCTION**")
    rows = page.locator("table.events tbody tr")
    assert rows.count() == int(page.locator("#total b").inner_text()) > 0
    assert set(rows.evaluate_all("rows => rows.map(r => r.dataset.type)")) == {"SANCTION"}
    page.click("#sort-date")
    page.wait_for_url("**sort=date_asc**")
    dates = [d for d in page.locator("td.date").all_inner_texts() if d != "–"]
    assert dates == sorted(dates)


def test_event_page_highlights_the_evidence(page: Any) -> None:
    page.goto("/?q=releasing&type=RETREAT")
    page.click("table.events a.type")
    page.wait_for_url("**/events/ev_*")
    text = page.locator("#article-text")
    assert text.locator(".m-trigger").inner_text() == "releasing"
    assert "Alexander Lukashenko" in " ".join(text.locator(".m-actor").all_inner_texts())
    assert text.locator(".m-size").inner_text() == "123 foreign nationals"
    evidence = "".join(text.locator(".m-evidence").all_inner_texts())
    assert evidence.startswith(
        "Belarusian President Alexander Lukashenko has enacted a sweeping pardon, releasing"
    )
    background = text.locator(".m-evidence").first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert "BelTA" in page.locator("#attribution").inner_text()
    assert page.locator("#certainty").inner_text() == "reported"
    assert "total_checked" in page.locator("#flags").inner_text()
    assert "in exchange for" in page.locator("#linked").inner_text()
    assert page.locator("#reports li").count() >= 1
    page.screenshot(path=SHOTS / "event.png", full_page=True)


def test_actor_page(page: Any) -> None:
    page.goto("/actors?q=european")
    page.click("table.events a >> nth=0")
    page.wait_for_url("**/actors/Q458")
    assert page.locator("#timeline-actor rect").count() >= 1
    assert page.locator("#counterparts tbody tr").count() >= 1
    page.screenshot(path=SHOTS / "actor.png", full_page=True)


def test_network_renders(page: Any) -> None:
    page.goto("/network")
    page.wait_for_selector("#network[data-rendered]")
    assert (
        page.locator("#network path.edge").count()
        == int(page.get_attribute("#network", "data-rendered") or 0)
        > 0
    )
    assert page.locator("#network path.edge.coop").count() > 0
    assert page.locator("#network path.edge.conf").count() > 0
    assert page.locator("#network g.node[data-country=VEN]").count() == 1
    page.screenshot(path=SHOTS / "network.png")


def test_map_renders_offline(page: Any) -> None:
    page.goto("/map")
    page.wait_for_selector("#map[data-rendered]")
    assert page.locator("#map path.land").count() > 150  # countries of the world outline
    assert page.locator("#map circle[data-place=Nairobi]").count() == 1
    page.screenshot(path=SHOTS / "map.png")


HOSTILE_TITLE = "<script>alert('title')</script>Kenya <b>protest</b>"
HOSTILE_TEXT = " <script>alert('body')</script><img src=x onerror=alert('img')>"
HOSTILE_NAME = "<img src=x onerror=alert('name')>"


@pytest.fixture(scope="module")
def hostile_server(served_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The store with hostile text where a news feed could put it (a title, the body, a URL, an actor's
    name), and an event marked negated."""
    from tidings.store.derived import copy_derived
    from tidings.store.schema import open_store

    db = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    shutil.copy(served_db, db)
    with open_store(db) as con:
        kenya = "SELECT article_id FROM events WHERE evidence_sentence ILIKE '%stormed%'"
        con.execute(
            f"UPDATE articles SET title = ?, url = 'javascript:alert(document.domain)', text = text || ?"
            f" WHERE id IN ({kenya})",
            [HOSTILE_TITLE, HOSTILE_TEXT],
        )
        con.execute(
            f"UPDATE actors SET name = ? WHERE role = 'actor' AND event_id IN (SELECT id FROM events"
            f" WHERE article_id IN ({kenya}))",
            [HOSTILE_NAME],
        )
        con.execute("UPDATE events SET certainty = 'negated' WHERE evidence_sentence ILIKE '%tear gas%'")
        copy_derived(con)  # the records and copies of the rows changed
    with serving(db) as url:
        yield url


def test_hostile_text_is_shown_as_text(page: Any, hostile_server: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_server + "/?q=stormed")
    assert HOSTILE_NAME in page.locator("table.events").inner_text()
    page.click("table.events a.type")
    page.wait_for_url("**/events/ev_*")
    reports = page.locator("#reports")
    assert HOSTILE_TITLE in reports.inner_text()  # the title as text, tags and all
    assert reports.locator("a[href^='javascript']").count() == 0
    assert reports.locator("b, script").count() == 0
    assert HOSTILE_TEXT.strip() in page.locator("#article-text").inner_text()
    assert page.locator("main img, main script").count() == 0
    assert HOSTILE_NAME in page.locator("dl.facts").inner_text()
    for path in ("/actors?q=protesters", "/network", "/map"):
        page.goto(hostile_server + path)
        assert page.locator("main img, main script").count() == 0
    assert dialogs == []


def test_certainty_control(page: Any, hostile_server: str) -> None:
    page.goto(hostile_server + "/")
    shown = int(page.locator("#total b").inner_text())
    assert "negated" not in page.locator("table.events").inner_text()
    page.select_option("select[name=certainty]", "all")
    page.click("form.filters button")
    page.wait_for_url("**certainty=all**")
    every = int(page.locator("#total b").inner_text())
    assert every > shown and "negated" in page.locator("table.events td").all_inner_texts()
    page.select_option("select[name=certainty]", "negated")
    page.click("form.filters button")
    page.wait_for_url("**certainty=negated**")
    assert page.locator("table.events tbody tr").count() == every - shown


def test_api_docs_render_offline(page: Any, server: str) -> None:
    """Swagger UI from the package: it renders the API's operations, loads nothing from another site
    and breaks no rule of the Content-Security-Policy (a violation is a console error: see `page`)."""
    elsewhere: list[str] = []
    page.on(
        "request", lambda request: None if request.url.startswith(server) else elsewhere.append(request.url)
    )
    page.goto("/api/v1/docs")
    page.wait_for_selector(".swagger-ui .opblock-summary-path")
    assert "/api/v1/events" in page.locator(".swagger-ui").inner_text()
    page.screenshot(path=SHOTS / "api-docs.png")
    assert [url for url in elsewhere if not url.startswith("data:")] == []


@pytest.mark.slow
def test_story_timeline_and_record_reports(page: Any) -> None:
    page.goto("/stories")
    rows = page.locator("#stories tbody tr")
    assert rows.count() == 13  # thirteen texts, each in a story of its own (one read under two ids)
    page.locator("#stories a", has_text="pardon").first.click()
    page.wait_for_url("**/stories/st_*")
    timeline = page.locator("#timeline li")
    assert timeline.count() >= 3
    page.screenshot(path=SHOTS / "story.png", full_page=True)
    page.locator("#timeline a", has_text="RETREAT").first.click()
    page.wait_for_url("**/records/rec_*")
    assert page.locator("#record-reports tbody tr").count() >= 1
    assert "released" in page.locator("#values").inner_text()
    page.screenshot(path=SHOTS / "record.png", full_page=True)
    page.locator("#record-reports a[href^='/events/']").first.click()
    page.wait_for_url("**/events/ev_*")
    assert page.locator("#record-link a").first.get_attribute("href", timeout=5000).startswith("/records/")

"""End to end in Chromium: pages, keyboard autocomplete, the story form, axe-core, both widths."""

import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import api_page, screenshot

PAGES = {
    "home": "/",
    "careers": "/careers/",
    "role": "/careers/recording-engineer-mixer/",
    "skill": "/careers/skills/mixing/",
    "alumni": "/alumni/",
    "interview": "/alumni/miles-walker/",
    "search": "/search/?q=mixing",
    "story-form": "/alumni/share-your-story/",
    "explore": "/careers/explore/?skills=mixing&skills=acoustics",
    "paths": "/careers/paths/",
    "compare": "/careers/compare/?roles=producer&roles=sound-designer",
}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
axe = Axe()


@pytest.mark.parametrize("name", list(PAGES))
def test_page_is_accessible_and_fits_the_screen(page, server_url, name):
    response = page.goto(server_url + PAGES[name])
    assert response.status == 200
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in serious)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {page.width}px"
    assert page.locator("main").count() == 1 and page.locator("h1").count() == 1
    screenshot(page, name)


def test_keyboard_reaches_the_content_with_a_visible_focus_ring(page, server_url):
    page.goto(server_url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to main content"
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")


def test_search_with_autocomplete_by_keyboard(page, server_url):
    page.goto(server_url + "/")
    box = page.locator("#site-search")
    box.focus()
    page.keyboard.type("mas")
    option = page.locator("#site-search-listbox [role=option][data-url='/careers/mastering-engineer/']")
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    for _ in range(page.locator("#site-search-listbox [role=option]").count()):
        page.keyboard.press("ArrowDown")
        if option.get_attribute("aria-selected") == "true":
            break
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/careers/mastering-engineer/")
    screenshot(page, "autocomplete-result")


def test_search_works_without_javascript(browser, server_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server_url + "/")
    page.fill("#site-search", "remastring")
    page.press("#site-search", "Enter")
    page.wait_for_load_state()
    assert page.locator("main .did-you-mean a").count() == 1  # the corrected words, as a link
    assert page.locator("main a[href='/careers/digital-remastering-engineer/']").count() >= 1
    context.close()


def test_open_a_role_from_the_careers_index(page, server_url):
    page.goto(server_url + "/careers/")
    page.click("main a[href='/careers/sound-designer/']")
    assert page.locator("h1").inner_text() == api_page(server_url, "careers.RolePage", "sound-designer")["title"]


def test_submit_the_story_form(page, server_url):
    page.goto(server_url + "/alumni/share-your-story/")
    page.click(".story-form button[type=submit]")
    assert "Please correct" in page.inner_text(".error-summary")
    name = f"Browser Tester {uuid.uuid4().hex[:6]}"
    page.fill("#id_name", name)
    page.fill("#id_email", "tester@example.com")
    page.fill("#id_class_year", "2019")
    page.fill("#id_major", "Music Production and Engineering")
    page.fill("#id_job_title", "Assistant Engineer")
    page.select_option("#id_history_0_role", index=1)
    page.fill("#id_history_0_start_year", "2019")
    page.check("#id_history_0_current")
    page.fill("#id_how_started", "I assisted on weekend sessions.")
    page.fill("#id_typical_day", "Setting up microphones.")
    page.fill("#id_advice", "Be early.")
    page.check("#id_consent")
    page.click(".story-form button[type=submit]")
    page.wait_for_url("**/share-your-story/thanks/")
    assert "Thank you" in page.locator("h1").inner_text()
    page.goto(server_url + "/alumni/")
    assert name not in page.inner_text("main")

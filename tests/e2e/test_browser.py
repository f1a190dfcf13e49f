"""End to end in Chromium: pages, keyboard autocomplete, the story form, axe-core, both widths."""

import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import api_page, screenshot

PAGES = {
    "home": "/",
    "careers": "/careers/",
    "role": "/careers/recording-engineer-mixer/",
    "role-pay": "/careers/recording-engineer-mixer/pay/",
    "skills": "/careers/skills/",
    "skill": "/careers/skills/mixing/",
    "alumni": "/alumni/",
    "interview": "/alumni/miles-walker/",
    "search": "/search/?q=mixing",
    "story-form": "/alumni/share-your-story/",
    "explore": "/careers/explore/?skills=mixing&skills=acoustics",
    "paths": "/careers/paths/",
    "compare": "/careers/compare/?roles=producer&roles=sound-designer",
    "privacy": "/privacy/",
    "not-found": "/no-such-page/",
}
STATUS = {"not-found": 404}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE_HEADER_MAX = 120  # px at 375 px wide
axe = Axe()


def axe_violations(page):
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response["violations"]
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} ({len(v['nodes'])} nodes)" for v in violations)


@pytest.mark.parametrize("name", list(PAGES))
def test_page_is_accessible_and_fits_the_screen(themed_page, server_url, name):
    """Every page type at 375 and 1280 px, light and dark: no axe-core violation at all, no sideways
    scroll, one <main> and one <h1>, a phone header of at most 120 px; a screenshot of each."""
    page = themed_page
    response = page.goto(server_url + PAGES[name])
    assert response.status == STATUS.get(name, 200)
    violations = axe_violations(page)
    assert not violations, violations
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {page.width}px"
    assert page.locator("main").count() == 1 and page.locator("h1").count() == 1
    if page.width == 375:
        header = page.locator(".site-header").bounding_box()["height"]
        assert header <= PHONE_HEADER_MAX, f"{name}: the header is {header}px tall on a phone"
    screenshot(page, name)


def test_phone_menu_opens_without_javascript(browser, server_url):
    context = browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(server_url + "/careers/")
    careers_link = page.locator(".site-nav a[href='/alumni/']")
    assert not careers_link.is_visible()
    name = page.locator(".site-name")
    assert name.bounding_box()["height"] < 50  # the name on one line
    page.click(".site-nav summary")
    assert careers_link.is_visible()
    careers_link.click()
    page.wait_for_url("**/alumni/")
    context.close()


def test_wide_screens_show_the_navigation_without_a_button(page, server_url):
    page.goto(server_url + "/careers/")
    if page.width == 1280:
        assert page.locator(".site-nav a[href='/alumni/']").is_visible()
        assert not page.locator(".site-nav summary").is_visible()


def test_search_placeholder_fits_its_box_on_a_phone(browser, server_url):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(server_url + "/careers/")
    fits = page.evaluate(
        """() => {
            const box = document.getElementById("site-search");
            const probe = document.createElement("span");
            const style = getComputedStyle(box);
            probe.textContent = box.placeholder;
            probe.style.font = style.font;
            probe.style.position = "absolute";
            probe.style.whiteSpace = "nowrap";
            document.body.append(probe);
            const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
            return probe.getBoundingClientRect().width <= room;
        }"""
    )
    assert fits
    context.close()


def test_the_footer_sits_at_the_bottom_of_a_short_page(page, server_url):
    page.goto(server_url + "/alumni/share-your-story/thanks/")
    bottom = page.locator(".site-footer").bounding_box()
    height = page.evaluate("window.innerHeight")
    assert bottom["y"] + bottom["height"] >= height - 1


def test_the_compare_table_scrolls_in_its_own_box_on_a_phone(browser, server_url):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(server_url + PAGES["compare"])
    region = page.locator(".table-scroll")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.locator(".scroll-cue").is_visible()
    context.close()


def test_a_role_prints_without_navigation_and_with_its_address(browser, server_url):
    context = browser.new_context(viewport={"width": 800, "height": 1000})
    page = context.new_page()
    page.goto(server_url + PAGES["role"])
    page.emulate_media(media="print")
    for clutter in [".site-header", ".site-footer", ".breadcrumb", ".compare-links"]:
        assert not page.locator(clutter).first.is_visible(), clutter
    assert page.locator("h1").is_visible() and page.locator(".print-only").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    context.close()


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
    assert "Check your e-mail" in page.locator("h1").inner_text()
    page.goto(server_url + "/alumni/")
    assert name not in page.inner_text("main")

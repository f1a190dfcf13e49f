"""The editor's live preview in Chromium: typed changes show in the panel beside the editor and in a
new tab, though public pages refuse to be framed."""

import pytest
from playwright.sync_api import expect

from .conftest import api_page, screenshot

PASSWORD = "a-long-e2e-password-42"


@pytest.fixture(scope="module")
def editor(manage, server_url):
    manage("create_staff", "preview-editor", "Career editors", DJANGO_STAFF_PASSWORD=PASSWORD)
    return "preview-editor"


def test_the_preview_panel_and_a_new_tab_show_what_the_editor_types(browser, server_url, editor):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_init_script("document.addEventListener('w-unsaved:watch-edits', () => { window.formWatched = true })")
    page = context.new_page()
    page.width = 1400
    page.goto(server_url + "/admin/login/")
    page.fill("#id_username", editor)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    role = api_page(server_url, "careers.RolePage", "sound-designer")
    page.goto(f"{server_url}/admin/pages/{role['id']}/edit/")

    page.click("[data-side-panel-toggle='preview']")
    page.locator("#id_title").press("End")
    frame = page.frame_locator("#w-preview-iframe")
    expect(frame.locator("h1")).to_have_text(role["title"], timeout=15_000)

    # Wagtail notes the form's first state two seconds after it loads, then watches it for edits.
    page.wait_for_function("window.formWatched === true")
    page.locator("#id_title").press_sequentially(", as typed", delay=20)
    expect(frame.locator("h1")).to_have_text(f"{role['title']}, as typed", timeout=30_000)  # a busy machine
    screenshot(page, "admin-preview-panel")

    with context.expect_page() as new_tab:
        page.click("[data-w-preview-target='newTab']")
    tab = new_tab.value
    tab.wait_for_load_state()
    expect(tab.locator("h1")).to_have_text(f"{role['title']}, as typed")

    # Nothing was saved: the public page is unchanged, and it still refuses to be framed.
    public = context.new_page()
    response = public.goto(server_url + "/careers/sound-designer/")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    expect(public.locator("h1")).to_have_text(role["title"])
    context.close()

"""The editor's preview: shown in the admin's own preview panel and in a new tab, while public pages
still refuse to be framed; and never answered from, or kept in, the anonymous page cache."""

from careers.models import RolePage

from .test_admin_editing import _edit_form

ROLE_URL = "/careers/sound-designer/"


def frame_ancestors(response):
    policy = response["Content-Security-Policy"]
    return next(part.strip() for part in policy.split(";") if part.strip().startswith("frame-ancestors"))


def test_the_preview_may_be_framed_by_the_admin_and_public_pages_by_nobody(staff_client, client):
    role = RolePage.objects.get(slug="sound-designer")
    preview_url = f"/admin/pages/{role.pk}/edit/preview/"
    assert staff_client.post(preview_url, _edit_form(role, title="Sound Designer, previewed")).json()["is_valid"]

    for query in ("?in_preview_panel=true", ""):  # the panel beside the editor, and "Preview in new tab"
        preview = staff_client.get(preview_url + query)
        assert preview.status_code == 200
        assert "Sound Designer, previewed" in preview.content.decode()
        assert frame_ancestors(preview) == "frame-ancestors 'self'"
        assert preview["X-Frame-Options"] == "SAMEORIGIN"
        assert "script-src 'self'" in preview["Content-Security-Policy"]  # the rest of the policy holds

    for visitor in (client, staff_client):
        public = visitor.get(ROLE_URL)
        assert frame_ancestors(public) == "frame-ancestors 'none'"
        assert public["X-Frame-Options"] == "DENY"
        assert "Sound Designer, previewed" not in public.content.decode()


def test_the_page_cache_never_answers_a_preview_nor_keeps_one(client, settings):
    settings.CACHE_MIDDLEWARE_SECONDS = 600
    assert "Sound Designer, previewed" not in client.get(ROLE_URL).content.decode()  # now in the page cache
    role = RolePage.objects.get(slug="sound-designer")
    role.title = "Sound Designer, previewed"
    # A preview made without the editor's request carries no session cookie, like a visitor's request.
    preview = role.make_preview_request()
    assert "Sound Designer, previewed" in preview.content.decode()
    assert "Sound Designer, previewed" not in client.get(ROLE_URL).content.decode()

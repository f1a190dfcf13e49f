"""What the WSGI entry point loads (``portal/preload.py``) before the first request: the site's own
templates, all of them and only them, without reading the database."""

from pathlib import Path

from django.conf import settings

from portal import preload


def test_the_sites_own_templates_are_the_ones_loaded_before_requests():
    names = set(preload.site_templates())
    on_disk = {
        path.relative_to(settings.BASE_DIR / "templates").as_posix()
        for path in (settings.BASE_DIR / "templates").rglob("*.html")
    }
    assert on_disk <= names
    assert "careers/role_page.html" in names
    assert not any(
        name.startswith(("wagtailadmin/", "admin/")) and not Path(settings.BASE_DIR, "templates", name).exists()
        for name in names
    )


def test_loading_before_requests_reads_no_database(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        preload.load_before_requests()

"""What the WSGI entry point loads before the first request (``portal/wsgi.py``): the site's own
templates, all of them and only them, without reading the database."""

from pathlib import Path

from django.conf import settings

from portal import wsgi


def test_the_sites_own_templates_are_the_ones_loaded_before_requests():
    names = set(wsgi.site_templates())
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
        wsgi.load_before_requests()

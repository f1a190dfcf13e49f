"""Routing below the home, careers and alumni index pages reads each child typed in one query, with
whether a view restriction applies to it (``portal/page_routing.py``): a restriction on the page or on
any page above it still keeps visitors out, and leaves its neighbours alone."""

from wagtail.models import PageViewRestriction

from alumni.models import AlumniIndexPage
from careers.models import CareersIndexPage, RolePage


def restrict(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def test_a_private_page_or_section_asks_visitors_to_log_in_and_its_neighbours_do_not(client):
    restrict(RolePage.objects.get(slug="sound-designer"))
    assert client.get("/careers/sound-designer/").status_code == 302
    assert client.get("/careers/producer/").status_code == 200

    restrict(AlumniIndexPage.objects.get())
    assert client.get("/alumni/").status_code == 302
    assert client.get("/alumni/miles-walker/").status_code == 302

    restrict(CareersIndexPage.objects.get())
    assert client.get("/careers/producer/").status_code == 302
    assert client.get("/careers/skills/").status_code == 302
    assert client.get("/").status_code == 200


def test_a_missing_child_or_route_is_the_sites_404(client):
    assert client.get("/careers/no-such-role/").status_code == 404
    assert client.get("/careers/sound-designer/extra/").status_code == 404
    assert client.get("/no-such-section/").status_code == 404


def test_a_renamed_page_is_served_at_its_new_address_only(client):
    role = RolePage.objects.get(slug="sound-designer")
    role.slug = "sound-designer-for-games"
    role.save_revision().publish()
    assert client.get("/careers/sound-designer-for-games/").status_code == 200
    assert client.get("/careers/sound-designer/").status_code == 404


def test_a_page_whose_section_was_renamed_is_served_under_the_new_section_address(client):
    careers = CareersIndexPage.objects.get()
    careers.slug = "jobs"
    careers.save_revision().publish()
    assert client.get("/jobs/producer/").status_code == 200
    assert client.get("/careers/producer/").status_code == 404


def test_an_alias_of_a_private_page_is_private_too(client):
    source = RolePage.objects.get(slug="sound-designer")
    source.create_alias(update_slug="sound-designer-copy")
    assert client.get("/careers/sound-designer-copy/").status_code == 200
    restrict(source)
    assert client.get("/careers/sound-designer-copy/").status_code == 302
    assert client.get("/careers/producer/").status_code == 200

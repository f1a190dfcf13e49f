from pathlib import Path

import yaml

from django.core.management import call_command

from wagtail.models import Page, Revision

from careers.models import RolePage
from home.models import HomePage

CONTENT = Path(__file__).resolve().parents[1] / "home" / "content" / "portal.yaml"


def _snapshot():
    return Page.objects.count(), Revision.objects.count(), RolePage.objects.filter(tags__isnull=False).count()


def test_the_site_tree_is_built_from_the_content_file(client):
    content = yaml.safe_load(CONTENT.read_text(encoding="utf-8"))
    home = HomePage.objects.get()
    assert home.get_site().is_default_site
    assert (home.title, home.intro) == (content["home"]["title"], content["home"]["intro"])
    careers = home.get_children().get(slug="careers")
    assert careers.specific_class.__name__ == "CareersIndexPage"
    live_roles = RolePage.objects.child_of(careers).live()
    assert sorted(live_roles.values_list("slug", flat=True)) == sorted(role["slug"] for role in content["roles"])
    assert client.get("/careers/").status_code == 200


def test_a_second_load_creates_nothing_twice():
    before = _snapshot()
    call_command("load_portal_content", verbosity=0)
    assert _snapshot() == before


def test_an_editors_change_survives_a_reload_and_reset_restores_the_file():
    role = RolePage.objects.get(slug="sound-designer")
    role.summary = "Edited by an editor in the admin."
    role.tags.set(["Sound Design", "Field Recording", "Foley"])
    role.save_revision().publish()

    call_command("load_portal_content", verbosity=0)
    role = RolePage.objects.get(slug="sound-designer")
    assert role.summary == "Edited by an editor in the admin."
    assert {tag.name for tag in role.tags.all()} == {"Sound Design", "Field Recording", "Foley"}

    call_command("load_portal_content", "--reset", verbosity=0)
    role = RolePage.objects.get(slug="sound-designer")
    assert role.summary != "Edited by an editor in the admin."
    assert "Foley" not in {tag.name for tag in role.tags.all()}
    assert RolePage.objects.filter(slug="sound-designer").count() == 1


def test_every_role_has_at_least_three_skills_and_a_one_sentence_summary():
    for role in RolePage.objects.all():
        assert role.tags.count() >= 3, role.title
        assert role.summary.count(". ") == 0 and role.summary.endswith("."), role.title


def test_seed_career_paths_are_loaded():
    def leads_to(slug):
        return [link.destination.slug for link in RolePage.objects.get(slug=slug).path_links.all()]

    assert "recording-engineer-mixer" in leads_to("assistant-engineer")
    assert "producer" in leads_to("recording-engineer-mixer")
    assert "producer" in leads_to("production-assistant")
    assert "assistant-engineer" in leads_to("recording-studio-setup-worker")
    assert "live-sound-engineer" in leads_to("sound-technician")


def test_role_page_shows_paths_in_both_directions(client):
    html = client.get("/careers/recording-engineer-mixer/").content.decode()
    assert "How people get here" in html and 'href="/careers/assistant-engineer/"' in html
    assert "Where this role leads" in html and 'href="/careers/producer/"' in html

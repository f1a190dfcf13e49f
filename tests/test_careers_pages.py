from pathlib import Path

import pytest
import yaml

from django.test import Client
from django.utils.html import escape

from careers.factories import RolePageFactory
from careers.models import RolePage

CONTENT = Path(__file__).resolve().parents[1] / "home" / "content" / "portal.yaml"
SHIPPED_ROLES = yaml.safe_load(CONTENT.read_text(encoding="utf-8"))["roles"]


def test_every_role_in_the_content_file_is_a_live_role(careers_index):
    titles = set(RolePage.objects.live().child_of(careers_index).values_list("title", flat=True))
    assert titles == {role["title"] for role in SHIPPED_ROLES}


@pytest.mark.parametrize("slug", [role["slug"] for role in SHIPPED_ROLES])
def test_each_role_page_renders_with_its_profile(client: Client, slug):
    role = RolePage.objects.get(slug=slug)
    response = client.get(role.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{escape(role.title)}</h1>" in html
    assert escape(role.summary) in html
    assert html.count("<main") == 1
    assert f'<meta name="description" content="{escape(role.summary)}"' in html
    skills = list(role.tags.all())
    assert len(skills) >= 3
    for skill in skills:
        assert f'href="/careers/skills/{skill.slug}/"' in html


def test_home_page_says_what_the_portal_is_and_offers_search(client, home):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="search"' in html and 'name="q"' in html
    assert escape(home.intro) in html
    featured = home.live_featured_roles()
    assert featured and all(f'href="{role.url}"' in html for role in featured)
    assert 'class="skip-link"' in html


def test_careers_index_groups_every_role_by_sector(client):
    response = client.get("/careers/")
    html = response.content.decode()
    for heading in ["In the studio", "Live sound and venues", "Film, games and media", "Business, design and support"]:
        assert heading in html
    for role in RolePage.objects.live():
        assert f'href="{role.url}"' in html


def test_skill_list_shows_each_skill_with_its_role_count(client, shared_skill, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get("/careers/skills/")
    html = response.content.decode()
    roles = RolePage.objects.live().filter(tags=shared_skill).count()
    assert roles >= 2
    link = f'href="/careers/skills/{shared_skill.slug}/">{escape(shared_skill.name)}</a>'
    assert f'{link} <span class="count">{roles} roles' in html


def test_skill_page_lists_the_roles_with_that_skill(client, shared_skill):
    html = client.get(f"/careers/skills/{shared_skill.slug}/").content.decode()
    for role in RolePage.objects.live().filter(tags=shared_skill):
        assert f'href="{role.url}"' in html
    without = RolePage.objects.live().exclude(tags=shared_skill).first()
    assert f'href="{without.url}"' not in html


def test_unknown_skill_is_a_friendly_404(client):
    response = client.get("/careers/skills/underwater-basket-weaving/")
    assert response.status_code == 404
    assert "find that page" in response.content.decode()


def test_unpublished_role_leaves_listings(client):
    role = RolePage.objects.get(slug="programmer")
    role.unpublish()
    assert 'href="/careers/programmer/"' not in client.get("/careers/").content.decode()
    assert client.get("/careers/programmer/").status_code == 404


def _count_queries(client, url, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url", ["/", "/careers/", "/careers/recording-engineer-mixer/", "/careers/skills/", "/careers/skills/{skill}/"]
)
def test_query_count_does_not_grow_with_the_number_of_roles(
    client, careers_index, shared_skill, url, django_assert_max_num_queries
):
    url = url.format(skill=shared_skill.slug)
    client.get(url)  # warm the site-root cache the same way for both measurements
    with_23 = _count_queries(client, url, django_assert_max_num_queries)
    for _ in range(100 - RolePage.objects.count()):
        RolePageFactory(parent=careers_index, skills=[shared_skill.name, "Recording", "Acoustics"])
    assert RolePage.objects.live().count() == 100
    with django_assert_max_num_queries(with_23):
        assert client.get(url).status_code == 200


def test_a_large_sector_is_trimmed_on_the_index_and_listed_in_full_on_its_own_page(client, careers_index):
    for _ in range(30):
        RolePageFactory(parent=careers_index, skills=["Mixing", "Recording", "Acoustics"])
    studio = RolePage.objects.live().filter(sector="studio").count()
    index = client.get("/careers/").content.decode()
    assert f'href="?sector=studio">All {studio} roles: in the studio</a>' in index
    assert index.split('id="studio"')[1].split("</section>")[0].count('class="card"') == 24
    first = client.get("/careers/", {"sector": "studio"}).content.decode()
    assert f'In the studio <span class="count">({studio})</span>' in first
    assert first.count('class="card"') == min(studio, 48)
    assert client.get("/careers/", {"sector": "studio", "page": "abc"}).status_code == 200
    assert client.get("/careers/", {"sector": "nonsense"}).status_code == 200

import pytest

from django.test import Client
from django.utils.html import escape

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from careers.factories import RolePageFactory
from careers.models import CareersIndexPage, RolePage
from portal.models import HomePage

SEED_TITLES = [
    "Producer",
    "Recording Engineer/Mixer",
    "Assistant Engineer",
    "Production Assistant",
    "Studio Manager/Owner",
    "Sound Technician",
    "Acoustic Consultant",
    "Audio Engineer for Videos",
    "Digital Remastering Engineer",
    "Live Sound Engineer",
    "Recording Equipment Manufacturer's Rep/Customer Service",
    "Mastering Engineer (Post-Production Engineer)",
    "Interactive and Mixed Media Specialist",
    "Rerecording Mixer (Film and Video)",
    "Record Company Staff",
    "Recording Studio Setup Worker",
    "Studio Designer",
    "Studio Technician/Maintenance",
    "Music Editor",
    "Programmer",
    "Sound Designer",
    "DJ/Remixer",
    "Audio Developer",
]


class TestTreeRules(WagtailPageTestCase):
    def test_roles_live_only_under_the_careers_index(self):
        self.assertCanCreateAt(CareersIndexPage, RolePage)
        self.assertCanNotCreateAt(HomePage, RolePage)
        self.assertCanNotCreateAt(RolePage, RolePage)
        self.assertCanNotCreateAt(Page, RolePage)

    def test_careers_index_lives_under_home(self):
        self.assertCanCreateAt(HomePage, CareersIndexPage)
        self.assertCanNotCreateAt(CareersIndexPage, CareersIndexPage)
        self.assertAllowedParentPageTypes(CareersIndexPage, {HomePage})


def test_every_seed_career_is_a_live_role(careers_index):
    titles = set(RolePage.objects.live().child_of(careers_index).values_list("title", flat=True))
    assert titles == set(SEED_TITLES)


@pytest.mark.parametrize("title", SEED_TITLES)
def test_each_role_page_renders_with_its_profile(client: Client, title):
    role = RolePage.objects.get(title=title)
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


def test_home_page_says_what_the_portal_is_and_offers_search(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="search"' in html and 'name="q"' in html
    assert 'href="/careers/producer/"' in html and 'href="/careers/mastering-engineer/"' in html
    assert 'class="skip-link"' in html


def test_careers_index_groups_every_role_by_sector(client):
    response = client.get("/careers/")
    html = response.content.decode()
    for heading in ["In the studio", "Live sound and venues", "Film, games and media", "Business, design and support"]:
        assert heading in html
    for role in RolePage.objects.live():
        assert f'href="{role.url}"' in html


def test_skill_list_shows_each_skill_with_its_role_count(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get("/careers/skills/")
    html = response.content.decode()
    mixing_roles = RolePage.objects.live().filter(tags__slug="mixing").count()
    assert mixing_roles >= 2
    assert f'href="/careers/skills/mixing/">Mixing</a> <span class="count">{mixing_roles} roles' in html


def test_skill_page_lists_the_roles_with_that_skill(client):
    html = client.get("/careers/skills/mixing/").content.decode()
    for role in RolePage.objects.live().filter(tags__slug="mixing"):
        assert f'href="{role.url}"' in html
    assert 'href="/careers/programmer/"' not in html


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
    "url", ["/", "/careers/", "/careers/recording-engineer-mixer/", "/careers/skills/", "/careers/skills/mixing/"]
)
def test_query_count_does_not_grow_with_the_number_of_roles(client, careers_index, url, django_assert_max_num_queries):
    client.get(url)  # warm the site-root cache the same way for both measurements
    with_23 = _count_queries(client, url, django_assert_max_num_queries)
    for _ in range(100 - RolePage.objects.count()):
        RolePageFactory(parent=careers_index, skills=["Mixing", "Recording", "Acoustics"])
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

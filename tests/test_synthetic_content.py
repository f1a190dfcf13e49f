from django.core.management import call_command

from wagtail.models import Page

from alumni.models import AlumniInterviewPage, Alumnus
from careers.models import RolePage
from search.services import site_search


def test_synthetic_content_is_a_valid_live_searchable_tree(client):
    roles_before = RolePage.objects.count()
    call_command("generate_synthetic_content", roles=30, interviews=12, verbosity=0)
    assert RolePage.objects.count() == roles_before + 30
    assert AlumniInterviewPage.objects.filter(slug__startswith="synthetic-").count() == 12
    assert Alumnus.objects.filter(is_public=True).count() >= 12
    assert Page.find_problems() == ([], [], [], [], [])

    role = RolePage.objects.get(slug="synthetic-role-29")
    assert client.get(role.url).status_code == 200
    assert role.tags.count() >= 3
    interview = AlumniInterviewPage.objects.get(slug="synthetic-interview-11")
    assert client.get(interview.url).status_code == 200
    assert any(doc.pk == role.pk for doc in site_search(query=role.title).results[:3])

    call_command("generate_synthetic_content", roles=30, interviews=12, verbosity=0)
    assert RolePage.objects.count() == roles_before + 30

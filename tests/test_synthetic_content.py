from wagtail.models import Page

from alumni.models import AlumniInterviewPage, Alumnus
from bench import synthetic_content
from careers.models import RolePage
from search.services import site_search


def test_synthetic_content_is_a_valid_live_searchable_tree(client, monkeypatch):
    """``bench/synthetic_content.py`` as ``make bench-data`` runs it: once, then never again."""
    monkeypatch.setattr("sys.argv", ["synthetic_content.py", "--roles", "30", "--interviews", "12"])
    roles_before = RolePage.objects.count()
    synthetic_content.main()
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

    synthetic_content.main()
    assert RolePage.objects.count() == roles_before + 30

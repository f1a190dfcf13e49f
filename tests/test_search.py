import pytest

from django.utils.html import escape

from alumni.models import Alumnus, AlumnusRole
from careers.factories import RolePageFactory
from careers.models import RolePage

BAD_QUERIES = [
    '"',
    '"unbalanced quote',
    "((mixing",
    "mixing)",
    "AND",
    "OR NOT",
    "mixing AND OR NOT NEAR live",
    "NEAR(mixing live)",
    "*",
    "mix*",
    "^",
    "-",
    "-mixing",
    ":",
    "title:mixing",
    "'; DROP TABLE wagtailcore_page; --",
    "1' OR '1'='1",
    "a" * 1500,
    "mixing " * 300,
    "🎧🎚️",
    "混音工程师",
    "звукорежиссёр",
    "مهندس صوت",
    "   ",
    "%",
    "\\",
    "<script>alert(1)</script>",
]


def main_of(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_any_query_answers_200_without_a_stack_trace(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Traceback" not in html
    assert "<script>alert(1)</script>" not in html


@pytest.mark.parametrize("page", ["-1", "0", "abc", "99999", "1.5", ""])
def test_any_page_number_answers_200(client, page):
    assert client.get("/search/", {"q": "mixing", "page": page}).status_code == 200


def test_long_queries_are_cut_to_the_documented_length(client):
    response = client.get("/search/", {"q": "mixing " + "x" * 1000})
    html = response.content.decode()
    assert "only its first 200 characters were used" in html


def test_results_are_links_with_type_and_excerpt_inside_main(client, published_role):
    main = main_of(client.get("/search/", {"q": "tape ops thread machines"}))
    assert f'<a href="{published_role.url}">{escape(published_role.title)}</a>' in main
    assert '<p class="result__type">Role</p>' in main
    assert escape(published_role.summary) in main


def test_alumnus_name_and_company_find_the_interview(client, interview):
    alumnus = interview.alumnus
    for query in [alumnus.name, alumnus.organisation]:
        main = main_of(client.get("/search/", {"q": query}))
        assert '<p class="result__type">Alumni interview</p>' in main
        assert f'<a href="{interview.url}">{escape(alumnus.name)}</a>' in main


def test_alumnus_without_an_interview_links_to_their_role(client):
    alumnus = Alumnus.objects.create(
        name="Priya Raman", class_year=2011, major="MPE", job_title="Foley Artist", is_public=True
    )
    AlumnusRole.objects.create(alumnus=alumnus, role=RolePage.objects.get(slug="sound-designer"))
    main = main_of(client.get("/search/", {"q": "Priya Raman"}))
    assert '<a href="/careers/sound-designer/">Priya Raman</a>' in main
    assert '<p class="result__type">Alumnus</p>' in main


def test_private_alumni_are_never_found(client):
    alumnus = Alumnus.objects.create(name="Hidden Person", class_year=2011, major="MPE", job_title="Mixer")
    AlumnusRole.objects.create(alumnus=alumnus, role=RolePage.objects.get(slug="sound-designer"))
    main = main_of(client.get("/search/", {"q": "Hidden Person"}))
    assert ">Hidden Person</a>" not in main


def test_matching_skills_link_to_their_skill_pages(client, published_role):
    skill = published_role.tags.get(name="Alignment")
    main = main_of(client.get("/search/", {"q": "alignment"}))
    assert f'<a class="chip" href="/careers/skills/{skill.slug}/">{skill.name}</a>' in main


@pytest.mark.parametrize(
    ("typo", "suggestion", "slug"),
    [
        ("remastring", "remastering", "digital-remastering-engineer"),
        ("sound tecnician", "sound technician", "sound-technician"),
        ("studio desiner", "studio designer", "studio-designer"),
        ("mastring enginer", "mastering engineer", "mastering-engineer"),
    ],
)
@pytest.mark.usefixtures("search_corpus")  # typos of the wording the corpus had
def test_typos_find_the_role_and_offer_a_correction(client, typo, suggestion, slug):
    main = main_of(client.get("/search/", {"q": typo}))
    link = f'<a href="?q={suggestion.replace(" ", "%20")}"><strong>{suggestion}</strong></a>'
    if f"Showing results for {link}" not in main:  # the query as typed found something: shown, with a link
        assert f"Search instead for {link}" in main
        main = main_of(client.get("/search/", {"q": suggestion}))
    first_three = main.split('class="result"')[1:4]
    assert any(f'href="/careers/{slug}/"' in result for result in first_three)


def test_filters_by_type_and_skill_narrow_results(client, careers_index, published_role, interview):
    other = RolePageFactory(parent=careers_index, title="Tape Librarian", slug="tape-librarian", skills=["Archiving"])
    other.save_revision().publish()
    all_results = main_of(client.get("/search/", {"q": "tape"}))
    assert "Role (" in all_results and f'href="{interview.url}"' in all_results
    only_interviews = main_of(client.get("/search/", {"q": "tape", "type": "interview"}))
    assert 'href="/careers/' not in only_interviews.split('class="results"')[1]
    assert f'href="{interview.url}"' in only_interviews
    with_skill = main_of(client.get("/search/", {"q": "tape", "skill": "session-logging"}))
    results = with_skill.split('class="results"')[1]
    assert f'href="{published_role.url}"' in results
    assert f'href="{other.url}"' not in results
    assert client.get("/search/", {"q": "mixing", "type": "bogus", "skill": "bogus"}).status_code == 200


def test_results_paginate(client):
    first = main_of(client.get("/search/", {"q": "engineer studio sound music"}))
    assert "Page 1 of" in first
    second = main_of(client.get("/search/", {"q": "engineer studio sound music", "page": "2"}))
    assert 'class="result"' in second


def test_empty_query_shows_a_helpful_page(client, shared_skill):
    main = main_of(client.get("/search/"))
    assert "Browse careers by skill" in main
    assert f'href="/careers/skills/{shared_skill.slug}/"' in main


def test_no_results_says_so_and_offers_skills(client):
    main = main_of(client.get("/search/", {"q": "zzqxv"}))
    assert "Nothing matched" in main
    assert "Browse careers by skill" in main


def test_autocomplete_suggests_a_role_from_the_start_of_its_title(client, published_role):
    data = client.get("/search/autocomplete/", {"q": published_role.title[:3]}).json()
    assert {"title": published_role.title, "type": "Role", "url": published_role.url} in data["suggestions"]


@pytest.mark.parametrize("query", ["", "m", '"', "((", "🎧", "a" * 2000, "AND OR"])
def test_autocomplete_never_fails(client, query):
    response = client.get("/search/autocomplete/", {"q": query})
    assert response.status_code == 200
    assert isinstance(response.json()["suggestions"], list)


def test_header_search_box_is_an_accessible_combobox_that_works_without_javascript(client):
    html = client.get("/").content.decode()
    assert 'action="/search/"' in html and 'role="combobox"' in html
    assert 'aria-controls="site-search-listbox"' in html and 'role="listbox"' in html


def test_publishing_editing_tags_and_unpublishing_update_search_at_once(client, superuser, careers_index, committed):
    role = RolePage(
        title="Podcast Producer",
        slug="podcast-producer",
        summary="Podcast producers shape spoken-word shows.",
        body="<p>Plans episodes.</p>",
        sector="media",
    )
    with committed():
        careers_index.add_child(instance=role)
        role.save_revision(user=superuser).publish()
    assert 'href="/careers/podcast-producer/"' in main_of(client.get("/search/", {"q": "podcast"}))

    role.tags.set(["Storytelling"])
    with committed():
        role.save_revision(user=superuser).publish()
    assert 'href="/careers/podcast-producer/"' in main_of(client.get("/search/", {"q": "storytelling"}))

    with committed():
        role.unpublish()
    assert 'href="/careers/podcast-producer/"' not in main_of(client.get("/search/", {"q": "podcast"}))


def test_query_count_does_not_grow_with_the_number_of_results(client, careers_index, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add_roles(count):
        for _ in range(count):
            RolePageFactory(parent=careers_index, skills=["Mixing"]).save_revision().publish()

    add_roles(1)
    client.get("/search/", {"q": "synthetic"})  # build the vocabulary once
    with CaptureQueriesContext(connection) as one_result:
        assert "1 result" in main_of(client.get("/search/", {"q": "synthetic"}))
    queries_for_one_result = len(one_result.captured_queries)  # read now: the query log is a ring buffer
    add_roles(29)
    client.get("/search/", {"q": "synthetic"})
    with django_assert_max_num_queries(queries_for_one_result):
        main = main_of(client.get("/search/", {"q": "synthetic"}))
    assert "30 results" in main

"""Issue 17: spelling only for words that are not words, "nothing here" for off-topic queries, the
field's synonyms, phrase-aware ranking, alumni found as alumni, and what editors see of searches."""

import pytest

from django.contrib.auth import get_user_model

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from careers.factories import RolePageFactory
from careers.models import RolePage
from search.models import FruitlessSearch, Synonym
from search.services import site_search


def slugs(outcome, count=3):
    return [doc.url.strip("/").rsplit("/", 1)[-1] for doc in outcome.results[:count]]


def main_of(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


@pytest.mark.parametrize(
    "query",
    [
        "data scientist",
        "louder",
        "jobs",
        "mixing jobs",
        "Miles Walker",
        "remastered",
        "drum sequencers",
        "podcasts and audiobooks",
        "theatre sound",
    ],
)
def test_real_words_are_never_corrected(query):
    assert site_search(query=query).suggestion == ""


@pytest.mark.parametrize("query", ["nurse salary", "wedding cake recipe", "car mechanic", "data scientist", "zzqxv"])
def test_off_topic_queries_say_what_the_portal_covers(client, query):
    outcome = site_search(query=query)
    assert outcome.off_topic and not outcome.results and not outcome.suggestion
    main = main_of(client.get("/search/", {"q": query}))
    assert "music production and sound engineering" in main
    assert 'href="/careers/"' in main and 'href="/careers/skills/"' in main
    assert 'class="result"' not in main and "Search instead" not in main


def test_a_correction_is_a_link_when_the_query_as_typed_finds_something(client):
    main = main_of(client.get("/search/", {"q": "sound tecnician"}))
    assert 'Search instead for <a href="?q=sound%20technician"><strong>sound technician</strong></a>' in main
    assert 'class="result"' in main


def test_a_correction_replaces_a_query_that_finds_nothing(client):
    main = main_of(client.get("/search/", {"q": "remastring"}))
    assert "Showing results for" in main and "<strong>remastering</strong>" in main
    assert 'href="/careers/digital-remastering-engineer/"' in main


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("podcast", "audio-engineer-for-videos"),
        ("stagehand", "recording-studio-setup-worker"),
        ("front of house engineer", "live-sound-engineer"),
        ("FOH", "live-sound-engineer"),
        ("foley artist", "sound-designer"),
        ("soundproofing a room", "acoustic-consultant"),
        ("make my tracks louder for spotify", "mastering-engineer"),
        ("find new talent to sign", "record-company-staff"),
        ("A&R", "record-company-staff"),
        ("beatmaker", "producer"),
    ],
)
def test_the_fields_own_words_find_their_roles(query, slug):
    assert slug in slugs(site_search(query=query)), slugs(site_search(query=query), 5)


def test_a_synonym_takes_effect_when_saved(committed):
    assert not site_search(query="zither").results
    with committed():
        Synonym.objects.create(phrases="zither", also_search="sound designer")
    assert "sound-designer" in slugs(site_search(query="zither"))


def test_loading_the_content_again_keeps_editors_synonyms():
    from search.content_loader import load_synonyms

    synonym = Synonym.objects.get(phrases__startswith="FOH")
    synonym.also_search = "live sound engineer"
    synonym.save()
    assert load_synonyms() == []
    synonym.refresh_from_db()
    assert synonym.also_search == "live sound engineer"


def test_a_common_title_word_counts_less_than_the_rest_of_the_query():
    assert slugs(site_search(query="home studio setup"), 1) != ["recording-studio-setup-worker"]
    scores = [doc.score for doc in site_search(query="I want to mix songs for bands").results if "Mixer" in doc.title]
    assert len(set(scores)) == len(scores)


@pytest.mark.parametrize(
    "query",
    ["alumni who became mixing engineers", "interview with a mixing engineer", "graduate stories", "class of 2003"],
)
def test_alumni_and_interviews_are_found_as_such(query):
    assert "miles-walker" in slugs(site_search(query=query))


def test_searches_are_recorded_for_editors(client):
    client.get("/search/", {"q": "Mixing"})
    client.get("/search/", {"q": "mixing"})
    client.get("/search/", {"q": "mixing", "page": "2"})
    assert Query.objects.get(query_string="mixing").hits == 2
    client.get("/search/", {"q": "nurse salary"})
    fruitless = FruitlessSearch.objects.get(query_string="nurse salary")
    assert fruitless.hits == 1 and fruitless.off_topic
    assert not FruitlessSearch.objects.filter(query_string="mixing").exists()


def test_reports_list_the_searches(client):
    client.get("/search/", {"q": "zzqxv"})
    admin = get_user_model().objects.create_superuser("admin", "admin@example.com", "a-long-test-password-42")
    client.force_login(admin)
    for url in ["/admin/reports/searches-without-results/", "/admin/searchpicks/reports/search-terms/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert "zzqxv" in response.content.decode()


def test_a_promoted_result_comes_first(client, committed):
    role = RolePage.objects.get(slug="studio-designer")
    with committed():
        SearchPromotion.objects.create(query=Query.get("mixing"), page=role, description="Design the room.")
    main = main_of(client.get("/search/", {"q": "mixing"}))
    assert main.index('href="/careers/studio-designer/"') < main.index('class="results"')
    assert "Design the room." in main


def test_an_everyday_synonym_widens_a_search_but_is_not_the_fields_own_word(committed):
    with committed():
        Synonym.objects.create(phrases="zither", also_search="sound designer", on_topic=False)
    """An everyday synonym counts as one of the portal's words, so most of a query must be the portal's."""
    outcome = site_search(query="zither lessons")
    assert outcome.off_topic and not outcome.results and not outcome.suggestion
    assert "sound-designer" in slugs(site_search(query="zither"))
    with committed():
        synonym = Synonym.objects.get(phrases="zither")
        synonym.on_topic = True
        synonym.save()
    assert "sound-designer" in slugs(site_search(query="zither lessons"))


def test_a_one_word_remnant_of_a_synonym_phrase_does_not_stand_for_that_word(committed):
    """ "own a studio" is "studio" once its stopwords are gone: it must not turn every "studio" search."""
    before = slugs(site_search(query="studio"), 5)
    with committed():
        Synonym.objects.create(phrases="own a studio", also_search="sound designer")
    assert slugs(site_search(query="studio"), 5) == before


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("theatre sound", "theater sound"),
        ("organising sessions", "organizing sessions"),
        ("synthesiser", "synthesizer"),
    ],
)
def test_british_spellings_find_what_american_ones_do(careers_index, committed, british, american):
    with committed():
        RolePageFactory(
            parent=careers_index, title="Zeta Role", slug="zeta-role", summary=f"Zeta roles handle {american} all week."
        ).save_revision().publish()
    assert "zeta-role" in slugs(site_search(query=american), 10)
    assert slugs(site_search(query=british), 10) == slugs(site_search(query=american), 10)
    assert not site_search(query=british).suggestion


@pytest.mark.parametrize("query", ["supervising", "supervisors"])
def test_an_agent_noun_meets_its_verb(careers_index, committed, query):
    with committed():
        RolePageFactory(
            parent=careers_index, title="Kiln Supervisor", slug="kiln-supervisor", summary="Looks after the kiln."
        ).save_revision().publish()
    assert "kiln-supervisor" in slugs(site_search(query=query), 10)


def test_a_typo_is_searched_as_its_correction_beside_the_other_words(published_role):
    """ "tape threding" keeps "tape" and searches "threading" for "threding": the role with both comes first."""
    outcome = site_search(query="tape threding")
    assert outcome.suggestion == "tape threading" and not outcome.corrected
    assert slugs(outcome, 1) == ["tape-op"]


@pytest.mark.parametrize(
    "query",
    ["car repair", "hotel booking", "yoga classes near me", "job interview tips", "studio apartment for rent"],
)
def test_one_word_the_portal_uses_does_not_make_an_everyday_query_on_topic(query):
    outcome = site_search(query=query)
    assert outcome.off_topic and not outcome.results


def test_a_query_in_the_portals_own_words_is_on_topic_though_none_is_the_fields(published_role):
    """ "thread the machines and keep the log": everyday words, but one role holds them all."""
    outcome = site_search(query="thread machines keep log")
    assert not outcome.off_topic and slugs(outcome, 1) == ["tape-op"]


def test_a_typo_of_an_everyday_word_is_corrected_to_that_word_not_to_the_portals():
    assert site_search(query="mixing partys").suggestion == "mixing party"


def test_editors_add_an_everyday_synonym_in_the_admin(client):
    admin = get_user_model().objects.create_superuser("editor", "editor@example.com", "a-long-test-password-42")
    client.force_login(admin)
    add = "/admin/snippets/portal_search/synonym/add/"
    assert 'name="on_topic"' in client.get(add).content.decode()
    response = client.post(add, {"phrases": "zither", "also_search": "sound designer"})  # the box left unticked
    assert response.status_code == 302
    assert not Synonym.objects.get(phrases="zither").on_topic

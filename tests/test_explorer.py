import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from alumni.models import AlumniInterviewPage, AlumnusRole
from careers.explorer import match_roles
from careers.factories import RolePageFactory
from careers.models import CareerPath, RolePage


def main_of(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


@pytest.fixture
def small_world(careers_index):
    """Three hand-made roles whose skills make the ranking easy to reason about."""
    for role in RolePage.objects.all():
        role.unpublish()
    make = lambda title, skills: RolePageFactory(parent=careers_index, title=title, slug=title.lower(), skills=skills)  # noqa: E731
    roles = {
        "alpha": make("Alpha", ["Rare Skill", "Common Skill"]),
        "beta": make("Beta", ["Common Skill", "Other Skill", "Third Skill"]),
        "gamma": make("Gamma", ["Common Skill", "Other Skill"]),
    }
    for role in roles.values():
        role.save_revision().publish()
    return roles


def test_matcher_ranks_by_weighted_share_of_skills(small_world):
    matches, known = match_roles(["rare-skill"])
    assert [m["title"] for m in matches] == ["Alpha"]
    matches, known = match_roles(["common-skill", "other-skill"])
    # Gamma is fully covered; Beta lacks Third Skill; Alpha lacks the rare skill, which weighs most.
    assert [m["title"] for m in matches] == ["Gamma", "Beta", "Alpha"]
    assert matches[0]["percent"] == 100 and matches[0]["to_learn"] == []
    assert matches[1]["to_learn"] == ["Third Skill"]
    matches, known = match_roles(["rare-skill", "common-skill"])
    assert matches[0]["title"] == "Alpha" and matches[0]["percent"] == 100
    assert known == ["rare-skill", "common-skill"]


def test_explorer_without_skills_shows_the_grouped_picker(client, shared_skill):
    main = main_of(client.get("/careers/explore/"))
    assert f'name="skills" value="{shared_skill.slug}"' in main
    assert "<legend>In the studio</legend>" in main
    assert 'class="matches"' not in main


def test_explorer_results_link_to_roles_with_skills_to_learn_and_alumni(client, published_role, interview):
    """The role has Tape Threading, Session Logging and Alignment; the visitor has two of them."""
    main = main_of(client.get("/careers/explore/?skills=tape-threading&skills=alignment"))
    role_link = f'<a href="{published_role.url}">{published_role.title}</a>'
    cards = main.split('class="card match"')[1:]
    card = next(card for card in cards if role_link in card)
    assert "<strong>You have:</strong> Alignment, Tape Threading" in card
    assert "Still to learn:" in card and "Session Logging" in card
    assert f'<a href="{interview.url}">{interview.alumnus.name}</a>' in card
    assert 'value="tape-threading" id="skill-tape-threading" checked' in main


def test_unknown_skills_are_ignored_with_a_note(client, shared_skill):
    main = main_of(client.get(f"/careers/explore/?skills={shared_skill.slug}&skills=no-such-skill"))
    assert "We ignored 1 skill we don" in main and "no-such-skill" in main
    assert "Best fits for 1 skill" in main


def test_explorer_query_count_does_not_depend_on_roles_or_skills(
    client, careers_index, shared_skill, django_assert_max_num_queries
):
    from taggit.models import Tag

    client.get(f"/careers/explore/?skills={shared_skill.slug}")
    with CaptureQueriesContext(connection) as one:
        client.get(f"/careers/explore/?skills={shared_skill.slug}")
    baseline = len(one.captured_queries)  # read now: the query log is a ring buffer
    slugs = list(Tag.objects.values_list("slug", flat=True))
    many = "&".join(f"skills={slug}" for slug in (slugs * 2)[:50])
    for n in range(40):
        role = RolePageFactory(parent=careers_index, skills=[shared_skill.name, "Acoustics", f"Extra {n}"])
        role.save_revision().publish()
    with django_assert_max_num_queries(baseline):
        assert client.get(f"/careers/explore/?{many}").status_code == 200


def test_paths_map_draws_each_path_as_an_arrow_and_lists_it(client):
    main = main_of(client.get("/careers/paths/"))
    assert "<svg" in main
    path = CareerPath.objects.select_related("page", "destination").order_by("pk").first()
    start, end = path.page, path.destination
    assert f'data-from="{start.pk}" data-to="{end.pk}"' in main
    assert f'<a href="{start.url}" class="pathmap__node">' in main
    assert (
        f'<a href="{start.url}">{escape(start.title)}</a> leads to <a href="{end.url}">{escape(end.title)}</a>'
    ) in main
    assert main.count('class="pathmap__arrow"') == CareerPath.objects.count()


def test_paths_map_survives_a_loop_made_by_an_editor(client):
    producer = RolePage.objects.get(slug="producer")
    producer.path_links.add(CareerPath(destination=RolePage.objects.get(slug="assistant-engineer")))
    producer.save()
    assert client.get("/careers/paths/").status_code == 200


def test_role_page_shows_alumni_who_made_a_move(client, careers_index, published_role, interview):
    """The alumnus works in ``published_role`` now; before, in a role that leads to it."""
    before = RolePageFactory(parent=careers_index, title="Runner", slug="runner", skills=["Tea Making"])
    before.path_links.add(CareerPath(destination=published_role))
    before.save_revision().publish()
    AlumnusRole.objects.create(alumnus=interview.alumnus, role=before, is_current=False)
    main = main_of(client.get(before.url))
    assert "Alumni who made the move" in main
    name = interview.alumnus.name
    assert f'<a href="{interview.url}">{name}</a>: from {before.title} to {published_role.title}' in main


def test_role_page_lists_similar_roles_with_compare_links(client):
    main = main_of(client.get("/careers/mastering-engineer/"))
    assert "Similar roles" in main
    assert "/careers/compare/?roles=mastering-engineer&amp;roles=" in main


@pytest.mark.parametrize("count", [2, 3])
def test_compare_two_or_three_roles(client, count):
    slugs = ["producer", "sound-designer", "mastering-engineer"][:count]
    main = main_of(client.get("/careers/compare/", {"roles": slugs}))
    for slug in slugs:
        role = RolePage.objects.get(slug=slug)
        assert f'<a href="/careers/{slug}/">' in main
        assert role.summary in main
    assert "Skills they share" in main and "Skills only this role lists" in main and "Leads to" in main


def test_compare_with_bad_slugs_shows_a_chooser(client):
    main = main_of(client.get("/careers/compare/", {"roles": ["producer", "nope"]}))
    assert "Choose two or three roles" in main
    assert "We could not find nope" in main
    assert client.get("/careers/compare/").status_code == 200
    many = client.get("/careers/compare/", {"roles": ["producer"] * 20 + ["<script>"]})
    assert many.status_code == 200 and "<script>" not in main_of(many)


def test_compare_and_paths_query_counts_are_bounded(client, careers_index, django_assert_max_num_queries):
    urls = [
        "/careers/paths/",
        "/careers/compare/?roles=producer&roles=sound-designer&roles=mastering-engineer",
        "/careers/recording-engineer-mixer/",
    ]
    counts = {}
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        counts[url] = len(ctx.captured_queries)
    for _ in range(30):
        role = RolePageFactory(parent=careers_index, skills=["Mixing", "Recording"])
        role.path_links.add(CareerPath(destination=RolePage.objects.get(slug="producer")))
        role.save_revision().publish()
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            assert client.get(url).status_code == 200
    assert AlumniInterviewPage.objects.exists()

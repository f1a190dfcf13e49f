"""Role profiles as a student reads them: official pay (BLS OEWS) on the role page, on its pay/ page and in
the API, matching the shipped extract and figures read by hand from the release; what the loader writes
and keeps; the review report; the explorer's compare, chips and path map."""

import datetime
import json
import re
from pathlib import Path

import pytest
import yaml

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.models import Revision

from careers import pathmap
from careers.content_loader import load_occupations
from careers.models import CareerPath, Occupation, OccupationWage, RolePage, RolePageTag

ROOT = Path(__file__).resolve().parents[1]
EXTRACT = json.loads((ROOT / "careers" / "content" / "oews-2025.json").read_text(encoding="utf-8"))
PROFILES = yaml.safe_load((ROOT / "careers" / "content" / "role-profiles.yaml").read_text(encoding="utf-8"))
HAND_READ = yaml.safe_load((Path(__file__).parent / "fixtures" / "oews_2025_hand_read.yaml").read_text())


def dollars(value, hourly=False):
    return f"${value:,.2f}" if hourly else f"${value:,.0f}"


def role_for(soc):
    return next(slug for slug, profile in PROFILES.items() if profile["soc_code"] == soc)


def area(soc, area_type, code):
    return next(a for a in EXTRACT["occupations"][soc]["areas"] if a["type"] == area_type and a["area_code"] == code)


def rows(html):
    """The pay table's rows: (area name, [cells])."""
    body = html.split('<table class="pay-table">', 1)[1].split("</table>", 1)[0].split("<tbody>", 1)[1]
    found = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        name = re.search(r'<th scope="row">(.*?) <span', row, re.S).group(1).strip()
        found.append((name, [cell.strip() for cell in re.findall(r'<td class="num">(.*?)</td>', row, re.S)]))
    return found


@pytest.mark.parametrize("soc", sorted({figure["soc"] for figure in HAND_READ["figures"]}))
def test_the_role_page_shows_the_national_figures_read_by_hand(client, soc):
    national = next(f for f in HAND_READ["figures"] if f["soc"] == soc and f["type"] == "N")
    html = client.get(f"/careers/{role_for(soc)}/").content.decode()
    p10, _p25, median, _p75, p90 = national["annual"]
    for text in (dollars(median), dollars(p10), dollars(p90), f"{national['employment']:,}"):
        assert text in html, text
    assert EXTRACT["source"] in html  # the release's credit line
    assert EXTRACT["occupations"][soc]["title"] in html


@pytest.mark.parametrize("figure", [f for f in HAND_READ["figures"] if f["type"] == "M"], ids=lambda f: f["name"])
def test_the_pay_page_shows_metro_figures_read_by_hand(client, figure):
    html = client.get(f"/careers/{role_for(figure['soc'])}/pay/?q={figure['name'][:12]}").content.decode()
    cells = dict(rows(html))[figure["name"]]
    p10, _p25, median, _p75, p90 = figure["annual"]
    assert cells == [f"{figure['employment']:,}", dollars(median), f"{dollars(p10)} to {dollars(p90)}"]


def test_an_hourly_only_occupation_shows_hourly_figures_and_never_an_annual_guess(client):
    figure = HAND_READ["hourly_only"][0]
    slug = role_for(figure["soc"])
    html = client.get(f"/careers/{slug}/").content.decode()
    national = area(figure["soc"], "N", "0000000")
    assert set(national["annual"].values()) == {"hourly_only"}
    assert dollars(figure["hourly_median"], hourly=True) in html
    assert "$0" not in html
    pay = OccupationWage.objects.get(occupation__soc_code=figure["soc"], area_type="N")
    assert pay.annual_median is None and pay.status("annual_median") == "hourly_only"
    api = client.get(f"/api/v2/pages/{RolePage.objects.get(slug=slug).pk}/").json()["pay"]["national"]
    assert api["annual"]["median"] is None and api["annual"]["status"]["median"] == "hourly_only"
    assert api["hourly"]["median"] == figure["hourly_median"]


def test_a_role_without_an_official_occupation_has_no_figures_and_no_pay_page(client):
    slug = next(slug for slug, profile in PROFILES.items() if profile["soc_code"] is None)
    html = client.get(f"/careers/{slug}/").content.decode()
    pay_section = html.split('id="pay-heading"', 1)[1].split("</section>", 1)[0]
    assert "$" not in pay_section
    assert client.get(f"/careers/{slug}/pay/").status_code == 404


def test_the_pay_page_lists_every_area_bls_publishes_and_sorts_and_filters(client):
    soc = "27-4014"
    slug = role_for(soc)
    published = [a for a in EXTRACT["occupations"][soc]["areas"] if a["type"] != "N"]
    by_jobs = rows(client.get(f"/careers/{slug}/pay/?sort=jobs").content.decode())
    assert sorted(name for name, _ in by_jobs) == sorted(a["name"] for a in published)
    jobs = [a["employment"] for a in sorted(published, key=lambda a: a["name"]) if isinstance(a["employment"], int)]
    shown_jobs = [int(cells[0].replace(",", "")) for _, cells in by_jobs if cells[0][0].isdigit()]
    assert shown_jobs == sorted(jobs, reverse=True)

    by_median = rows(client.get(f"/careers/{slug}/pay/?sort=median").content.decode())
    medians = [int(cells[1].strip("$").replace(",", "")) for _, cells in by_median if cells[1].startswith("$")]
    assert medians == sorted(medians, reverse=True) and len(medians) > 10

    by_name = rows(client.get(f"/careers/{slug}/pay/?sort=name").content.decode())
    assert [name for name, _ in by_name] == sorted((name for name, _ in by_name), key=str.lower)

    filtered = rows(client.get(f"/careers/{slug}/pay/?q=tn").content.decode())
    assert filtered and all("tn" in name.lower() for name, _ in filtered)
    assert {name for name, _ in filtered} == {a["name"] for a in published if "tn" in a["name"].lower()}


def test_a_figure_bls_does_not_publish_is_said_in_words(client):
    soc = "27-4014"
    missing = next(a for a in EXTRACT["occupations"][soc]["areas"] if a["annual"]["median"] == "not_published")
    html = client.get(f"/careers/{role_for(soc)}/pay/?q={missing['name']}").content.decode()
    cells = dict(rows(html))[missing["name"]]
    assert not cells[1].startswith("$") and cells[1].strip() and "0" not in cells[1]


def test_the_chart_is_an_svg_with_an_accessible_name_and_no_inline_style(client):
    html = client.get(f"/careers/{role_for('27-4014')}/pay/").content.decode()
    svg = re.search(r'<svg[^>]*class="pay-chart__svg"[^>]*>(.*?)</svg>', html, re.S)  # not the header's mark
    tag = svg.group(0)[: svg.group(0).index(">")]
    assert 'role="img"' in tag
    title_id = re.search(r'aria-labelledby="([\w-]+)', tag).group(1)
    assert re.search(rf'<title id="{title_id}">[^<]+</title>', svg.group(1))
    assert "<desc" in svg.group(1)
    assert "style=" not in html and "<style" not in html  # CSP: style-src 'self'


def test_the_api_exposes_each_roles_pay_with_its_release(client):
    listing = client.get("/api/v2/pages/?type=careers.RolePage&fields=pay,also_known_as,last_reviewed&limit=50").json()
    assert listing["meta"]["total_count"] == len(PROFILES)
    for item in listing["items"]:
        profile = PROFILES[item["meta"]["slug"]]
        pay = item["pay"]
        assert item["also_known_as"] == profile["also_known_as"]
        if profile["soc_code"] is None:
            assert pay["occupation"] is None
            continue
        national = area(profile["soc_code"], "N", "0000000")
        assert pay["occupation"]["soc_code"] == profile["soc_code"]
        assert pay["release"] == EXTRACT["release"]
        assert pay["national"]["employment"] == national["employment"]
        for unit in ("annual", "hourly"):
            for name, value in national[unit].items():
                assert pay["national"][unit][name] == (None if isinstance(value, str) else value)


def test_every_role_carries_its_profile(client):
    for slug, profile in PROFILES.items():
        role = RolePage.objects.get(slug=slug)
        assert role.career_stage == profile["career_stage"], slug
        assert [tool.value for tool in role.tools] == profile["tools"], slug
        assert [name.value for name in role.also_known_as] == profile["also_known_as"], slug
        assert len(role.how_to_get_in.split()) >= 40, slug
        assert (role.occupation.soc_code if role.occupation else None) == profile["soc_code"], slug
        assert [link.destination.slug for link in role.path_links.all()] == profile["leads_to"], slug
        html = client.get(role.url).content.decode()
        assert role.last_reviewed.strftime("%B %Y") in html, slug
        assert profile["also_known_as"][0].replace("&", "&amp;") in html, slug


def test_the_rerecording_mixer_page_says_both_meanings(client):
    html = client.get("/careers/rerecording-mixer-film-and-video/").content.decode()
    assert "final soundtrack" in html and "mechanical" in html


def test_a_second_load_changes_nothing():
    before = (Revision.objects.count(), OccupationWage.objects.count(), Occupation.objects.count())
    assert load_occupations() == 0
    call_command("load_portal_content", verbosity=0)
    assert (Revision.objects.count(), OccupationWage.objects.count(), Occupation.objects.count()) == before


def test_the_loader_fills_in_profiles_of_pages_made_by_earlier_content_and_keeps_editors_changes():
    portal = {r["slug"]: r for r in yaml.safe_load((ROOT / "home/content/portal.yaml").read_text())["roles"]}
    seeded, edited = RolePage.objects.get(slug="live-sound-engineer"), RolePage.objects.get(slug="music-editor")
    for role in (seeded, edited):  # as the content before role profiles left them
        item = portal[role.slug]
        role.tools = [("item", tool) for tool in item["tools"]]
        role.career_stage = item["career_stage"]
        role.how_to_get_in, role.occupation, role.last_reviewed, role.also_known_as = "", None, None, []
        role.path_links = [CareerPath(destination=RolePage.objects.get(slug=s)) for s in item["leads_to"]]
        role.save_revision().publish()
    edited.tools = [("item", "An editor's own tool")]
    edited.save_revision().publish()

    call_command("load_portal_content", verbosity=0)
    seeded, edited = RolePage.objects.get(slug="live-sound-engineer"), RolePage.objects.get(slug="music-editor")
    profile = PROFILES["live-sound-engineer"]
    assert [tool.value for tool in seeded.tools] == profile["tools"]
    assert seeded.career_stage == profile["career_stage"] and seeded.occupation.soc_code == profile["soc_code"]
    assert [link.destination.slug for link in seeded.path_links.all()] == profile["leads_to"]
    assert [tool.value for tool in edited.tools] == ["An editor's own tool"]
    assert edited.how_to_get_in  # the empty fields are still filled in


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("reviewer", "reviewer@example.com", "a-long-test-password-42")
    client.force_login(user)
    return client


def test_the_review_report_and_dashboard_list_roles_not_reviewed_in_a_year(staff_client):
    stale = RolePage.objects.get(slug="mastering-engineer")
    stale.last_reviewed = datetime.date.today() - datetime.timedelta(days=400)
    stale.save_revision().publish()
    report = staff_client.get("/admin/reports/roles-due-for-review/").content.decode()
    assert stale.title in report
    assert RolePage.objects.get(slug="producer").title not in report
    dashboard = staff_client.get("/admin/").content.decode()
    assert "/admin/reports/roles-due-for-review/" in dashboard
    assert re.search(r"Roles due for review \(1\)", dashboard)


def test_compare_lists_every_skill_at_least_two_roles_share_and_with_which(client):
    slugs = ["producer", "mastering-engineer", "dj-remixer"]
    skills = {
        slug: set(RolePageTag.objects.filter(content_object__slug=slug).values_list("tag__name", flat=True))
        for slug in slugs
    }
    html = client.get("/careers/compare/?" + "&".join(f"roles={s}" for s in slugs)).content.decode()
    shared_row = html.split("Skills they share", 1)[1].split("</tr>", 1)[0]
    only_row = html.split("Skills only this role lists", 1)[1].split("</tr>", 1)[0]
    for name in set().union(*skills.values()):
        holders = [s for s in slugs if name in skills[s]]
        if len(holders) >= 2:
            assert f"<strong>{name}</strong>" in shared_row, name
            assert name not in only_row, name
        else:
            assert name not in shared_row and name in only_row, name


def test_cards_show_the_rarest_skills_first_and_a_skill_page_shows_its_skill(client):
    html = client.get("/careers/skills/mixing/").content.decode()
    cards = re.findall(r'<li class="card">(.*?)</li>\s*(?=<li class="card">|</ul>)', html, re.S)
    assert cards and all('chip--static">Mixing<' in card for card in cards)
    usage = {}
    for name in RolePageTag.objects.filter(content_object__live=True).values_list("tag__name", flat=True):
        usage[name] = usage.get(name, 0) + 1
    index = client.get("/careers/?sector=studio").content.decode()
    first_card = index.split('<li class="card">', 1)[1]
    chips = re.findall(r'chip--static">([^<]+)<', first_card.split("</li>\n</ul>", 1)[0])[:3]
    assert [usage[chip] for chip in chips] == sorted(usage[chip] for chip in chips)


def test_every_role_is_on_the_path_map_and_no_arrow_runs_under_a_box(client):
    html = client.get("/careers/paths/").content.decode()
    for role in RolePage.objects.live():
        assert f'<a href="{role.url}" class="pathmap__node">' in html, role.slug
    built = pathmap.build_map()
    assert not built["without_paths"]
    boxes = [(node.x, node.y, node.x + built["node_width"], node.y + built["node_height"]) for node in built["nodes"]]
    for arrow in built["arrows"]:
        ends = {id(arrow["source"]), id(arrow["target"])}
        for (x1, y1), (x2, y2) in arrow["segments"]:
            for node, (left, top, right, bottom) in zip(built["nodes"], boxes, strict=True):
                if id(node) in ends:
                    continue
                # Sample the segment: no point of it lies inside another role's box.
                for step in range(21):
                    x, y = x1 + (x2 - x1) * step / 20, y1 + (y2 - y1) * step / 20
                    assert not (left < x < right and top < y < bottom), (arrow["source"].role, arrow["target"].role)
    assert "pathmap__cue" in html and "Every path, as a list" in html

"""careers/content/role-profiles.yaml: the structure of what a student reads beside each role (not its
wording): every shipped role covered, routes in long enough, a career stage, an official occupation or a
reason, paths that name real roles and put every role on the career-path map."""

import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PROFILES = ROOT / "careers" / "content" / "role-profiles.yaml"
PORTAL = ROOT / "home" / "content" / "portal.yaml"
EXTRACT = ROOT / "careers" / "content" / "oews-2025.json"

# The vague entries the named tools replace.
VAGUE_TOOLS = {"Recorded music", "Phone and email", "Recording equipment", "Studio equipment", "Temp track"}


@pytest.fixture(scope="module")
def profiles():
    return yaml.safe_load(PROFILES.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def roles():
    return {role["slug"]: role for role in yaml.safe_load(PORTAL.read_text(encoding="utf-8"))["roles"]}


def test_every_shipped_role_has_a_profile_and_no_other(profiles, roles):
    assert set(profiles) == set(roles)


def test_how_to_get_in_is_40_to_120_words(profiles):
    for slug, profile in profiles.items():
        words = len(profile["how_to_get_in"].split())
        assert 40 <= words <= 120, f"{slug}: {words} words"


def test_every_role_has_a_career_stage(profiles):
    for slug, profile in profiles.items():
        assert profile["career_stage"] in {"entry", "mid", "senior"}, slug


def test_every_role_has_an_occupation_or_a_reason_for_none(profiles):
    for slug, profile in profiles.items():
        assert (profile.get("soc_reason") or "").strip(), f"{slug}: no soc_reason"
        if profile["soc_code"] is None:
            assert profile["soc_title"] is None and profile["onet_code"] is None, slug
        else:
            assert re.fullmatch(r"\d\d-\d{4}", profile["soc_code"]), slug
            assert profile["soc_title"], slug
            assert re.fullmatch(r"\d\d-\d{4}\.\d\d", profile["onet_code"]), slug
            assert profile["onet_code"].startswith(profile["soc_code"]), slug


def test_every_occupation_is_in_the_extract_under_its_official_title(profiles):
    occupations = json.loads(EXTRACT.read_text(encoding="utf-8"))["occupations"]
    for slug, profile in profiles.items():
        if profile["soc_code"]:
            assert profile["soc_code"] in occupations, slug
            assert occupations[profile["soc_code"]]["title"] == profile["soc_title"], slug


def test_paths_name_real_roles_and_put_every_role_on_the_map(profiles):
    edges = {(slug, target) for slug, profile in profiles.items() for target in profile["leads_to"]}
    for source, target in edges:
        assert target in profiles, f"{source} leads to unknown role {target}"
        assert source != target, source
    on_a_path = {slug for edge in edges for slug in edge}
    assert on_a_path == set(profiles), f"on no path: {sorted(set(profiles) - on_a_path)}"
    # No loops: a path always leads somewhere new.
    reach = {slug: set(profile["leads_to"]) for slug, profile in profiles.items()}
    for _ in profiles:
        reach = {slug: targets.union(*(reach[t] for t in targets)) for slug, targets in reach.items()}
    assert not [slug for slug, targets in reach.items() if slug in targets]


def test_names_and_tools_are_lists_of_named_things(profiles, roles):
    for slug, profile in profiles.items():
        names = profile["also_known_as"]
        assert names and all(isinstance(name, str) and name.strip() for name in names), slug
        assert len(set(names)) == len(names), slug
        assert roles[slug]["title"].lower() not in {name.lower() for name in names}, slug
        tools = profile["tools"]
        assert len(tools) >= 3 and all(isinstance(tool, str) and tool.strip() for tool in tools), slug
        assert not VAGUE_TOOLS & set(tools), slug


def test_a_note_where_there_is_one_is_a_sentence(profiles):
    """A title that means more than one job (the rerecording mixer's) says so in a note."""
    notes = {slug: profile["note"] for slug, profile in profiles.items() if profile.get("note") is not None}
    assert "rerecording-mixer-film-and-video" in notes
    for slug, note in notes.items():
        assert isinstance(note, str) and note.strip().endswith("."), slug

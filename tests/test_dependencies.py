"""The lock files install exactly what the requirements files ask for: after editing a requirements*.txt
file, `make lock` writes them again (see the Makefile)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;#\\]+)", re.M)


def pins(path):
    return {canonical(name): version for name, version in PIN.findall(path.read_text(encoding="utf-8"))}


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.mark.parametrize(
    ("requirements", "lock"),
    [
        ("requirements.txt", "requirements.lock"),
        ("requirements-dev.txt", "requirements-dev.lock"),
        ("requirements-e2e.txt", "requirements-e2e.lock"),
    ],
)
def test_every_pin_is_locked_at_its_version_with_hashes(requirements, lock):
    locked = pins(ROOT / lock)
    missing = {name: version for name, version in pins(ROOT / requirements).items() if locked.get(name) != version}
    assert not missing, f"{requirements} pins {missing} that {lock} does not: run `make lock`"
    blocks = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / lock).read_text(encoding="utf-8"))
    unhashed = [block.split()[0] for block in blocks if PIN.match(block) and "--hash=sha256:" not in block]
    assert not unhashed, f"{lock}: no hash for {unhashed}"


def test_the_site_has_the_same_versions_in_every_lock():
    site = pins(ROOT / "requirements.lock")
    for lock in ["requirements-dev.lock", "requirements-e2e.lock"]:
        assert {name: pins(ROOT / lock).get(name) for name in site} == site, lock


def test_psycopg_is_named_once():
    names = [name for name, _ in PIN.findall((ROOT / "requirements.txt").read_text(encoding="utf-8"))]
    assert [name for name in map(canonical, names) if name.startswith("psycopg")] == ["psycopg"]

"""Loads the role profiles from the content files under the careers index, and the official pay
(BLS OEWS) the roles point at.

Three files: the site content (``home/content/portal.yaml``: each role's description, skills and
links), ``careers/content/role-profiles.yaml`` beside it (by slug: closest official occupation, how to
get in, also known as, named tools, career stage, paths, last reviewed; it supersedes the ``tools``,
``career_stage`` and ``leads_to`` that portal.yaml first shipped) and the OEWS extract
``careers/content/oews-2025.json`` (rebuilt by ``manage.py import_oews``).

Idempotent, and an editor's work is kept: a role that exists is rewritten only with ``reset``; without
it, a profile field is filled in only where the page still holds what earlier content shipped (empty,
or portal.yaml's first value), so a re-run changes nothing an editor has set.
"""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import yaml

from careers.editors import ensure_career_editors
from careers.models import CareerPath, CareersIndexPage, Occupation, OccupationWage, RelatedRole, RolePage
from careers.pay import WageStatus
from portal.content_tree import ensure_child, paragraphs_to_html

CONTENT = Path(__file__).resolve().parent / "content"
ROLE_PROFILES = CONTENT / "role-profiles.yaml"
OEWS_EXTRACT = CONTENT / "oews-2025.json"
FIGURES = ("p10", "p25", "median", "p75", "p90")


def read_profiles(path=ROLE_PROFILES):
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


# --- Official pay ----------------------------------------------------------------------------------


def _wage_fields(area):
    """The model's fields for one area of the extract: numbers, or null with the marker kept."""
    fields, markers = {"area_name": area["name"]}, {}

    def put(name, value):
        if isinstance(value, str):
            fields[name] = None
            markers[name] = value
        else:
            fields[name] = Decimal(str(value)) if value is not None else None

    put("employment", area["employment"])
    if fields["employment"] is not None:
        fields["employment"] = int(fields["employment"])
    for unit in ("annual", "hourly"):
        for name in FIGURES:
            put(f"{unit}_{name}", area[unit][name])
    for name in list(fields):
        if name.startswith("annual_"):
            fields[name] = fields[name].quantize(Decimal(1)) if fields[name] is not None else None
        elif name.startswith("hourly_"):
            fields[name] = fields[name].quantize(Decimal("0.01")) if fields[name] is not None else None
    fields["annual_status"] = markers.get("annual_median", WageStatus.PUBLISHED)
    fields["markers"] = markers
    return fields


def load_occupations(path=OEWS_EXTRACT):
    """Create or update every occupation and area of the extract; remove areas it no longer has.
    Returns the number of rows written (0 on a re-run)."""
    extract = json.loads(path.read_text(encoding="utf-8"))
    release = extract["release"]
    changed = 0
    for soc_code, data in extract["occupations"].items():
        values = {
            "title": data["title"],
            "release_name": release["name"],
            "release_code": release["code"],
            "source": extract["source"],
        }
        occupation = Occupation.objects.filter(soc_code=soc_code).first()
        if occupation is None:
            occupation = Occupation.objects.create(soc_code=soc_code, **values)
            changed += 1
        elif any(getattr(occupation, name) != value for name, value in values.items()):
            Occupation.objects.filter(pk=occupation.pk).update(**values)
            changed += 1
        existing = {(wage.area_type, wage.area_code): wage for wage in occupation.wages.all()}
        new, updated = [], []
        for area in data["areas"]:
            fields = _wage_fields(area)
            wage = existing.pop((area["type"], area["area_code"]), None)
            if wage is None:
                new.append(
                    OccupationWage(occupation=occupation, area_type=area["type"], area_code=area["area_code"], **fields)
                )
            elif any(getattr(wage, name) != value for name, value in fields.items()):
                for name, value in fields.items():
                    setattr(wage, name, value)
                updated.append(wage)
        OccupationWage.objects.bulk_create(new)
        if updated:
            OccupationWage.objects.bulk_update(updated, list(_wage_fields(data["areas"][0])))
        if existing:
            OccupationWage.objects.filter(pk__in=[wage.pk for wage in existing.values()]).delete()
        changed += len(new) + len(updated) + len(existing)
        national = occupation.wages.filter(area_type="N").values_list("pk", flat=True).first()
        if occupation.national_id != national:
            Occupation.objects.filter(pk=occupation.pk).update(national=national)
            changed += 1
    return changed


# --- Roles -----------------------------------------------------------------------------------------


def ensure_careers_index(home, data, *, reset=False):
    index, created = ensure_child(
        home, CareersIndexPage, slug="careers", reset=reset, title=data["title"], intro=data["intro"]
    )
    ensure_career_editors(index)
    return index, created


def _labels(values):
    return [("item", value) for value in values]


def _role_fields(item):
    return {
        "title": item["title"],
        "summary": item["summary"],
        "body": paragraphs_to_html(item["body"]),
        "sector": item["sector"],
        "career_stage": item.get("career_stage") or "",
        "tools": _labels(item.get("tools", [])),
        "work_settings": _labels(item.get("work_settings", [])),
        "onet_code": item.get("onet_code") or "",
        "onet_title": item.get("onet_title") or "",
    }


def _profile_fields(profile, occupations):
    """The fields role-profiles.yaml sets on a role (``leads_to`` is a relation, handled apart)."""
    if not profile:
        return {}
    reviewed = profile.get("last_reviewed")
    if isinstance(reviewed, str):
        reviewed = datetime.date.fromisoformat(reviewed)
    return {
        "career_stage": profile.get("career_stage") or "",
        "tools": _labels(profile.get("tools", [])),
        "how_to_get_in": " ".join((profile.get("how_to_get_in") or "").split()),
        "also_known_as": _labels(profile.get("also_known_as", [])),
        "title_note": " ".join((profile.get("note") or "").split()),
        "occupation": occupations.get(profile.get("soc_code")),
        "occupation_note": " ".join((profile.get("soc_reason") or "").split()),
        "last_reviewed": reviewed,
    }


def _current(role, name):
    """A field's value in the form the content file gives it, to compare with the file."""
    value = getattr(role, name)
    if name in ("tools", "also_known_as", "work_settings"):
        return [("item", block.value) for block in value]
    return value


def _is_unset(value):
    return value in (None, "", [])


def _upgrade(role, item, profile, occupations, roles):
    """Fill in an existing role's profile fields that still hold what earlier content shipped (empty,
    or portal.yaml's value). Returns True when something changed."""
    first = _role_fields(item)
    changed = False
    for name, value in _profile_fields(profile, occupations).items():
        current = _current(role, name)
        shipped = first.get(name)
        if current != value and (_is_unset(current) or current == shipped):
            setattr(role, name, value)
            changed = True
    if profile and "leads_to" in profile:
        current = [link.destination.slug for link in role.path_links.all()]
        if current != profile["leads_to"] and current == list(item.get("leads_to", [])):
            role.path_links = [CareerPath(destination=roles[slug]) for slug in profile["leads_to"]]
            changed = True
    return changed


def load_roles(index, items, *, reset=False, profiles=None):
    """Create missing roles (and, with ``reset``, rewrite existing ones); return the slugs created.

    ``profiles`` (by slug; default: role-profiles.yaml) add what a student decides on, and the OEWS
    extract is loaded first so that each role can point at its occupation. Two passes: every role
    must exist before the links between roles can point at it. Each new or reset role gets exactly
    one published revision; an existing role whose profile fields are filled in gets one too.
    """
    load_occupations()
    profiles = read_profiles() if profiles is None else profiles
    occupations = {occupation.soc_code: occupation for occupation in Occupation.objects.all()}
    existing = {role.slug: role for role in RolePage.objects.child_of(index)}
    to_publish, upgraded = [], []
    for item in items:
        role = existing.get(item["slug"])
        profile = profiles.get(item["slug"])
        fields = {**_role_fields(item), **_profile_fields(profile, occupations)}
        if role is None:
            role = RolePage(slug=item["slug"], **fields)
            role.tags.set(item["skills"])
            role.live = False
            role = index.add_child(instance=role)
            existing[role.slug] = role
        elif reset:
            for name, value in fields.items():
                setattr(role, name, value)
            role.tags.set(item["skills"])
        else:
            if _upgrade(role, item, profile, occupations, existing):
                upgraded.append(role)
            continue
        to_publish.append((role, item, profile))

    for role, item, profile in to_publish:
        leads_to = profile["leads_to"] if profile and "leads_to" in profile else item.get("leads_to", [])
        role.related_role_links = [RelatedRole(role=existing[slug]) for slug in item.get("related", [])]
        role.path_links = [CareerPath(destination=existing[slug]) for slug in leads_to]
        role.save_revision().publish()
    for role in upgraded:
        role.save_revision().publish()
    return [role.slug for role, _, _ in to_publish]

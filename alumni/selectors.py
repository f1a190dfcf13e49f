"""Reads for the alumni pages and for the alumni shown on role pages: fixed query counts."""

from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import CharField, F, Q, Value

from taggit.models import Tag

from portal.page_urls import page_url

INTERVIEWS_PER_PAGE = 12


def live_interviews():
    from alumni.models import AlumniInterviewPage

    return (
        AlumniInterviewPage.objects.live()
        .select_related("alumnus")
        .order_by(F("first_published_at").desc(nulls_last=True), "-pk")
    )


def filter_choices():
    """The alumni index's two menus, every live role and every skill an interview has, as plain rows
    ({"id", "title", "slug"}) in one query: building a page instance per role cost 60 ms at 1,000."""
    from careers.models import RolePage

    roles = RolePage.objects.live().values_list(Value("role", output_field=CharField()), "id", "title", "slug")
    skills = Tag.objects.filter(alumni_alumniinterviewpagetag_items__isnull=False).values_list(
        Value("skill", output_field=CharField()), "id", "name", "slug"
    )
    choices = {"role": [], "skill": []}
    for kind, pk, title, slug in roles.order_by().union(skills.order_by()):  # UNION: each skill once
        choices[kind].append({"id": pk, "title": title, "slug": slug})
    for rows in choices.values():
        rows.sort(key=lambda row: (row["title"].lower(), row["id"]))
    return choices


def interview_listing(index, params):
    """The context of the alumni index: filters from the query string, one page of interviews."""
    choices = filter_choices()
    interviews = live_interviews().child_of(index)
    role = skill = None
    notes = []
    if role_slug := params.get("role", "").strip():
        role = next((row for row in choices["role"] if row["slug"] == role_slug), None)
        if role:
            interviews = interviews.filter(alumnus__role_links__role_id=role["id"]).distinct()
        else:
            notes.append("That role was not found, so all roles are shown.")
    if skill_slug := params.get("skill", "").strip():
        skill = next((row for row in choices["skill"] if row["slug"] == skill_slug), None)
        if skill is None:  # a skill no interview has yet: its (empty) list, not every skill
            skill = Tag.objects.filter(slug=skill_slug).values("id", "slug", title=F("name")).first()
        if skill:
            interviews = interviews.filter(tagged_items__tag_id=skill["id"]).distinct()
        else:
            notes.append("That skill was not found, so all skills are shown.")
    page = Paginator(interviews, INTERVIEWS_PER_PAGE).get_page(params.get("page"))
    return {
        "interviews": page,
        "role": role,
        "skill": skill,
        "filter_notes": notes,
        "role_choices": choices["role"],
        "skill_choices": choices["skill"],
    }


def roles_held(alumnus):
    """The live roles an alumnus holds, current first, in their order."""
    return [
        link
        for link in alumnus.role_links.select_related("role").order_by("-is_current", "sort_order")
        if link.role.live
    ]


def alumni_in_role(role, limit=12):
    """The newest interviews of alumni who hold ``role``: one query, however many alumni there are.

    Only alumni with a live interview are shown: a submitted story waiting for moderation is private.
    """
    return list(
        live_interviews()
        .filter(alumnus__role_links__role_id=role.pk)
        .annotate(is_current=F("alumnus__role_links__is_current"))[:limit]
    )


def stories_awaiting_moderation(limit=20):
    """Interviews waiting in the alumni moderation workflow, oldest first, and how many: 3 queries."""
    from wagtail.models import TaskState

    from alumni.models import AlumniInterviewPage
    from alumni.moderation import WORKFLOW_NAME

    waiting = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS, workflow_state__workflow__name=WORKFLOW_NAME
    ).order_by("started_at")
    count = waiting.count()
    states = list(waiting.select_related("workflow_state")[:limit])
    pages = AlumniInterviewPage.objects.in_bulk([int(state.workflow_state.object_id) for state in states])
    stories = [
        {"page": pages[int(state.workflow_state.object_id)], "since": state.started_at}
        for state in states
        if int(state.workflow_state.object_id) in pages
    ]
    return stories, count


def alumni_moves(role, limit=6):
    """Public alumni whose role history shows a move along a career path into or out of ``role``:
    a past role that leads to their current one. Three queries.
    """
    from alumni.models import AlumniInterviewPage, AlumnusRole
    from careers.models import CareerPath

    edges = set(
        CareerPath.objects.filter(Q(page_id=role.pk) | Q(destination_id=role.pk)).values_list(
            "page_id", "destination_id"
        )
    )
    if not edges:
        return []
    touching = AlumnusRole.objects.filter(role_id=role.pk, alumnus__is_public=True).values("alumnus_id")
    history = defaultdict(lambda: {"past": set(), "current": set()})
    names = {}
    for alumnus_id, name, role_id, title, is_current in AlumnusRole.objects.filter(
        alumnus_id__in=touching, role__live=True
    ).values_list("alumnus_id", "alumnus__name", "role_id", "role__title", "is_current"):
        history[alumnus_id]["current" if is_current else "past"].add((role_id, title))
        names[alumnus_id] = name
    moves = []
    for alumnus_id, held in history.items():
        for past_id, past_title in held["past"]:
            for current_id, current_title in held["current"]:
                if (past_id, current_id) in edges:
                    moves.append(
                        {"alumnus_id": alumnus_id, "name": names[alumnus_id], "from": past_title, "to": current_title}
                    )
    moves.sort(key=lambda move: move["name"])
    moves = moves[:limit]
    urls = dict(
        AlumniInterviewPage.objects.live()
        .filter(alumnus_id__in=[move["alumnus_id"] for move in moves])
        .values_list("alumnus_id", "url_path")
    )
    for move in moves:
        move["url"] = page_url(urls[move["alumnus_id"]]) if move["alumnus_id"] in urls else None
    return moves

"""Reads for the alumni pages, and for the alumni shown on careers pages: fixed query counts."""

from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import CharField, F, OuterRef, Subquery, Value, Window
from django.db.models.functions import RowNumber

from taggit.models import Tag
from wagtail.models import TaskState

from alumni import history
from alumni.models.stories import AlumniInterviewPage, AlumnusRole
from alumni.moderation import WORKFLOW_NAME
from careers.models import RolePage
from portal.page_urls import page_url
from portal.prepared_queries import PreparedQuery

INTERVIEWS_PER_PAGE = 12


def live_interviews():
    return (
        AlumniInterviewPage.objects.live()
        .select_related("alumnus")
        .order_by(F("first_published_at").desc(nulls_last=True), "-pk")
    )


def filter_choices():
    """The alumni index's two menus, every live role and every skill an interview has, as plain rows
    ({"id", "title", "slug"}) in one query: building a page instance per role cost 60 ms at 1,000."""
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


def stories_awaiting_moderation(limit=20):
    """Interviews waiting in the alumni moderation workflow, oldest first, and how many: 3 queries."""
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


def alumni_in_role(role, *, edges, request=None, limit=12, moves_limit=6):
    """The alumni who hold ``role``, for its page, in one query however many there are:

    - ``interviews``: the newest live interviews of alumni in the role (a story waiting for moderation
      is private), each with whether the role is the alumnus's current one;
    - ``moves``: public alumni whose role history shows a move along a career path into or out of the
      role (``edges``: the (from, to) role ids of the paths that touch it), a past role leading to a
      current one;
    - ``counted_moves``: "N alumni moved from X to Y" into or out of the role, counted from the
      published career histories of the same rows (``alumni.history``), where N >= 3.

    With the ``request``, the stories' links read no site root paths (``page_url``).
    """
    if role.pk is None:  # a preview of a role not saved yet: no one holds it
        return {"interviews": [], "moves": [], "counted_moves": []}
    rows = ALUMNI_IN_ROLE.rows(role=role.pk)
    alumni = {}
    history_rows, role_names = [], {}
    for alumnus_id, name, job, organisation, year, public, role_id, title, current, start, order, path, *story in rows:
        role_names[role_id] = (title, path)
        if story[0] is not None:  # a published history: the alumnus has a live story
            history_rows.append((alumnus_id, role_id, start, order))
        alumnus = alumni.setdefault(
            alumnus_id,
            {"name": name, "job_title": job, "organisation": organisation, "class_year": year,
             "public": public, "story": story, "past": [], "current": []},
        )  # fmt: skip
        alumnus["current" if current else "past"].append((role_id, title))
        if role_id == role.pk:
            alumnus["is_current"] = current
    for alumnus in alumni.values():
        alumnus.setdefault("is_current", True)
    with_story = [alumnus for alumnus in alumni.values() if alumnus["story"][0] is not None]
    # Newest first, as live_interviews(): by first publication (never published last), then id.
    with_story.sort(key=lambda alumnus: (alumnus["story"][2] is not None, alumnus["story"][2], alumnus["story"][0]))
    with_story.reverse()
    for alumnus in alumni.values():
        alumnus["url"] = page_url(alumnus["story"][1], request) if alumnus["story"][1] else None
    moves = [
        {"name": alumnus["name"], "from": past_title, "to": current_title, "url": alumnus["url"]}
        for alumnus in alumni.values()
        if alumnus["public"]
        for past_id, past_title in alumnus["past"]
        for current_id, current_title in alumnus["current"]
        if (past_id, current_id) in edges
    ]
    counted = history.shown_moves(history.count_moves(history_rows), role_names, touching=role.pk)
    return {"interviews": with_story[:limit], "moves": moves[:moves_limit], "counted_moves": counted}


def alumni_by_role(role_ids, per_role=3, request=None):
    """The newest live interviews of alumni in each role: one query, ``per_role`` at most each."""
    if not role_ids:
        return {}
    rows = (
        AlumniInterviewPage.objects.live()
        .filter(alumnus__role_links__role_id__in=role_ids)
        .annotate(
            role_id=F("alumnus__role_links__role_id"),
            place=Window(
                RowNumber(),
                partition_by=F("alumnus__role_links__role_id"),
                order_by=[F("first_published_at").desc(nulls_last=True), F("pk").desc()],
            ),
        )
        .filter(place__lte=per_role)
        .values_list("role_id", "title", "url_path", "alumnus__name")
    )
    found = defaultdict(list)
    for role_id, title, url_path, name in rows:
        found[role_id].append({"title": title, "name": name, "url": page_url(url_path, request)})
    return found


def _alumni_in_role(role):
    """Each role of each alumnus who holds ``role`` (a live one, with its start year, place in the
    history and address), with the alumnus's newest live interview (its id, ``url_path`` and first
    publication), by name."""
    interview = AlumniInterviewPage.objects.live().filter(alumnus_id=OuterRef("alumnus_id"))
    interview = interview.order_by(F("first_published_at").desc(nulls_last=True), "-pk")
    return (
        AlumnusRole.objects.filter(alumnus__role_links__role_id=role, role__live=True)
        .annotate(
            interview_id=Subquery(interview.values("pk")[:1]),
            interview_path=Subquery(interview.values("url_path")[:1]),
            interview_published=Subquery(interview.values("first_published_at")[:1]),
        )
        .order_by("alumnus__name", "alumnus_id", "sort_order")
        .values_list(
            "alumnus_id", "alumnus__name", "alumnus__job_title", "alumnus__organisation",
            "alumnus__class_year", "alumnus__is_public", "role_id", "role__title", "is_current",
            "start_year", "sort_order", "role__url_path", "interview_id", "interview_path", "interview_published",
        )
    )  # fmt: skip


ALUMNI_IN_ROLE = PreparedQuery(_alumni_in_role)

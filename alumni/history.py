"""Career paths counted from alumni: "N alumni moved from X to Y".

A move is two roles next to each other in one alumnus's career history, ordered by the year each
started (then by the order they listed them): from the earlier role to the next one. Only published
histories count (the alumnus has a live story), only roles with a start year and only live roles. A
move is shown only when at least ``MIN_ALUMNI`` alumni made it, so that no single alumnus can be picked
out of a count.
"""

from collections import defaultdict
from itertools import pairwise

from django.db.models import Exists, OuterRef

from alumni.models.stories import AlumniInterviewPage, AlumnusRole
from portal.page_urls import page_url

MIN_ALUMNI = 3


def count_moves(rows):
    """``rows``: (alumnus_id, role_id, start_year, sort_order) of published histories. Returns
    {(from_role_id, to_role_id): number of alumni who made that move}."""
    histories = defaultdict(list)
    for alumnus_id, role_id, start_year, sort_order in rows:
        if start_year is not None:
            histories[alumnus_id].append((start_year, sort_order or 0, role_id))
    movers = defaultdict(set)
    for alumnus_id, history in histories.items():
        history.sort()
        for (_, _, before), (_, _, after) in pairwise(history):
            if before != after:
                movers[(before, after)].add(alumnus_id)
    return {move: len(alumni) for move, alumni in movers.items()}


def shown_moves(counts, roles, *, touching=None):
    """The moves made by at least MIN_ALUMNI alumni, most first, as rows for a template.
    ``roles``: {role_id: (title, url_path)}; ``touching``: only moves into or out of this role id."""
    moves = [
        {
            "count": count,
            "from": {"title": roles[before][0], "url": page_url(roles[before][1])},
            "to": {"title": roles[after][0], "url": page_url(roles[after][1])},
        }
        for (before, after), count in counts.items()
        if count >= MIN_ALUMNI and (touching is None or touching in (before, after))
    ]
    moves.sort(key=lambda move: (-move["count"], move["from"]["title"], move["to"]["title"]))
    return moves


def published_history_rows():
    """Every published history's roles with a start year: one query."""
    published = Exists(AlumniInterviewPage.objects.live().filter(alumnus_id=OuterRef("alumnus_id")))
    return AlumnusRole.objects.filter(published, start_year__isnull=False, role__live=True).values_list(
        "alumnus_id", "role_id", "start_year", "sort_order", "role__title", "role__url_path"
    )


def all_moves():
    """Every move at least MIN_ALUMNI alumni made, for the career-path map: one query."""
    rows = list(published_history_rows())
    roles = {role_id: (title, url_path) for _, role_id, _, _, title, url_path in rows}
    return shown_moves(count_moves(row[:4] for row in rows), roles)

"""The career path map: roles as nodes, "leads to" links as arrows, laid out in layers.

A small layered (Sugiyama-style) layout, enough for a few dozen roles: each role's column is the
length of the longest chain of paths leading to it; within a column, roles are ordered by the mean
row of the roles that lead to them, which keeps arrows short and mostly uncrossed. A path that spans
more than one column runs through an empty slot reserved for it in each column it crosses (the
"dummy nodes" of a layered layout), so no arrow runs under a box. Roles that take part in no path are
listed below the map instead of drawn. Two queries in all.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from careers.models.roles import RolePage
from careers.models.taxonomy import CareerPath

NODE_WIDTH = 170
NODE_HEIGHT = 56
COLUMN_GAP = 56
ROW_GAP = 24
MARGIN = 16
LINE_CHARS = 19


@dataclass
class Node:
    role: RolePage | None  # None: an empty slot a longer path runs through
    column: int = 0
    row: int = 0
    lines: list = field(default_factory=list)

    @property
    def x(self):
        return MARGIN + self.column * (NODE_WIDTH + COLUMN_GAP)

    @property
    def y(self):
        return MARGIN + self.row * (NODE_HEIGHT + ROW_GAP)


def _wrap(title):
    lines, line = [], ""
    for word in title.split():
        if line and len(line) + 1 + len(word) > LINE_CHARS:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])[: LINE_CHARS - 1] + "…"]
    return lines


def _columns(node_ids, edges):
    """Longest-path layering; a cycle (an editor's loop) cannot push a role further than len(nodes).
    A role that nothing leads to is then moved right, next to the first role it leads to, so that
    its arrow does not run behind other roles."""
    column = dict.fromkeys(node_ids, 0)
    for _ in range(len(node_ids)):
        changed = False
        for source, target in edges:
            if column[target] < column[source] + 1 and column[source] + 1 < len(node_ids):
                column[target] = column[source] + 1
                changed = True
        if not changed:
            break
    has_incoming = {target for _source, target in edges}
    for pk in node_ids:
        if pk not in has_incoming:
            targets = [column[target] for source, target in edges if source == pk]
            column[pk] = max(min(targets) - 1, 0)
    return column


def build_map():
    """Return (nodes, edges as node pairs, roles without paths, width, height)."""
    links = list(
        CareerPath.objects.filter(page__live=True, destination__live=True)
        .order_by("page__title", "sort_order")
        .values_list("page_id", "destination_id")
    )
    roles = {role.pk: role for role in RolePage.objects.live().order_by("title").only("title", "url_path", "path")}
    edges = [(source, target) for source, target in dict.fromkeys(links) if source != target]
    in_map = {pk for edge in edges for pk in edge}
    column = _columns(sorted(in_map), edges)

    nodes = {pk: Node(role=roles[pk], column=column[pk], lines=_wrap(roles[pk].title)) for pk in in_map}
    sources = defaultdict(list)
    for source, target in edges:
        sources[target].append(source)
    # A path spanning several columns gets a slot in each column between its ends.
    routes = {}
    for source, target in edges:
        chain = [source]
        for col in range(column[source] + 1, column[target]):
            slot = ("slot", source, target, col)
            nodes[slot] = Node(role=None, column=col)
            column[slot] = col
            sources[slot] = [chain[-1]]
            chain.append(slot)
        if len(chain) > 1:
            sources[target] = [chain[-1] if s == source else s for s in sources[target]]
        routes[(source, target)] = chain[1:]

    def title(key):
        return nodes[key].role.title if nodes[key].role else "~"  # slots after roles, at equal rank

    by_column = defaultdict(list)
    for key in sorted(nodes, key=title):
        by_column[column[key]].append(key)
    for col in sorted(by_column):
        members = by_column[col]
        if col:
            members.sort(
                key=lambda key: (
                    sum(nodes[s].row for s in sources[key]) / len(sources[key]) if sources[key] else 0,
                    title(key),
                )
            )
        for row, key in enumerate(members):
            nodes[key].row = row

    columns = (max(column.values()) + 1) if column else 0
    rows = max((len(members) for members in by_column.values()), default=0)
    width = 2 * MARGIN + columns * NODE_WIDTH + max(columns - 1, 0) * COLUMN_GAP
    height = 2 * MARGIN + rows * NODE_HEIGHT + max(rows - 1, 0) * ROW_GAP
    arrows = []
    for source, target in edges:
        middle = NODE_HEIGHT // 2
        points = [(nodes[source].x + NODE_WIDTH, nodes[source].y + middle)]
        for slot in routes[(source, target)]:
            points += [(nodes[slot].x, nodes[slot].y + middle), (nodes[slot].x + NODE_WIDTH, nodes[slot].y + middle)]
        points.append((nodes[target].x - 4, nodes[target].y + middle))
        arrows.append(
            {
                "source": nodes[source],
                "target": nodes[target],
                "points": " ".join(f"{x},{y}" for x, y in points),
                "segments": list(pairwise(points)),
            }
        )
    without = [role for pk, role in roles.items() if pk not in in_map]
    return {
        "nodes": sorted((node for node in nodes.values() if node.role), key=lambda node: (node.column, node.row)),
        "arrows": arrows,
        "without_paths": without,
        "width": width,
        "height": height,
        "node_width": NODE_WIDTH,
        "node_height": NODE_HEIGHT,
    }

"""The career path map: roles as nodes, "leads to" links as arrows, laid out in layers.

A small layered (Sugiyama-style) layout, enough for a few dozen roles: each role's column is the
length of the longest chain of paths leading to it; within a column, roles are ordered by the mean
row of the roles that lead to them, which keeps arrows short and mostly uncrossed. Roles that take
part in no path are listed below the map instead of drawn. Two queries in all.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from careers.models.roles import CareerPath, RolePage

NODE_WIDTH = 170
NODE_HEIGHT = 56
COLUMN_GAP = 56
ROW_GAP = 24
MARGIN = 16
LINE_CHARS = 19


@dataclass
class Node:
    role: RolePage
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
    by_column = defaultdict(list)
    for pk in sorted(in_map, key=lambda pk: roles[pk].title):
        by_column[column[pk]].append(pk)
    for col in sorted(by_column):
        members = by_column[col]
        if col:
            members.sort(
                key=lambda pk: (
                    sum(nodes[s].row for s in sources[pk]) / len(sources[pk]) if sources[pk] else 0,
                    roles[pk].title,
                )
            )
        for row, pk in enumerate(members):
            nodes[pk].row = row

    columns = (max(column.values()) + 1) if column else 0
    rows = max((len(members) for members in by_column.values()), default=0)
    width = 2 * MARGIN + columns * NODE_WIDTH + max(columns - 1, 0) * COLUMN_GAP
    height = 2 * MARGIN + rows * NODE_HEIGHT + max(rows - 1, 0) * ROW_GAP
    arrows = [
        {
            "source": nodes[source],
            "target": nodes[target],
            "x1": nodes[source].x + NODE_WIDTH,
            "y1": nodes[source].y + NODE_HEIGHT // 2,
            "x2": nodes[target].x - 4,
            "y2": nodes[target].y + NODE_HEIGHT // 2,
        }
        for source, target in edges
    ]
    without = [role for pk, role in roles.items() if pk not in in_map]
    return {
        "nodes": sorted(nodes.values(), key=lambda node: (node.column, node.row)),
        "arrows": arrows,
        "without_paths": without,
        "width": width,
        "height": height,
        "node_width": NODE_WIDTH,
        "node_height": NODE_HEIGHT,
    }

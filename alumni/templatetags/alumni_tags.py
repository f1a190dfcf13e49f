"""What the alumni app shows on careers pages: the alumni in a role on its page, and the alumni in
each of a list of roles (the skill matcher, the comparison). Careers templates load these; the careers
app never imports alumni."""

from django import template

from alumni import history, selectors

register = template.Library()


@register.inclusion_tag("alumni/includes/alumni_in_role.html", takes_context=True)
def alumni_in_role(context, role):
    """The "Alumni in this role" section of a role page: their stories, and the alumni who moved along
    one of the role's career paths (``leads_to`` and ``comes_from`` in the page's context)."""
    edges = {(role.pk, other.pk) for other in context.get("leads_to", [])}
    edges |= {(other.pk, role.pk) for other in context.get("comes_from", [])}
    return {
        **selectors.alumni_in_role(role, edges=edges, request=context.get("request")),
        "request": context.get("request"),
        "sections": context.get("sections"),
    }


@register.simple_tag(takes_context=True)
def alumni_by_role(context, items, per_role=3):
    """``[(item, [alumni stories])]`` for roles (pages) or rows naming one (``id``): one query."""
    ids = [item["id"] if isinstance(item, dict) else item.pk for item in items]
    found = selectors.alumni_by_role(ids, per_role=per_role, request=context.get("request"))
    return [(item, found.get(pk, [])) for item, pk in zip(items, ids, strict=True)]


@register.simple_tag
def alumni_moves():
    """Every "N alumni moved from X to Y" (N >= 3) from published career histories, for the path map."""
    return history.all_moves()

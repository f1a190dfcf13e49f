"""A role's ``pay/`` page: its closest occupation's official figures for every state and metro area."""

from django.http import Http404
from django.template.response import TemplateResponse

from wagtail.models import Page

from careers import pay


def role_pay(request, role):
    """The occupation's figures for every state and metro area BLS publishes: ``?sort=`` (jobs, median,
    name) and ``?q=`` (part of an area's name); 404 for a role with no occupation."""
    if role.occupation_id is None:
        raise Http404("This role has no official occupation.")
    sort = pay.clean_sort(request.GET.get("sort"))
    query = pay.clean_query(request.GET.get("q"))
    national, areas = pay.area_pay(role.occupation_id, sort=sort, query=query)
    unit = national.unit if national else "annual"
    # Page's own context, not the role's: this page shows none of the role's skills, paths or alumni.
    context = Page.get_context(role, request)
    context.update(
        {
            "national": national,
            "occupation": national.wage.occupation if national else None,
            "areas": areas,
            "unit": unit,
            "sort": sort,
            "sorts": pay.SORTS,
            "query": query,
            "chart": pay.chart(areas, unit),
            "pay_notes": {"caveat": pay.SELF_EMPLOYED_CAVEAT, "hours": pay.HOURS_NOTE},
            "meta_title": f"{role.title}: pay by state and metro area",
            "meta_description": f"Official pay (BLS OEWS) for the occupation closest to {role.title}, "
            "for every state and metro area BLS publishes.",
        }
    )
    return TemplateResponse(request, "careers/role_pay.html", context)

import logging

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from taggit.models import Tag

from careers.selectors import skills_with_role_counts
from search import documents
from search.autocomplete import suggestions
from search.services import record_search, site_search
from search.text import MAX_QUERY_LENGTH

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 10


@require_GET
def search(request):
    kind = request.GET.get("type")
    if kind not in documents.KINDS:
        kind = None
    skill = None
    notes = []
    if skill_slug := request.GET.get("skill", "").strip():
        skill = Tag.objects.filter(slug=skill_slug[:100]).first()
        if skill is None:
            notes.append("That skill was not found, so results for every skill are shown.")
    raw_query = request.GET.get("q", "")
    outcome = site_search(query=raw_query, kind=kind, skill=skill)
    if outcome.query and not outcome.failed and request.GET.get("page") in (None, "", "1"):
        try:
            record_search(outcome, now=timezone.now())
        except Exception:  # counting searches for editors must never fail a visitor's search
            logger.exception("Could not record the search %r", outcome.query)
    if len(raw_query) > MAX_QUERY_LENGTH:
        notes.append(f"Your search was long, so only its first {MAX_QUERY_LENGTH} characters were used.")
    context = {
        "query": outcome.query,
        "outcome": outcome,
        "results": Paginator(outcome.results, RESULTS_PER_PAGE).get_page(request.GET.get("page")),
        "kind": kind,
        "kinds": documents.KINDS,
        "skill": skill,
        "notes": notes,
        "meta_title": "Search",
        "meta_description": "Search music production and engineering careers, skills and alumni stories.",
    }
    if not outcome.results and not outcome.off_topic:
        context["all_skills"] = skills_with_role_counts()
    return TemplateResponse(request, "search/search.html", context)


@require_GET
def autocomplete(request):
    return JsonResponse({"suggestions": suggestions(request.GET.get("q", ""))})

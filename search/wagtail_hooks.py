"""The admin for search: the synonyms editors manage (Snippets), and under Reports the searches that
found nothing (beside Wagtail's own "Search terms", the most frequent searches, and "Promoted search
results" under Settings, both from ``wagtail.contrib.search_promotions``)."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import FruitlessSearch, Synonym


class SynonymViewSet(SnippetViewSet):
    """ "When visitors say X, also search Y": the field's words that the role profiles do not use."""

    model = Synonym
    icon = "search"
    menu_label = "Search synonyms"
    list_display = ["phrases", "also_search", "on_topic"]
    ordering = ["phrases"]
    panels = [FieldPanel("phrases"), FieldPanel("also_search"), FieldPanel("on_topic")]


register_snippet(SynonymViewSet)


class FruitlessSearchesReport(ReportView):
    page_title = "Searches that found nothing"
    header_icon = "search"
    index_url_name = "search_fruitless_searches"
    index_results_url_name = "search_fruitless_searches_results"
    columns = [
        Column("query_string", label="Search term(s)"),
        NumberColumn("hits", label="Times searched"),
        Column("off_topic", label="Outside the field"),
        DateColumn("last_searched", label="Last searched"),
    ]
    list_export = ["query_string", "hits", "off_topic", "last_searched"]

    def get_queryset(self):
        return FruitlessSearch.objects.order_by("-hits", "query_string")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/searches-without-results/", FruitlessSearchesReport.as_view(), name="search_fruitless_searches"),
        path(
            "reports/searches-without-results/results/",
            FruitlessSearchesReport.as_view(results_only=True),
            name="search_fruitless_searches_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return AdminOnlyMenuItem(
        "Searches that found nothing",
        reverse("search_fruitless_searches"),
        name="searches-without-results",
        icon_name="search",
        order=1310,
    )

from django.urls import path, reverse

from taggit.models import Tag
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.views.reports import PageReportView
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from careers.selectors import roles_due_for_review


class SkillViewSet(SnippetViewSet):
    """The shared skill vocabulary (taggit tags), for editors to rename, merge or tidy skills."""

    model = Tag
    icon = "tag"
    menu_label = "Skills"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]
    panels = [FieldPanel("name"), FieldPanel("slug")]


register_snippet(SkillViewSet)


class RolesDueForReviewView(PageReportView):
    """Reports > Roles due for review: roles never reviewed or not reviewed in 12 months."""

    page_title = "Roles due for review"
    header_icon = "date"
    index_url_name = "careers_roles_due_for_review"
    index_results_url_name = "careers_roles_due_for_review_results"
    list_export = [*PageReportView.list_export, "last_reviewed"]
    export_headings = {**PageReportView.export_headings, "last_reviewed": "Last reviewed"}

    def get_queryset(self):
        editable = PagePermissionPolicy().instances_user_has_permission_for(self.request.user, "change")
        return roles_due_for_review().filter(pk__in=editable.values("pk"))


@hooks.register("register_admin_urls")
def review_report_urls():
    view = RolesDueForReviewView.as_view()
    results = RolesDueForReviewView.as_view(results_only=True)
    return [
        path("reports/roles-due-for-review/", view, name="careers_roles_due_for_review"),
        path("reports/roles-due-for-review/results/", results, name="careers_roles_due_for_review_results"),
    ]


class RolesDueForReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(request.user, ["change", "publish"])


@hooks.register("register_reports_menu_item")
def review_report_menu_item():
    return RolesDueForReviewMenuItem(
        "Roles due for review", reverse("careers_roles_due_for_review"), icon_name="date", order=650
    )


class RolesDueForReviewPanel(Component):
    """Dashboard: how many roles are due for review, with a link to the report."""

    name = "roles_due_for_review"
    order = 60
    template_name = "careers/admin/roles_due_for_review_panel.html"

    def __init__(self, count):
        self.count = count

    def get_context_data(self, parent_context=None):
        return {"count": self.count, "report_url": reverse("careers_roles_due_for_review")}


@hooks.register("construct_homepage_panels")
def add_roles_due_for_review_panel(request, panels):
    if PagePermissionPolicy().user_has_any_permission(request.user, ["change", "publish"]):
        editable = PagePermissionPolicy().instances_user_has_permission_for(request.user, "change")
        panels.append(RolesDueForReviewPanel(roles_due_for_review().filter(pk__in=editable.values("pk")).count()))

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from alumni.models import Alumnus
from alumni.moderation import MODERATORS_GROUP
from alumni.selectors import stories_awaiting_moderation
from alumni.submissions import hidden_alumnus_ids, hidden_story_ids


class AlumnusViewSet(SnippetViewSet):
    model = Alumnus
    icon = "user"
    menu_label = "Alumni"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "class_year", "job_title", "organisation", "is_public"]
    list_filter = {"class_year": ["exact"], "role_links__role": ["exact"], "is_public": ["exact"]}
    search_fields = ["name", "organisation", "job_title", "major"]
    ordering = ["name"]

    def get_queryset(self, request):
        """Not the writers of stories still unconfirmed or withdrawn (see ``hide_unconfirmed_stories``)."""
        return Alumnus.objects.exclude(pk__in=hidden_alumnus_ids())


register_snippet(AlumnusViewSet)


class StoriesAwaitingModerationPanel(Component):
    """Dashboard panel for moderators: the stories waiting for them, with links to review each."""

    name = "stories_awaiting_moderation"
    order = 50
    template_name = "alumni/admin/stories_awaiting_panel.html"

    def get_context_data(self, parent_context=None):
        stories, count = stories_awaiting_moderation()
        return {"stories": stories, "count": count}


@hooks.register("construct_homepage_panels")
def add_stories_awaiting_panel(request, panels):
    user = request.user
    if user.is_superuser or user.groups.filter(name=MODERATORS_GROUP).exists():
        panels.append(StoriesAwaitingModerationPanel())


# A story its writer has not confirmed (or has withdrawn) is no moderator's business: left out of the
# page explorer and its search, the page choosers and the admin API, as it is out of the workflow and so
# out of the dashboard. ``manage.py purge_story_submissions`` deletes it after a week.
@hooks.register("construct_explorer_page_queryset")
def hide_unconfirmed_stories(parent_page, pages, request):
    return pages.exclude(pk__in=hidden_story_ids())


@hooks.register("construct_page_chooser_queryset")
def hide_unconfirmed_stories_from_choosers(pages, request):
    return pages.exclude(pk__in=hidden_story_ids())

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from alumni.models import Alumnus
from alumni.moderation import MODERATORS_GROUP
from alumni.selectors import stories_awaiting_moderation


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

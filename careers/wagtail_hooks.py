from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet


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

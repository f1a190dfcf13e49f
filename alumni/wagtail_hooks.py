from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from alumni.models import Alumnus


class AlumnusViewSet(SnippetViewSet):
    model = Alumnus
    icon = "user"
    menu_label = "Alumni"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "class_year", "job_title", "organisation"]
    list_filter = {"class_year": ["exact"], "role_links__role": ["exact"]}
    search_fields = ["name", "organisation", "job_title", "major"]
    ordering = ["name"]


register_snippet(AlumnusViewSet)

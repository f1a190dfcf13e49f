"""Every page type through Wagtail's own page test helpers: where it may be created in the tree, and that it
(and each of its routable sub-pages) routes, renders and previews. The pages are the shipped site's
home and indexes, and a role and an interview made by the factories, so no test reads the content's
wording."""

from unittest import mock

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from alumni.factories import AlumniInterviewPageFactory
from alumni.models import AlumniIndexPage, AlumniInterviewPage
from careers.factories import RolePageFactory
from careers.models import CareersIndexPage, RolePage
from home.models import HomePage

from .test_admin_editing import _edit_form


class TreeRulesTests(WagtailPageTestCase):
    def test_home_page_is_the_site_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_careers_index_lives_under_home_and_holds_roles(self):
        self.assertAllowedParentPageTypes(CareersIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CareersIndexPage, {RolePage})
        self.assertCanCreateAt(HomePage, CareersIndexPage)
        self.assertCanNotCreateAt(CareersIndexPage, CareersIndexPage)

    def test_roles_live_only_under_the_careers_index(self):
        self.assertAllowedParentPageTypes(RolePage, {CareersIndexPage})
        self.assertAllowedSubpageTypes(RolePage, set())
        self.assertCanCreateAt(CareersIndexPage, RolePage)
        for parent in [Page, HomePage, RolePage, AlumniIndexPage]:
            self.assertCanNotCreateAt(parent, RolePage)

    def test_alumni_index_lives_under_home_and_holds_interviews(self):
        self.assertAllowedParentPageTypes(AlumniIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(AlumniIndexPage, {AlumniInterviewPage})
        self.assertCanCreateAt(HomePage, AlumniIndexPage)
        self.assertCanNotCreateAt(AlumniIndexPage, AlumniIndexPage)

    def test_interviews_live_only_under_the_alumni_index(self):
        self.assertAllowedParentPageTypes(AlumniInterviewPage, {AlumniIndexPage})
        self.assertAllowedSubpageTypes(AlumniInterviewPage, set())
        self.assertCanCreateAt(AlumniIndexPage, AlumniInterviewPage)
        for parent in [Page, HomePage, CareersIndexPage, AlumniInterviewPage]:
            self.assertCanNotCreateAt(parent, AlumniInterviewPage)


class PageTypesRenderTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.careers_index = CareersIndexPage.objects.get()
        cls.alumni_index = AlumniIndexPage.objects.get()
        cls.role = RolePageFactory(parent=cls.careers_index, skills=["Page Type Skill", "Second Page Type Skill"])
        cls.role.save_revision().publish()
        cls.other_role = RolePageFactory(parent=cls.careers_index, skills=["Page Type Skill"])
        cls.other_role.save_revision().publish()
        cls.interview = AlumniInterviewPageFactory(
            parent=cls.alumni_index, alumnus__roles=[cls.role], skills=["Page Type Skill"]
        )
        cls.interview.save_revision().publish()

    def setUp(self):
        super().setUp()
        # The helpers sign in with the first authentication backend, django-axes', which signs in no one
        # (it only counts failures): sign in with Django's own, as a real login ends up doing.
        patcher = mock.patch("wagtail.test.utils.page_tests.AUTH_BACKEND", "django.contrib.auth.backends.ModelBackend")
        patcher.start()
        self.addCleanup(patcher.stop)

    def pages(self):
        return [self.home, self.careers_index, self.role, self.alumni_index, self.interview]

    def test_every_page_type_routes_and_renders(self):
        for page in self.pages():
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)

    def test_every_page_type_previews_in_the_admin(self):
        # The helper reads the edit form's fields from its HTML, where a StreamField has none (its form is
        # drawn by JavaScript): the role and the interview send theirs as the admin would.
        interview = self.interview
        edit_forms = {
            self.role: _edit_form(self.role),
            interview: nested_form_data(
                {
                    "title": interview.title,
                    "slug": interview.slug,
                    "alumnus": interview.alumnus_id,
                    "intro": interview.intro,
                    "pull_quote": interview.pull_quote,
                    "body": streamfield([]),
                    "full_interview_url": "",
                    "tags": ", ".join(f'"{tag.name}"' for tag in interview.tags.all()),
                    "comments": inline_formset([]),
                }
            ),
        }
        for page in self.pages():
            with self.subTest(page=type(page).__name__):
                self.assertPageIsPreviewable(page, post_data=edit_forms.get(page))

    def test_careers_index_sub_pages_route_and_render(self):
        skill = self.role.tags.get(name="Page Type Skill")
        routes = [
            ("skills/", None),
            (f"skills/{skill.slug}/", None),
            ("explore/", None),
            ("explore/", {"skills": [skill.slug]}),
            ("paths/", None),
            ("compare/", None),
            ("compare/", {"roles": [self.role.slug, self.other_role.slug]}),
            ("", {"sector": self.role.sector}),
        ]
        for route, query in routes:
            with self.subTest(route=route, query=query):
                self.assertPageIsRoutable(self.careers_index, route_path=route or "/")
                self.assertPageIsRenderable(self.careers_index, route_path=route or "/", query_data=query)

    def test_an_unknown_skill_routes_to_the_skill_view_which_answers_404(self):
        self.assertPageIsRoutable(self.careers_index, route_path="skills/no-such-skill/")
        self.assertPageIsRenderable(self.careers_index, route_path="skills/no-such-skill/", accept_404=True)

    def test_alumni_index_sub_pages_route_and_render(self):
        routes = [
            ("/", {"role": self.role.slug}),
            ("/", {"skill": self.interview.tags.first().slug}),
            ("share-your-story/", None),
            ("share-your-story/thanks/", None),
            ("share-your-story/deleted/", None),
        ]
        for route, query in routes:
            with self.subTest(route=route, query=query):
                self.assertPageIsRoutable(self.alumni_index, route_path=route)
                self.assertPageIsRenderable(self.alumni_index, route_path=route, query_data=query)

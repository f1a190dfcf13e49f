"""Factories for the careers app's pages (wagtail-factories), for tests and benchmarks.

``RolePageFactory(parent=careers_index, skills=["Mixing"])`` adds a role under the index; publish it with
``role.save_revision().publish()`` when a test needs what publishing does (search, caches, purges).
"""

import factory
import wagtail_factories

from careers.models import CareerPath, CareersIndexPage, RelatedRole, RolePage, Sector


class CareersIndexPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Careers {n}")
    slug = factory.Sequence(lambda n: f"careers-{n}")
    intro = "Every role, grouped by where the work happens."

    class Meta:
        model = CareersIndexPage


class RolePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Synthetic Role {n}")
    slug = factory.Sequence(lambda n: f"synthetic-role-{n}")
    summary = factory.LazyAttribute(lambda o: f"{o.title} does synthetic work for tests.")
    body = "<p>A role made up for a test.</p>"
    sector = Sector.STUDIO

    class Meta:
        model = RolePage
        skip_postgeneration_save = True

    @factory.post_generation
    def skills(obj, create, extracted, **kwargs):
        """``skills=["Mixing", "Foley"]``: the role's skill tags (created when new)."""
        if extracted:
            obj.tags.set(extracted)
            if create:
                obj.save()


class CareerPathFactory(factory.django.DjangoModelFactory):
    """``CareerPathFactory(page=from_role, destination=to_role)``: ``from_role`` leads to ``to_role``."""

    page = factory.SubFactory(RolePageFactory)
    destination = factory.SubFactory(RolePageFactory)

    class Meta:
        model = CareerPath


class RelatedRoleFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(RolePageFactory)
    role = factory.SubFactory(RolePageFactory)

    class Meta:
        model = RelatedRole

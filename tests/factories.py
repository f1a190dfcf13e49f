import factory
import wagtail_factories

from careers.models import RolePage, Sector


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
        if extracted:
            obj.tags.set(extracted)
            if create:
                obj.save()

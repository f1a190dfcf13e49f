"""Factories for the alumni app (wagtail-factories), for tests and benchmarks.

``AlumniInterviewPageFactory(parent=alumni_index, alumnus__roles=[role], skills=["Mixing"])`` adds an
interview (and its alumnus, who holds ``role``) under the index; publish it with
``page.save_revision().publish()`` when a test needs what publishing does (the alumnus made public,
search, caches).
"""

import factory
import wagtail_factories

from alumni.models import AlumniIndexPage, AlumniInterviewPage, Alumnus, AlumnusRole


class AlumnusFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Synthetic Graduate {n}")
    class_year = 2015
    major = "Music Production and Engineering"
    job_title = "Assistant Engineer"
    organisation = factory.Sequence(lambda n: f"Synthetic Studio {n}")

    class Meta:
        model = Alumnus
        skip_postgeneration_save = True

    @factory.post_generation
    def roles(obj, create, extracted, **kwargs):
        """``roles=[role, ...]``: roles the alumnus holds now, in order."""
        if create and extracted:
            for role in extracted:
                AlumnusRole.objects.create(alumnus=obj, role=role)


class AlumnusRoleFactory(factory.django.DjangoModelFactory):
    alumnus = factory.SubFactory(AlumnusFactory)
    is_current = True

    class Meta:
        model = AlumnusRole


class AlumniIndexPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Alumni {n}")
    slug = factory.Sequence(lambda n: f"alumni-{n}")
    intro = "Graduates describe the careers they built."

    class Meta:
        model = AlumniIndexPage


class AlumniInterviewPageFactory(wagtail_factories.PageFactory):
    alumnus = factory.SubFactory(AlumnusFactory)
    title = factory.LazyAttribute(lambda o: o.alumnus.name)
    slug = factory.Sequence(lambda n: f"synthetic-graduate-{n}")
    intro = factory.LazyAttribute(lambda o: f"{o.alumnus.name} talks about the work.")
    pull_quote = factory.Sequence(lambda n: f"Synthetic quote number {n}.")

    class Meta:
        model = AlumniInterviewPage
        skip_postgeneration_save = True

    @factory.post_generation
    def skills(obj, create, extracted, **kwargs):
        """``skills=["Mixing", "Foley"]``: the interview's skill tags (created when new)."""
        if extracted:
            obj.tags.set(extracted)
            if create:
                obj.save()

"""What a role page reads besides the role itself: its skills, the roles an editor linked to it, and
the roles most like it, each in one query. ``RoleReads`` is mixed into ``RolePage``
(``careers.models.roles``), so this module names no role model: it reads the model it is mixed into,
and every import points down to the taxonomy.

The live page's reads are SQL compiled once per process (``PreparedQuery``); a preview reads the
draft's own skills and links through the ORM (a draft's cluster lives in memory). Role cards are built
from rows with Django's ``Model.from_db``, with only the fields a card reads."""

import functools
from operator import itemgetter

from django.db import models
from django.db.models import Count, Exists, F, FloatField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce

from taggit.models import Tag

from careers.models.taxonomy import CareerPath, RelatedRole, RolePageTag
from portal.prepared_queries import PreparedQuery

# What a role card and a link to a role read: the rest of a role is left deferred (never read there).
CARD_FIELDS = ("id", "title", "slug", "url_path", "summary")
SIMILAR_ROLES = 4
SKILL_FIELDS = ("id", "name", "slug")


def linked_roles_query(roles, page):
    """``roles``, each with its place among ``page``'s related roles and the roles it leads to (None
    when not one), and whether it leads to ``page``."""
    place = Coalesce("sort_order", "id", output_field=models.BigIntegerField())  # links saved unordered: as added
    related = RelatedRole.objects.filter(page_id=page, role_id=OuterRef("pk")).values_list(place)
    leads = CareerPath.objects.filter(page_id=page, destination_id=OuterRef("pk")).values_list(place)
    return roles.annotate(
        related_at=Subquery(related[:1]),
        leads_at=Subquery(leads[:1]),
        comes_here=Exists(CareerPath.objects.filter(page_id=OuterRef("pk"), destination_id=page)),
    )


def similar_roles_query(roles, page, skills, count):
    """``roles`` but ``page`` that share one of ``skills`` (ids, or a query of them; ``count`` of them),
    as ``CARD_FIELDS`` rows, the largest overlap (Jaccard) first."""
    return (
        roles.exclude(pk=page)
        .annotate(shared=Count("tagged_items", filter=Q(tagged_items__tag_id__in=skills)), size=Count("tagged_items"))
        .filter(shared__gt=0)
        .annotate(overlap=Cast("shared", FloatField()) / (Value(count) + F("size") - F("shared")))
        .order_by("-overlap", "pk")
        .values_list(*CARD_FIELDS)
    )


SKILLS = PreparedQuery(
    lambda page: (
        Tag.objects.filter(careers_rolepagetag_items__content_object_id=page)
        .order_by("name")
        .values_list(*SKILL_FIELDS)
    )
)


@functools.cache
def _prepared(model):
    """The live page's linked and similar roles among ``model``'s live pages, compiled once per process."""
    live = model.objects.live
    linked = PreparedQuery(
        lambda page: (
            linked_roles_query(live(), page)
            .filter(Q(related_at__isnull=False) | Q(leads_at__isnull=False) | Q(comes_here=True))
            .values_list(*CARD_FIELDS, "related_at", "leads_at", "comes_here")
        )
    )
    similar = PreparedQuery(
        lambda page, count: similar_roles_query(
            live(), page, RolePageTag.objects.filter(content_object_id=page).values("tag_id"), count
        )[:SIMILAR_ROLES]
    )
    return linked, similar


class RoleReads:
    """Page mixin of the role page: what its page shows beside the role, in one query each."""

    @classmethod
    def role_card(cls, row, db):
        """A role read from the database ``db`` in a row of ``CARD_FIELDS``, with only those fields
        (Django's ``from_db``), and no skills to show on its card."""
        values = dict(zip(CARD_FIELDS, row, strict=True), page_ptr_id=row[0])
        names = [field.attname for field in cls._meta.concrete_fields if field.attname in values]
        role = cls.from_db(db, names, [values[name] for name in names])
        role.skill_links = ()
        return role

    def skill_list(self, request=None):
        """The role's skills by name. A preview reads the page's own (in-memory) cluster: the draft's skills."""
        if getattr(request, "is_preview", False) or self.pk is None:
            return [link.tag for link in self.tagged_items.select_related("tag").order_by("tag__name")]
        rows = SKILLS.rows(page=self.pk)
        return [Tag.from_db(rows.db, SKILL_FIELDS, row) for row in rows]

    def linked_roles(self, request):
        """The live roles an editor linked (related roles, in order), the ones this role leads to (in
        order) and the ones that lead to it (by title), in one query. A preview reads the draft's own
        links."""
        if getattr(request, "is_preview", False):
            related_at = {link.role_id: n for n, link in enumerate(self.related_role_links.all())}
            leads_at = {link.destination_id: n for n, link in enumerate(self.path_links.all())}
            found = (
                linked_roles_query(type(self).objects.live(), self.pk)
                .filter(Q(pk__in=[*related_at, *leads_at]) | Q(comes_here=True))
                .values_list(*CARD_FIELDS, "comes_here")
            )
            rows = [(*row[:-1], related_at.get(row[0]), leads_at.get(row[0]), row[-1]) for row in found]
            db = found.db
        else:
            rows = _prepared(type(self))[0].rows(page=self.pk)
            db = rows.db
        cards = {row[0]: self.role_card(row[: len(CARD_FIELDS)], db) for row in rows}

        def in_order(column):  # the roles with a place in that column (related_at, leads_at), in its order
            return [
                cards[row[0]]
                for row in sorted((row for row in rows if row[column] is not None), key=itemgetter(column))
            ]

        return {
            "related_roles": in_order(-3),
            "leads_to": in_order(-2),
            "comes_from": sorted((cards[row[0]] for row in rows if row[-1]), key=lambda role: role.title),
        }

    def similar_roles(self, skills, request=None, limit=SIMILAR_ROLES):
        """Live roles sharing the most skills with this one (Jaccard overlap), in one query. A preview
        compares the draft's own skills."""
        if not skills:
            return []
        if getattr(request, "is_preview", False):
            roles = type(self).objects.live()
            rows = similar_roles_query(roles, self.pk, [skill.pk for skill in skills], len(skills))
        else:
            rows = _prepared(type(self))[1].rows(page=self.pk, count=len(skills))
        return [self.role_card(row, rows.db) for row in rows[:limit]]

"""The careers app's models. What a role is filed under and linked by (``taxonomy``), the official
occupations (``pay``) and the role profiles (``roles``, with what a role page reads beside the role in
``role_reads``) come first; the index page (``index``) routes to the careers views, which read the
roles, so it sits in a module of its own and every import points down: role reads <- roles <-
selectors, explorer, path map <- views <- index page."""

from careers.models.index import CareersIndexPage
from careers.models.pay import Occupation, OccupationWage
from careers.models.roles import RolePage
from careers.models.taxonomy import CareerPath, CareerStage, RelatedRole, RolePageTag, Sector

__all__ = [
    "CareerPath",
    "CareerStage",
    "CareersIndexPage",
    "Occupation",
    "OccupationWage",
    "RelatedRole",
    "RolePage",
    "RolePageTag",
    "Sector",
]

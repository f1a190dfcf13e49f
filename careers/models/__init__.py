"""The careers app's models. The role profiles (``roles``) come first; the index page (``index``)
routes to the careers views, which read the roles, so it sits in a module of its own and every
import points down: roles <- selectors, explorer, path map <- views <- index page."""

from careers.models.index import CareersIndexPage
from careers.models.pay import Occupation, OccupationWage
from careers.models.roles import (
    CareerPath,
    CareerStage,
    RelatedRole,
    RolePage,
    RolePageTag,
    Sector,
)

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

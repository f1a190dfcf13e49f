"""The alumni app's models. The alumni and their stories (``stories``) come first; the index page
(``index``) routes to the alumni views, which read the stories, so it sits in a module of its own and
every import points down: stories <- selectors, services, forms <- views <- index page."""

from alumni.models.index import AlumniIndexPage
from alumni.models.privacy import PrivacyNoticePage
from alumni.models.stories import (
    EARLIEST_CLASS_YEAR,
    LATEST_CLASS_YEAR,
    AlumniInterviewPage,
    AlumniInterviewPageTag,
    Alumnus,
    AlumnusRole,
    about_alumni,
)
from alumni.models.submissions import StorySubmission

__all__ = [
    "EARLIEST_CLASS_YEAR",
    "LATEST_CLASS_YEAR",
    "AlumniIndexPage",
    "AlumniInterviewPage",
    "AlumniInterviewPageTag",
    "Alumnus",
    "AlumnusRole",
    "PrivacyNoticePage",
    "StorySubmission",
    "about_alumni",
]

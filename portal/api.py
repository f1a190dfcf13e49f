"""Wagtail's read-only API v2 at /api/v2/: pages (roles and interviews with their fields), images,
and public alumni (``alumni.api_views``), on the router in ``portal/urls.py``. Contact e-mails and
unpublished records are never exposed.

Every endpoint shares ``CheckedParametersMixin``: a parameter Wagtail would pass on to the database
unchecked (an offset past any integer the database holds, an ``id`` that is not a number, a date filter
that is not a date) answers 400 with a message, as Wagtail's own checks do, instead of a 500.
"""

from django.core.exceptions import ValidationError
from django.db import models

from wagtail.api.v2.filters import FieldsFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from portal.input_checks import MAX_DATABASE_INTEGER

# Far past any listing here, and offset + limit stays well inside the databases' 64-bit integers.
MAX_OFFSET = 1_000_000_000


def _integer_in_range(name, value):
    try:
        number = int(value)
    except ValueError as exc:
        raise BadRequestError(f"{name} must be a whole number") from exc
    if not 0 <= number <= MAX_DATABASE_INTEGER:
        raise BadRequestError(f"{name} must be between 0 and {MAX_DATABASE_INTEGER}")
    return number


class BoundedPagination(WagtailPagination):
    """Wagtail's ``offset``/``limit`` paging, with ``offset`` kept within what the database can count."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.strip().isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class CheckedParametersMixin:
    pagination_class = BoundedPagination

    def find_object(self, queryset, request):
        if "id" in request.GET:
            _integer_in_range("id", request.GET["id"])
        return super().find_object(queryset, request)

    def filter_queryset(self, queryset):
        if FieldsFilter in self.filter_backends:
            self._check_field_filters(queryset.model)
        return super().filter_queryset(queryset)

    def _check_field_filters(self, model):
        """Each ``?<field>=`` filter's value must be one the field can hold (Wagtail converts only some)."""
        filterable = set(self.get_available_fields(model, db_fields_only=True))
        for name, value in self.request.GET.items():
            if name not in filterable or name == "locale":  # locale has a filter of its own
                continue
            field = model._meta.get_field(name)
            if isinstance(field, models.ForeignKey):
                field = field.target_field
            if isinstance(field, (models.IntegerField, models.AutoField)):
                _integer_in_range(name, value)
            elif isinstance(field, (models.DateField, models.TimeField, models.DecimalField, models.UUIDField)):
                try:
                    field.to_python(value)
                except ValidationError as exc:
                    raise BadRequestError(f"{name}: {' '.join(exc.messages)}") from exc


class PortalPagesAPIViewSet(CheckedParametersMixin, PagesAPIViewSet):
    pass

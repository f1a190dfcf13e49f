"""Serializers for role fields exposed through Wagtail's API v2."""

from rest_framework import serializers

from careers.pay import SELF_EMPLOYED_CAVEAT, figure, national_wages_by_occupation


class RoleLinkSerializer(serializers.Serializer):
    """A link to another role: its id, title and slug."""

    def to_representation(self, instance):
        role = getattr(instance, "role", None) or instance.destination
        return {"id": role.pk, "title": role.title, "slug": role.slug}


class LabelListSerializer(serializers.Serializer):
    """A StreamField of short labels as a plain list of strings."""

    def to_representation(self, instance):
        return [block.value for block in instance]


def _number(value):
    if value is None or isinstance(value, int):
        return value
    return int(value) if value == value.to_integral_value() else float(value)


def wage_data(wage):
    """One area's OEWS figures: numbers where BLS publishes them, null with a status where it does not."""
    figures = {"area": wage.area_name, "area_type": wage.area_type, "area_code": wage.area_code}
    figures["employment"] = _number(wage.employment)
    figures["employment_status"] = figure(wage, "employment").status
    for unit in ("annual", "hourly"):
        names = ("p10", "p25", "median", "p75", "p90")
        figures[unit] = {name: _number(getattr(wage, f"{unit}_{name}")) for name in names}
        figures[unit]["status"] = {name: figure(wage, f"{unit}_{name}").status for name in names}
    return figures


class PaySerializer(serializers.Serializer):
    """A role's closest official occupation and its national OEWS figures, with their release.

    In a listing, every occupation's national row is read once (kept in the serializer context)."""

    def to_representation(self, role):
        if role.occupation_id is None:
            return {"occupation": None, "note": role.occupation_note}
        context = self.context if isinstance(self.context, dict) else {}
        national = context.get("_national_wages")
        if national is None:
            national = national_wages_by_occupation()
            context["_national_wages"] = national
        wage = national.get(role.occupation_id)
        if wage is None:
            return {"occupation": None, "note": role.occupation_note}
        occupation = wage.occupation
        return {
            "occupation": {"soc_code": occupation.soc_code, "title": occupation.title},
            "note": role.occupation_note,
            "release": {"name": occupation.release_name, "code": occupation.release_code},
            "source": occupation.source,
            "caveat": SELF_EMPLOYED_CAVEAT,
            "national": wage_data(wage),
        }

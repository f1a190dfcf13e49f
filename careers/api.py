"""Serializers for role fields exposed through Wagtail's API v2."""

from rest_framework import serializers


class RoleLinkSerializer(serializers.Serializer):
    """A link to another role: its id, title and slug."""

    def to_representation(self, instance):
        role = getattr(instance, "role", None) or instance.destination
        return {"id": role.pk, "title": role.title, "slug": role.slug}


class LabelListSerializer(serializers.Serializer):
    """A StreamField of short labels as a plain list of strings."""

    def to_representation(self, instance):
        return [block.value for block in instance]

"""Serializers for alumni data exposed through Wagtail's API v2: never the contact e-mail."""

from rest_framework import serializers


class RoleHeldSerializer(serializers.Serializer):
    def to_representation(self, instance):
        return {
            "id": instance.role_id,
            "title": instance.role.title,
            "current": instance.is_current,
            "start_year": instance.start_year,
        }


class AlumnusSummarySerializer(serializers.Serializer):
    def to_representation(self, instance):
        return {
            "id": instance.pk,
            "name": instance.name,
            "class_year": instance.class_year,
            "major": instance.major,
            "job_title": instance.job_title,
            "organisation": instance.organisation,
        }

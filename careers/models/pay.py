"""The official occupations (BLS OEWS) that roles point at, and their pay by area."""

from django.core.validators import RegexValidator
from django.db import models

from careers.pay import AreaType, WageStatus


class Occupation(models.Model):
    """An official occupation (2018 SOC, as BLS's OEWS publishes it) in one OEWS release.

    Loaded from the shipped extract (careers/content/oews-*.json) by ``load_portal_content``; editors
    choose one per role as its closest official occupation, never as the role's own pay.
    """

    soc_code = models.CharField(
        "SOC code",
        max_length=7,
        unique=True,
        validators=[RegexValidator(r"^\d{2}-\d{4}$", "Use the SOC form, for example 27-4014.")],
    )
    title = models.CharField(max_length=200)
    release_name = models.CharField(max_length=40, help_text="The OEWS release, for example May 2025.")
    release_code = models.CharField(max_length=10, help_text="BLS's code for the release, for example 2025A01.")
    source = models.CharField(max_length=200, help_text="The credit line BLS asks for.")
    national = models.OneToOneField(
        "careers.OccupationWage",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The national row among its wages, so a role page reads it with the role.",
    )

    class Meta:
        ordering = ["soc_code"]

    def __str__(self):
        return f"{self.title} ({self.soc_code})"


class OccupationWage(models.Model):
    """One area's OEWS figures for an occupation, all industries. A figure BLS does not publish is
    null here, with the reason in ``markers``: never 0 and never a guess."""

    PERCENTILES = ("p10", "p25", "median", "p75", "p90")

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="wages")
    area_type = models.CharField(max_length=1, choices=AreaType.choices)
    area_code = models.CharField(max_length=7)
    area_name = models.CharField(max_length=120)
    employment = models.PositiveIntegerField(null=True, blank=True)
    annual_p10 = models.DecimalField(max_digits=9, decimal_places=0, null=True, blank=True)
    annual_p25 = models.DecimalField(max_digits=9, decimal_places=0, null=True, blank=True)
    annual_median = models.DecimalField(max_digits=9, decimal_places=0, null=True, blank=True)
    annual_p75 = models.DecimalField(max_digits=9, decimal_places=0, null=True, blank=True)
    annual_p90 = models.DecimalField(max_digits=9, decimal_places=0, null=True, blank=True)
    hourly_p10 = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    hourly_p25 = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    hourly_median = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    hourly_p75 = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    hourly_p90 = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    annual_status = models.CharField(
        max_length=20, choices=WageStatus.choices, default=WageStatus.PUBLISHED, help_text="Of the annual median."
    )
    markers = models.JSONField(
        default=dict, blank=True, help_text="Why each missing figure is missing: {field name: status}."
    )

    class Meta:
        ordering = ["occupation", "area_type", "area_name"]
        constraints = [
            models.UniqueConstraint(fields=["occupation", "area_type", "area_code"], name="unique_occupation_area")
        ]
        indexes = [models.Index(fields=["occupation", "area_type"])]

    def __str__(self):
        return f"{self.occupation.soc_code} {self.area_name}"

    def status(self, name):
        """The status of one figure (``employment``, ``annual_median``, ``hourly_p90``, ...)."""
        if getattr(self, name) is not None:
            return WageStatus.PUBLISHED
        return self.markers.get(name, WageStatus.NOT_PUBLISHED)

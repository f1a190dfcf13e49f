"""Official pay for a role's closest occupation (BLS OEWS): reads, the words for each figure, the chart.

A figure BLS does not publish is said in words ("not published", "hourly wages only", "$239,200 or
more"), never shown as 0, left blank or guessed. Each read runs one query, whatever the number of areas.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.db import models


class AreaType(models.TextChoices):
    NATIONAL = "N", "National"
    STATE = "S", "State or territory"
    METRO = "M", "Metropolitan area"


class WageStatus(models.TextChoices):
    """Why a wage figure is, or is not, a number (the markers of careers/oews.py)."""

    PUBLISHED = "published", "Published"
    NOT_PUBLISHED = "not_published", "Not published"
    HOURLY_ONLY = "hourly_only", "Hourly wages only"
    ANNUAL_ONLY = "annual_only", "Annual wages only"
    TOP_CODED = "top_coded", "At or above BLS's top code"


def _wages():
    # careers.models imports this module (for the choices above), so the model is looked up by name.
    return apps.get_model("careers", "OccupationWage").objects.select_related("occupation")


SELF_EMPLOYED_CAVEAT = (
    "These figures leave out self-employed workers, and most people in this field freelance at some point."
)
HOURS_NOTE = "BLS works out annual wages as the hourly wage times 2,080 hours, except where it publishes only one."
MISSING_WORDS = {
    WageStatus.NOT_PUBLISHED: "not published by BLS",
    WageStatus.HOURLY_ONLY: "BLS publishes hourly wages only",
    WageStatus.ANNUAL_ONLY: "BLS publishes annual wages only",
    WageStatus.TOP_CODED: "at or above BLS's top code",
}
SORTS = {"jobs": "Most jobs first", "median": "Highest median pay first", "name": "By name"}
DEFAULT_SORT = "jobs"
MAX_QUERY = 100
CHART_ROWS = 30
# BLS's top code for the May 2025 release (footnote 5): a top-coded wage is "at least" this.
TOP_CODE = {"annual": Decimal("239200"), "hourly": Decimal("115.00")}


@dataclass(frozen=True)
class Figure:
    """One figure as a visitor reads it: ``number`` for sorting and the chart (None when BLS gives
    none), ``text`` for the page, ``status`` for the API."""

    number: Decimal | None
    text: str
    status: str

    @property
    def published(self):
        return self.status == WageStatus.PUBLISHED


def money(value, unit):
    if unit == "hourly":
        return f"${value:,.2f}"
    return f"${value:,.0f}"


def figure(wage, name):
    """``name``: ``employment`` or ``annual_median``, ``hourly_p10``, ..."""
    value = getattr(wage, name)
    status = wage.status(name)
    if value is not None:
        text = f"{value:,}" if name == "employment" else money(value, name.split("_")[0])
        return Figure(value, text, WageStatus.PUBLISHED)
    if status == WageStatus.TOP_CODED and name != "employment":
        unit = name.split("_")[0]
        return Figure(None, f"{money(TOP_CODE[unit], unit)} or more", status)
    return Figure(None, MISSING_WORDS.get(status, MISSING_WORDS[WageStatus.NOT_PUBLISHED]), status)


@dataclass
class AreaPay:
    """One area's figures in the unit the occupation is published in (annual, or hourly when BLS
    publishes hourly wages only)."""

    wage: object  # an OccupationWage
    unit: str

    @property
    def name(self):
        return self.wage.area_name

    @property
    def kind(self):
        return AreaType(self.wage.area_type).label

    @property
    def employment(self):
        return figure(self.wage, "employment")

    @property
    def range_text(self):
        """'$37,570 to $137,370', or the words for why BLS gives no range."""
        low, high = self.p10, self.p90
        if not (low.published or high.published) and low.status == high.status:
            return low.text
        return f"{low.text} to {high.text}"

    @property
    def per(self):
        return "an hour" if self.unit == "hourly" else "a year"

    def percentile(self, name):
        return figure(self.wage, f"{self.unit}_{name}")

    @property
    def median(self):
        return self.percentile("median")

    @property
    def p10(self):
        return self.percentile("p10")

    @property
    def p90(self):
        return self.percentile("p90")

    @property
    def hourly_median(self):
        return figure(self.wage, "hourly_median")

    @property
    def annual_median(self):
        return figure(self.wage, "annual_median")


def unit_of(national):
    """Annual, unless BLS publishes no annual median nationally but an hourly one (e.g. DJs)."""
    if national is not None and national.annual_median is None and national.hourly_median is not None:
        return "hourly"
    return "annual"


def national_pay(role):
    """The national figures of the role's occupation: none without one, and no query when the role was
    read with its occupation and that occupation's national row (``select_related``, as routing does)."""
    if role.occupation_id is None or role.occupation.national_id is None:
        return None
    wage = role.occupation.national
    wage.occupation = role.occupation  # the same row, already read
    return AreaPay(wage, unit_of(wage))


def national_wages_by_occupation():
    """Every occupation's national row, keyed by occupation id: one query (for API listings)."""
    rows = _wages().filter(area_type=AreaType.NATIONAL)
    return {wage.occupation_id: wage for wage in rows}


def clean_sort(value):
    return value if value in SORTS else DEFAULT_SORT


def clean_query(value):
    return " ".join((value or "").split())[:MAX_QUERY]


def _sort_key(sort):
    def key(area):
        if sort == "name":
            return (area.name.lower(),)
        number = area.employment.number if sort == "jobs" else area.median.number
        if number is None and sort == "median" and area.median.status == WageStatus.TOP_CODED:
            number = TOP_CODE[area.unit]
        return (number is None, -(number or 0), area.name.lower())

    return key


def area_pay(occupation_id, *, sort=DEFAULT_SORT, query=""):
    """(national, areas) for an occupation: every state and metro area BLS publishes, filtered by
    name (case-insensitive) and sorted; one query."""
    wages = list(_wages().filter(occupation_id=occupation_id))
    national = next((wage for wage in wages if wage.area_type == AreaType.NATIONAL), None)
    unit = unit_of(national)
    needle = clean_query(query).lower()
    areas = [
        AreaPay(wage, unit)
        for wage in wages
        if wage.area_type != AreaType.NATIONAL and needle in wage.area_name.lower()
    ]
    areas.sort(key=_sort_key(clean_sort(sort)))
    return (AreaPay(national, unit) if national else None), areas


def _nice_ceiling(value):
    """A round number at or above ``value`` for the chart's scale."""
    if value <= 0:
        return Decimal(1)
    step = Decimal(10) ** (len(str(int(value))) - 1)
    if value / step <= 2:
        step /= 2
    return (value / step).to_integral_value(rounding="ROUND_CEILING") * step


def chart(areas, unit, *, rows=CHART_ROWS):
    """A horizontal range chart (10th to 90th percentile, median marked) of the first ``rows`` areas,
    as coordinates for the server-rendered SVG."""
    label_width, plot_width, row_height, top = 250, 380, 24, 34
    shown = areas[:rows]

    def top_value(area):
        return area.p90.number or (TOP_CODE[unit] if area.p90.status == WageStatus.TOP_CODED else None)

    numbers = [n for area in shown for n in (top_value(area), area.median.number) if n is not None]
    scale_max = _nice_ceiling(max(numbers)) if numbers else Decimal(1)

    def x(value):
        return label_width + float(value / scale_max) * plot_width

    bars = []
    for index, area in enumerate(shown):
        y = top + index * row_height
        bar = {"y": y, "mid": y + row_height / 2, "name": area.name, "label": _short(area.name), "area": area}
        low, high, median = area.p10.number, top_value(area), area.median.number
        if low is not None and high is not None:
            bar.update(x1=round(x(low), 1), x2=round(x(high), 1), width=round(x(high) - x(low), 1))
        if median is not None:
            bar["median_x"] = round(x(median), 1)
        bars.append(bar)
    ticks = [
        {"x": round(x(scale_max * step / 4), 1), "text": _short_money(scale_max * step / 4, unit)} for step in range(5)
    ]
    return {
        "bars": bars,
        "ticks": ticks,
        "width": label_width + plot_width + 30,
        "height": top + len(shown) * row_height + 10,
        "plot_left": label_width,
        "plot_bottom": top + len(shown) * row_height,
        "label_x": label_width - 8,
        "shown": len(shown),
        "total": len(areas),
    }


def _short(name, limit=30):
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _short_money(value, unit):
    if not value:
        return "$0"
    if unit == "hourly":
        return f"${value:,.0f}"
    return f"${value / 1000:,.0f}k"

"""The metrics page's charts (O5): one bar chart per metric, a bar per month, drawn as SVG on the server.

Readable without JavaScript and without colour: every bar carries its value as text, every
month its name, and each chart has a <title> and a <desc> listing the values for screen
readers (the table below the charts holds the same figures).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.dateformat import format as format_date
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regisseur.monitoring.metrics import MetricsRow, Share

SLOT = 52  # horizontal room per month
LEFT = 44  # room for the scale's labels
TOP = 22  # room for the value above a full bar
PLOT = 140  # the bars' full height
BOTTOM = 40  # room for the month and year below
HEIGHT = TOP + PLOT + BOTTOM


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{round(rate * 100)}%"


def share_text(share: Share) -> str:
    """ "33% (1 of 3)", or a dash where no interview applies."""
    if share.rate is None:
        return "—"
    return _("%(percent)s (%(part)d of %(whole)d)") % {
        "percent": percent(share.rate),
        "part": share.part,
        "whole": share.whole,
    }


def satisfaction_text(row: MetricsRow) -> str:
    if row.satisfaction_average is None:
        return "—"
    return ngettext("%(average)s (%(count)d rating)", "%(average)s (%(count)d ratings)", row.satisfaction_count) % {
        "average": average(row.satisfaction_average),
        "count": row.satisfaction_count,
    }


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: str
    value_x: float
    value_y: float
    month: str
    year: str
    described: str  # "March 2026: 33%"


@dataclass(frozen=True)
class GridLine:
    y: float
    label: str


@dataclass(frozen=True)
class Chart:
    slug: str
    title: str
    description: str
    width: int
    height: int
    bars: list[Bar]
    grid: list[GridLine]
    goal: GridLine | None
    baseline: float
    plot_right: float


@dataclass(frozen=True)
class Metric:
    slug: str
    title: str
    value: Callable[[MetricsRow], float | None]
    text: Callable[[MetricsRow], str]
    scale: float | None = None  # the top of the scale; None: the largest value
    scale_text: Callable[[float], str] = percent
    goal: float | None = None
    note: str = ""


def average(value: float | None) -> str:
    """A satisfaction average to one decimal, rounded (number_format cuts off), in the reader's notation."""
    return "—" if value is None else number_format(round(value, 1), 1)


def _count(value: float) -> str:
    return str(round(value))


def _grade(value: float) -> str:
    return number_format(value, 0 if value == int(value) else 1)


def metrics_shown() -> list[Metric]:
    """The charts in the order the page shows them (built per request: the titles are translated)."""
    return [
        Metric(
            "interviews",
            _("Interviews planned"),
            lambda row: row.interviews,
            lambda row: str(row.interviews),
            scale_text=_count,
        ),
        Metric(
            "zero-surprise",
            _("Zero-surprise rate"),
            lambda row: row.zero_surprise_rate,
            lambda row: percent(row.zero_surprise_rate),
            scale=1.0,
        ),
        Metric(
            "on-time",
            _("On-time start rate"),
            lambda row: row.on_time_start_rate,
            lambda row: percent(row.on_time_start_rate),
            scale=1.0,
            goal=1.0,
            note=_("Goal: 100%"),
        ),
        Metric(
            "satisfaction",
            _("Satisfaction (average, 1 to 5)"),
            lambda row: row.satisfaction_average,
            lambda row: average(row.satisfaction_average),
            scale=5.0,
            scale_text=_grade,
        ),
        Metric(
            "debrief",
            _("Debrief planned within 24 hours"),
            lambda row: row.debrief_within_24h_rate,
            lambda row: percent(row.debrief_within_24h_rate),
            scale=1.0,
        ),
        Metric(
            "no-show",
            _("No-show rate"),
            lambda row: row.no_show_rate,
            lambda row: percent(row.no_show_rate),
            scale=1.0,
        ),
    ]


def chart(metric: Metric, rows: Sequence[MetricsRow], months: Sequence[date]) -> Chart:
    """One metric's bar chart over the months (rows and months in the same order)."""
    values = [metric.value(row) for row in rows]
    known = [value for value in values if value is not None]
    top = metric.scale or max([*known, 1])
    width = LEFT + SLOT * len(rows) + 8
    baseline = TOP + PLOT
    bars, described = [], []
    for index, (row, month, value) in enumerate(zip(rows, months, values, strict=True)):
        height = 0.0 if value is None else PLOT * min(value / top, 1.0)
        x = LEFT + SLOT * index + 8
        text = metric.text(row)
        long_month = format_date(month, "F Y")
        shown = text if value is not None else _("none")
        described.append(f"{long_month}: {shown}")
        bars.append(
            Bar(
                x=x,
                y=baseline - height,
                width=SLOT - 16,
                height=height,
                value=text,
                value_x=x + (SLOT - 16) / 2,
                value_y=baseline - height - 6,
                month=format_date(month, "M"),
                year=format_date(month, "Y") if index == 0 or month.month == 1 else "",
                described=f"{long_month}: {shown}",
            )
        )
    grid = [GridLine(y=baseline - PLOT * share, label=metric.scale_text(top * share)) for share in (0.0, 0.5, 1.0)]
    goal = GridLine(y=baseline - PLOT * metric.goal / top, label=metric.note) if metric.goal is not None else None
    first, last = (format_date(months[0], "F Y"), format_date(months[-1], "F Y")) if months else ("", "")
    description = _("%(metric)s per month from %(first)s to %(last)s. %(values)s.") % {
        "metric": metric.title,
        "first": first,
        "last": last,
        "values": "; ".join(described),
    }
    if metric.note:
        description = f"{description} {metric.note}."
    return Chart(
        slug=metric.slug,
        title=metric.title,
        description=description,
        width=width,
        height=HEIGHT,
        bars=bars,
        grid=grid,
        goal=goal,
        baseline=baseline,
        plot_right=width - 4,
    )


def charts(rows: Sequence[MetricsRow], months: Sequence[date]) -> list[Chart]:
    return [chart(metric, rows, months) for metric in metrics_shown()]

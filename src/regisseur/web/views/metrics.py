"""Monitoring pages (seed 000): the metrics (O5) with a chart per metric per month, a table and a CSV export.

For the organisation's recruiters; to others the pages do not exist (404). The figures and
their definitions are monitoring.metrics'.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from regisseur.accounts.roles import has_organisation, is_recruiter
from regisseur.core.spreadsheets import write_csv
from regisseur.monitoring import metrics
from regisseur.monitoring.metrics import MetricsRow, Share
from regisseur.web.forms.metrics import GROUP_CHOICES, MetricsFilterForm
from regisseur.web.views.common import _actor
from regisseur.web.views.exporting import csv_delimiter
from regisseur.web.views.metrics_charts import charts, satisfaction_text, share_text


def _recruiter_form(request: HttpRequest) -> MetricsFilterForm:
    if not (is_recruiter(request.user) and has_organisation(request.user)):
        raise Http404
    return MetricsFilterForm(request.GET or None)


def _group_label(group_by: str) -> str:
    return str(dict(GROUP_CHOICES)[group_by])


@login_required
def metrics_page(request: HttpRequest) -> HttpResponse:
    """The metrics of a period: a chart per metric per month, and a table per month, recruiter, client or vacancy."""
    form = _recruiter_form(request)
    user, period, group_by = _actor(request), form.period, form.group_by
    rows = metrics.metrics_for_user(user, period=period, group_by=group_by)
    months = (
        rows if group_by == metrics.MONTH else metrics.metrics_for_user(user, period=period, group_by=metrics.MONTH)
    )
    table = [
        {
            "row": row,
            "zero_surprise": share_text(row.zero_surprise),
            "on_time_start": share_text(row.on_time_start),
            "satisfaction": satisfaction_text(row),
            "debrief": share_text(row.debrief_within_24h),
            "no_show": share_text(row.no_show),
        }
        for row in rows
    ]
    context: dict[str, Any] = {
        "form": form,
        "period": period,
        "group_by": group_by,
        "group_label": _group_label(group_by),
        "charts": charts(months, period.months()),
        "table": table,
        "export_query": form.query(),
    }
    return render(request, "monitoring/metrics.html", context)


def _number(value: float | None, delimiter: str, decimals: int = 1) -> str:
    """A decimal number as the spreadsheet reads it: a comma for Dutch Excel (";" files)."""
    if value is None:
        return ""
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if delimiter == ";" else text


def _rate(share: Share, delimiter: str) -> str:
    return _number(None if share.rate is None else share.rate * 100, delimiter)


@login_required
def metrics_csv(request: HttpRequest) -> HttpResponse:
    """The page's table as CSV, with the page's filters (UTF-8 with BOM; ";" and decimal commas for Dutch users)."""
    form = _recruiter_form(request)
    period, group_by = form.period, form.group_by
    rows = metrics.metrics_for_user(_actor(request), period=period, group_by=group_by)
    delimiter = csv_delimiter()
    with_client = group_by == metrics.VACANCY
    headers = [
        _group_label(group_by),
        *([_("Client")] if with_client else []),
        _("Interviews"),
        _("Zero-surprise rate (%)"),
        _("Interviews due"),
        _("On-time start rate (%)"),
        _("Starts recorded"),
        _("Satisfaction (average, 1 to 5)"),
        _("Ratings"),
        _("Debrief planned within 24 hours (%)"),
        _("Held interviews"),
        _("No-show rate (%)"),
        _("Held and no-show"),
    ]

    def line(row: MetricsRow) -> list[Any]:
        return [
            row.key,
            *([row.detail] if with_client else []),
            row.interviews,
            _rate(row.zero_surprise, delimiter),
            row.zero_surprise.whole,
            _rate(row.on_time_start, delimiter),
            row.on_time_start.whole,
            _number(row.satisfaction_average, delimiter, 2),
            row.satisfaction_count,
            _rate(row.debrief_within_24h, delimiter),
            row.debrief_within_24h.whole,
            _rate(row.no_show, delimiter),
            row.no_show.whole,
        ]

    body = write_csv(headers, (line(row) for row in rows), delimiter=delimiter)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    name = f"metrics-{group_by}-{period.first:%Y%m%d}-{period.last:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


patterns: list[URLPattern] = [
    path("monitoring/metrics/", metrics_page, name="metrics"),
    path("monitoring/metrics.csv", metrics_csv, name="metrics_csv"),
]

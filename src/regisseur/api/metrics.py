"""The JSON API for monitoring (API.md "Monitoring the interview day"): metrics (O5).

`GET /api/v1/metrics?from=&to=&group_by=month|recruiter|client|vacancy`: the metrics of the
organisation's interviews planned from `from` to `to` (calendar days in Europe/Amsterdam, both
included; by default the last 12 months up to today), one row per group. The definitions are
in monitoring/metrics.py. Recruiters only: others answer 403 `forbidden`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from regisseur.accounts.roles import is_recruiter
from regisseur.api.common import ERRORS, actor
from regisseur.api.schemas import InputSchema
from regisseur.core.errors import Forbidden
from regisseur.monitoring import metrics

router = Router(tags=["monitoring"])


class MetricsQuery(InputSchema):
    from_: dt.date | None = Field(
        None, alias="from", description="The first day (yyyy-mm-dd, Europe/Amsterdam); default: the 1st, 11 months ago."
    )
    to: dt.date | None = Field(None, description="The last day, included (yyyy-mm-dd); default: today.")
    group_by: Literal["month", "recruiter", "client", "vacancy"] = "month"


class MetricsRowOut(Schema):
    key: str = Field(description="`YYYY-MM`, or the recruiter's name, the client's or the vacancy's.")
    id: int | None = Field(description="The recruiter's, client's or vacancy's id; null for a month.")
    interviews: int
    zero_surprise_rate: float | None
    on_time_start_rate: float | None
    satisfaction_average: float | None
    satisfaction_count: int
    debrief_within_24h_rate: float | None
    no_show_rate: float | None


class MetricsOut(Schema):
    rows: list[MetricsRowOut]


@router.get("/metrics", response={200: MetricsOut, **ERRORS})
def get_metrics(request: HttpRequest, filters: Query[MetricsQuery]) -> MetricsOut:
    user = actor(request)
    if not is_recruiter(user):
        raise Forbidden(_("Only recruiters can see the metrics."))
    period = metrics.period_between(filters.from_, filters.to)
    rows = metrics.metrics_for_user(user, period=period, group_by=filters.group_by)
    return MetricsOut(
        rows=[
            MetricsRowOut(
                key=row.key,
                id=row.id,
                interviews=row.interviews,
                zero_surprise_rate=row.zero_surprise_rate,
                on_time_start_rate=row.on_time_start_rate,
                satisfaction_average=row.satisfaction_average,
                satisfaction_count=row.satisfaction_count,
                debrief_within_24h_rate=row.debrief_within_24h_rate,
                no_show_rate=row.no_show_rate,
            )
            for row in rows
        ]
    )

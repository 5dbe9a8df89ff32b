"""What each user may see of monitoring: an incident is visible when its interview is.

Anything else is "not found", never "forbidden", like the interviews themselves.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from regisseur.interviews.access import interviews_for_user
from regisseur.monitoring.models import Incident

# Ids beyond the database's 64-bit integers exist nowhere (and some databases refuse them).
_MAX_ID = 2**63 - 1


def incidents_for_user(user: Any) -> QuerySet[Incident]:
    return Incident.objects.filter(interview__in=interviews_for_user(user).values("id"))


def get_incident_for_user(user: Any, pk: Any) -> Incident:
    try:
        pk = int(pk)
        if not 1 <= pk <= _MAX_ID:
            raise Http404
        return incidents_for_user(user).select_related("interview").get(pk=pk)
    except (ValueError, TypeError, OverflowError, Incident.DoesNotExist):
        raise Http404 from None

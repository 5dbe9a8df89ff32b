from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from regisseur.accounts.roles import is_recruiter


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Start where the work is: the recruiter's interviews overview, everybody else's own portal (E5)."""
    return redirect("interviews:overview" if is_recruiter(request.user) else "portal:home")

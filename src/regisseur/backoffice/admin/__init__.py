"""Every admin page, registered when Django's admin discovers this module."""

from regisseur.backoffice.admin import accounts, api, interviews, messaging, monitoring, recruitment

__all__ = ["accounts", "api", "interviews", "messaging", "monitoring", "recruitment"]

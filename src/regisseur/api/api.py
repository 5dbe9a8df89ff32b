"""The JSON API v1 (see /work/shared/API.md): mounted at /api/v1/, OpenAPI at /api/v1/openapi.json."""

from ninja import NinjaAPI

from regisseur.api.auth import ApiKeyAuth
from regisseur.api.errors import install_handlers
from regisseur.api.evaluation import router as evaluation_router
from regisseur.api.interviews import router as interviews_router
from regisseur.api.kits import router as kits_router
from regisseur.api.messages import router as messages_router
from regisseur.api.metrics import router as metrics_router
from regisseur.api.monitoring import router as monitoring_router
from regisseur.api.people import router as people_router
from regisseur.api.records import router as records_router

api = NinjaAPI(
    title="Regisseur API",
    version="1",
    urls_namespace="api-v1",
    description="Interview planning for recruiters. Authenticate with `Authorization: Bearer <key>`.",
    auth=ApiKeyAuth(),
)
install_handlers(api)
api.add_router("", records_router)
api.add_router("", interviews_router)
api.add_router("", messages_router)
api.add_router("", people_router)
api.add_router("", monitoring_router)
api.add_router("", metrics_router)
api.add_router("", evaluation_router)
api.add_router("", kits_router)

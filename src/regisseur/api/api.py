from ninja import NinjaAPI

api = NinjaAPI(title="Regisseur API", version="1", urls_namespace="api-v1")

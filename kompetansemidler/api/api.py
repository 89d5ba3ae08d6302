"""The JSON API, with its OpenAPI schema at /api/openapi.json."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Kompetansemidler API",
    version="1",
    description="Registry and case data of the grant scheme for local competence development.",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)

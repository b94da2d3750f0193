"""The read-only JSON API at /api/v1/, on Django REST framework, described by OpenAPI 3.1 (drf-spectacular)."""

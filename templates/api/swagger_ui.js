"use strict";
// Starts Swagger UI on /api/v1/docs/ (api/docs.py): a read-only API without log-in, so no credentials.
window.ui = SwaggerUIBundle({
  url: "{{ schema_url|escapejs }}",
  dom_id: "#swagger-ui",
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
  ...{{ settings|safe }},
});

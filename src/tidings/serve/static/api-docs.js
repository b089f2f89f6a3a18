// The API page: Swagger UI (the npm package swagger-ui-dist, served by `tidings serve`) over the
// OpenAPI document. A file rather than an inline script, which the Content-Security-Policy forbids.
(function () {
  "use strict";
  const box = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: box.dataset.url,
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null, // no badge fetched from another site
  });
})();

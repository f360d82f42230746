/**
 * The browsable API documentation at /api/docs (Swagger UI), under the same Content Security
 * Policy as every other page — no inline styles or scripts — and called Accord: its own title,
 * favicon and a link back to the web app instead of the stock top bar and logo.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import fastifySwaggerUi from "@fastify/swagger-ui";
import { repositoryRoot } from "../db/client.js";

export const apiTitle = "Accord API";

// Swagger UI's base layout has no top bar (the stock logo and a box for loading any other URL).
// Its stock colours are too faint for WCAG AA (white on light blue "GET", grey version badges,
// light-blue links), and its highlighted examples scroll sideways without keyboard access:
// darker colours, and examples that wrap instead.
const accordCss = `
.swagger-ui .wrapper { max-width: 1200px; }
.swagger-ui .information-container { padding-top: 1rem; }
.swagger-ui .info a, .swagger-ui a.nostyle { color: #1a5dab; }
.swagger-ui .info .title small { background: #3b4151; }
.swagger-ui .info .title small.version-stamp { background: #1f5f3f; }
.swagger-ui .info .title small pre { color: #ffffff; }
.swagger-ui .info .base-url, .swagger-ui .info .url { color: #3b4151; }
.swagger-ui .opblock.opblock-get .opblock-summary-method { background: #1a5dab; }
.swagger-ui .opblock.opblock-post .opblock-summary-method { background: #1f7a4d; }
.swagger-ui .opblock.opblock-put .opblock-summary-method { background: #8a4b00; }
.swagger-ui .opblock.opblock-patch .opblock-summary-method { background: #16716b; }
.swagger-ui .opblock.opblock-delete .opblock-summary-method { background: #b3261e; }
.swagger-ui .highlight-code > .microlight, .swagger-ui .microlight { max-height: none; overflow: visible; white-space: pre-wrap; word-break: break-word; }
.swagger-ui .parameter__in, .swagger-ui .parameter__type { color: #4a4a4a; }
`;

// Swagger UI draws a parameter's list of allowed values as a <select> with no label; this names
// each one after its parameter ("status (query)") as the operations open. Served as a file, so
// the page's Content Security Policy (scripts from this origin only) still holds.
const accordJs = `
(function () {
  function nameSelects() {
    document.querySelectorAll("tr[data-param-name] select:not([aria-label])").forEach(function (select) {
      var row = select.closest("tr[data-param-name]");
      var where = row.querySelector(".parameter__in");
      var name = row.getAttribute("data-param-name") + (where ? " " + where.textContent.trim() : "");
      select.setAttribute("aria-label", name);
    });
  }
  new MutationObserver(nameSelects).observe(document.documentElement, { childList: true, subtree: true });
})();
`;

export async function registerApiDocs(app: FastifyInstance): Promise<void> {
  const favicon = readFileSync(resolve(repositoryRoot, "packages/web/public/favicon.svg"));
  await app.register(fastifySwaggerUi, {
    routePrefix: "/api/docs",
    // No policy of its own: the security headers give it the one every page has.
    staticCSP: false,
    // Deep links put a link inside each operation's button (nested controls, too small a target).
    uiConfig: { layout: "BaseLayout", deepLinking: false, syntaxHighlight: false },
    theme: {
      title: apiTitle,
      css: [{ filename: "accord.css", content: accordCss }],
      js: [{ filename: "accord-labels.js", content: accordJs }],
      favicon: [{ filename: "favicon.svg", rel: "icon", type: "image/svg+xml", sizes: "any", content: favicon }],
    },
  });
}

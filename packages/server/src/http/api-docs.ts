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

// Swagger UI's base layout has no top bar (the stock logo and a box for loading any other URL);
// this gives the page the margins the top bar's layout had.
const accordCss = `
.swagger-ui .wrapper { max-width: 1200px; }
.swagger-ui .information-container { padding-top: 1rem; }
`;

export async function registerApiDocs(app: FastifyInstance): Promise<void> {
  const favicon = readFileSync(resolve(repositoryRoot, "packages/web/public/favicon.svg"));
  await app.register(fastifySwaggerUi, {
    routePrefix: "/api/docs",
    // No policy of its own: the security headers give it the one every page has.
    staticCSP: false,
    uiConfig: { layout: "BaseLayout", deepLinking: true },
    theme: {
      title: apiTitle,
      css: [{ filename: "accord.css", content: accordCss }],
      favicon: [{ filename: "favicon.svg", rel: "icon", type: "image/svg+xml", sizes: "any", content: favicon }],
    },
  });
}

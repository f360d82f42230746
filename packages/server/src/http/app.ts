/** The Fastify application: API under /api, OpenAPI at /api/openapi.json and /api/docs, the web app at /. */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import Fastify from "fastify";
import type { FastifyInstance } from "fastify";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Database } from "../db/client.js";
import { repositoryRoot } from "../db/client.js";
import { agreementRoutes } from "../features/agreements/routes.js";
import { referenceRoutes } from "../features/reference/routes.js";
import { registerErrorHandling } from "./errors.js";
import { registerSecurityHeaders } from "./security-headers.js";

export interface AppOptions {
  database: Database;
  /** Built web app; defaults to packages/web/dist. */
  webRoot?: string;
  logger?: boolean;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: process.env.LOG_LEVEL ?? "info" } : false,
    bodyLimit: 1_000_000,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerSecurityHeaders(app);

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: "Accord API", description: "Local Area Agreements: agreements, indicators, baselines, targets, partners.", version: "0.1.0" },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs", staticCSP: true });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  const { db } = options.database;
  await app.register(agreementRoutes(db), { prefix: "/api" });
  await app.register(referenceRoutes(db), { prefix: "/api" });

  const webRoot = options.webRoot ?? resolve(repositoryRoot, "packages/web/dist");
  const hasWebApp = existsSync(resolve(webRoot, "index.html"));
  if (hasWebApp) await app.register(fastifyStatic, { root: webRoot, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    if (request.method === "GET" && !path.startsWith("/api") && hasWebApp) {
      // The web app routes in the browser: any other page gets index.html.
      return reply.type("text/html").sendFile("index.html");
    }
    return reply.status(404).send({ error: { code: "NOT_FOUND", message: `No route ${request.method} ${path}` } });
  });
  return app;
}

/** The Fastify application: API under /api, OpenAPI at /api/openapi.json and /api/docs, the web app at /. */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import Fastify from "fastify";
import type { FastifyInstance } from "fastify";
import fastifyCompress from "@fastify/compress";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Database } from "../db/client.js";
import { repositoryRoot } from "../db/client.js";
import { agreementRoutes } from "../features/agreements/routes.js";
import { referenceRoutes } from "../features/reference/routes.js";
import { registerErrorHandling } from "./errors.js";
import { registerSecurityHeaders } from "./security-headers.js";
import { apiTitle, registerApiDocs } from "./api-docs.js";
import { collectRouteTable } from "./route-table.js";
import { parseTrustProxy } from "./trust-proxy.js";
import { registerRouteAccess } from "./route-access.js";
import { agreementImportRoutes } from "../features/agreement-import/routes.js";
import { registerTextSafety } from "./text-safety.js";
import { redactedPaths, safeError, safeRequest } from "./log-safety.js";
import type { TrustProxy } from "./trust-proxy.js";
import { registerAuthentication } from "../features/auth/plugin.js";
import { cookieSecret } from "../features/auth/settings.js";
import { authRoutes } from "../features/auth/routes.js";
import { singleSignOnFromEnvironment, singleSignOnRoutes } from "../features/auth/single-sign-on.js";
import type { SingleSignOnSettings } from "../features/auth/single-sign-on.js";
import { userRoutes } from "../features/users/routes.js";
import { indicatorWriteRoutes } from "../features/indicators/routes.js";
import { localPlanRoutes } from "../features/local-plans/routes.js";
import { negotiationRoutes } from "../features/negotiation/routes.js";
import { choosingRoutes } from "../features/choosing/routes.js";
import { bulletinRoutes } from "../features/bulletins/routes.js";
import { submissionRoutes } from "../features/submission/routes.js";
import { myWorkRoutes } from "../features/my-work/routes.js";
import { distributionListRoutes } from "../features/mail/routes.js";
import { roundRoutes } from "../features/rounds/routes.js";
import { rewardRoutes } from "../features/reward/routes.js";
import { consultationRoutes } from "../features/consultation/routes.js";
import { fundingRoutes } from "../features/funding/routes.js";
import { observationRoutes } from "../features/observations/routes.js";
import { performanceRoutes } from "../features/performance/routes.js";
import { governmentOfficeRoutes } from "../features/government-office/routes.js";
import { openDataRoutes } from "../features/open-data/routes.js";
import { returnTemplateRoutes } from "../features/returns/template-routes.js";
import { returnRoutes } from "../features/returns/routes.js";
import { dhis2Routes } from "../features/dhis2/routes.js";
import { performanceReportRoutes } from "../features/performance-report/routes.js";
import { deliveryPlanRoutes } from "../features/delivery-plans/routes.js";
import { mailSettingsFromEnvironment } from "../features/mail/settings.js";
import type { MailSettings } from "../features/mail/settings.js";
import { createMailer } from "../features/mail/mailer.js";

export interface AppOptions {
  database: Database;
  /** OpenID Connect single sign-on; by default from ACCORD_OIDC_* in the environment. */
  singleSignOn?: SingleSignOnSettings | null;
  /** Built web app; defaults to packages/web/dist. */
  webRoot?: string;
  logger?: boolean;
  /** Where the log goes when logger is on (standard output by default); tests read it. */
  logStream?: { write(line: string): void };
  /** Which reverse proxies' X-Forwarded-* headers to believe; by default from ACCORD_TRUST_PROXY. */
  trustProxy?: TrustProxy;
  /** The SMTP server bulletins and invitations go through; by default from ACCORD_SMTP_URL (none: nothing is sent). */
  mail?: MailSettings | null;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger
      ? {
          level: process.env.LOG_LEVEL ?? "info",
          serializers: { err: safeError, req: safeRequest },
          redact: { paths: redactedPaths, censor: "[not logged]" },
          ...(options.logStream ? { stream: options.logStream } : {}),
        }
      : false,
    bodyLimit: 1_000_000,
    trustProxy: options.trustProxy ?? parseTrustProxy(process.env.ACCORD_TRUST_PROXY),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerSecurityHeaders(app);
  collectRouteTable(app);
  // A whole agreement is ~100 KB of JSON and compresses to about a tenth; small answers go as they are.
  await app.register(fastifyCompress, { encodings: ["br", "gzip"], threshold: 2048 });
  const { db } = options.database;
  await registerAuthentication(app, db, await cookieSecret(db));
  registerRouteAccess(app, db);
  registerTextSafety(app);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: apiTitle,
        description: "Local Area Agreements: agreements, indicators, baselines, targets, partners. [Back to Accord](/)",
        version: "0.1.0",
      },
    },
    transform: jsonSchemaTransform,
  });
  await registerApiDocs(app);
  app.get("/api/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () => app.swagger());

  const singleSignOn = options.singleSignOn === undefined ? singleSignOnFromEnvironment() : options.singleSignOn;
  const mailSettings = options.mail === undefined ? mailSettingsFromEnvironment() : options.mail;
  const mailer = mailSettings ? createMailer(mailSettings) : null;
  if (mailer) app.addHook("onClose", async () => mailer.close());
  for (const routes of [agreementRoutes, indicatorWriteRoutes, negotiationRoutes, choosingRoutes, bulletinRoutes, submissionRoutes, localPlanRoutes, referenceRoutes, userRoutes, myWorkRoutes, distributionListRoutes, roundRoutes, observationRoutes, performanceRoutes, returnRoutes, performanceReportRoutes, deliveryPlanRoutes, rewardRoutes, consultationRoutes, fundingRoutes, openDataRoutes]) {
    await app.register(routes(db, mailer), { prefix: "/api" });
  }
  // Its own line: the file upload parsers stay inside this plugin.
  await app.register(returnTemplateRoutes(db), { prefix: "/api" });
  await app.register(dhis2Routes(db), { prefix: "/api" });
  await app.register(agreementImportRoutes(db), { prefix: "/api" });
  await app.register(governmentOfficeRoutes(db), { prefix: "/api" });
  await app.register(authRoutes(db, singleSignOn), { prefix: "/api" });
  if (singleSignOn) await app.register(singleSignOnRoutes(db, singleSignOn), { prefix: "/api" });

  const webRoot = options.webRoot ?? resolve(repositoryRoot, "packages/web/dist");
  const hasWebApp = existsSync(resolve(webRoot, "index.html"));
  if (hasWebApp) await app.register(fastifyStatic, { root: webRoot, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    const isPage = !/\.[a-z0-9]+$/i.test(path);
    if (request.method === "GET" && !path.startsWith("/api") && isPage && hasWebApp) {
      // The web app routes in the browser: any other page gets index.html; a missing file is a 404.
      return reply.type("text/html").sendFile("index.html");
    }
    return reply.status(404).send({ error: { code: "NOT_FOUND", message: `No route ${request.method} ${path}` } });
  });
  return app;
}

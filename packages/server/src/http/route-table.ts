/**
 * Every API route declares who may reach it (config.access). A route without a declaration
 * stops the server from starting, so no route is ever born unprotected; the collected table
 * drives the authorisation matrix test.
 */
import type { FastifyInstance } from "fastify";
import type { Action } from "../policy/authorize.js";

/** "public": anyone; "signed-in": any account; an Action: checked by authorize() in the handler. */
export type RouteAccess = "public" | "signed-in" | Action;

export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess;
}

declare module "fastify" {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
}

export function collectRouteTable(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  app.decorate("routeTable", table);
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api") || route.url.startsWith("/api/docs")) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const access = route.config?.access;
    if (access === undefined) throw new Error(`Route ${methods.join(",")} ${route.url} does not declare config.access`);
    for (const method of methods) if (method !== "HEAD") table.push({ method, url: route.url, access });
  });
}

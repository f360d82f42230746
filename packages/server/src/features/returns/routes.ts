/** A monitoring round's returns: list, read, save a draft, submit, accept or return, and a district's submission. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.js";
import { apiErrors } from "../../http/route-schemas.js";
import { RoundParams } from "../rounds/schema.js";
import {
  AcceptReturnBody,
  DistrictReturnParams,
  DistrictSubmitBody,
  ReturnList,
  ReturnParams,
  ReturnView,
  SaveReturnBody,
  SendBackReturnBody,
  SubmitReturnBody,
} from "./schema.js";
import { decideReturn, listReturns, readReturn, saveReturn, submitDistrictValues, submitReturn } from "./service.js";

export function returnRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    const base = "/agreements/:slug/rounds/:round/returns";
    const where = (params: { slug: string; round: string; key: string }) => ({ db, slug: params.slug, round: params.round, key: params.key });

    app.get(
      base,
      {
        config: { access: "read" },
        schema: {
          tags: ["monitoring"],
          summary: "Every indicator's return in the round: missing, draft, submitted, accepted or returned, and whether it is late",
          params: RoundParams,
          response: { 200: ReturnList, ...apiErrors },
        },
      },
      async (request) => listReturns({ db, actor: request.actor, slug: request.params.slug, round: request.params.round }),
    );

    app.get(
      `${base}/:key`,
      {
        config: { access: "read" },
        schema: {
          tags: ["monitoring"],
          summary: "One indicator's return: its text update, the round's values, the computed and self-assessed status, and what you may do",
          params: ReturnParams,
          response: { 200: ReturnView, ...apiErrors },
        },
      },
      async (request) => readReturn({ ...where(request.params), actor: request.actor }),
    );

    app.put(
      `${base}/:key`,
      {
        config: { access: "editReturn" },
        schema: {
          tags: ["monitoring"],
          summary: "Save the return's text update and self-assessed status as a draft (send the version you read once it exists)",
          params: ReturnParams,
          body: SaveReturnBody,
          response: { 200: ReturnView, ...apiErrors },
        },
      },
      async (request) => saveReturn({ ...where(request.params), actor: request.actor, body: request.body }),
    );

    app.post(
      `${base}/:key/submit`,
      {
        config: { access: "editReturn" },
        schema: {
          tags: ["monitoring"],
          summary: "Submit the return (accountable officer or manager); its values are locked until a manager returns it",
          params: ReturnParams,
          body: SubmitReturnBody,
          response: { 200: ReturnView, ...apiErrors },
        },
      },
      async (request) => submitReturn({ ...where(request.params), actor: request.actor, body: request.body }),
    );

    app.post(
      `${base}/:key/accept`,
      {
        config: { access: "decideReturn" },
        schema: {
          tags: ["monitoring"],
          summary: "Accept a submitted return, with an optional comment (manager)",
          params: ReturnParams,
          body: AcceptReturnBody,
          response: { 200: ReturnView, ...apiErrors },
        },
      },
      async (request) => decideReturn({ ...where(request.params), actor: request.actor, decision: "accept", body: request.body }),
    );

    app.post(
      `${base}/:key/return`,
      {
        config: { access: "decideReturn" },
        schema: {
          tags: ["monitoring"],
          summary: "Send a submitted return back with a comment saying what needs changing (manager)",
          params: ReturnParams,
          body: SendBackReturnBody,
          response: { 200: ReturnView, ...apiErrors },
        },
      },
      async (request) => decideReturn({ ...where(request.params), actor: request.actor, decision: "return", body: request.body }),
    );

    app.post(
      `${base}/:key/districts/:code/submit`,
      {
        config: { access: "submitDistrictReturn" },
        schema: {
          tags: ["monitoring"],
          summary: "Submit a district's values for the return (that district's LSP coordinator or a manager)",
          params: DistrictReturnParams,
          body: DistrictSubmitBody,
          response: { 200: ReturnView, ...apiErrors },
        },
      },
      async (request) => submitDistrictValues({ ...where(request.params), actor: request.actor, area: request.params.code }),
    );
  };
}

/** Bulletins: the draft of the next one, issuing it, and the issued ones (JSON or plain text to e-mail). */
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { IsoDate } from "@accord/domain";
import type { Db } from "../../db/client.js";
import type { FastifyReply } from "fastify";
import { BulletinView, draftBulletin, getBulletin, issueBulletin, listBulletins } from "./service.js";
import { bulletinHtml } from "./printable.js";
import { documentContentSecurityPolicy } from "../../http/security-headers.js";
import { getAgreement } from "../agreements/service.js";
import { AgreementSlug, apiErrors } from "../../http/route-schemas.js";
import { DeliveryListView, ResentView } from "@accord/domain";
import type { Mailer } from "../mail/mailer.js";
import { listBulletinDeliveries, resendFailedBulletin } from "./mailing.js";
import { ResendBody } from "../mail/schema.js";

const Format = z.object({ format: z.enum(["json", "text", "html"]).default("json") });
const BulletinParams = z.object({ slug: AgreementSlug, number: z.coerce.number({ error: "must be a bulletin number" }).int().positive() });

export function bulletinRoutes(db: Db, mailer: Mailer | null = null): FastifyPluginAsyncZod {
  /** The same bulletin as JSON, plain text to e-mail, or a printable page. */
  const send = async (reply: FastifyReply, bulletin: BulletinView, format: "json" | "text" | "html", slug: string) => {
    if (format === "text") return reply.type("text/plain; charset=utf-8").send(bulletin.text);
    if (format === "html") {
      const { detail } = await getAgreement(db, slug);
      return reply.type("text/html; charset=utf-8").header("Content-Security-Policy", documentContentSecurityPolicy).send(bulletinHtml(bulletin, detail.name));
    }
    return bulletin;
  };

  return async (app) => {
    app.get(
      "/agreements/:slug/bulletins",
      { config: { access: "readHistory" }, schema: { tags: ["bulletins"], summary: "Bulletins issued so far", params: z.object({ slug: AgreementSlug }), response: { 200: z.object({ bulletins: z.array(z.object({ number: z.number().int(), issuedAt: z.string() })), mailConfigured: z.boolean() }), ...apiErrors } } },
      async (request) => ({ bulletins: await listBulletins(db, request.actor, request.params.slug), mailConfigured: mailer !== null }),
    );

    app.get(
      "/agreements/:slug/bulletins/draft",
      {
        config: { access: "readHistory" },
        schema: {
          tags: ["bulletins"],
          summary: "The next bulletin: everything that changed since the last one (or since a date)",
          params: z.object({ slug: AgreementSlug }),
          querystring: Format.extend({ since: IsoDate.optional() }).strict(),
          response: { 200: z.union([BulletinView, z.string()]), ...apiErrors },
        },
      },
      async (request, reply) => {
        const draft = await draftBulletin(db, request.actor, request.params.slug, request.query.since);
        return send(reply, draft, request.query.format, request.params.slug);
      },
    );

    app.post(
      "/agreements/:slug/bulletins",
      {
        config: { access: "update" },
        schema: { tags: ["bulletins"], summary: "Issue the next bulletin (managers); it is recorded, e-mailed when SMTP is set up, and the next one starts from it", params: z.object({ slug: AgreementSlug }), body: z.object({ since: IsoDate.optional() }).strict(), response: { 201: BulletinView, ...apiErrors } },
      },
      async (request, reply) => reply.status(201).send(await issueBulletin({ db, actor: request.actor, slug: request.params.slug, since: request.body.since, mailer })),
    );

    app.get(
      "/agreements/:slug/bulletins/:number",
      {
        config: { access: "readHistory" },
        schema: {
          tags: ["bulletins"],
          summary: "An issued bulletin",
          params: BulletinParams,
          querystring: Format.strict(),
          response: { 200: z.union([BulletinView, z.string()]), ...apiErrors },
        },
      },
      async (request, reply) => {
        const bulletin = await getBulletin(db, request.actor, request.params.slug, request.params.number);
        return send(reply, bulletin, request.query.format, request.params.slug);
      },
    );

    app.get(
      "/agreements/:slug/bulletins/:number/deliveries",
      { config: { access: "update" }, schema: { tags: ["bulletins"], summary: "Where an issued bulletin was e-mailed, and how each went (managers)", params: BulletinParams, response: { 200: DeliveryListView, ...apiErrors } } },
      async (request) => listBulletinDeliveries({ db, mailer, actor: request.actor, ...request.params }),
    );

    app.post(
      "/agreements/:slug/bulletins/:number/deliveries/resend",
      {
        config: { access: "update" },
        schema: { tags: ["bulletins"], summary: "Send an issued bulletin again to the addresses where it failed (managers)", params: BulletinParams, body: ResendBody, response: { 200: ResentView, ...apiErrors } },
      },
      async (request) => resendFailedBulletin({ db, mailer, actor: request.actor, ...request.params }),
    );
  };
}

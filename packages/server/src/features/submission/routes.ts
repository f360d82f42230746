/** Submitting: what still blocks sign-off, the submission itself, and the template as a download. */
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { IsoDate, SubmissionCheckView } from "@accord/domain";
import type { Db } from "../../db/client.js";
import { exportSubmission, submissionFormats } from "../../reports/export-submission.js";
import { ensureReadable } from "../agreements/readable.js";
import { submissionCheck, submitAgreement } from "./service.js";
import { documentContentSecurityPolicy } from "../../http/security-headers.js";
import { AgreementSlug, apiErrors } from "../../http/route-schemas.js";


export function submissionRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/agreements/:slug/submission",
      {
        config: { access: "read" },
        schema: {
          tags: ["submission"],
          summary:
            "The submission template as at a date (default: the agreement's defaultAsAt, its latest negotiation entry), grouped by theme, with the columns of the May 2008 report's appendix",
          params: z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/, "must be an agreement slug such as kent-ka2") }),
          querystring: z.object({ format: z.enum(submissionFormats).default("html"), asAt: IsoDate.optional() }).strict(),
        },
      },
      async (request, reply) => {
        await ensureReadable(db, request.actor, request.params.slug);
        const file = await exportSubmission({ db, slug: request.params.slug, format: request.query.format, ...(request.query.asAt ? { asAt: request.query.asAt } : {}) });
        if (request.query.format === "html") reply.header("Content-Security-Policy", documentContentSecurityPolicy);
        else reply.header("Content-Disposition", `attachment; filename="${file.fileName}"`);
        return reply.type(file.contentType).send(file.buffer);
      },
    );
    app.get(
      "/agreements/:slug/submission-check",
      {
        config: { access: "read" },
        schema: {
          tags: ["submission"],
          summary:
            "What still blocks sign-off as at a date (default: the agreement's defaultAsAt): no lead partner, no baseline and no pending reason, open counter-proposals, too few primary indicators",
          params: z.object({ slug: AgreementSlug }),
          querystring: z.object({ asAt: IsoDate.optional() }).strict(),
          response: { 200: SubmissionCheckView, ...apiErrors },
        },
      },
      async (request) => {
        const agreement = await ensureReadable(db, request.actor, request.params.slug);
        return submissionCheck(agreement, request.query.asAt ?? agreement.detail.defaultAsAt);
      },
    );

    app.post(
      "/agreements/:slug/submission",
      {
        config: { access: "update" },
        schema: {
          tags: ["submission"],
          summary: "Submit the agreement to the Government Office: refused while the check finds problems; freezes a revision",
          params: z.object({ slug: AgreementSlug }),
          body: z.object({ version: z.number().int().positive() }).strict(),
          response: { 201: z.object({ status: z.string(), revision: z.number().int() }), ...apiErrors },
        },
      },
      async (request, reply) => reply.status(201).send(await submitAgreement({ db, actor: request.actor, slug: request.params.slug, version: request.body.version })),
    );
  };
}

/** The submission template as a download: DOCX, XLSX, CSV, PDF or a printable page. */
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { IsoDate } from "@accord/domain";
import type { Db } from "../../db/client.js";
import { exportSubmission, submissionFormats } from "../../reports/export-submission.js";
import { ensureReadable } from "../agreements/readable.js";
import { documentContentSecurityPolicy } from "../../http/security-headers.js";

export function submissionRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/agreements/:slug/submission",
      {
        config: { access: "read" },
        schema: {
          tags: ["submission"],
          summary: "The submission template as at a date, grouped by theme, with the seed appendix's columns",
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
  };
}

/**
 * The six-monthly performance report of a round (issue 9 point 7) as printable HTML, PDF, DOCX or
 * an XLSX of its figures. The public reads a published round's report of a published agreement;
 * people with a role in the agreement read any round's. A round the reader may not see is 404.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.js";
import { documentContentSecurityPolicy } from "../../http/security-headers.js";
import { exportPerformanceReport } from "../../reports/performance-report.js";
import { RoundParams } from "../rounds/schema.js";
import { ReportQuery } from "./schema.js";

export function performanceReportRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/agreements/:slug/rounds/:round/report",
      {
        config: { access: "read" },
        schema: {
          tags: ["monitoring"],
          summary:
            "The six-monthly performance report of a round: cover, statuses, then theme by theme each indicator's chart, plan, latest value, status, direction, text update and districts (html, pdf, docx; xlsx of the figures)",
          params: RoundParams,
          querystring: ReportQuery,
        },
      },
      async (request, reply) => {
        const { slug, round } = request.params;
        const file = await exportPerformanceReport({ db, actor: request.actor, slug, round, format: request.query.format });
        if (request.query.format === "html") reply.header("Content-Security-Policy", documentContentSecurityPolicy);
        else reply.header("Content-Disposition", `attachment; filename="${file.fileName}"`);
        // The report follows the round's returns and values; a copy kept by a browser would go stale.
        return reply.header("Cache-Control", "no-store").type(file.contentType).send(file.buffer);
      },
    );
  };
}

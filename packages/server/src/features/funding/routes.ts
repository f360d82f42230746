/** Funding streams: list an agreement's with totals, add and change them, export them as XLSX. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.js";
import { AgreementParams, apiErrors } from "../../http/route-schemas.js";
import { FundingStreamCreateBody, FundingStreamParams, FundingStreamsView, FundingStreamUpdateBody, FundingStreamView } from "./schema.js";
import { addFundingStream, listFundingStreams, updateFundingStream } from "./service.js";

export function fundingRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/agreements/:slug/funding-streams",
      {
        config: { access: "read" },
        schema: {
          tags: ["funding streams"],
          summary: "The agreement's funding streams, each with its amount by financial year, and the totals by block or outcome and year",
          params: AgreementParams,
          response: { 200: FundingStreamsView, ...apiErrors },
        },
      },
      async (request) => listFundingStreams({ db, actor: request.actor, slug: request.params.slug }),
    );

    app.get(
      "/agreements/:slug/funding-streams.xlsx",
      {
        config: { access: "read" },
        schema: { tags: ["funding streams"], summary: "The funding streams and their totals as an Excel workbook", params: AgreementParams },
      },
      async (request, reply) => {
        const view = await listFundingStreams({ db, actor: request.actor, slug: request.params.slug });
        // exceljs loads with the first workbook asked for, not at start.
        const { fundingStreamsWorkbook } = await import("./export-xlsx.js");
        return reply
          .header("Content-Disposition", `attachment; filename="${request.params.slug}-funding-streams.xlsx"`)
          .header("Cache-Control", "no-store")
          .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
          .send(await fundingStreamsWorkbook(view));
      },
    );

    app.post(
      "/agreements/:slug/funding-streams",
      {
        config: { access: "update" },
        schema: {
          tags: ["funding streams"],
          summary: "Add a funding stream (manager)",
          params: AgreementParams,
          body: FundingStreamCreateBody,
          response: { 201: FundingStreamView, ...apiErrors },
        },
      },
      async (request, reply) => reply.status(201).send(await addFundingStream({ db, actor: request.actor, slug: request.params.slug, body: request.body })),
    );

    app.patch(
      "/agreements/:slug/funding-streams/:stream",
      {
        config: { access: "update" },
        schema: {
          tags: ["funding streams"],
          summary:
            "Change a funding stream (manager; the version you read). A new accountable partner moves the money: send the current partner's consent with it",
          params: FundingStreamParams,
          body: FundingStreamUpdateBody,
          response: { 200: FundingStreamView, ...apiErrors },
        },
      },
      async (request) =>
        updateFundingStream({ db, actor: request.actor, slug: request.params.slug, stream: request.params.stream, body: request.body }),
    );
  };
}

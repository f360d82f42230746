/**
 * POST /api/agreements/import: an agreement's table (XLSX or CSV, as the body or a multipart
 * form) previewed with ?dryRun=true, or imported as a draft agreement, all or nothing.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.js";
import { AppError } from "../../errors.js";
import { apiErrors } from "../../http/route-schemas.js";
import { UploadedFile, firstFilePart } from "../returns/template-routes.js";
import { ImportAgreementQuery, ImportPreview } from "./schema.js";
import { importAgreementTable } from "./service.js";

/** An agreement's table is a few hundred rows; 5 MB leaves room for a workbook's styling. */
export const maxTableBytes = 5_000_000;

const fileTypes = [
  "text/csv",
  "text/plain",
  "application/csv",
  "application/octet-stream",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.ms-excel",
];

export function agreementImportRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    // Only this plugin's route takes files; the parsers do not reach any other route.
    app.addContentTypeParser(fileTypes, { parseAs: "buffer", bodyLimit: maxTableBytes }, (_request, body, done) => {
      done(null, new UploadedFile(body as Buffer));
    });
    app.addContentTypeParser("multipart/form-data", { parseAs: "buffer", bodyLimit: maxTableBytes }, (request, body, done) => {
      const file = firstFilePart(body as Buffer, request.headers["content-type"] ?? "");
      if (file === null) {
        done(new AppError("BAD_REQUEST", "The form has no file: attach the agreement's table.", { field: "file" }), undefined);
        return;
      }
      done(null, new UploadedFile(file));
    });

    app.post(
      "/agreements/import",
      {
        // Creating an agreement adds to the catalogue every agreement shares: a manager's to do.
        config: { access: "editCatalogue" },
        bodyLimit: maxTableBytes,
        schema: {
          tags: ["agreements"],
          summary:
            "Import an agreement from its table (XLSX or CSV; Accord's submission template or a council's layout): " +
            "dryRun=true shows every row as read and every problem; otherwise a draft agreement is created, or nothing",
          querystring: ImportAgreementQuery,
          response: { 200: ImportPreview, 201: ImportPreview, ...apiErrors },
        },
      },
      async (request, reply) => {
        const body: unknown = request.body;
        if (!(body instanceof UploadedFile)) {
          throw new AppError("BAD_REQUEST", "Send the table as the request body, with the Content-Type of an XLSX workbook or CSV (or as a multipart form).", { field: "file" });
        }
        const actor = request.actor;
        if (actor === null) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
        const { dryRun, slug, name, area, fileName } = request.query;
        const preview = await importAgreementTable({ db, actor, file: body.bytes, dryRun, slug, name, area, fileName });
        return reply.status(preview.created ? 201 : 200).send(preview);
      },
    );
  };
}

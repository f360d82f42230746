/**
 * DHIS2 dataValueSets (issue 10 point 2): POST /api/dataValueSets takes a data value set as DHIS2
 * does (JSON, or CSV as application/csv or text/csv, up to 5 MB; ?dryRun=true, ?idScheme=code);
 * a round's values come out as one; a manager sees and sets the DHIS2 identifiers.
 */
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Actor } from "../../policy/authorize.js";
import type { Db } from "../../db/client.js";
import { AppError } from "../../errors.js";
import { apiErrors } from "../../http/route-schemas.js";
import { UploadedFile } from "../returns/template-routes.js";
import { exportDataValueSet } from "./export.js";
import { identifiersRefusal, isManager, listIdentifiers, setIdentifiers } from "./identifiers.js";
import type { IdentifierBook } from "./identifiers.js";
import { importDataValueSets, importRefusal, recordsValues } from "./import.js";
import type { Dhis2Upload } from "./import.js";
import { ExportParams, ExportQuery, IdentifiersView, ImportQuery, ImportSummary, SetIdentifiersBody, importErrors } from "./schema.js";

/** 100,000 data values of DHIS2 JSON are about 20 MB; 5 MB is some 25,000, more than a year of a county's returns. */
export const maxImportBytes = 5_000_000;

const csvTypes = ["application/csv", "text/csv"];

function identifiersView(book: IdentifierBook) {
  return { version: book.version, identifiers: book.objects.map(({ kind, code, name, id, set }) => ({ kind, code, name, id, set })) };
}

/** Refusals the session alone settles, before the body is read (route-access.ts has already answered 401). */
function refuseUnless(allowed: (actor: Actor) => boolean, reason: string) {
  return async (request: FastifyRequest) => {
    if (request.actor && !allowed(request.actor)) throw new AppError("FORBIDDEN", reason);
  };
}

export function dhis2Routes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    // Only this plugin's routes take CSV; the parser does not reach any other route.
    app.addContentTypeParser(csvTypes, { parseAs: "buffer", bodyLimit: maxImportBytes }, (_request, body, done) => {
      done(null, new UploadedFile(body as Buffer));
    });

    app.post(
      "/dataValueSets",
      {
        // Who may record which value is decided value by value, as for a single value.
        config: { access: "recordObservation" },
        bodyLimit: maxImportBytes,
        onRequest: refuseUnless(recordsValues, importRefusal),
        schema: {
          tags: ["monitoring"],
          summary:
            "Import a DHIS2 data value set (JSON or CSV): all or nothing, DHIS2's import summary with every conflict; " +
            "dryRun=true writes nothing",
          querystring: ImportQuery,
          response: { 200: ImportSummary, ...importErrors },
        },
      },
      async (request, reply) => {
        const body: unknown = request.body;
        const upload: Dhis2Upload = body instanceof UploadedFile ? { format: "csv", bytes: body.bytes } : { format: "json", body };
        if (upload.format === "json" && (body === undefined || body === null)) {
          const how = "Send the data value set as the request body: JSON (application/json) or CSV (application/csv).";
          throw new AppError("BAD_REQUEST", how, { field: "file" });
        }
        const summary = await importDataValueSets({
          db,
          actor: request.actor,
          upload,
          dryRun: request.query.dryRun,
          ...(request.query.idScheme === undefined ? {} : { idScheme: request.query.idScheme }),
        });
        // DHIS2 answers 409 Conflict with the import summary when values are refused.
        return reply.status(summary.status === "ERROR" ? 409 : 200).send(summary);
      },
    );

    app.get(
      "/agreements/:slug/rounds/:round/dataValueSets",
      {
        config: { access: "read" },
        schema: {
          tags: ["monitoring"],
          summary: "The round's values as a DHIS2 data value set, JSON or CSV (DHIS2's columns and order)",
          params: ExportParams,
          querystring: ExportQuery,
        },
      },
      async (request, reply) => {
        const file = await exportDataValueSet({
          db,
          actor: request.actor,
          slug: request.params.slug,
          round: request.params.round,
          format: request.query.format,
        });
        reply.header("Content-Disposition", `attachment; filename="${file.fileName}"`);
        return reply.type(file.contentType).send(file.buffer);
      },
    );

    app.get(
      "/dhis2/identifiers",
      {
        config: { access: "signed-in" },
        onRequest: refuseUnless(isManager, identifiersRefusal),
        schema: {
          tags: ["monitoring"],
          summary: "The DHIS2 identifier of every indicator, component, area and agreement (managers)",
          response: { 200: IdentifiersView, ...apiErrors },
        },
      },
      async (request) => identifiersView(await listIdentifiers({ db, actor: request.actor })),
    );

    app.put(
      "/dhis2/identifiers",
      {
        config: { access: "signed-in" },
        onRequest: refuseUnless(isManager, identifiersRefusal),
        schema: {
          tags: ["monitoring"],
          summary: "Set the DHIS2 identifiers this installation's DHIS2 uses (null: back to the derived one); managers, all or nothing",
          body: SetIdentifiersBody,
          response: { 200: IdentifiersView, ...apiErrors },
        },
      },
      async (request) => {
        const { version, changes } = request.body;
        return identifiersView(await setIdentifiers({ db, actor: request.actor, version, changes }));
      },
    );
  };
}

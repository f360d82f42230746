/**
 * The return template of a round: download it pre-filled (XLSX or CSV) for the rows the
 * signed-in person fills in, and send it back filled in. The file is the request body as it is
 * (Content-Type of the file, e.g. text/csv or the XLSX type) or the first file of a
 * multipart/form-data form, up to 5 MB.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.js";
import { AppError } from "../../errors.js";
import { RoundParams } from "../rounds/schema.js";
import { exportReturnTemplate, maxUploadFileBytes } from "./template-files.js";
import { TemplateQuery, UploadReport, uploadErrors } from "./template-schema.js";
import { importReturnTemplate, UploadRefusedError } from "./template-upload.js";

/** The file itself plus a multipart form's few hundred bytes of headings. */
const uploadBodyLimit = maxUploadFileBytes + 10_000;

/**
 * The bytes of an uploaded file. Kept out of sight of the checks that walk a JSON body's fields
 * (http/text-safety.ts would otherwise visit every byte); the upload checks each cell's text.
 */
export class UploadedFile {
  readonly #bytes: Buffer;
  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }
  get bytes(): Buffer {
    return this.#bytes;
  }
}

const fileTypes = [
  "text/csv",
  "text/plain",
  "application/csv",
  "application/octet-stream",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.ms-excel",
];

/** The first file part of a multipart/form-data body (RFC 7578), or null when there is none. */
export function firstFilePart(body: Buffer, contentType: string): Buffer | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) return null;
  const delimiter = Buffer.from(`--${marker}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) return null;
    const part = body.subarray(start + delimiter.length, next);
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString("latin1");
      // The part's content ends with the CRLF that comes before the next delimiter.
      const content = part.subarray(headerEnd + 4, part.length - 2);
      if (/filename=/i.test(headers)) return content;
    }
    start = next;
  }
  return null;
}

export function returnTemplateRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    // Only this plugin's routes take files; the parsers do not reach any other route.
    app.addContentTypeParser(fileTypes, { parseAs: "buffer", bodyLimit: uploadBodyLimit }, (_request, body, done) => {
      done(null, new UploadedFile(body as Buffer));
    });
    app.addContentTypeParser("multipart/form-data", { parseAs: "buffer", bodyLimit: uploadBodyLimit }, (request, body, done) => {
      const file = firstFilePart(body as Buffer, request.headers["content-type"] ?? "");
      if (file === null) {
        done(new AppError("BAD_REQUEST", "The form has no file: attach the filled-in template.", { field: "file" }), undefined);
        return;
      }
      done(null, new UploadedFile(file));
    });

    const base = "/agreements/:slug/rounds/:round";

    app.get(
      `${base}/template`,
      {
        config: { access: "signed-in" },
        schema: {
          tags: ["monitoring"],
          summary:
            "The round's return template (XLSX or CSV): the indicators, components and areas you fill in, with the values recorded now and their versions",
          params: RoundParams,
          querystring: TemplateQuery,
        },
      },
      async (request, reply) => {
        const file = await exportReturnTemplate({
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

    app.post(
      `${base}/upload`,
      {
        // Someone who fills in no row of any return is refused before the file is read; which rows, once it is.
        config: { access: "recordObservation" },
        bodyLimit: uploadBodyLimit,
        schema: {
          tags: ["monitoring"],
          summary:
            "Send back a filled-in return template (the file as the body, or a multipart form): all or nothing, every bad row and cell listed",
          params: RoundParams,
          response: { 200: UploadReport, ...uploadErrors },
        },
      },
      async (request, reply) => {
        const body: unknown = request.body;
        try {
          return await importReturnTemplate({
            db,
            actor: request.actor,
            slug: request.params.slug,
            round: request.params.round,
            file: () => {
              if (body instanceof UploadedFile) return body.bytes;
              throw new AppError(
                "BAD_REQUEST",
                "Send the filled-in template as the request body, with the Content-Type of an XLSX workbook or CSV (or as a multipart form).",
                { field: "file" },
              );
            },
          });
        } catch (error) {
          if (!(error instanceof UploadRefusedError)) throw error;
          return reply.status(error.httpStatus).send({
            error: { code: error.code, message: error.message, field: "file", details: error.details },
            problems: error.problems,
          });
        }
      },
    );
  };
}

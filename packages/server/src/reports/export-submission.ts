/**
 * `exportSubmission`: the submission template of an agreement as at a date, in one of five
 * formats, with the content type and a file name to offer. Callable from a route, the CLI and a
 * test alike.
 */
import type { Db } from "../db/client.js";
import { AppError } from "../errors.js";
import { getAgreement } from "../features/agreements/service.js";
import { buildSubmission, checkAsAt } from "./submission.js";
import type { Submission } from "./submission.js";
import { writeSubmissionCsv } from "./submission-csv.js";
import { writeSubmissionHtml } from "./submission-html.js";

export const submissionFormats = ["docx", "xlsx", "csv", "pdf", "html"] as const;
export type SubmissionFormat = (typeof submissionFormats)[number];

export const submissionContentTypes: Record<SubmissionFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8; header=present",
  pdf: "application/pdf",
  html: "text/html; charset=utf-8",
};

export function isSubmissionFormat(value: string): value is SubmissionFormat {
  return (submissionFormats as readonly string[]).includes(value);
}

export interface ExportSubmissionOptions {
  db: Db;
  slug: string;
  format: SubmissionFormat;
  /** YYYY-MM-DD; the agreement's default "as at" (its latest negotiation entry) when omitted. */
  asAt?: string | undefined;
}

export interface ExportedFile {
  buffer: Buffer;
  contentType: string;
  /** "kent-ka2-submission-2008-05-01.docx" */
  fileName: string;
}

// docx, exceljs and the Chromium driver are loaded when a document is first made, not on every
// start of the server or the command line (measured on a 2-core machine: playwright-core 1.4 s and
// 88 MiB, exceljs 0.7 s and 27 MiB, docx 0.15 s and 11 MiB).
async function write(submission: Submission, format: SubmissionFormat): Promise<Buffer> {
  switch (format) {
    case "docx":
      return (await import("./submission-docx.js")).writeSubmissionDocx(submission);
    case "xlsx":
      return (await import("./submission-xlsx.js")).writeSubmissionXlsx(submission);
    case "csv":
      return writeSubmissionCsv(submission);
    case "pdf":
      return (await import("./submission-pdf.js")).writeSubmissionPdf(submission);
    case "html":
      return Buffer.from(writeSubmissionHtml(submission), "utf8");
  }
}

export async function exportSubmission(options: ExportSubmissionOptions): Promise<ExportedFile> {
  // The format may come from a query string or the command line; say which formats exist.
  if (!isSubmissionFormat(options.format)) {
    throw new AppError("BAD_REQUEST", `format must be one of ${submissionFormats.join(", ")}`, { field: "format" });
  }
  // A bad date is refused before the agreement is read, naming the field.
  const chosen = options.asAt === undefined ? undefined : checkAsAt(options.asAt);
  const agreement = await getAgreement(options.db, options.slug);
  const asAt = chosen ?? agreement.detail.defaultAsAt;
  const submission = buildSubmission(agreement, asAt);
  return {
    buffer: await write(submission, options.format),
    contentType: submissionContentTypes[options.format],
    fileName: `${submission.agreement.slug}-submission-${asAt}.${options.format}`,
  };
}

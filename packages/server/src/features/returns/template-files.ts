/**
 * The return template as a file to download (XLSX or CSV), and a returned file read back into
 * its rows, whichever of the two it is. exceljs is loaded only when a workbook is made or read.
 */
import type { Db } from "../../db/client.js";
import { AppError } from "../../errors.js";
import type { Actor } from "../../policy/authorize.js";
import { buildReturnTemplate } from "./template.js";
import { parseCsv, readGrid, writeTemplateCsv } from "./template-csv.js";
import type { ReadSheet } from "./template-csv.js";

/** A return template has a few hundred rows (~60 kB as XLSX); 5 MB leaves room for formatting and notes. */
export const maxUploadFileBytes = 5_000_000;

export const templateFormats = ["xlsx", "csv"] as const;
export type TemplateFormat = (typeof templateFormats)[number];

const contentTypes: Record<TemplateFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8; header=present",
};

export interface TemplateFile {
  buffer: Buffer;
  contentType: string;
  /** "kent-ka2-return-2008-09-h1.xlsx" */
  fileName: string;
  rows: number;
}

export async function exportReturnTemplate(options: {
  db: Db;
  actor: Actor | null;
  slug: string;
  round: string;
  format: TemplateFormat;
}): Promise<TemplateFile> {
  if (!(templateFormats as readonly string[]).includes(options.format)) {
    throw new AppError("BAD_REQUEST", `format must be one of ${templateFormats.join(", ")}`, { field: "format" });
  }
  const template = await buildReturnTemplate(options);
  const buffer =
    options.format === "xlsx"
      ? await (await import("./template-xlsx.js")).writeTemplateXlsx(template)
      : writeTemplateCsv(template);
  return {
    buffer,
    contentType: contentTypes[options.format],
    fileName: `${template.agreement.slug}-return-${template.round.key}.${options.format}`,
    rows: template.rows.length,
  };
}

/** A ZIP archive (which an XLSX workbook is) starts "PK\x03\x04". */
function isZip(file: Buffer): boolean {
  return file.length >= 4 && file[0] === 0x50 && file[1] === 0x4b && file[2] === 0x03 && file[3] === 0x04;
}

/** The rows of a returned template, XLSX or CSV told apart by their first bytes; 400 for anything else. */
export async function readTemplateFile(file: Buffer): Promise<ReadSheet> {
  if (file.length === 0) throw new AppError("BAD_REQUEST", "The file is empty: send the filled-in template (XLSX or CSV).", { field: "file" });
  let grid: { row: number; cells: string[] }[];
  if (isZip(file)) {
    try {
      grid = await (await import("./template-xlsx.js")).readTemplateXlsx(file);
    } catch {
      throw new AppError("BAD_REQUEST", "The file is a ZIP archive but not an Excel workbook that can be read: save it as .xlsx and try again.", { field: "file" });
    }
  } else {
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(file);
    } catch {
      throw new AppError(
        "BAD_REQUEST",
        "The file is neither an Excel workbook (.xlsx) nor CSV text in UTF-8: in Excel, save it as \"CSV UTF-8\" or as a workbook.",
        { field: "file" },
      );
    }
    grid = parseCsv(text);
  }
  const sheet = readGrid(grid);
  if ("missing" in sheet) {
    throw new AppError(
      "BAD_REQUEST",
      `The file is not a return template: it has no heading row with the columns ${sheet.missing.join(", ")}. Download the template and fill that in.`,
      { field: "file" },
    );
  }
  return sheet;
}

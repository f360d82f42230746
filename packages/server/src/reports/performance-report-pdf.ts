/**
 * The performance report as PDF: its printable HTML page (performance-report-html.ts) printed by
 * headless Chromium, as the submission template is (submission-pdf.ts: same Chromium, same limit
 * of two prints at once, page numbers at the foot of every page).
 */
import { writePerformanceReportHtml } from "./performance-report-html.js";
import type { PerformanceReport } from "./performance-report.js";
import { printHtmlToPdf } from "./submission-pdf.js";

export function writePerformanceReportPdf(report: PerformanceReport): Promise<Buffer> {
  return printHtmlToPdf(writePerformanceReportHtml(report), report.title);
}

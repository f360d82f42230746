/** What the performance report's download accepts. */
import { z } from "zod";
import { reportFormats } from "../../reports/performance-report.js";

export const ReportQuery = z.object({ format: z.enum(reportFormats).default("html") }).strict();
export type ReportQuery = z.infer<typeof ReportQuery>;

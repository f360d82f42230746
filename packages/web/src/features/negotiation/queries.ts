import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { apiGet, queryString } from "../../api/client";

/**
 * GET /api/agreements/:slug/position-summary — the seed 000 §7 table ("2 agreed with GOSE,
 * 23 under discussion, 10 unlikely before 30 May, 35 in all, (16) DCSF").
 * Not yet in @accord/domain's api.ts, so its shape is declared here; only the counts are read.
 */
export const PositionSummaryView = z.object({
  agreement: z.unknown(),
  asAt: z.string(),
  agreedWithGovernmentOffice: z.number().int(),
  underDiscussion: z.number().int(),
  afterDeadline: z.number().int(),
  total: z.number().int(),
  statutoryToBeAgreed: z.number().int(),
  notStarted: z.number().int(),
  statutoryAgreed: z.number().int(),
  byIndicator: z.unknown(),
});
export type PositionSummaryView = z.infer<typeof PositionSummaryView>;

export const positionSummaryQuery = (slug: string, asAt: string | undefined) =>
  queryOptions({
    queryKey: ["agreements", slug, "position-summary", asAt ?? "today"],
    queryFn: ({ signal }) =>
      apiGet(`/api/agreements/${encodeURIComponent(slug)}/position-summary${queryString({ asAt })}`, PositionSummaryView, signal),
    placeholderData: keepPreviousData,
  });

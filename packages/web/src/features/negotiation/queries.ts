import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { PositionSummaryView } from "@accord/domain";
import { apiGet, queryString } from "../../api/client";

/**
 * GET /api/agreements/:slug/position-summary — the seed 000 §7 table ("2 agreed with GOSE,
 * 23 under discussion, 10 unlikely before 30 May, 35 in all, (16) DCSF").
 */
export const positionSummaryQuery = (slug: string, asAt: string | undefined) =>
  queryOptions({
    queryKey: ["agreements", slug, "position-summary", asAt ?? "today"],
    queryFn: ({ signal }) =>
      apiGet(`/api/agreements/${encodeURIComponent(slug)}/position-summary${queryString({ asAt })}`, PositionSummaryView, signal),
    placeholderData: keepPreviousData,
  });

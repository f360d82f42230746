/** An agreement's funding streams with their totals. */
import { queryOptions } from "@tanstack/react-query";
import { FundingStreamsView } from "@accord/domain";
import { apiGet, apiPath } from "../../api/client";

export const fundingStreamsQuery = (slug: string) =>
  queryOptions({
    queryKey: ["agreements", slug, "funding-streams"],
    queryFn: ({ signal }) => apiGet(apiPath("agreements", slug, "funding-streams"), FundingStreamsView, signal),
  });

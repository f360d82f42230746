import { queryOptions } from "@tanstack/react-query";
import { OutcomeListView, OutcomeView } from "@accord/domain";
import { apiGet } from "../../api/client";

export const outcomeListQuery = (slug: string) =>
  queryOptions({
    queryKey: ["agreements", slug, "outcomes"],
    queryFn: ({ signal }) => apiGet(`/api/agreements/${encodeURIComponent(slug)}/outcomes`, OutcomeListView, signal),
  });

export const outcomeQuery = (slug: string, number: string) =>
  queryOptions({
    queryKey: ["agreements", slug, "outcomes", number],
    queryFn: ({ signal }) => apiGet(`/api/agreements/${encodeURIComponent(slug)}/outcomes/${encodeURIComponent(number)}`, OutcomeView, signal),
  });

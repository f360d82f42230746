import { queryOptions } from "@tanstack/react-query";
import { FreedomListView } from "@accord/domain";
import { apiGet } from "../../api/client";

export const freedomListQuery = (slug: string) =>
  queryOptions({
    queryKey: ["agreements", slug, "freedoms"],
    queryFn: ({ signal }) => apiGet(`/api/agreements/${encodeURIComponent(slug)}/freedoms`, FreedomListView, signal),
  });

import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiGet, apiPath } from "../../api/client";
import { PermissionsView } from "../../api/contracts";
import { useSession } from "../session/queries";

/** Keyed by the person too, so one person's permissions are never shown to the next. */
export const permissionsQuery = (slug: string, userId: number) =>
  queryOptions({
    queryKey: ["agreements", slug, "permissions", userId],
    queryFn: ({ signal }) => apiGet(apiPath("agreements", slug, "permissions"), PermissionsView, signal),
  });

/**
 * What the signed-in person may do in the agreement, to hide what they may not (the server
 * refuses it regardless). Null when nobody is signed in or the answer has not come yet.
 */
export function usePermissions(slug: string): PermissionsView | null {
  const { user } = useSession();
  const permissions = useQuery({ ...permissionsQuery(slug, user?.id ?? 0), enabled: user !== null });
  return user ? (permissions.data ?? null) : null;
}

/** Accounts and their roles (managers only), and the writes that change them. */
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPath, apiSend } from "../../api/client";
import { InvitedUserView, UserListView, UserView, type Role } from "../../api/contracts";

export const usersQuery = (readerId: number) =>
  queryOptions({
    queryKey: ["users", readerId],
    queryFn: ({ signal }) => apiGet("/api/users", UserListView, signal),
  });

export interface InviteBody {
  email: string;
  name: string;
  organisation?: string;
}

export interface GrantBody {
  role: Role;
  agreement?: string;
  indicator?: string;
  organisation?: string;
  district?: string;
}

function useUsersWrite<Input, Output>(write: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    // The person's own roles may have changed too (a manager granting themself a role).
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: ["users"] }), queryClient.invalidateQueries({ queryKey: ["session"] })]),
  });
}

export function useInviteUser() {
  return useUsersWrite((body: InviteBody) => apiSend("POST", "/api/users", body, InvitedUserView));
}

export function useGrantRole() {
  return useUsersWrite(({ userId, grant }: { userId: number; grant: GrantBody }) => apiSend("POST", apiPath("users", userId, "grants"), grant, UserView));
}

export function useRevokeGrant() {
  return useUsersWrite(({ userId, grantId }: { userId: number; grantId: number }) => apiSend("DELETE", apiPath("users", userId, "grants", grantId), undefined, UserView));
}

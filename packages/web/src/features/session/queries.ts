/**
 * Who is signed in, kept by TanStack Query under ["session"]. Reading the session also hands
 * its CSRF token to the API client, which sends it with every write.
 */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { apiGet, apiSend, rememberCsrfToken } from "../../api/client";
import { SessionOptionsView, SessionView, type UserView } from "../../api/contracts";
import { sessionKey } from "../../api/query-client";

export const sessionQuery = () =>
  queryOptions({
    queryKey: sessionKey,
    queryFn: async ({ signal }) => {
      const session = await apiGet("/api/session", SessionView, signal);
      rememberCsrfToken(session.csrfToken);
      return session;
    },
    staleTime: 5 * 60_000,
    // Coming back to the tab after signing out (or in) elsewhere shows who is signed in now.
    refetchOnWindowFocus: true,
  });

/** Whether this is the demo installation (and so whether the sign-in page may show the demo password). */
export const sessionOptionsQuery = () =>
  queryOptions({
    queryKey: ["session-options"],
    queryFn: ({ signal }) => apiGet("/api/session/options", SessionOptionsView, signal),
    staleTime: Infinity,
  });

export interface CurrentSession {
  user: UserView | null;
  /** True until the first answer from GET /api/session. */
  pending: boolean;
}

export function useSession(): CurrentSession {
  const session = useQuery(sessionQuery());
  return { user: session.data?.user ?? null, pending: session.isPending };
}

/** Agreement slugs the person manages; null in the list means every agreement. */
export function managedAgreements(user: UserView | null): (string | null)[] {
  return (user?.grants ?? []).filter((grant) => grant.role === "manager").map((grant) => grant.agreement);
}

export function isManager(user: UserView | null): boolean {
  return managedAgreements(user).length > 0;
}

/** After signing in or out every answer may differ (drafts, history, what may be changed): read again. */
function isSessionQuery(queryKey: readonly unknown[]): boolean {
  return queryKey[0] === "session" || queryKey[0] === "session-options";
}

async function refreshAfterSessionChange(queryClient: QueryClient): Promise<void> {
  await queryClient.invalidateQueries({ predicate: (query) => !isSessionQuery(query.queryKey) });
}

export interface Credentials {
  email: string;
  password: string;
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) => apiSend("POST", "/api/session", credentials, SessionView),
    onSuccess: async (session) => {
      rememberCsrfToken(session.csrfToken);
      queryClient.setQueryData(sessionKey, session);
      await refreshAfterSessionChange(queryClient);
    },
  });
}

async function settleReads(queryClient: QueryClient, longest = 5_000): Promise<void> {
  const until = Date.now() + longest;
  while (queryClient.isFetching() > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 25));
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      // Let reads already on their way finish first: one that reached the server after the session ended
      // would be answered 401 and put a signed-out person back through the session check.
      await settleReads(queryClient);
      return apiSend("DELETE", "/api/session", undefined, null);
    },
    onSuccess: async () => {
      rememberCsrfToken(null);
      queryClient.setQueryData(sessionKey, { user: null, csrfToken: null });
      // Drop, not refetch, what was read while signed in: refetching the page still on screen (my work,
      // a private agreement) would only earn a 401, and a signed-out browser should keep no private data.
      queryClient.removeQueries({ predicate: (query) => !isSessionQuery(query.queryKey) });
    },
  });
}

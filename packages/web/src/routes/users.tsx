import { useRef, useState } from "react";
import { createRoute, redirect } from "@tanstack/react-router";
import { useQuery } from "@tanstack/react-query";
import { Button, Title } from "@mantine/core";
import { rootRoute } from "./root";
import type { UserView } from "../api/contracts";
import { ErrorState } from "../components/ErrorState";
import { ErrorSummary, StatusMessage, problemsFromError, type Problems } from "../components/FormProblems";
import { Loading } from "../components/Loading";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { GrantRoleForm } from "../features/users/GrantRoleForm";
import { InviteUserForm } from "../features/users/InviteUserForm";
import { describeGrant, useGrantLookups } from "../features/users/grant-words";
import { usersQuery, useRevokeGrant } from "../features/users/queries";
import { isManager, sessionQuery, useSession } from "../features/session/queries";
import { plural } from "../words";

function UserCard({ user }: { user: UserView }) {
  const lookups = useGrantLookups();
  const revoke = useRevokeGrant();
  const [granting, setGranting] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problems | null>(null);
  const grantButton = useRef<HTMLButtonElement>(null);
  const headingId = `user-${user.id}`;

  function revokeGrant(grantId: number, words: string) {
    setMessage(null);
    revoke.mutate(
      { userId: user.id, grantId },
      {
        onSuccess: () => {
          setProblems(null);
          setMessage(`Revoked: ${user.name} is no longer ${words.charAt(0).toLowerCase()}${words.slice(1)}.`);
          requestAnimationFrame(() => grantButton.current?.focus());
        },
        onError: (error) => setProblems(problemsFromError(error, {})),
      },
    );
  }

  return (
    <li className="card user-card" data-user={user.email}>
      <Title order={3} id={headingId} className="card__title">
        {user.name}
      </Title>
      <p className="user-card__facts">
        <span>{user.email}</span>
        {user.organisation ? <span>{user.organisation.name}</span> : null}
        {user.disabled ? <span className="flag flag--red">Disabled</span> : null}
      </p>
      <StatusMessage>{message}</StatusMessage>
      <ErrorSummary problems={problems} />
      {user.grants.length > 0 ? (
        <ul className="plain-list grant-list" aria-label={`Roles of ${user.name}`}>
          {user.grants.map((grant) => {
            const words = describeGrant(grant, lookups);
            return (
              <li key={grant.id}>
                <span>{words}</span>{" "}
                <Button
                  variant="outline"
                  size="compact-sm"
                  aria-label={`Revoke ${words} from ${user.name}`}
                  loading={revoke.isPending && revoke.variables?.grantId === grant.id}
                  onClick={() => revokeGrant(grant.id, words)}
                >
                  Revoke
                </Button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">No role yet.</p>
      )}
      {granting ? (
        <GrantRoleForm
          user={user}
          onCancel={() => {
            setGranting(false);
            requestAnimationFrame(() => grantButton.current?.focus());
          }}
          onGranted={(text) => {
            setGranting(false);
            setMessage(text);
            requestAnimationFrame(() => grantButton.current?.focus());
          }}
        />
      ) : (
        <Button
          ref={grantButton}
          variant="outline"
          onClick={() => {
            setMessage(null);
            setGranting(true);
          }}
        >
          Grant a role to {user.name}
        </Button>
      )}
    </li>
  );
}

function UsersPage() {
  useDocumentTitle("Users");
  const { user } = useSession();
  const manager = isManager(user);
  const users = useQuery({ ...usersQuery(user?.id ?? 0), enabled: manager });

  return (
    <>
      <header className="page-heading">
        <Title order={1}>Users</Title>
        <p className="lead">Who may do what in the agreements you manage: invite people and grant or revoke their roles.</p>
      </header>
      {!manager ? (
        <p className="notice">Only an agreement manager manages users. Ask the partnership office if you need a role changed.</p>
      ) : (
        <>
          <section aria-labelledby="invite-heading" className="section">
            <Title order={2} id="invite-heading">
              Invite a user
            </Title>
            <InviteUserForm />
          </section>
          <section aria-labelledby="people-heading" className="section">
            <Title order={2} id="people-heading">
              People
            </Title>
            {users.isPending ? <Loading label="Loading users…" /> : null}
            {users.isError ? <ErrorState error={users.error} what="the users" /> : null}
            {users.data ? (
              <>
                <p>{plural(users.data.users.length, "account")}, in order of e-mail address.</p>
                <ul className="card-list user-list">
                  {users.data.users.map((candidate) => (
                    <UserCard key={candidate.id} user={candidate} />
                  ))}
                </ul>
              </>
            ) : null}
          </section>
        </>
      )}
    </>
  );
}

export const usersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/users",
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery()).catch(() => null);
    if (!session?.user) throw redirect({ to: "/sign-in", search: { redirect: location.href } });
  },
  component: UsersPage,
});

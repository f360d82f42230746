import { Fragment } from "react";
import { createRoute, Link, redirect } from "@tanstack/react-router";
import { useQuery } from "@tanstack/react-query";
import { Title } from "@mantine/core";
import { rootRoute } from "./root";
import type { AgreementSummaryView } from "@accord/domain";
import type { GrantView } from "../api/contracts";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { ApiTokens } from "../features/account/ApiTokens";
import { ChangePasswordForm } from "../features/account/ChangePasswordForm";
import { agreementChoicesQuery } from "../features/agreements/queries";
import { isManager, sessionQuery, useSession } from "../features/session/queries";
import { describeGrant, useGrantLookups, type GrantLookups } from "../features/users/grant-words";

/** Where a role's work is done: the officer's indicator, the LSP's plan, the manager's users. */
function GrantLinks({ grant, agreements, lookups }: { grant: GrantView; agreements: AgreementSummaryView[]; lookups: GrantLookups }) {
  const slugs = grant.agreement ? [grant.agreement] : agreements.map((agreement) => agreement.slug);
  // The partner filter belongs to agreements laid out by theme (Kent Agreement 2).
  const byTheme = (slug: string) => agreements.find((agreement) => agreement.slug === slug)?.structure === "themes";
  const links = slugs.flatMap((slug) => {
    if (grant.role === "officer" && grant.indicator) {
      return [
        <Link key={slug} to="/agreements/$slug/indicators/$key" params={{ slug, key: grant.indicator }}>
          The indicator's page in {lookups.agreementName(slug)}
        </Link>,
      ];
    }
    if (grant.role === "lsp" && grant.district) {
      return [
        <Link key={slug} to="/agreements/$slug/districts/$code" params={{ slug, code: grant.district }}>
          {lookups.districtName(grant.district)} local action plan in {lookups.agreementName(slug)}
        </Link>,
      ];
    }
    if (grant.role === "partner" && grant.organisation && byTheme(slug)) {
      return [
        <Link key={slug} to="/agreements/$slug" params={{ slug }} search={{ partner: grant.organisation }}>
          Indicators {lookups.organisationName(grant.organisation)} is signed up to in {lookups.agreementName(slug)}
        </Link>,
      ];
    }
    return [];
  });
  if (grant.role === "manager") {
    links.push(
      <Link key="users" to="/users">
        Users
      </Link>,
    );
  }
  if (links.length === 0) return null;
  return (
    <>
      {": "}
      {links.map((link, index) => (
        <Fragment key={index}>
          {index > 0 ? "; " : null}
          {link}
        </Fragment>
      ))}
    </>
  );
}

function AccountPage() {
  useDocumentTitle("Your account");
  const { user } = useSession();
  const lookups = useGrantLookups();
  const agreements = useQuery(agreementChoicesQuery());
  if (!user) {
    return (
      <>
        <Title order={1}>Your account</Title>
        <p>
          You are not signed in. <Link to="/sign-in" search={{ redirect: "/account" }}>Sign in</Link> to see your account.
        </p>
      </>
    );
  }
  return (
    <>
      <header className="page-heading">
        <Title order={1}>Your account</Title>
        <dl className="facts">
          <div>
            <dt>Name</dt>
            <dd>{user.name}</dd>
          </div>
          <div>
            <dt>E-mail address</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>Organisation</dt>
            <dd>{user.organisation?.name ?? "None"}</dd>
          </div>
        </dl>
      </header>

      <section aria-labelledby="roles-heading" className="section">
        <Title order={2} id="roles-heading">
          Your roles
        </Title>
        {user.grants.length > 0 ? (
          <ul className="plain-list">
            {user.grants.map((grant) => (
              <li key={grant.id}>
                {describeGrant(grant, lookups)}
                <GrantLinks grant={grant} agreements={agreements.data?.agreements ?? []} lookups={lookups} />
              </li>
            ))}
          </ul>
        ) : (
          <p>You have no role yet: you can read the published agreements. An agreement manager grants roles.</p>
        )}
      </section>

      <section aria-labelledby="password-heading" className="section">
        <Title order={2} id="password-heading">
          Change your password
        </Title>
        <ChangePasswordForm />
      </section>

      {/* A token lets a script do what its owner may; someone who may only read and comment (a
          councillor) has nothing for a script to do, so the section is not offered. */}
      {user.grants.some((grant) => grant.role !== "viewer") ? (
        <section aria-labelledby="tokens-heading" className="section">
          <Title order={2} id="tokens-heading">
            API tokens
          </Title>
          <ApiTokens manager={isManager(user)} />
        </section>
      ) : null}
    </>
  );
}

export const accountRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/account",
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery()).catch(() => null);
    if (!session?.user) throw redirect({ to: "/sign-in", search: { redirect: location.href } });
  },
  component: AccountPage,
});

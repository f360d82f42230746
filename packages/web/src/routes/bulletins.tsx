import { useId, useState } from "react";
import { createRoute, Link } from "@tanstack/react-router";
import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { Button, Textarea, Title } from "@mantine/core";
import { rootRoute } from "./root";
import { agreementQuery } from "../features/agreements/queries";
import { bulletinDraftQuery, bulletinListQuery, bulletinQuery, useIssueBulletin } from "../features/workflow/queries";
import { usePermissions } from "../features/permissions/queries";
import { useSession } from "../features/session/queries";
import type { BulletinView } from "../api/contracts";
import { Breadcrumbs } from "../components/Breadcrumbs";
import { ErrorState } from "../components/ErrorState";
import { ErrorSummary, StatusMessage, problemsFromError, type Problems } from "../components/FormProblems";
import { Loading } from "../components/Loading";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { longDate, longDateTime, plural } from "../words";
import { DeliveryList, DistributionList, NoMailNotice } from "../features/workflow/BulletinMail";

export interface BulletinSearch {
  number?: number;
}

function validateBulletinSearch(search: Record<string, unknown>): BulletinSearch {
  const number = Number(search.number);
  return Number.isInteger(number) && number > 0 ? { number } : {};
}

/** A bulletin by section, with the deadline and a plain-text copy to paste into an e-mail. */
function BulletinBody({ bulletin, headingLevel }: { bulletin: BulletinView; headingLevel: 3 }) {
  const textId = useId();
  const itemCount = bulletin.sections.reduce((count, section) => count + section.items.length, 0);
  return (
    <div className="bulletin">
      <p>
        {bulletin.since ? `Everything that changed since ${longDateTime(bulletin.since)}` : "Everything that changed so far"}: {plural(itemCount, "item")}.
      </p>
      {bulletin.deadline ? (
        <p>
          <strong>{bulletin.deadline.name}:</strong> {longDate(bulletin.deadline.date)}. Still open: {bulletin.deadline.open}
          {bulletin.deadline.openIndicators.length > 0 ? ` (${bulletin.deadline.openIndicators.join(", ")})` : ""}.
        </p>
      ) : null}
      {bulletin.sections.map((section) => (
        <div key={section.title} className="bulletin-section">
          <Title order={headingLevel}>{section.title}</Title>
          {section.items.length > 0 ? (
            <ul className="bulletin-items">
              {section.items.map((item, index) => (
                <li key={index}>
                  {item.text} <span className="small muted">({item.actor}, {longDateTime(item.at)})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Nothing new.</p>
          )}
        </div>
      ))}
      <Textarea id={textId} className="bulletin-text" label="Copy as plain text" description="To paste into an e-mail" readOnly autosize minRows={6} maxRows={20} value={bulletin.text} />
    </div>
  );
}

function Bulletins({ slug, userId, number, mayIssue }: { slug: string; userId: number; number: number | undefined; mayIssue: boolean }) {
  const list = useQuery(bulletinListQuery(slug, userId));
  const draft = useQuery({ ...bulletinDraftQuery(slug, userId), enabled: number === undefined });
  const issued = useQuery({ ...bulletinQuery(slug, userId, number ?? 0), enabled: number !== undefined });
  const issue = useIssueBulletin(slug);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const nothingNewId = useId();
  // The server refuses an empty bulletin; the button says so before anyone presses it.
  const nothingNew = draft.data !== undefined && draft.data.sections.every((section) => section.items.length === 0);
  const mailConfigured = list.data?.mailConfigured ?? true;

  function issueBulletin() {
    setProblems(null);
    setAnnouncement(null);
    issue.mutate(undefined, {
      onSuccess: (bulletin) =>
        setAnnouncement(
          `Bulletin ${bulletin.number} is issued${mailConfigured ? " and e-mailed: see where it went under Issued bulletins" : ""}. The next draft starts from now.`,
        ),
      onError: (error) => setProblems(problemsFromError(error, {})),
    });
  }

  return (
    <>
      {number === undefined ? (
        <section aria-labelledby="draft-heading" className="section">
          <Title order={2} id="draft-heading">
            Draft of the next bulletin{draft.data ? ` (number ${draft.data.number})` : ""}
          </Title>
          <StatusMessage>{announcement}</StatusMessage>
          <ErrorSummary problems={problems} />
          {draft.isPending ? <Loading label="Drafting the bulletin…" /> : null}
          {draft.isError ? <ErrorState error={draft.error} what="the draft bulletin" /> : null}
          {draft.data && !mailConfigured ? <NoMailNotice text={draft.data.text} /> : null}
          {draft.data ? <BulletinBody bulletin={draft.data} headingLevel={3} /> : null}
          {mayIssue ? (
            <div className="form-actions">
              <Button onClick={issueBulletin} loading={issue.isPending} disabled={nothingNew} aria-describedby={nothingNew ? nothingNewId : undefined}>
                Issue bulletin
              </Button>
              {nothingNew ? (
                <p id={nothingNewId} className="small">
                  Nothing has changed since {draft.data?.since ? `the last bulletin (${longDateTime(draft.data.since)})` : "the agreement was loaded"}, so there is nothing to issue.
                </p>
              ) : null}
            </div>
          ) : null}
        </section>
      ) : (
        <section aria-labelledby="issued-heading" className="section">
          <Title order={2} id="issued-heading">
            Bulletin {number}
            {issued.data?.issuedAt ? `, issued ${longDateTime(issued.data.issuedAt)}` : ""}
          </Title>
          <p>
            <Link to="/agreements/$slug/bulletins" params={{ slug }}>
              Back to the draft of the next bulletin
            </Link>
          </p>
          {issued.isPending ? <Loading label="Loading the bulletin…" /> : null}
          {issued.isError ? <ErrorState error={issued.error} what={`bulletin ${number}`} /> : null}
          {issued.data && !mailConfigured ? <NoMailNotice text={issued.data.text} /> : null}
          {issued.data ? <BulletinBody bulletin={issued.data} headingLevel={3} /> : null}
          {mayIssue && issued.data && mailConfigured ? <DeliveryList slug={slug} userId={userId} number={number} /> : null}
        </section>
      )}
      <section aria-labelledby="issued-list-heading" className="section">
        <Title order={2} id="issued-list-heading">
          Issued bulletins
        </Title>
        {list.isPending ? <Loading label="Loading the bulletins…" /> : null}
        {list.isError ? <ErrorState error={list.error} what="the bulletins" /> : null}
        {list.data && list.data.bulletins.length === 0 ? <p>No bulletin has been issued yet.</p> : null}
        {list.data && list.data.bulletins.length > 0 ? (
          <ul>
            {[...list.data.bulletins].reverse().map((bulletin) => (
              <li key={bulletin.number}>
                <Link to="/agreements/$slug/bulletins" params={{ slug }} search={{ number: bulletin.number }} aria-current={bulletin.number === number ? "page" : undefined}>
                  Bulletin {bulletin.number}
                </Link>
                , issued {longDateTime(bulletin.issuedAt)}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      {mayIssue ? <DistributionList slug={slug} userId={userId} /> : null}
    </>
  );
}

function BulletinsPage() {
  const { slug } = bulletinsRoute.useParams();
  const { number } = bulletinsRoute.useSearch();
  const { data: agreement } = useSuspenseQuery(agreementQuery(slug));
  const { user } = useSession();
  const permissions = usePermissions(slug);
  useDocumentTitle(number === undefined ? "Bulletins" : `Bulletin ${number}`, agreement.shortName);

  return (
    <>
      <Breadcrumbs>
        <Link to="/">Agreements</Link>
        <Link to="/agreements/$slug" params={{ slug }}>
          {agreement.name}
        </Link>
        <span aria-current="page">Bulletins</span>
      </Breadcrumbs>
      <header className="page-heading">
        <Title order={1}>Bulletins</Title>
        <p className="lead">The fortnightly bulletin keeps the partners informed: everything that changed since the last one, the next deadline and what is still open.</p>
      </header>
      {user === null ? (
        <p>
          Bulletins are for people with a role in the agreement. <Link to="/sign-in">Sign in</Link> to read them.
        </p>
      ) : permissions === null ? (
        <Loading label="Checking what you may read…" />
      ) : !permissions.readHistory ? (
        <p>Bulletins are for people with a role in {agreement.name}.</p>
      ) : (
        <Bulletins slug={slug} userId={user.id} number={number} mayIssue={permissions.update} />
      )}
    </>
  );
}

export const bulletinsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/agreements/$slug/bulletins",
  validateSearch: validateBulletinSearch,
  loader: ({ context, params }) => context.queryClient.ensureQueryData(agreementQuery(params.slug)),
  component: BulletinsPage,
});

/**
 * A monitoring round (issue 9 point 3): which returns are missing, late, in draft, submitted,
 * returned for changes or accepted, each linked to its return. The partnership office sees at a
 * glance what is still to come in before the report can go out.
 */
import { useId } from "react";
import { createRoute, Link } from "@tanstack/react-router";
import { useSuspenseQuery } from "@tanstack/react-query";
import { Table, Title } from "@mantine/core";
import { longDate, type ReturnStatus, type ReturnSummary } from "@accord/domain";
import { rootRoute } from "./root";
import { agreementQuery } from "../features/agreements/queries";
import { returnsQuery } from "../features/performance/queries";
import { ReturnFlag, returnStatusWords } from "../features/performance/parts";
import { Breadcrumbs } from "../components/Breadcrumbs";
import { ScrollRegion } from "../components/ScrollRegion";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { longDateTime } from "../words";
import { ReturnTemplate } from "../features/performance/ReturnTemplate";
import { useSession } from "../features/session/queries";
import { usePermissions } from "../features/permissions/queries";
import { RoundActions } from "../features/performance/RoundControls";

const order: ReturnStatus[] = ["missing", "draft", "returned", "submitted", "accepted"];

function Tally({ returns }: { returns: ReturnSummary[] }) {
  const late = returns.filter((item) => item.late).length;
  return (
    <ul className="rag-counts" aria-label="Returns by state" data-testid="return-counts">
      {order.map((status) => (
        <li key={status} data-status={status}>
          <strong>{returns.filter((item) => item.status === status).length}</strong> {returnStatusWords[status]}
        </li>
      ))}
      <li data-status="late" className="rag--red">
        <strong>{late}</strong> Late
      </li>
    </ul>
  );
}

function RoundPage() {
  const { slug, round } = roundRoute.useParams();
  const { data: agreement } = useSuspenseQuery(agreementQuery(slug));
  const { data } = useSuspenseQuery(returnsQuery(slug, round));
  const captionId = useId();
  const { user } = useSession();
  const permissions = usePermissions(slug);
  const label = data.round.period.label;
  useDocumentTitle(`Returns for ${label}`, agreement.shortName);
  const sorted = [...data.returns].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status) || Number(b.late) - Number(a.late));
  const state = data.round.status === "open" ? "Open" : data.round.status === "closed" ? "Closed, not yet published" : "Published";

  return (
    <>
      <Breadcrumbs>
        <Link to="/">Agreements</Link>
        <Link to="/agreements/$slug" params={{ slug }}>
          {agreement.name}
        </Link>
        <Link to="/agreements/$slug/performance" params={{ slug }} search={{ round }}>
          Performance
        </Link>
        <span aria-current="page">Returns for {label}</span>
      </Breadcrumbs>
      <header className="page-heading">
        <p className="kicker">{agreement.name}</p>
        <Title order={1}>Returns for {label}</Title>
        <dl className="facts">
          <div>
            <dt>Round</dt>
            <dd>{state}</dd>
          </div>
          <div>
            <dt>Period</dt>
            <dd>
              {longDate(data.round.period.start)} to {longDate(data.round.period.end)}
            </dd>
          </div>
          <div>
            <dt>Returns due</dt>
            <dd>{longDate(data.round.dueDate)}</dd>
          </div>
        </dl>
      </header>
      {permissions?.manageRounds ? (
        <RoundActions slug={slug} round={data.round} outstanding={data.returns.filter((item) => item.status !== "accepted").length} />
      ) : null}
      <section aria-labelledby="tally-heading" className="section">
        <Title order={2} id="tally-heading">
          Where the returns stand
        </Title>
        <Tally returns={data.returns} />
      </section>
      <section aria-labelledby="returns-heading" className="section">
        <Title order={2} id="returns-heading">
          Every return
        </Title>
        {sorted.length === 0 ? (
          <p>No indicator is in this round.</p>
        ) : (
          <ScrollRegion labelledBy={captionId}>
            <Table withTableBorder captionSide="top">
              <Table.Caption id={captionId}>Returns for {label}, those still to come in first</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Indicator</Table.Th>
                  <Table.Th scope="col">Theme</Table.Th>
                  <Table.Th scope="col">Return</Table.Th>
                  <Table.Th scope="col">Last changed</Table.Th>
                  <Table.Th scope="col">Submitted</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sorted.map((item) => (
                  <Table.Tr key={item.key} data-indicator={item.key} data-status={item.status}>
                    <Table.Th scope="row">
                      <Link to="/agreements/$slug/rounds/$round/returns/$key" params={{ slug, round, key: item.key }}>
                        {item.indicator} {item.title}
                      </Link>
                    </Table.Th>
                    <Table.Td>{item.theme}</Table.Td>
                    <Table.Td>
                      <ReturnFlag status={item.status} late={item.late} />
                    </Table.Td>
                    <Table.Td>{item.updatedAt ? longDateTime(item.updatedAt) : <span className="muted">Not started</span>}</Table.Td>
                    <Table.Td>{item.submittedAt ? longDateTime(item.submittedAt) : <span className="muted">Not yet</span>}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        )}
      </section>
      {user && data.round.status === "open" ? <ReturnTemplate slug={slug} round={round} label={label} /> : null}
    </>
  );
}

export const roundRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/agreements/$slug/rounds/$round",
  loader: ({ context, params }) =>
    Promise.all([context.queryClient.ensureQueryData(agreementQuery(params.slug)), context.queryClient.ensureQueryData(returnsQuery(params.slug, params.round))]),
  component: RoundPage,
});

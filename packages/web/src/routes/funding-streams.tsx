/**
 * An agreement's funding streams (seed 003 §5; issue 11 point 4): each stream's department, kind,
 * block or outcome, accountable partner and amount by financial year, with the totals by block
 * and year. Amounts the documents do not give are shown as not given, never invented.
 */
import { useId } from "react";
import { createRoute, Link } from "@tanstack/react-router";
import { useSuspenseQuery } from "@tanstack/react-query";
import { Table, Title } from "@mantine/core";
import { formatPounds } from "@accord/domain";
import { rootRoute } from "./root";
import { agreementQuery } from "../features/agreements/queries";
import { fundingStreamsQuery } from "../features/funding/queries";
import { Breadcrumbs } from "../components/Breadcrumbs";
import { ScrollRegion } from "../components/ScrollRegion";
import { useDocumentTitle } from "../components/useDocumentTitle";

const notGiven = <span className="muted">Not given</span>;
const kinds = { pooled: "Pooled", aligned: "Aligned", mainstream: "Mainstream" } as const;
const amount = (value: string | null | undefined) => (value == null ? notGiven : formatPounds(value));

function FundingStreamsPage() {
  const { slug } = fundingStreamsRoute.useParams();
  const { data: agreement } = useSuspenseQuery(agreementQuery(slug));
  const { data: funding } = useSuspenseQuery(fundingStreamsQuery(slug));
  const streamsId = useId();
  const totalsId = useId();
  useDocumentTitle("Funding streams", agreement.shortName);
  return (
    <>
      <Breadcrumbs>
        <Link to="/">Agreements</Link>
        <Link to="/agreements/$slug" params={{ slug }}>
          {agreement.name}
        </Link>
        <span aria-current="page">Funding streams</span>
      </Breadcrumbs>
      <header className="page-heading">
        <p className="kicker">{agreement.name}</p>
        <Title order={1}>Funding streams</Title>
      </header>
      <p>
        <a href={`/api/agreements/${slug}/funding-streams.xlsx`}>Download the funding streams (XLSX)</a>
      </p>
      <section className="section" aria-labelledby={streamsId}>
        {funding.streams.length === 0 ? (
          <p id={streamsId}>No funding streams are recorded for this agreement.</p>
        ) : (
          <ScrollRegion labelledBy={streamsId} tall>
            <Table withTableBorder captionSide="top">
              <Table.Caption id={streamsId}>The agreement's funding streams, with their amounts by financial year</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Funding stream</Table.Th>
                  <Table.Th scope="col">Department</Table.Th>
                  <Table.Th scope="col">Kind</Table.Th>
                  <Table.Th scope="col">Block or outcome</Table.Th>
                  <Table.Th scope="col">Accountable partner</Table.Th>
                  {funding.years.map((year) => (
                    <Table.Th scope="col" key={year}>
                      {year}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">Total</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {funding.streams.map((stream) => (
                  <Table.Tr key={stream.key} data-stream={stream.key}>
                    <Table.Th scope="row">
                      {stream.name}
                      {stream.advanceDesignation ? <div className="muted">Designated in advance in the agreement</div> : null}
                    </Table.Th>
                    <Table.Td>{stream.department ?? notGiven}</Table.Td>
                    <Table.Td>{stream.kind === null ? notGiven : kinds[stream.kind]}</Table.Td>
                    <Table.Td>{stream.blockOrOutcome ?? notGiven}</Table.Td>
                    <Table.Td>{stream.accountablePartner?.name ?? notGiven}</Table.Td>
                    {funding.years.map((year) => (
                      <Table.Td key={year}>{amount(stream.amounts[year])}</Table.Td>
                    ))}
                    <Table.Td>{amount(stream.total)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        )}
      </section>
      {funding.streams.length === 0 ? null : (
        <section className="section" aria-labelledby={totalsId}>
          <ScrollRegion labelledBy={totalsId}>
            <Table withTableBorder captionSide="top">
              <Table.Caption id={totalsId}>Totals by block or outcome and financial year</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Block or outcome</Table.Th>
                  {funding.years.map((year) => (
                    <Table.Th scope="col" key={year}>
                      {year}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">Total</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {funding.totals.byBlock.map((block) => (
                  <Table.Tr key={block.blockOrOutcome ?? ""}>
                    <Table.Th scope="row">{block.blockOrOutcome ?? "No block or outcome recorded"}</Table.Th>
                    {funding.years.map((year) => (
                      <Table.Td key={year}>{amount(block.byYear[year])}</Table.Td>
                    ))}
                    <Table.Td>{amount(block.total)}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Th scope="row">All funding streams</Table.Th>
                  {funding.years.map((year) => (
                    <Table.Td key={year}>{amount(funding.totals.all.byYear[year])}</Table.Td>
                  ))}
                  <Table.Td>{amount(funding.totals.all.total)}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        </section>
      )}
    </>
  );
}

export const fundingStreamsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/agreements/$slug/funding-streams",
  loader: ({ context, params }) =>
    Promise.all([
      context.queryClient.ensureQueryData(agreementQuery(params.slug)),
      context.queryClient.ensureQueryData(fundingStreamsQuery(params.slug)),
    ]),
  component: FundingStreamsPage,
});

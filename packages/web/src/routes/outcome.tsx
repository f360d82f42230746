import { Fragment, useId } from "react";
import { createRoute, Link } from "@tanstack/react-router";
import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { Table, Title } from "@mantine/core";
import type { AgreementIndicatorView } from "@accord/domain";
import { rootRoute } from "./root";
import { agreementQuery } from "../features/agreements/queries";
import { outcomeQuery } from "../features/outcomes/queries";
import { freedomListQuery } from "../features/freedoms/queries";
import { OutcomeFlags, OutcomePartnerList, outcomeName } from "../features/outcomes/OutcomeParts";
import { IndicatorCell, LeadPartnerName, PartnerName } from "../features/indicators/IndicatorParts";
import { Breadcrumbs } from "../components/Breadcrumbs";
import { ErrorState } from "../components/ErrorState";
import { Flag } from "../components/Flag";
import { Loading } from "../components/Loading";
import { ScrollRegion } from "../components/ScrollRegion";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { freedomPriorityWords } from "../words";

function OutcomeIndicatorTable({ slug, caption, indicators }: { slug: string; caption: string; indicators: AgreementIndicatorView[] }) {
  const captionId = useId();
  return (
    <ScrollRegion labelledBy={captionId}>
      <Table withTableBorder withColumnBorders captionSide="top" className="outcome-table">
        <Table.Caption id={captionId}>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Indicator</Table.Th>
            <Table.Th scope="col">Data source</Table.Th>
            <Table.Th scope="col">Lead partner</Table.Th>
            <Table.Th scope="col">Other partners</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {indicators.map((indicator) => {
            const leads = indicator.partners.filter((partner) => partner.role === "lead");
            const others = indicator.partners.filter((partner) => partner.role !== "lead");
            return (
              <Table.Tr key={indicator.id}>
                <Table.Th scope="row">
                  <IndicatorCell slug={slug} indicator={indicator} />
                </Table.Th>
                <Table.Td>{indicator.dataSource ?? <span className="muted">Not stated</span>}</Table.Td>
                <Table.Td>
                  {leads.length > 0
                    ? leads.map((signUp, index) => (
                        <Fragment key={`${signUp.organisation.slug}-${index}`}>
                          {index > 0 ? ", " : null}
                          <LeadPartnerName signUp={signUp} />
                        </Fragment>
                      ))
                    : <span className="muted">Not named</span>}
                </Table.Td>
                <Table.Td>
                  {others.length > 0
                    ? others.map((signUp, index) => (
                        <Fragment key={`${signUp.organisation.slug}-${index}`}>
                          {index > 0 ? ", " : null}
                          <PartnerName signUp={signUp} />
                        </Fragment>
                      ))
                    : <span className="muted">None</span>}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}

function RelatedFreedoms({ slug, number }: { slug: string; number: number }) {
  const freedoms = useQuery(freedomListQuery(slug));
  if (freedoms.isPending) return <Loading label="Loading the freedoms…" />;
  if (freedoms.isError) return <ErrorState error={freedoms.error} what="the freedoms and flexibilities" />;
  const related = freedoms.data.freedoms.filter((freedom) => freedom.outcomes.includes(number));
  if (related.length === 0) return <p>No freedoms or flexibilities were sought for this outcome.</p>;
  return (
    <ul className="plain-list">
      {related.map((freedom) => (
        <li key={freedom.number}>
          <Link to="/agreements/$slug/freedoms" params={{ slug }} hash={`freedom-${freedom.number}`}>
            Freedom {freedom.number}: {freedom.title}
          </Link>{" "}
          {freedom.priority ? <Flag tone={freedom.priority === "essential" ? "amber" : "grey"}>{freedomPriorityWords[freedom.priority]}</Flag> : null}
        </li>
      ))}
    </ul>
  );
}

function OutcomePage() {
  const { slug, number } = outcomeRoute.useParams();
  const { data: agreement } = useSuspenseQuery(agreementQuery(slug));
  const { data: outcome } = useSuspenseQuery(outcomeQuery(slug, number));
  useDocumentTitle(outcome.deleted ? `Outcome ${outcome.number} (deleted)` : `Outcome ${outcome.number}`, agreement.shortName);
  const primary = outcome.indicators.filter((indicator) => indicator.kind !== "secondary");
  const secondary = outcome.indicators.filter((indicator) => indicator.kind === "secondary");

  return (
    <>
      <Breadcrumbs>
        <Link to="/">Agreements</Link>
        <Link to="/agreements/$slug" params={{ slug }}>
          {agreement.name}
        </Link>
        <span aria-current="page">Outcome {outcome.number}</span>
      </Breadcrumbs>
      <header className="page-heading">
        <p className="kicker">{outcome.block.title}</p>
        <Title order={1}>{outcomeName(outcome)}</Title>
        {outcome.deleted && !/^deleted$/i.test(outcome.title.trim()) ? <p>Was: {outcome.title}</p> : null}
        <OutcomeFlags outcome={outcome} />
      </header>
      {outcome.deleted ? (
        <div className="notice">
          <p>This outcome was deleted from the agreement; its number is kept so the others keep theirs.</p>
          {outcome.deletedNote ? <p>{outcome.deletedNote}</p> : null}
        </div>
      ) : null}

      <section aria-labelledby="partners-heading" className="section">
        <Title order={2} id="partners-heading">
          Partners
        </Title>
        <OutcomePartnerList partners={outcome.partners} />
      </section>

      <section aria-labelledby="primary-heading" className="section">
        <Title order={2} id="primary-heading">
          Primary countywide indicators
        </Title>
        {primary.length > 0 ? (
          <OutcomeIndicatorTable slug={slug} caption={`Primary countywide indicators for outcome ${outcome.number}`} indicators={primary} />
        ) : (
          <p>None.</p>
        )}
      </section>

      <section aria-labelledby="secondary-heading" className="section">
        <Title order={2} id="secondary-heading">
          Secondary indicators for roll-out
        </Title>
        {secondary.length > 0 ? (
          <OutcomeIndicatorTable slug={slug} caption={`Secondary indicators for local roll-out, outcome ${outcome.number}`} indicators={secondary} />
        ) : (
          <p>None.</p>
        )}
      </section>

      {outcome.notes.length > 0 ? (
        <section aria-labelledby="notes-heading" className="section">
          <Title order={2} id="notes-heading">
            Notes
          </Title>
          <ul>
            {outcome.notes.map((note, index) => (
              <li key={index}>{note}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="freedoms-heading" className="section">
        <Title order={2} id="freedoms-heading">
          Freedoms and flexibilities
        </Title>
        <RelatedFreedoms slug={slug} number={outcome.number} />
        <p>
          <Link to="/agreements/$slug/freedoms" params={{ slug }}>
            The whole freedoms and flexibilities register
          </Link>
        </p>
      </section>
    </>
  );
}

export const outcomeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/agreements/$slug/outcomes/$number",
  loader: ({ context, params }) =>
    Promise.all([
      context.queryClient.ensureQueryData(agreementQuery(params.slug)),
      context.queryClient.ensureQueryData(outcomeQuery(params.slug, params.number)),
    ]),
  component: OutcomePage,
});

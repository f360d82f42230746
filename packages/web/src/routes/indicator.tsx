import { useId, useState } from "react";
import { createRoute, Link, useRouterState } from "@tanstack/react-router";
import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { Table, Title } from "@mantine/core";
import type { AgreementIndicatorPageView } from "@accord/domain";
import { rootRoute } from "./root";
import { agreementIndicatorQuery, indicatorHistoryQuery } from "../features/indicators/queries";
import { BaselineEditors } from "../features/indicators/BaselineEditor";
import { SignUpPanel } from "../features/indicators/SignUpPanel";
import { NegotiationForm } from "../features/indicators/NegotiationForm";
import { Comments } from "../features/indicators/Comments";
import { NegotiationThread } from "../features/indicators/NegotiationThread";
import { RewardWhatIf } from "../features/reward/WhatIf";
import { negotiationThreadQuery } from "../features/workflow/queries";
import { ChangeHistory } from "../features/audit/ChangeHistory";
import { IndicatorPerformance } from "../features/performance/IndicatorPerformance";
import { DeliveryPlan } from "../features/delivery-plans/DeliveryPlan";
import { usePermissions } from "../features/permissions/queries";
import { useSession } from "../features/session/queries";
import { ErrorState } from "../components/ErrorState";
import { Loading } from "../components/Loading";
import {
  BaselineValue,
  CatalogueCodeLink,
  IndicatorCodeLink,
  IndicatorTitle,
  OmittedNotice,
  PartnersCell,
  PendingBaseline,
  StatusFlag,
  computedDiffers,
} from "../features/indicators/IndicatorParts";
import { Breadcrumbs } from "../components/Breadcrumbs";
import { Flag } from "../components/Flag";
import { ScrollRegion } from "../components/ScrollRegion";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { componentWords, indicatorKindWords, polarityWords } from "../words";

/** Every change to the indicator, for people with a role in the agreement. */
function IndicatorChanges({ indicator, userId }: { indicator: AgreementIndicatorPageView; userId: number }) {
  const [page, setPage] = useState(1);
  const history = useQuery(indicatorHistoryQuery(indicator.agreement.slug, indicator.key, userId, page));
  return (
    <section aria-labelledby="changes-heading" className="section">
      <Title order={2} id="changes-heading">
        History of changes
      </Title>
      {history.isPending ? <Loading label="Loading the history of changes…" /> : null}
      {history.isError ? <ErrorState error={history.error} what="the history of changes" /> : null}
      {history.data ? <ChangeHistory view={history.data} onPage={setPage} caption={`Changes to ${indicator.code} in Accord, newest first`} /> : null}
    </section>
  );
}

function IndicatorPage() {
  const { slug, key } = indicatorRoute.useParams();
  const { data: indicator } = useSuspenseQuery(agreementIndicatorQuery(slug, key));
  const { user } = useSession();
  const permissions = usePermissions(slug);
  const returnPath = useRouterState({ select: (state) => state.location.href });
  const mayEditTargets = permissions?.proposeTarget.includes(indicator.key) ?? false;
  // A manager may do everything, and is addressed as the manager, not as the accountable officer.
  const isManager = permissions?.update ?? false;
  const signUpFor = permissions?.signUpFor ?? [];
  useDocumentTitle(`${indicator.code} ${indicator.title}`, indicator.agreement.shortName);
  const baselineCaption = useId();
  const targetsCaption = useId();
  const showComponents = indicator.targets.some((target) => target.component !== "all");

  return (
    <>
      <Breadcrumbs>
        <Link to="/">Agreements</Link>
        <Link to="/agreements/$slug" params={{ slug }}>
          {indicator.agreement.name}
        </Link>
        <span aria-current="page">{indicator.code}</span>
      </Breadcrumbs>
      <header className="page-heading">
        <Title order={1}>
          <CatalogueCodeLink indicator={indicator} /> <IndicatorTitle indicator={indicator} />
        </Title>
        {indicator.titleAsWritten && indicator.titleAsWritten !== indicator.title ? <p>As written in the agreement: “{indicator.titleAsWritten}”</p> : null}
        <OmittedNotice slug={slug} indicator={indicator} />
        {indicator.replaces ? (
          <p>
            Replaces <IndicatorCodeLink slug={slug} code={indicator.replaces} />
            {indicator.replacementReason ? `: ${indicator.replacementReason}` : null}
          </p>
        ) : null}
        <dl className="facts">
          <div>
            <dt>Kind</dt>
            <dd>{indicatorKindWords[indicator.kind]}</dd>
          </div>
          <div>
            <dt>{indicator.outcomeNumber !== null ? "Block" : "Theme"}</dt>
            <dd>{indicator.theme.title}</dd>
          </div>
          {indicator.outcomeNumber !== null ? (
            <div>
              <dt>Outcome</dt>
              <dd>
                <Link to="/agreements/$slug/outcomes/$number" params={{ slug, number: String(indicator.outcomeNumber) }}>
                  Outcome {indicator.outcomeNumber}
                </Link>
              </dd>
            </div>
          ) : null}
          <div>
            <dt>Negotiation status</dt>
            <dd>
              <StatusFlag indicator={indicator} agreementStatus={indicator.agreement.status} />
            </dd>
          </div>
          <div>
            <dt>Which way is better</dt>
            <dd>{polarityWords[indicator.polarity]}</dd>
          </div>
          {indicator.unit ? (
            <div>
              <dt>Unit</dt>
              <dd>{indicator.unit}</dd>
            </div>
          ) : null}
          {indicator.dataSource ? (
            <div>
              <dt>Data source</dt>
              <dd>{indicator.dataSource}</dd>
            </div>
          ) : null}
          {indicator.lpsa2 ? (
            <div>
              <dt>Reward</dt>
              <dd>
                <Flag tone="blue">LPSA2</Flag> Local Public Service Agreement 2 target
              </dd>
            </div>
          ) : null}
        </dl>
      </header>

      <section aria-labelledby="baseline-heading" className="section">
        <Title order={2} id="baseline-heading">
          Baseline
        </Title>
        {indicator.baselines.length > 0 ? (
          <ScrollRegion labelledBy={baselineCaption}>
            <Table withTableBorder captionSide="top">
              <Table.Caption id={baselineCaption}>Baseline of {indicator.code}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Component</Table.Th>
                  <Table.Th scope="col">Value</Table.Th>
                  <Table.Th scope="col">Period</Table.Th>
                  <Table.Th scope="col">Source</Table.Th>
                  <Table.Th scope="col">As written</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {indicator.baselines.map((baseline) => (
                  <Table.Tr key={baseline.component}>
                    <Table.Th scope="row">{componentWords(baseline.component)}</Table.Th>
                    <Table.Td>
                      <BaselineValue baseline={{ ...baseline, period: null }} showComponent={false} />
                    </Table.Td>
                    <Table.Td>{baseline.period ?? "Not stated"}</Table.Td>
                    <Table.Td>{baseline.source ?? "Not stated"}</Table.Td>
                    <Table.Td>{baseline.written}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        ) : null}
        {indicator.baselinePending ? (
          <>
            <p>
              <PendingBaseline pending={indicator.baselinePending} />
            </p>
            <p className="small">As written: {indicator.baselinePending.written}</p>
          </>
        ) : null}
        {indicator.baselines.length === 0 && !indicator.baselinePending ? <p>No baseline has been set.</p> : null}
        {mayEditTargets ? <BaselineEditors indicator={indicator} /> : null}
      </section>

      <section aria-labelledby="targets-heading" className="section">
        <Title order={2} id="targets-heading">
          Targets
        </Title>
        {indicator.targetNote ? <p>{indicator.targetNote}</p> : null}
        {indicator.targets.length > 0 ? (
          <ScrollRegion labelledBy={targetsCaption}>
            <Table withTableBorder captionSide="top">
              <Table.Caption id={targetsCaption}>Targets of {indicator.code} by financial year</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Year</Table.Th>
                  {showComponents ? <Table.Th scope="col">Component</Table.Th> : null}
                  <Table.Th scope="col">Target as written</Table.Th>
                  <Table.Th scope="col">Works out at</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {indicator.targets.map((target) => (
                  <Table.Tr key={`${target.year}-${target.component}`}>
                    <Table.Th scope="row">{target.year}</Table.Th>
                    {showComponents ? <Table.Td>{componentWords(target.component)}</Table.Td> : null}
                    <Table.Td>{target.written}</Table.Td>
                    <Table.Td>
                      {target.value === null ? (
                        <span className="muted">Not until the baseline is known</span>
                      ) : (
                        <>
                          {target.value}
                          {computedDiffers(target) && target.writtenValue !== null ? <span className="small"> (printed as {target.writtenValue})</span> : null}
                        </>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        ) : indicator.targetNote ? null : (
          <p>No targets have been set.</p>
        )}
        {mayEditTargets ? <p className="small">Targets are changed by proposing them in the negotiation below, so each change is in the thread.</p> : null}
      </section>

      <IndicatorPerformance slug={slug} indicatorKey={indicator.key} code={indicator.code} />

      <DeliveryPlan slug={slug} indicatorKey={indicator.key} code={indicator.code} />

      <section aria-labelledby="negotiation-heading" className="section">
        <Title order={2} id="negotiation-heading">
          Negotiation
        </Title>
        <NegotiationThread indicator={indicator} proposer={mayEditTargets ? (isManager ? "manager" : "officer") : null} />
        {permissions?.recordNegotiation ? <NegotiationForm indicator={indicator} recorder={isManager ? "manager" : "government"} /> : null}
        <RewardWhatIf slug={slug} indicatorKey={indicator.key} code={indicator.code} />
      </section>

      <section aria-labelledby="partners-heading" className="section">
        <Title order={2} id="partners-heading">
          Partners
        </Title>
        <PartnersCell partners={indicator.partners} />
        {signUpFor.length > 0 ? <SignUpPanel indicator={indicator} signUpFor={signUpFor} /> : null}
      </section>

      {indicator.notes.length > 0 ? (
        <section aria-labelledby="notes-heading" className="section">
          <Title order={2} id="notes-heading">
            Notes
          </Title>
          <ul>
            {indicator.notes.map((note, index) => (
              <li key={index}>{note}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="comments-heading" className="section">
        <Title order={2} id="comments-heading">
          Comments
        </Title>
        <Comments indicator={indicator} canComment={permissions?.comment ?? false} signedIn={user !== null} returnPath={returnPath} />
      </section>

      {user && permissions?.readHistory ? <IndicatorChanges indicator={indicator} userId={user.id} /> : null}
    </>
  );
}

export const indicatorRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/agreements/$slug/indicators/$key",
  loader: async ({ context, params }) => {
    const [indicator] = await Promise.all([
      context.queryClient.ensureQueryData(agreementIndicatorQuery(params.slug, params.key)),
      context.queryClient.ensureQueryData(negotiationThreadQuery(params.slug, params.key)),
    ]);
    return indicator;
  },
  component: IndicatorPage,
});

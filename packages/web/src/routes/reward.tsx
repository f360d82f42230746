/**
 * An agreement's Performance Reward Grant (issue 11 point 5): each reward target's pot, the 60%
 * threshold, the share of the agreed improvement achieved, the payment and what paying pro rata
 * would be worth (seed 003 l.447, l.1135); and the estimate for the whole agreement with every
 * assumption and the working (seed 000 §12). A figure the seeds do not give is shown as not given.
 */
import { useId } from "react";
import { createRoute, Link } from "@tanstack/react-router";
import { useSuspenseQuery } from "@tanstack/react-query";
import { Table, Title } from "@mantine/core";
import { formatPounds } from "@accord/domain";
import { rootRoute } from "./root";
import { agreementQuery } from "../features/agreements/queries";
import { rewardQuery } from "../features/reward/queries";
import type { RewardPageView, RewardTargetView } from "../features/reward/contracts";
import { AssumptionsForm } from "../features/reward/AssumptionsForm";
import { RewardTargetForm } from "../features/reward/RewardTargetForm";
import { assumptionFields, assumptionLabels, assumptionWords, outcomeWords, paymentWords, pounds } from "../features/reward/words";
import { Breadcrumbs } from "../components/Breadcrumbs";
import { ScrollRegion } from "../components/ScrollRegion";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { longDateTime } from "../words";

const notGiven = <span className="muted">Not given</span>;

function Estimate({ page }: { page: RewardPageView }) {
  const { assumptions, estimate } = page;
  const range =
    assumptions.quotedLow !== null && assumptions.quotedHigh !== null ? `${formatPounds(assumptions.quotedLow)}–${formatPounds(assumptions.quotedHigh)}` : null;
  return (
    <section aria-labelledby="estimate-heading" className="section">
      <Title order={2} id="estimate-heading">
        Estimate for the whole agreement
      </Title>
      <p>
        {estimate.possible === null ? (
          <>Not worked out: the national pot and the share are both needed.</>
        ) : (
          <>
            Possible reward: <strong data-testid="possible-reward">{formatPounds(estimate.possible)}</strong>
            {estimate.estimate !== null && estimate.estimate !== estimate.possible ? (
              <>
                ; with the share achieved assumed below, <strong>{formatPounds(estimate.estimate)}</strong>
              </>
            ) : null}
            {range && estimate.withinQuotedRange !== null ? <>, {estimate.withinQuotedRange ? "inside" : "outside"} the quoted range of {range}</> : null}.
          </>
        )}
      </p>
      <h3 id="working-heading">The working</h3>
      {estimate.working.length === 0 ? (
        <p>No working yet: the assumptions it needs are not given.</p>
      ) : (
        <ol aria-labelledby="working-heading" data-testid="working">
          {estimate.working.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ol>
      )}
      <h3 id="assumptions-heading">Assumptions</h3>
      <dl className="facts" aria-labelledby="assumptions-heading">
        {assumptionFields.map((field) => (
          <div key={field}>
            <dt>{assumptionLabels[field].label}</dt>
            <dd>{assumptionWords(field, assumptions[field]) ?? notGiven}</dd>
          </div>
        ))}
        {assumptions.note ? (
          <div>
            <dt>Note</dt>
            <dd>{assumptions.note}</dd>
          </div>
        ) : null}
        <div>
          <dt>Last changed</dt>
          <dd>{assumptions.updatedAt ? `${longDateTime(assumptions.updatedAt)} by ${assumptions.updatedBy ?? "someone"}` : "Never"}</dd>
        </div>
      </dl>
      <p className="small">“Not given” means the agreement's documents give no figure for it; none has been made up.</p>
      {page.mayEdit ? <AssumptionsForm slug={page.agreement.slug} assumptions={assumptions} /> : null}
    </section>
  );
}

function TargetRow({ slug, target }: { slug: string; target: RewardTargetView }) {
  const achieved = target.payment?.achievedPercent;
  return (
    <Table.Tr data-indicator={target.indicator.key}>
      <Table.Th scope="row">
        <Link to="/agreements/$slug/indicators/$key" params={{ slug, key: target.indicator.key }}>
          {target.indicator.code}
        </Link>{" "}
        <span className="reward-title">{target.indicator.title}</span>
        {target.note ? <p className="small">{target.note}</p> : null}
      </Table.Th>
      <Table.Td>{pounds(target.pot) ?? notGiven}</Table.Td>
      <Table.Td>{target.withoutStretch ?? notGiven}</Table.Td>
      <Table.Td>{target.stretchTarget ?? notGiven}</Table.Td>
      <Table.Td>{target.latest ? `${target.latest.value} (${target.latest.period})` : <span className="muted">No value yet</span>}</Table.Td>
      <Table.Td>{achieved != null ? `${achieved}%` : <span className="muted">Not worked out</span>}</Table.Td>
      <Table.Td>
        {paymentWords(target.withThreshold) ?? <span className="muted">Not worked out</span>}
        {target.withThreshold ? <span className="small"> — {outcomeWords(target.withThreshold)}</span> : null}
      </Table.Td>
      <Table.Td>{paymentWords(target.proRataPayment) ?? <span className="muted">Not worked out</span>}</Table.Td>
      <Table.Td>{target.freedomWorth !== null ? formatPounds(target.freedomWorth) : <span className="muted">Not worked out</span>}</Table.Td>
      <Table.Td>{target.proRata ? "Pro rata" : `${target.payment?.threshold ?? "60"}% threshold`}</Table.Td>
    </Table.Tr>
  );
}

function RewardTargets({ page }: { page: RewardPageView }) {
  const captionId = useId();
  const { targets, totals } = page;
  return (
    <section aria-labelledby="targets-heading" className="section">
      <Title order={2} id="targets-heading">
        Reward targets
      </Title>
      {targets.length === 0 ? null : (
        <p>
          Each reward target has its own pot. It pays the pot times the share of the agreed improvement achieved — the latest value measured from the performance
          expected without the stretch, up to the stretch target — nothing below {page.threshold}% of it, and never more than the whole pot. Paid pro rata (the
          freedom sought in seed 003), there is no {page.threshold}% threshold; the last columns show what that is worth.
        </p>
      )}
      {targets.length === 0 ? (
        <p>This agreement has no reward targets: its reward is estimated for the whole agreement.</p>
      ) : (
        <>
          <p data-testid="reward-totals">
            {targets.length} reward targets; pots given total {formatPounds(totals.pots)}
            {totals.targetsWithoutPot > 0 ? ` (${totals.targetsWithoutPot} without a pot: not given)` : ""}. Paid as set now: {formatPounds(totals.payments)}; all paid
            pro rata: {formatPounds(totals.proRataPayments)}.
          </p>
          <ScrollRegion labelledBy={captionId} tall>
            <Table withTableBorder captionSide="top">
              <Table.Caption id={captionId}>Reward targets, each with its pot, payment and what paying pro rata is worth</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Indicator</Table.Th>
                  <Table.Th scope="col">Pot</Table.Th>
                  <Table.Th scope="col">Expected without the stretch</Table.Th>
                  <Table.Th scope="col">Stretch target</Table.Th>
                  <Table.Th scope="col">Latest value</Table.Th>
                  <Table.Th scope="col">Share of the improvement achieved</Table.Th>
                  <Table.Th scope="col">Payment with the {page.threshold}% threshold</Table.Th>
                  <Table.Th scope="col">Payment pro rata</Table.Th>
                  <Table.Th scope="col">Pro rata is worth</Table.Th>
                  <Table.Th scope="col">Paid</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {targets.map((target) => (
                  <TargetRow key={target.indicator.key} slug={page.agreement.slug} target={target} />
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
          {page.mayEdit ? <RewardTargetForm slug={page.agreement.slug} targets={targets} /> : null}
        </>
      )}
    </section>
  );
}

function RewardPage() {
  const { slug } = rewardRoute.useParams();
  const { data: agreement } = useSuspenseQuery(agreementQuery(slug));
  const { data: page } = useSuspenseQuery(rewardQuery(slug));
  useDocumentTitle("Performance Reward Grant", agreement.shortName);
  return (
    <>
      <Breadcrumbs>
        <Link to="/">Agreements</Link>
        <Link to="/agreements/$slug" params={{ slug }}>
          {agreement.name}
        </Link>
        <span aria-current="page">Performance Reward Grant</span>
      </Breadcrumbs>
      <header className="page-heading">
        <p className="kicker">{agreement.name}</p>
        <Title order={1}>Performance Reward Grant</Title>
      </header>
      {/* An agreement rewarded as a whole (KA2) leads with its estimate; one with reward targets (KA1) with them. */}
      {page.targets.length === 0 ? (
        <>
          <Estimate page={page} />
          <RewardTargets page={page} />
        </>
      ) : (
        <>
          <RewardTargets page={page} />
          <Estimate page={page} />
        </>
      )}
    </>
  );
}

export const rewardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/agreements/$slug/reward",
  loader: ({ context, params }) =>
    Promise.all([context.queryClient.ensureQueryData(agreementQuery(params.slug)), context.queryClient.ensureQueryData(rewardQuery(params.slug))]),
  component: RewardPage,
});

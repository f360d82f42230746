/**
 * Beside the latest proposal and counter-proposal: the stretch each asks and what each would earn
 * if performance kept to its trajectory so far. The easier target earns more of the pot for the
 * same performance; this makes that trade visible while the figures are still being negotiated.
 */
import { useId } from "react";
import { Link } from "@tanstack/react-router";
import { useQuery } from "@tanstack/react-query";
import { Table, Title } from "@mantine/core";
import { longDate } from "@accord/domain";
import { ErrorState } from "../../components/ErrorState";
import { ScrollRegion } from "../../components/ScrollRegion";
import { rewardWhatIfQuery } from "./queries";
import { outcomeWords, paymentWords, pounds } from "./words";

const kindWords = { proposal: "Proposal", "counter-proposal": "Counter-proposal" } as const;

export function RewardWhatIf({ slug, indicatorKey, code }: { slug: string; indicatorKey: string; code: string }) {
  const whatIf = useQuery(rewardWhatIfQuery(slug, indicatorKey));
  const captionId = useId();
  // Nothing while it is read: most indicators have no proposal to compare, and the page is not held up.
  if (whatIf.isPending) return null;
  if (whatIf.isError) return <ErrorState error={whatIf.error} what="the reward what-if" />;
  const view = whatIf.data;
  if (view.positions.length === 0) return null;
  const from =
    view.measuredFrom === "without-stretch"
      ? `the performance expected without the stretch, ${view.from}`
      : view.measuredFrom === "baseline"
        ? `the baseline, ${view.from} (no performance expected without the stretch is recorded for ${code})`
        : null;

  return (
    <section aria-labelledby="what-if-heading" className="section" data-testid="reward-what-if">
      <Title order={3} id="what-if-heading">
        What each position would earn
      </Title>
      <p>
        {view.projected === null || view.latest === null || view.baseline === null ? (
          <>There is no value yet after the baseline, so there is no trajectory to follow.</>
        ) : (
          <>
            On the trajectory so far — from the baseline {view.baseline.value} ({longDate(view.baseline.asAt)}) through {view.latest.value} in {view.latest.period} —{" "}
            {code} would stand at <strong>{view.projected}</strong> on {longDate(view.projectedAt)}.
          </>
        )}{" "}
        {from ? <>The stretch is measured from {from}.</> : null}{" "}
        {view.pot === null ? (
          <>No reward pot is recorded for {code}, so the share of a pot is shown, not an amount.</>
        ) : (
          <>
            The pot is {pounds(view.pot)}, {view.proRata ? "paid pro rata" : `nothing below ${view.threshold}% of the improvement`}.
          </>
        )}{" "}
        <Link to="/agreements/$slug/reward" params={{ slug }}>
          Performance Reward Grant
        </Link>
      </p>
      <ScrollRegion labelledBy={captionId}>
        <Table withTableBorder captionSide="top">
          <Table.Caption id={captionId}>The latest proposal and counter-proposal for {code}, side by side</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Position</Table.Th>
              <Table.Th scope="col">Target</Table.Th>
              <Table.Th scope="col">Stretch asked</Table.Th>
              <Table.Th scope="col">Share of the improvement achieved</Table.Th>
              <Table.Th scope="col">Reward it would earn</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.positions.map((position) => (
              <Table.Tr key={position.kind} data-kind={position.kind}>
                <Table.Th scope="row">
                  {kindWords[position.kind]} ({position.party}, {longDate(position.asAt)})
                </Table.Th>
                <Table.Td>
                  {position.target ?? <span className="muted">Not worked out</span>}
                  {position.year ? ` by ${position.year}` : null}
                </Table.Td>
                <Table.Td>{position.stretch ?? <span className="muted">Not worked out</span>}</Table.Td>
                <Table.Td>{position.payment?.achievedPercent != null ? `${position.payment.achievedPercent}%` : <span className="muted">Not worked out</span>}</Table.Td>
                <Table.Td>
                  {paymentWords(position.payment) ?? <span className="muted">Not worked out</span>}
                  {position.payment ? <span className="small"> — {outcomeWords(position.payment)}</span> : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
    </section>
  );
}

import { useId, useMemo, useState, type FormEvent } from "react";
import { Button, Table, TextInput, Title } from "@mantine/core";
import { positionSummary } from "@accord/domain";
import type { AgreementDetailView, PositionSummary as PositionSummaryData } from "@accord/domain";
import { ErrorState } from "../../components/ErrorState";
import { longDate } from "../../words";

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Seed 000 §7: "2 agreed with GOSE, 23 agreed between partners and under discussion, 10 unlikely
 * before 30 May, 35 in all, (16) DCSF", worked out from the negotiation log as at any date.
 */
export function PositionSummary({
  agreement,
  asAt,
  onAsAtChange,
}: {
  agreement: AgreementDetailView;
  asAt: string;
  onAsAtChange: (asAt: string) => void;
}) {
  const headingId = useId();
  const captionId = useId();
  const [draft, setDraft] = useState(asAt);
  const [draftFor, setDraftFor] = useState(asAt);
  if (draftFor !== asAt) {
    // The date in the address changed (back button, a link): show it in the box.
    setDraftFor(asAt);
    setDraft(asAt);
  }
  // Worked out here from the agreement the page already has, by the same rule the server's
  // position-summary answer uses: the page asks the server once, not once more per date.
  const summary = useMemo((): { data?: PositionSummaryData; error?: unknown } => {
    const indicators = agreement.themes.flatMap((theme) => [...theme.indicators, ...theme.outcomes.flatMap((outcome) => outcome.indicators)]);
    try {
      return { data: positionSummary({ agreement: agreement.slug, asAt, indicators }) };
    } catch (error) {
      return { error };
    }
  }, [agreement, asAt]);
  const deadline = agreement.deadlines[0];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isoDatePattern.test(draft)) onAsAtChange(draft);
  }

  return (
    <section aria-labelledby={headingId} className="section">
      <Title order={2} id={headingId}>
        Position of negotiation
      </Title>
      <form onSubmit={submit} className="inline-form">
        <TextInput
          type="date"
          label="Position as at"
          description="The state of negotiation with the Government Office on this date"
          value={draft}
          onChange={(event) => setDraft(event.currentTarget.value)}
          required
        />
        <Button type="submit" variant="outline">
          Show position
        </Button>
      </form>
      {summary.error !== undefined ? <ErrorState error={summary.error} what="the position summary" /> : null}
      {summary.data ? (
        <Table className="summary-table" withTableBorder captionSide="top">
          <Table.Caption id={captionId}>Designated indicators as at {longDate(summary.data.asAt)}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Position</Table.Th>
              <Table.Th scope="col" className="numeric">
                Indicators
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row">Agreed with the Government Office</Table.Th>
              <Table.Td className="numeric">{summary.data.agreedWithGovernmentOffice}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">Agreed between partners and under discussion with the Government Office</Table.Th>
              <Table.Td className="numeric">{summary.data.underDiscussion}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">
                Unlikely to be agreed before the deadline{deadline ? ` (${longDate(deadline.date)})` : ""}
              </Table.Th>
              <Table.Td className="numeric">{summary.data.afterDeadline}</Table.Td>
            </Table.Tr>
            {summary.data.notStarted > 0 ? (
              <Table.Tr>
                <Table.Th scope="row">Not started</Table.Th>
                <Table.Td className="numeric">{summary.data.notStarted}</Table.Td>
              </Table.Tr>
            ) : null}
            <Table.Tr className="total-row">
              <Table.Th scope="row">Total designated indicators</Table.Th>
              <Table.Td className="numeric">{summary.data.total}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">Statutory education and early years indicators still to be agreed with the department</Table.Th>
              <Table.Td className="numeric">{summary.data.statutoryToBeAgreed}</Table.Td>
            </Table.Tr>
            {summary.data.statutoryAgreed > 0 ? (
              <Table.Tr>
                <Table.Th scope="row">Statutory education and early years indicators agreed</Table.Th>
                <Table.Td className="numeric">{summary.data.statutoryAgreed}</Table.Td>
              </Table.Tr>
            ) : null}
          </Table.Tbody>
        </Table>
      ) : null}
    </section>
  );
}

/**
 * The Government Office (or a department such as DCSF) adds to the indicator's negotiation log
 * (seed 000 §7): agreement, a counter-proposal with the target it would accept, deferral to the
 * refresh, or a comment. The indicator's status follows from what is recorded.
 */
import { useState, type FormEvent } from "react";
import { Button, NativeSelect, TextInput, Textarea, Title } from "@mantine/core";
import type { AgreementIndicatorPageView, NegotiationEntryKind } from "@accord/domain";
import { ErrorSummary, StatusMessage, problemsFromChecks, problemsFromError, useFields, type Problems } from "../../components/FormProblems";
import { componentWords, longDate, negotiationEntryKindWords, negotiationStatusWords, todayIso } from "../../words";
import { useRecordNegotiationEntry, type NegotiationEntryBody } from "./writes";
import { WordingPreview, readWording, workedOut } from "./WordingPreview";

const governmentKinds = ["agreement-with-government-office", "counter-proposal", "deferral", "comment"] as const satisfies readonly NegotiationEntryKind[];
type GovernmentKind = (typeof governmentKinds)[number];

const kindLabels: Record<GovernmentKind, string> = {
  "agreement-with-government-office": "Agree the target",
  "counter-proposal": "Counter-propose a target",
  deferral: "Defer to the refresh",
  comment: "Comment, without changing the status",
};

type Speaker = "government-office" | "department";

export function NegotiationForm({ indicator }: { indicator: AgreementIndicatorPageView }) {
  const record = useRecordNegotiationEntry(indicator.agreement.slug, indicator.key);
  const fields = useFields({
    kind: "What the Government Office says",
    party: "Who says it",
    partyName: "Department",
    year: "Year of the counter-proposed target",
    component: "Component",
    proposal: "Counter-proposed target",
    asAt: "As at",
    note: "Note (optional)",
  });
  const components = [...new Set([...indicator.baselines.map((baseline) => baseline.component), ...indicator.targets.map((target) => target.component)])];
  const [kind, setKind] = useState<GovernmentKind>("agreement-with-government-office");
  const [party, setParty] = useState<Speaker>("government-office");
  const [partyName, setPartyName] = useState("");
  const [year, setYear] = useState(indicator.agreement.years.at(-1) ?? "");
  const [component, setComponent] = useState(components[0] ?? "all");
  const [wording, setWording] = useState("");
  const [asAt, setAsAt] = useState(todayIso());
  const [note, setNote] = useState("");
  const [problems, setProblems] = useState<Problems | null>(null);
  const [recorded, setRecorded] = useState<string | null>(null);

  // The counter-proposal is read as the negotiator types it, with the rules the server uses.
  const parsed = kind === "counter-proposal" ? readWording(wording) : null;
  const counterValue = parsed && "target" in parsed ? workedOut(indicator, parsed.target, year, component) : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setRecorded(null);
    const found = problemsFromChecks(
      {
        partyName: party === "department" && partyName.trim() === "" ? "Name the department, such as DCSF." : undefined,
        proposal:
          kind !== "counter-proposal" ? undefined : parsed === null ? "Write the target the Government Office would accept." : "message" in parsed ? parsed.message : undefined,
        asAt: /^\d{4}-\d{2}-\d{2}$/.test(asAt) ? undefined : "Enter the date, such as 30 May 2008.",
        note: kind === "comment" && note.trim() === "" ? "Write the comment." : note.length > 2000 ? "The note must be at most 2000 characters." : undefined,
      },
      fields,
    );
    setProblems(found);
    if (found) return;
    const body: NegotiationEntryBody = {
      kind,
      party,
      asAt,
      ...(party === "department" ? { partyName: partyName.trim() } : {}),
      ...(note.trim() !== "" ? { note: note.trim() } : {}),
      ...(kind === "counter-proposal" && parsed && "target" in parsed ? { proposal: [{ year, component, target: parsed.target, written: wording.trim() }] } : {}),
    };
    record.mutate(body, {
      onSuccess: (entry) => {
        setNote("");
        setWording("");
        setRecorded(`Recorded: ${negotiationEntryKindWords[entry.kind]}, as at ${longDate(entry.asAt)}. ${indicator.code} is now “${negotiationStatusWords[entry.status]}”.`);
      },
      onError: (error) => setProblems(problemsFromError(error, fields)),
    });
  }

  return (
    <div className="negotiation-form">
      <Title order={3} id="record-position-heading">
        Record negotiation position
      </Title>
      <p>What you record is added to the thread above, dated and under the Government Office's (or the department's) name.</p>
      <StatusMessage>{recorded}</StatusMessage>
      <ErrorSummary problems={problems} />
      <form onSubmit={submit} noValidate className="form-stack" aria-labelledby="record-position-heading">
        <NativeSelect
          id={fields.kind.id}
          label={fields.kind.label}
          value={kind}
          onChange={(event) => setKind(event.currentTarget.value as GovernmentKind)}
          data={governmentKinds.map((value) => ({ value, label: kindLabels[value] }))}
          error={problems?.byField.kind}
        />
        <NativeSelect
          id={fields.party.id}
          label={fields.party.label}
          value={party}
          onChange={(event) => setParty(event.currentTarget.value === "department" ? "department" : "government-office")}
          data={[
            { value: "government-office", label: "The Government Office" },
            { value: "department", label: "A government department" },
          ]}
          error={problems?.byField.party}
        />
        {party === "department" ? (
          <TextInput
            id={fields.partyName.id}
            label={fields.partyName.label}
            description="Such as DCSF"
            value={partyName}
            onChange={(event) => setPartyName(event.currentTarget.value)}
            error={problems?.byField.partyName}
          />
        ) : null}
        {kind === "counter-proposal" ? (
          <>
            <div className="form-row">
              <NativeSelect
                id={fields.year.id}
                label={fields.year.label}
                value={year}
                onChange={(event) => setYear(event.currentTarget.value)}
                data={indicator.agreement.years}
                error={problems?.byField.year}
              />
              {components.length > 1 || (components[0] ?? "all") !== "all" ? (
                <NativeSelect
                  id={fields.component.id}
                  label={fields.component.label}
                  value={component}
                  onChange={(event) => setComponent(event.currentTarget.value)}
                  data={components.map((value) => ({ value, label: componentWords(value) }))}
                  error={problems?.byField.component}
                />
              ) : null}
            </div>
            <TextInput
              id={fields.proposal.id}
              label={fields.proposal.label}
              description="As it would be written: a figure (592), a change (40% reduction, +1356), a level (Level 3) or “Maintain at 42%”"
              value={wording}
              onChange={(event) => setWording(event.currentTarget.value)}
              error={problems?.byField.proposal}
            />
            <WordingPreview read={parsed} value={counterValue} />
          </>
        ) : null}
        <TextInput
          id={fields.asAt.id}
          type="date"
          label={fields.asAt.label}
          value={asAt}
          onChange={(event) => setAsAt(event.currentTarget.value)}
          error={problems?.byField.asAt}
        />
        <Textarea
          id={fields.note.id}
          label={kind === "comment" ? "Comment" : fields.note.label}
          description="At most 2000 characters"
          autosize
          minRows={2}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={problems?.byField.note}
        />
        <div>
          <Button type="submit" loading={record.isPending}>
            Record position
          </Button>
        </div>
      </form>
    </div>
  );
}

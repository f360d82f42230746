/**
 * The Government Office (or a department such as DCSF) adds to the indicator's negotiation log
 * (seed 000 §7): agreement — naming what is agreed, which becomes the targets — a counter-proposal
 * with the target it would accept, deferral to the refresh, or a comment. Who speaks and the date
 * come from the signed-in person and today; the server decides both. A manager uses the same form
 * to copy what the Government Office said from a letter or minutes: the document, its date and
 * why it is entered now are required, and the thread shows the entry as transcribed.
 */
import { useState, type FormEvent } from "react";
import { useSuspenseQuery } from "@tanstack/react-query";
import { Button, NativeSelect, Radio, TextInput, Textarea, Title } from "@mantine/core";
import type { AgreementIndicatorPageView, NegotiationEntryKind } from "@accord/domain";
import { staleVersion } from "../../api/client";
import { SavedTargetView, type ProposedTargetView } from "../../api/contracts";
import { ErrorSummary, StatusMessage, problemsFromChecks, problemsFromError, useFields, type Problems } from "../../components/FormProblems";
import { componentWords, longDate, negotiationEntryKindWords, negotiationStatusWords } from "../../words";
import { negotiationThreadQuery } from "../workflow/queries";
import { useRecordNegotiationEntry, type NegotiationEntryBody } from "./writes";
import { WordingPreview, readWording, workedOut } from "./WordingPreview";

const governmentKinds = ["agreement-with-government-office", "counter-proposal", "deferral", "comment"] as const satisfies readonly NegotiationEntryKind[];
type GovernmentKind = (typeof governmentKinds)[number];
type Basis = "proposal" | "counter-proposal" | "amended";

const kindLabels: Record<GovernmentKind, string> = {
  "agreement-with-government-office": "Agree the targets",
  "counter-proposal": "Counter-propose a target",
  deferral: "Defer to the refresh",
  comment: "Comment, without changing the status",
};

/** Who is recording: the Government Office's own negotiator, or a manager copying a document. */
export type Recorder = "government" | "manager";

function valuesText(values: readonly ProposedTargetView[]): string {
  return values.map((value) => `${value.year}${value.component !== "all" ? ` (${componentWords(value.component)})` : ""}: “${value.written}”`).join("; ");
}

export function NegotiationForm({ indicator, recorder }: { indicator: AgreementIndicatorPageView; recorder: Recorder }) {
  const slug = indicator.agreement.slug;
  const record = useRecordNegotiationEntry(slug, indicator.key);
  const { data: thread } = useSuspenseQuery(negotiationThreadQuery(slug, indicator.key));
  const transcribing = recorder === "manager";
  const fields = useFields({
    kind: transcribing ? "What the Government Office said" : "What the Government Office says",
    basis: "What is agreed",
    year: "Year",
    component: "Component",
    proposal: "Target",
    from: "Transcribed from (the document)",
    date: "Date of the document",
    reason: "Why it is recorded from a document",
    department: "Department (optional)",
    note: "Note (optional)",
  });
  const components = [...new Set([...indicator.baselines.map((baseline) => baseline.component), ...indicator.targets.map((target) => target.component)])];
  const latest = (kind: string) => [...thread.entries].reverse().find((entry) => entry.kind === kind)?.proposal ?? null;
  const latestProposal = latest("proposal");
  const latestCounter = latest("counter-proposal");
  // The last word put forward is what an agreement most likely agrees.
  const lastPut = [...thread.entries].reverse().find((entry) => entry.kind === "proposal" || entry.kind === "counter-proposal")?.kind;
  const [kind, setKind] = useState<GovernmentKind>("agreement-with-government-office");
  const [basis, setBasis] = useState<Basis>(lastPut === "counter-proposal" ? "counter-proposal" : lastPut === "proposal" ? "proposal" : "amended");
  const [year, setYear] = useState(indicator.agreement.years.at(-1) ?? "");
  const [component, setComponent] = useState(components[0] ?? "all");
  const [wording, setWording] = useState("");
  const [from, setFrom] = useState("");
  // A document being copied in most likely dates from the negotiation: start at its latest entry.
  const [date, setDate] = useState(indicator.agreement.defaultAsAt);
  const [reason, setReason] = useState("");
  const [department, setDepartment] = useState("");
  const [note, setNote] = useState("");
  const [problems, setProblems] = useState<Problems | null>(null);
  const [recorded, setRecorded] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);

  // A target typed here (counter-proposal, or amended values agreed) is read as it is typed.
  const takesWording = kind === "counter-proposal" || (kind === "agreement-with-government-office" && basis === "amended");
  const parsed = takesWording ? readWording(wording) : null;
  const value = parsed && "target" in parsed ? workedOut(indicator, parsed.target, year, component) : null;
  const noBaseline = indicator.baselines.length === 0 && indicator.baselinePending === null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setRecorded(null);
    setConflict(null);
    const found = problemsFromChecks(
      {
        proposal: !takesWording ? undefined : parsed === null ? "Write the target, such as 560 or 55% reduction." : "message" in parsed ? parsed.message : undefined,
        basis:
          kind !== "agreement-with-government-office"
            ? undefined
            : basis === "proposal" && !latestProposal
              ? "There is no proposal from the partnership to agree: agree amended values instead."
              : basis === "counter-proposal" && !latestCounter
                ? "There is no counter-proposal to agree: agree amended values instead."
                : undefined,
        from: transcribing && from.trim() === "" ? "Name the document, such as “GOSE letter of 9 May 2008”." : undefined,
        date: transcribing && !/^\d{4}-\d{2}-\d{2}$/.test(date) ? "Enter the date of the document, such as 9 May 2008." : undefined,
        reason: transcribing && reason.trim() === "" ? "Say why it is recorded from a document." : undefined,
        note: kind === "comment" && note.trim() === "" ? "Write the comment." : note.length > 2000 ? "The note must be at most 2000 characters." : undefined,
      },
      fields,
    );
    setProblems(found);
    if (found) return;
    const existing = indicator.targets.find((target) => target.year === year && target.component === component);
    const typed =
      takesWording && parsed && "target" in parsed
        ? [{ year, component, target: parsed.target, written: wording.trim(), ...(existing && kind !== "counter-proposal" ? { version: existing.version } : {}) }]
        : undefined;
    const body: NegotiationEntryBody = {
      kind,
      ...(note.trim() !== "" ? { note: note.trim() } : {}),
      ...(typed ? { proposal: typed } : {}),
      ...(kind === "agreement-with-government-office" ? { basis } : {}),
      ...(transcribing
        ? { transcription: { from: from.trim(), date, reason: reason.trim(), ...(department.trim() !== "" ? { department: department.trim() } : {}) } }
        : {}),
    };
    record.mutate(body, {
      onSuccess: (entry) => {
        setNote("");
        setWording("");
        const agreed = entry.kind === "agreement-with-government-office" && entry.proposal ? ` The targets are now ${valuesText(entry.proposal)}.` : "";
        setRecorded(`Recorded: ${negotiationEntryKindWords[kind]}, ${longDate(entry.asAt)}. ${indicator.code} is now “${negotiationStatusWords[entry.status]}”.${agreed}`);
      },
      onError: (error) => {
        const stale = staleVersion(error, SavedTargetView);
        if (stale !== null) {
          setProblems(null);
          setConflict(
            stale === "unknown"
              ? "A target has changed since you opened this page. Check the targets above before agreeing."
              : `The ${stale.year} target has changed since you opened this page: it is now “${stale.written}”. Check it, then agree amended values if they are what is agreed.`,
          );
          return;
        }
        setProblems(problemsFromError(error, fields));
      },
    });
  }

  return (
    <div className="negotiation-form">
      <Title order={3} id="record-position-heading">
        {transcribing ? "Record what the Government Office said, from a document" : "Record the Government Office's position"}
      </Title>
      <p>
        {transcribing
          ? "As the agreement manager you record the Government Office's words only as a letter, e-mail or minutes give them: name the document, its date and why it is recorded now. The thread shows the entry as transcribed from that document, recorded by you today."
          : "What you record is added to the thread above, dated today under your name and your office's (or department's)."}
      </p>
      <StatusMessage>{recorded}</StatusMessage>
      {conflict ? (
        <div role="alert" className="error-summary conflict">
          <p className="error-summary__title">A target has changed since you opened this page</p>
          <p>{conflict}</p>
        </div>
      ) : null}
      <ErrorSummary problems={problems} />
      <form onSubmit={submit} noValidate className="form-stack" aria-labelledby="record-position-heading">
        <NativeSelect
          id={fields.kind.id}
          label={fields.kind.label}
          value={kind}
          onChange={(event) => setKind(event.currentTarget.value as GovernmentKind)}
          data={governmentKinds.map((value) => ({ value, label: kindLabels[value] }))}
        />
        {kind === "agreement-with-government-office" ? (
          <>
            {noBaseline ? (
              <p className="warning-text">
                {indicator.code} has no baseline and no reason why it is pending, so it cannot be agreed yet: the accountable officer sets the baseline first.
              </p>
            ) : null}
            <Radio.Group id={fields.basis.id} label={fields.basis.label} value={basis} onChange={(value) => setBasis(value as Basis)} error={problems?.byField.basis}>
              <div className="form-stack">
                <Radio
                  value="proposal"
                  disabled={!latestProposal}
                  label={latestProposal ? `The partnership's latest proposal: ${valuesText(latestProposal)}` : "The partnership's latest proposal (none yet)"}
                />
                <Radio
                  value="counter-proposal"
                  disabled={!latestCounter}
                  label={latestCounter ? `The counter-proposal: ${valuesText(latestCounter)}` : "The counter-proposal (none yet)"}
                />
                <Radio value="amended" label="Amended values, written below" />
              </div>
            </Radio.Group>
            <p className="small">What is agreed becomes {indicator.code}'s targets, on this page and in the submission.</p>
          </>
        ) : null}
        {takesWording ? (
          <>
            <div className="form-row">
              <NativeSelect id={fields.year.id} label={kind === "counter-proposal" ? "Year of the counter-proposed target" : "Year of the amended target"} value={year} onChange={(event) => setYear(event.currentTarget.value)} data={indicator.agreement.years} />
              {components.length > 1 || (components[0] ?? "all") !== "all" ? (
                <NativeSelect
                  id={fields.component.id}
                  label={fields.component.label}
                  value={component}
                  onChange={(event) => setComponent(event.currentTarget.value)}
                  data={components.map((value) => ({ value, label: componentWords(value) }))}
                />
              ) : null}
            </div>
            <TextInput
              id={fields.proposal.id}
              label={kind === "counter-proposal" ? "Counter-proposed target" : "Amended target agreed"}
              description="As it would be written: a figure (592), a change (40% reduction, +1356), a level (Level 3) or “Maintain at 42%”"
              value={wording}
              onChange={(event) => setWording(event.currentTarget.value)}
              error={problems?.byField.proposal}
            />
            <WordingPreview read={parsed} value={value} />
          </>
        ) : null}
        {transcribing ? (
          <>
            <TextInput id={fields.from.id} label={fields.from.label} description="Such as: GOSE letter of 9 May 2008" value={from} onChange={(event) => setFrom(event.currentTarget.value)} error={problems?.byField.from} required />
            <TextInput id={fields.date.id} type="date" label={fields.date.label} value={date} onChange={(event) => setDate(event.currentTarget.value)} error={problems?.byField.date} required />
            <TextInput
              id={fields.reason.id}
              label={fields.reason.label}
              description="Such as: the letter came by post"
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={problems?.byField.reason}
              required
            />
            <TextInput
              id={fields.department.id}
              label={fields.department.label}
              description="When the document speaks for a department, such as DCSF; left empty, it is the Government Office's"
              value={department}
              onChange={(event) => setDepartment(event.currentTarget.value)}
              error={problems?.byField.department}
            />
          </>
        ) : null}
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
            {transcribing ? "Record it as transcribed" : "Record position"}
          </Button>
        </div>
      </form>
    </div>
  );
}

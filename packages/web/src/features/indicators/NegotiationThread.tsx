/**
 * The negotiation of one indicator read as a thread (seed 000 §7): each dated entry with who said
 * it (the department named), what it was, the note and the targets put forward; the partnership's
 * latest proposal and the Government Office's latest counter-proposal side by side per year; and,
 * for the indicator's accountable officer, the form to propose targets or record that the
 * partners have agreed.
 */
import { useId, useState, type FormEvent } from "react";
import { useSuspenseQuery } from "@tanstack/react-query";
import { Button, TextInput, Textarea, Title } from "@mantine/core";
import type { AgreementIndicatorPageView } from "@accord/domain";
import type { NegotiationThreadEntryView, ProposedTargetView } from "../../api/contracts";
import { ErrorSummary, StatusMessage, problemsFromChecks, problemsFromError, useFields, type Problems } from "../../components/FormProblems";
import { ScrollRegion } from "../../components/ScrollRegion";
import { componentWords, longDate, negotiationEntryKindWords, negotiationPartyWords, negotiationStatusWords } from "../../words";
import { staleVersion } from "../../api/client";
import { SavedTargetView } from "../../api/contracts";
import { negotiationThreadQuery } from "../workflow/queries";
import { useRecordNegotiationEntry, type NegotiationEntryBody, type ProposedTarget } from "./writes";
import { WordingPreview, readWording, workedOut, worseThanBaseline } from "./WordingPreview";

function kindWords(kind: string): string {
  return (negotiationEntryKindWords as Record<string, string | undefined>)[kind] ?? kind;
}

/** "Government Office", "DCSF (government department)", "Partnership". */
export function partyWords(entry: Pick<NegotiationThreadEntryView, "party" | "partyName">): string {
  if (entry.party === "department") return entry.partyName ? `${entry.partyName} (government department)` : negotiationPartyWords.department;
  return entry.partyName ?? negotiationPartyWords[entry.party];
}

const basisWords: Record<"proposal" | "counter-proposal" | "amended", string> = {
  proposal: "the partnership's latest proposal",
  "counter-proposal": "the counter-proposal",
  amended: "amended values",
};

/** " · transcribed from GOSE letter of 20 May 2008, recorded by X on 2 December 2026 (the reason)". */
function recordedWords(entry: NegotiationThreadEntryView): string {
  const on = entry.recordedAt ? ` on ${longDate(entry.recordedAt.slice(0, 10))}` : "";
  if (entry.transcribedFrom) {
    const reason = entry.transcriptionReason ? ` (${entry.transcriptionReason})` : "";
    return ` · transcribed from ${entry.transcribedFrom}, recorded by ${entry.recordedBy ?? "someone"}${on}${reason}`;
  }
  return entry.recordedBy ? ` · recorded by ${entry.recordedBy}${on}` : "";
}

function slotLabel(target: Pick<ProposedTargetView, "year" | "component">, showComponent: boolean): string {
  return showComponent && target.component !== "all" ? `${target.year} (${componentWords(target.component)})` : target.year;
}

/** Year by year: the partnership's latest proposal beside the Government Office's latest counter-proposal. */
function SideBySide({ indicator, entries }: { indicator: AgreementIndicatorPageView; entries: NegotiationThreadEntryView[] }) {
  const captionId = useId();
  const latest = (kind: string) => {
    const found = new Map<string, ProposedTargetView>();
    for (const entry of entries) if (entry.kind === kind) for (const target of entry.proposal ?? []) found.set(`${target.year}|${target.component}`, target);
    return found;
  };
  const proposed = latest("proposal");
  const countered = latest("counter-proposal");
  if (proposed.size === 0 && countered.size === 0) return null;
  const slots = [...new Set([...proposed.keys(), ...countered.keys()])].sort();
  const showComponent = slots.some((slot) => !slot.endsWith("|all"));
  return (
    <ScrollRegion labelledBy={captionId}>
      <table className="workflow-table side-by-side">
        <caption id={captionId}>Latest proposed targets of {indicator.code} side by side</caption>
        <thead>
          <tr>
            <th scope="col">Year</th>
            <th scope="col">Partnership's proposal</th>
            <th scope="col">Government Office's counter-proposal</th>
          </tr>
        </thead>
        <tbody>
          {slots.map((slot) => {
            const [year = "", component = "all"] = slot.split("|");
            return (
              <tr key={slot}>
                <th scope="row">{slotLabel({ year, component }, showComponent)}</th>
                <td>{proposed.get(slot)?.written ?? <span className="muted">None</span>}</td>
                <td>{countered.get(slot)?.written ?? <span className="muted">None</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function ThreadEntry({ entry }: { entry: NegotiationThreadEntryView }) {
  const showComponent = (entry.proposal ?? []).some((target) => target.component !== "all");
  return (
    <li className="thread-entry" data-kind={entry.kind}>
      <p className="thread-entry__head">
        <time dateTime={entry.asAt}>{longDate(entry.asAt)}</time> · <strong>{partyWords(entry)}</strong> · {kindWords(entry.kind)}
      </p>
      {entry.note ? <p className="thread-entry__note">{entry.note}</p> : null}
      {entry.proposal && entry.proposal.length > 0 ? (
        <ul className="thread-entry__proposal">
          {entry.proposal.map((target) => (
            <li key={`${target.year}-${target.component}`}>
              {slotLabel(target, showComponent)}: “{target.written}”
            </li>
          ))}
        </ul>
      ) : null}
      {entry.basis ? <p className="small">Agreed: {basisWords[entry.basis]}</p> : null}
      <p className="small">
        {entry.kind === "comment" ? "A comment leaves the status as it was" : `Status after it: ${negotiationStatusWords[entry.status]}`}
        {recordedWords(entry)}
      </p>
    </li>
  );
}

interface Slot {
  year: string;
  component: string;
}

export type Proposer = "officer" | "manager";

/**
 * The one way to change targets: the accountable officer (or a manager, on the partnership's
 * behalf) proposes them in the thread, each year as it would be written, or records the partners'
 * agreement. Each year is sent with the version of its target on the page, so a change someone
 * made meanwhile is shown, with what was typed kept, rather than overwritten.
 */
function ProposalForm({ indicator, proposer }: { indicator: AgreementIndicatorPageView; proposer: Proposer }) {
  const record = useRecordNegotiationEntry(indicator.agreement.slug, indicator.key);
  const components = [...new Set([...indicator.baselines.map((baseline) => baseline.component), ...indicator.targets.map((target) => target.component)])];
  const shownComponents = components.length > 0 ? components : ["all"];
  const showComponent = shownComponents.some((component) => component !== "all");
  const slots: Slot[] = indicator.agreement.years.flatMap((year) => shownComponents.map((component) => ({ year, component })));
  const slotKey = (slot: Slot) => `${slot.year}|${slot.component}`;
  const labels: Record<string, string> = { note: "Note (optional)", proposal: "Proposed targets" };
  slots.forEach((slot, index) => {
    labels[`slot${index}`] = `Proposed target for ${slotLabel(slot, showComponent)}`;
  });
  const fields = useFields(labels);
  const [wordings, setWordings] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [problems, setProblems] = useState<Problems | null>(null);
  const [recorded, setRecorded] = useState<string | null>(null);

  const reads = slots.map((slot) => readWording(wordings[slotKey(slot)] ?? ""));
  // A cumulative target adds to the year before: use the year before as proposed, when it is.
  const values: (string | null)[] = [];
  slots.forEach((slot, index) => {
    const read = reads[index];
    const before = slots.findIndex((other, otherIndex) => otherIndex < index && other.component === slot.component && indicator.agreement.years.indexOf(other.year) === indicator.agreement.years.indexOf(slot.year) - 1);
    const previous = before >= 0 ? values[before] : undefined;
    values.push(read && "target" in read ? workedOut(indicator, read.target, slot.year, slot.component, previous ?? undefined) : null);
  });

  function send(kind: "proposal" | "agreement-between-partners") {
    setRecorded(null);
    setConflict(null);
    const checks: Record<string, string | undefined> = {
      note: note.length > 2000 ? "The note must be at most 2000 characters." : undefined,
    };
    const proposal: ProposedTarget[] = [];
    if (kind === "proposal") {
      slots.forEach((slot, index) => {
        const read = reads[index];
        if (read && "message" in read) checks[`slot${index}`] = `${labels[`slot${index}`]}: ${read.message}`;
        else if (read) {
          const existing = indicator.targets.find((target) => target.year === slot.year && target.component === slot.component);
          proposal.push({
            year: slot.year,
            component: slot.component,
            target: read.target,
            written: (wordings[slotKey(slot)] ?? "").trim(),
            ...(existing ? { version: existing.version } : {}),
          });
        }
      });
      if (proposal.length === 0 && !Object.keys(checks).some((name) => name.startsWith("slot") && checks[name])) {
        checks.slot0 = "Write the target for at least one year, such as “40% reduction”.";
      }
    }
    const found = problemsFromChecks(checks, fields);
    setProblems(found);
    if (found) return;
    const body: NegotiationEntryBody = {
      kind,
      ...(note.trim() !== "" ? { note: note.trim() } : {}),
      ...(kind === "proposal" ? { proposal } : {}),
    };
    record.mutate(body, {
      onSuccess: (entry) => {
        setNote("");
        setWordings({});
        setRecorded(`Recorded: ${kindWords(entry.kind)}, ${longDate(entry.asAt)}. ${indicator.code} is now “${negotiationStatusWords[entry.status]}”.`);
      },
      onError: (error) => {
        const stale = staleVersion(error, SavedTargetView);
        if (stale !== null) {
          // The page reads the indicator again; what was typed stays, so proposing again is deliberate.
          setProblems(null);
          setConflict(
            stale === "unknown"
              ? "Someone else changed a target since you opened this page. Check the targets above and propose again."
              : `Someone else changed the ${stale.year} target since you opened this page: it is now “${stale.written}”. Your proposal is still in the form: check it and propose again.`,
          );
          return;
        }
        setProblems(problemsFromError(error, fields));
      },
    });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send("proposal");
  }

  return (
    <div className="negotiation-form">
      <Title order={3} id="propose-targets-heading">
        Propose targets
      </Title>
      <p>
        {proposer === "officer"
          ? `As the accountable officer you put ${indicator.code}'s targets to the Government Office.`
          : `As the agreement manager you propose ${indicator.code}'s targets on the partnership's behalf.`}{" "}
        Write each year's target as it would read in the agreement; years left empty stay as they are. A proposal becomes the indicator's targets and is
        added to the thread, dated today under your name.
      </p>
      <StatusMessage>{recorded}</StatusMessage>
      {conflict ? (
        <div role="alert" className="error-summary conflict">
          <p className="error-summary__title">A target has changed since you opened this page</p>
          <p>{conflict}</p>
        </div>
      ) : null}
      <ErrorSummary problems={problems} />
      <form onSubmit={submit} noValidate className="form-stack" aria-labelledby="propose-targets-heading">
        {slots.map((slot, index) => {
          const name = `slot${index}`;
          const field = fields[name];
          const existing = indicator.targets.find((target) => target.year === slot.year && target.component === slot.component);
          return (
            <div key={slotKey(slot)} className="proposal-year">
              <TextInput
                id={field?.id}
                label={labels[name]}
                description={`Such as 592, 40% reduction, +1356, Level 3 or Maintain at 42%. Now: ${existing ? `“${existing.written}”` : "no target"}.`}
                autoComplete="off"
                value={wordings[slotKey(slot)] ?? ""}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setWordings((previous) => ({ ...previous, [slotKey(slot)]: value }));
                }}
                error={problems?.byField[name]}
              />
              <WordingPreview read={reads[index] ?? null} value={values[index] ?? null} worse={worseThanBaseline(indicator, slot.component, values[index] ?? null)} />
            </div>
          );
        })}
        <Textarea
          id={fields.note?.id}
          label={labels.note}
          description="At most 2000 characters"
          autosize
          minRows={2}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={problems?.byField.note}
        />
        <div className="form-actions">
          <Button type="submit" loading={record.isPending && record.variables.kind === "proposal"}>
            Propose targets
          </Button>
          <Button type="button" variant="outline" loading={record.isPending && record.variables.kind === "agreement-between-partners"} onClick={() => send("agreement-between-partners")}>
            Agreed between partners
          </Button>
        </div>
      </form>
    </div>
  );
}

export function NegotiationThread({ indicator, proposer }: { indicator: AgreementIndicatorPageView; proposer: Proposer | null }) {
  const { data } = useSuspenseQuery(negotiationThreadQuery(indicator.agreement.slug, indicator.key));
  return (
    <>
      {data.entries.length > 0 ? (
        <>
          <SideBySide indicator={indicator} entries={data.entries} />
          <ol className="plain-list negotiation-thread" aria-label={`Negotiation of ${indicator.code}, oldest first`}>
            {data.entries.map((entry, index) => (
              <ThreadEntry key={`${entry.asAt}-${index}`} entry={entry} />
            ))}
          </ol>
        </>
      ) : (
        <p>No negotiation has been recorded.</p>
      )}
      {proposer ? <ProposalForm indicator={indicator} proposer={proposer} /> : null}
    </>
  );
}

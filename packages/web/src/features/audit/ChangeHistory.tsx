/**
 * The audit trail in words: who, when, what, and what it was before and after ("Every figure
 * shown can be traced to the row and the person it came from", DESIGN.md).
 */
import { useId } from "react";
import { useQuery } from "@tanstack/react-query";
import { Button, Group, Table } from "@mantine/core";
import type { z } from "zod";
import {
  AuditedBaseline,
  AuditedComment,
  AuditedPlan,
  AuditedNegotiationEntry,
  AuditedSignUp,
  AuditedStatus,
  AuditedObservation,
  AuditedReturn,
  AuditedRound,
  AuditedTarget,
  type HistoryEntryView,
  type HistoryView,
} from "../../api/contracts";
import { ScrollRegion } from "../../components/ScrollRegion";
import { organisationsQuery } from "../reference/queries";
import { DeliveryPlanContent } from "../delivery-plans/contracts";
import { summaryWords } from "../delivery-plans/words";
import { performanceStatusWords, returnStatusWords } from "../performance/parts";
import type { PerformanceStatus, ReturnStatus } from "@accord/domain";
import {
  componentWords,
  isoTimestamp,
  longDate,
  longDateTime,
  negotiationEntryKindWords,
  negotiationPartyWords,
  negotiationStatusWords,
  plural,
  signUpRoleOneWords,
} from "../../words";

interface Change {
  what: string;
  before: string;
  after: string;
}

const nothing = "—";

function read<Schema extends z.ZodType>(schema: Schema, value: unknown): z.infer<Schema> | null {
  if (value === null || value === undefined) return null;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

function shorten(text: string, length = 160): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function unknownChange(value: unknown): string {
  if (value === null || value === undefined) return nothing;
  return shorten(typeof value === "string" ? value : JSON.stringify(value));
}

/** An entry in the negotiation log: what was said, by whom, and the status before and after. */
function describeNegotiationEntry(entry: HistoryEntryView): Change {
  const after = read(AuditedNegotiationEntry, entry.after);
  const before = read(AuditedStatus, entry.before);
  const kind = after?.kind ? negotiationEntryKindWords[after.kind] : entry.action.replace(/^negotiation\./, "");
  const speaker = after?.partyName ?? (after?.party ? negotiationPartyWords[after.party] : null);
  const proposal = (after?.proposal ?? [])
    .map((target) => `${target.year ?? "?"}: “${target.written ?? "?"}”`)
    .join("; ");
  const date = after?.asAt ? `, as at ${longDate(after.asAt)}` : "";
  const details = [proposal, after?.note ? `“${shorten(after.note)}”` : ""].filter(Boolean).join(" — ");
  return {
    what: `Negotiation: ${kind}${speaker ? ` (${speaker})` : ""}${date}`,
    before: before?.status ? negotiationStatusWords[before.status] : nothing,
    after: `${after?.status ? negotiationStatusWords[after.status] : nothing}${details ? `. ${details}` : ""}`,
  };
}

const returnSteps: Record<string, string> = {
  "return.save": "text update saved",
  "return.submit": "submitted",
  "return.accept": "accepted",
  "return.return": "sent back for changes",
};
const roundSteps: Record<string, string> = { "round.open": "opened", "round.close": "closed", "round.publish": "published" };

function isReturnStatus(status: string | undefined): status is ReturnStatus {
  return status !== undefined && status in returnStatusWords;
}
function isPerformanceStatus(status: string | null | undefined): status is PerformanceStatus {
  return typeof status === "string" && status in performanceStatusWords;
}

/** A value, a return or a round in words: "2008/09 H1 value for E07000114 recorded", "Return for 2008/09 H1 submitted". */
function describeMonitoring(entry: HistoryEntryView): Change | null {
  if (entry.action === "observation.record" || entry.action === "observation.correct") {
    const before = read(AuditedObservation, entry.before);
    const after = read(AuditedObservation, entry.after);
    const value = after ?? before;
    const component = value?.component && value.component !== "all" ? ` (${componentWords(value.component)})` : "";
    const corrected = entry.action === "observation.correct";
    return {
      what: `${value?.period ?? "A period"}'s value for ${value?.area ?? "an area"}${component} ${corrected ? "corrected" : "recorded"}`,
      before: before?.value ?? "No value",
      after: `${after?.value ?? nothing}${after?.correctionReason ? `. Why: “${shorten(after.correctionReason)}”` : ""}`,
    };
  }
  const step = returnSteps[entry.action];
  if (step !== undefined) {
    const before = read(AuditedReturn, entry.before);
    const after = read(AuditedReturn, entry.after);
    const words = (value: typeof after) => {
      if (value === null || !isReturnStatus(value.status)) return value === null ? "No return" : nothing;
      const assessed = isPerformanceStatus(value.selfAssessedStatus)
        ? `; self-assessed ${performanceStatusWords[value.selfAssessedStatus]}`
        : "";
      return `${returnStatusWords[value.status]}${assessed}`;
    };
    const comment = after?.managerComment && entry.action !== "return.save" ? `. “${shorten(after.managerComment)}”` : "";
    return { what: `Return for ${(after ?? before)?.period ?? "a round"} ${step}`, before: words(before), after: `${words(after)}${comment}` };
  }
  if (entry.action === "return.district-submit") {
    const after = read(AuditedReturn, entry.after);
    return {
      what: `${after?.name ?? "A district"}'s values for ${after?.period ?? "a round"} submitted`,
      before: nothing,
      after: plural(after?.values?.length ?? 0, "value"),
    };
  }
  const roundStep = roundSteps[entry.action];
  if (roundStep !== undefined) {
    const after = read(AuditedRound, entry.after);
    return {
      what: `Monitoring round ${after?.period?.label ?? ""} ${roundStep}`.replace("  ", " "),
      before: nothing,
      after: after?.dueDate ? `Returns due ${longDate(after.dueDate)}` : nothing,
    };
  }
  return null;
}

/** One audit event as a sentence and its before and after. */
export function describeChange(entry: HistoryEntryView, organisationName: (slug: string) => string): Change {
  if (entry.action.startsWith("negotiation.")) return describeNegotiationEntry(entry);
  const monitoring = describeMonitoring(entry);
  if (monitoring !== null) return monitoring;
  switch (entry.action) {
    case "target.set": {
      const before = read(AuditedTarget, entry.before);
      const after = read(AuditedTarget, entry.after);
      const target = after ?? before;
      const component = target?.component && target.component !== "all" ? ` (${componentWords(target.component)})` : "";
      const words = (value: typeof after) =>
        value ? `“${value.written ?? "?"}”${value.value !== null && value.value !== undefined ? `, works out at ${value.value}` : ""}` : "No target";
      return { what: `Target for ${target?.year ?? "a year"}${component} set`, before: words(before), after: words(after) };
    }
    case "baseline.set": {
      const before = read(AuditedBaseline, entry.before);
      const after = read(AuditedBaseline, entry.after);
      const baseline = after ?? before;
      const component = baseline?.component && baseline.component !== "all" ? ` (${componentWords(baseline.component)})` : "";
      const words = (value: typeof after) => (value ? `${value.value ?? "?"}${value.unit ? ` ${value.unit}` : ""}${value.period ? ` (${value.period})` : ""}` : "No baseline");
      return { what: `Baseline${component} set`, before: words(before), after: words(after) };
    }
    case "signUp.create": {
      const after = read(AuditedSignUp, entry.after);
      const who = after?.organisation ? organisationName(after.organisation) : "An organisation";
      return { what: `${who} signed up`, before: "Not signed up", after: after?.role ? `Signed up as ${signUpRoleOneWords[after.role]}` : "Signed up" };
    }
    case "signUp.withdraw": {
      const before = read(AuditedSignUp, entry.before);
      const who = before?.organisation ? organisationName(before.organisation) : "An organisation";
      return { what: `${who} withdrew`, before: before?.role ? `Signed up as ${signUpRoleOneWords[before.role]}` : "Signed up", after: "Not signed up" };
    }
    case "comment.add": {
      const after = read(AuditedComment, entry.after);
      return { what: "Comment added", before: nothing, after: after?.body ? `“${shorten(after.body)}”` : "A comment" };
    }
    case "deliveryPlan.save":
    case "demo.delivery-plan": {
      const words = (value: unknown) => {
        const plan = read(DeliveryPlanContent.pick({ progressAsAt: true, summary: true }), value);
        return plan ? `Progress as at ${longDate(plan.progressAsAt)}: ${summaryWords(plan.summary)}` : value ? "Loaded with the demo" : "No plan";
      };
      return { what: entry.action === "demo.delivery-plan" ? "Delivery plan loaded with the demo" : "Delivery plan changed", before: words(entry.before), after: words(entry.after) };
    }
    case "localActionPlan.set": {
      const words = (value: z.infer<typeof AuditedPlan> | null) =>
        value ? `${value.summary ? `“${shorten(value.summary, 100)}”` : "No summary"}; supports ${plural(value.supportedIndicators?.length ?? 0, "indicator")}` : "No plan";
      return { what: "Local action plan changed", before: words(read(AuditedPlan, entry.before)), after: words(read(AuditedPlan, entry.after)) };
    }
    default:
      return { what: entry.action, before: unknownChange(entry.before), after: unknownChange(entry.after) };
  }
}

/** "Name <e-mail>" → name and e-mail. */
export function actorParts(actor: string): { name: string; email: string | null } {
  const match = /^(.*?)\s*<([^>]+)>$/.exec(actor);
  return match ? { name: match[1] ?? actor, email: match[2] ?? null } : { name: actor, email: null };
}

/** "Changes 101–200 of 230" with Newer and Older: a long history is read a page at a time. */
function HistoryPages({ view, onPage, label }: { view: HistoryView; onPage: (page: number) => void; label: string }) {
  const pages = Math.max(1, Math.ceil(view.total / view.limit));
  if (pages <= 1) return null;
  const first = (view.page - 1) * view.limit + 1;
  const last = Math.min(view.total, view.page * view.limit);
  return (
    <nav aria-label={label} className="pagination">
      <Group gap="sm">
        <Button variant="default" disabled={view.page <= 1} onClick={() => onPage(view.page - 1)}>
          Newer changes
        </Button>
        <span aria-live="polite">
          Changes {first}–{last} of {view.total}
        </span>
        <Button variant="default" disabled={view.page >= pages} onClick={() => onPage(view.page + 1)}>
          Older changes
        </Button>
      </Group>
    </nav>
  );
}

export function ChangeHistory({
  view,
  caption,
  onPage,
}: {
  view: HistoryView;
  caption: string;
  onPage: (page: number) => void;
}) {
  const history = view.history;
  const captionId = useId();
  const organisations = useQuery(organisationsQuery());
  const names = new Map((organisations.data?.organisations ?? []).map((organisation) => [organisation.slug, organisation.name]));
  const organisationName = (slug: string) => names.get(slug) ?? slug;
  if (view.total === 0) return <p>No changes have been made in Accord yet.</p>;
  return (
    <>
      <HistoryPages view={view} onPage={onPage} label={`Pages of ${caption.charAt(0).toLowerCase()}${caption.slice(1)}`} />
      <ScrollRegion labelledBy={captionId}>
        <Table withTableBorder captionSide="top" className="history-table">
          <Table.Caption id={captionId}>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">When</Table.Th>
              <Table.Th scope="col">Who</Table.Th>
              <Table.Th scope="col">What</Table.Th>
              <Table.Th scope="col">Before</Table.Th>
              <Table.Th scope="col">After</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.map((entry) => {
              const change = describeChange(entry, organisationName);
              const actor = actorParts(entry.actor);
              return (
                <Table.Tr key={entry.id} data-action={entry.action}>
                  <Table.Th scope="row">
                    <time dateTime={isoTimestamp(entry.at)}>{longDateTime(entry.at)}</time>
                  </Table.Th>
                  <Table.Td>
                    <span className="history-actor">{actor.name}</span>
                    {actor.email ? <span className="small history-email"> {actor.email}</span> : null}
                  </Table.Td>
                  <Table.Td>{change.what}</Table.Td>
                  <Table.Td>{change.before}</Table.Td>
                  <Table.Td>{change.after}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
    </>
  );
}

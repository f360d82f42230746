/**
 * The cells of the submission template (seed 000 appendix), shared by the agreement page,
 * the indicator page and the outcome page.
 */
import { Fragment } from "react";
import { Link } from "@tanstack/react-router";
import { VisuallyHidden } from "@mantine/core";
import { baselineLines, isDocumentPosition, quantityText } from "@accord/domain";
import type { AgreementIndicatorView, AgreementStatus, BaselineView, NegotiationStatus, PendingBaselineView, SignUpView, TargetView } from "@accord/domain";
import { Flag, type FlagTone } from "../../components/Flag";
import { componentWords, indicatorKey, indicatorStatusWords, longDate, signUpRoleWords } from "../../words";

/** "NI 47*" — the asterisk marks the National Indicator Set, as in the template. */
export function IndicatorCode({ indicator }: { indicator: Pick<AgreementIndicatorView, "code" | "nationalIndicatorSet"> }) {
  return (
    <span className="indicator-code">
      {indicator.code}
      {indicator.nationalIndicatorSet ? (
        <>
          <span aria-hidden="true">*</span>
          <VisuallyHidden component="span"> (National Indicator Set)</VisuallyHidden>
        </>
      ) : null}
    </span>
  );
}

/** The code linking to its catalogue entry ("NI 47*"), named for what it opens. */
export function CatalogueCodeLink({ indicator }: { indicator: Pick<AgreementIndicatorView, "key" | "code" | "nationalIndicatorSet"> }) {
  return (
    <Link to="/indicators/$key" params={{ key: indicator.key }} className="catalogue-code-link">
      <IndicatorCode indicator={indicator} />
      <VisuallyHidden component="span">, catalogue entry</VisuallyHidden>
    </Link>
  );
}

export function IndicatorTitle({ indicator }: { indicator: Pick<AgreementIndicatorView, "title" | "titleStatus"> }) {
  return (
    <>
      {indicator.title}
      {indicator.titleStatus === "unknown" ? <span className="muted"> (title not known)</span> : null}
      {indicator.titleStatus === "incomplete" ? <span className="muted"> (title incomplete)</span> : null}
    </>
  );
}

/** Link to another indicator of the same agreement by its code ("NI 159"). */
export function IndicatorCodeLink({ slug, code }: { slug: string; code: string }) {
  return (
    <Link to="/agreements/$slug/indicators/$key" params={{ slug, key: indicatorKey(code) }}>
      {code}
    </Link>
  );
}

/** "Omitted — replaced by NI 159", with the reason. */
export function OmittedNotice({ slug, indicator }: { slug: string; indicator: AgreementIndicatorView }) {
  if (indicator.state !== "omitted") return null;
  return (
    <div className="omitted">
      {indicator.replacedBy ? (
        <span>
          Omitted — replaced by <IndicatorCodeLink slug={slug} code={indicator.replacedBy} />
        </span>
      ) : (
        <span>Omitted from the agreement</span>
      )}
      {indicator.replacementReason ? <p className="omitted__reason">{indicator.replacementReason}</p> : null}
    </div>
  );
}

/** The indicator cell of the template: the code linking to its catalogue entry, the title to the indicator page. */
export function IndicatorCell({ slug, indicator }: { slug: string; indicator: AgreementIndicatorView }) {
  const omitted = indicator.state === "omitted";
  const name = (
    <>
      <CatalogueCodeLink indicator={indicator} />{" "}
      <Link to="/agreements/$slug/indicators/$key" params={{ slug, key: indicator.key }} className="indicator-link">
        <IndicatorTitle indicator={indicator} />
      </Link>
    </>
  );
  return (
    <>
      {omitted ? <s className="struck">{name}</s> : name}
      {indicator.replaces ? (
        <p className="small">
          Replaces <IndicatorCodeLink slug={slug} code={indicator.replaces} />
        </p>
      ) : null}
      <OmittedNotice slug={slug} indicator={indicator} />
    </>
  );
}

export function BaselineValue({ baseline, showComponent }: { baseline: BaselineView; showComponent: boolean }) {
  return (
    <>
      {showComponent ? <span className="component">{componentWords(baseline.component)}: </span> : null}
      <span className="value">{quantityText(baseline.value, baseline.unit)}</span>
      {baseline.period ? <span className="period"> ({baseline.period})</span> : null}
    </>
  );
}

export function PendingBaseline({ pending }: { pending: PendingBaselineView }) {
  return (
    <span className="pending">
      <Flag tone="amber">Pending</Flag> {pending.reason}
      {pending.expectedBy ? (
        <>
          {" "}
          (expected by <time dateTime={pending.expectedBy}>{longDate(pending.expectedBy)}</time>)
        </>
      ) : null}
    </span>
  );
}

/**
 * The baseline cell: the baseline as the agreement words it, a line per component, or why it is
 * still pending — the same lines the submission files print (baselineLines in @accord/domain).
 */
export function BaselineCell({ indicator }: { indicator: AgreementIndicatorView }) {
  if (indicator.baselines.length === 0 && !indicator.baselinePending) {
    return <span className="muted">Not set</span>;
  }
  const lines = baselineLines({ ...indicator, baselinePending: null });
  return (
    <>
      {lines.length > 0 ? (
        <ul className="cell-list">
          {lines.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      ) : null}
      {indicator.baselinePending ? <PendingBaseline pending={indicator.baselinePending} /> : null}
    </>
  );
}

function numbersIn(text: string): number[] {
  return (text.replace(/(\d),(\d{3})/g, "$1$2").match(/\d+(?:\.\d+)?/g) ?? []).map(Number);
}

/** The computed figure is worth showing only when the wording does not already state it (592 vs 591.5). */
export function computedDiffers(target: TargetView): boolean {
  if (target.value === null) return false;
  const computed = Number(target.value);
  if (target.writtenValue !== null && Number(target.writtenValue) !== computed) return true;
  return !numbersIn(target.written).some((number) => number === computed);
}

/** A target as written ("Proposed at 592 (50% reduction)") with the figure it works out at when that differs. */
export function TargetText({ target, showComponent }: { target: TargetView; showComponent: boolean }) {
  return (
    <>
      {showComponent ? <span className="component">{componentWords(target.component)}: </span> : null}
      <span className="written">{target.written}</span>
      {computedDiffers(target) ? (
        <span className="computed">
          {" "}
          (works out at <span className="value">{target.value}</span>)
        </span>
      ) : null}
    </>
  );
}

/** All targets for one financial year. */
export function YearTargetsCell({ indicator, year }: { indicator: AgreementIndicatorView; year: string }) {
  const targets = indicator.targets.filter((target) => target.year === year);
  const showComponent = indicator.targets.some((target) => target.component !== "all");
  if (targets.length === 0) {
    return (
      <>
        <span aria-hidden="true" className="muted">
          –
        </span>
        <VisuallyHidden component="span">No target for {year}</VisuallyHidden>
      </>
    );
  }
  return (
    <ul className="cell-list">
      {targets.map((target) => (
        <li key={`${target.component}`}>
          <TargetText target={target} showComponent={showComponent} />
        </li>
      ))}
    </ul>
  );
}

export const statusTone: Record<NegotiationStatus, FlagTone> = {
  "not-started": "grey",
  proposed: "grey",
  "under-discussion": "blue",
  "counter-proposed": "amber",
  "agreed-with-government-office": "green",
  deferred: "amber",
};

export function StatusFlag({ indicator, agreementStatus }: { indicator: AgreementIndicatorView; agreementStatus: AgreementStatus }) {
  const words = indicatorStatusWords(indicator, agreementStatus);
  const approved = indicator.status === null && words === "In the approved agreement";
  return <Flag tone={approved ? "green" : statusTone[indicator.status ?? "not-started"]}>{words}</Flag>;
}

/** The status cell: where negotiation stands, the latest word on it, and any note on the targets. */
export function StatusCell({ indicator, agreementStatus }: { indicator: AgreementIndicatorView; agreementStatus: AgreementStatus }) {
  // A comment never speaks for the position: the latest entry that sets the status does.
  const latest = [...indicator.statusHistory].reverse().find((entry) => entry.kind !== "comment") ?? null;
  // A position recorded from a document says the status in the document's words: shown once, as
  // the flag, rather than the app's label beside the same thing said again.
  const documentWords = isDocumentPosition(latest) ? latest?.note ?? null : null;
  return (
    <>
      {documentWords ? (
        <Flag tone={statusTone[indicator.status ?? "not-started"]}>{documentWords}</Flag>
      ) : (
        <StatusFlag indicator={indicator} agreementStatus={agreementStatus} />
      )}
      {latest?.note && !documentWords ? <p className="small">{latest.note}</p> : null}
      {indicator.targetNote && indicator.targets.length > 0 ? <p className="small">Targets: {indicator.targetNote}</p> : null}
    </>
  );
}

/** A detail worth showing: not empty and not just the organisation's name again. */
export function hasOwnDetail(signUp: { organisation: { name: string }; detail: string | null }): signUp is { organisation: { name: string }; detail: string } {
  return signUp.detail !== null && signUp.detail.trim() !== "" && signUp.detail.trim().toLowerCase() !== signUp.organisation.name.toLowerCase();
}

/** "Kent County Council (Adult Education & KASS)". */
export function PartnerName({ signUp }: { signUp: Pick<SignUpView, "organisation" | "detail"> }) {
  return (
    <>
      {signUp.organisation.name}
      {hasOwnDetail(signUp) ? ` (${signUp.detail})` : null}
    </>
  );
}

/** A lead partner, marked * as in the template and named "(lead)" for screen readers. */
export function LeadPartnerName({ signUp }: { signUp: Pick<SignUpView, "organisation" | "detail"> }) {
  return (
    <span className="lead-partner">
      <PartnerName signUp={signUp} />
      <span aria-hidden="true">*</span>
      <VisuallyHidden component="span"> (lead)</VisuallyHidden>
    </span>
  );
}

const signUpRoles = ["lead", "statutory", "non-statutory"] as const;

/** Partners signed up, grouped: lead (marked *), statutory, non-statutory. */
export function PartnersCell({ partners }: { partners: SignUpView[] }) {
  if (partners.length === 0) return <span className="muted">No partners signed up yet</span>;
  return (
    <dl className="partners">
      {signUpRoles.map((role) => {
        const group = partners.filter((partner) => partner.role === role);
        if (group.length === 0) return null;
        return (
          <div key={role}>
            <dt>{role === "lead" && group.length > 1 ? "Lead partners" : signUpRoleWords[role]}:</dt>
            <dd>
              {group.map((signUp, index) => (
                <Fragment key={`${signUp.organisation.slug}-${index}`}>
                  {index > 0 ? ", " : null}
                  {role === "lead" ? <LeadPartnerName signUp={signUp} /> : <PartnerName signUp={signUp} />}
                </Fragment>
              ))}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

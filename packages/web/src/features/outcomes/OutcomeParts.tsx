import { Fragment } from "react";
import { Link } from "@tanstack/react-router";
import { Title, VisuallyHidden } from "@mantine/core";
import type { OutcomePartnerView, OutcomeView } from "@accord/domain";
import { Flag } from "../../components/Flag";
import { hasOwnDetail } from "../indicators/IndicatorParts";
import { outcomePartnerRoleWords } from "../../words";

/** LPSA2 and SIP badges ("deleted" is said in the outcome's name instead). */
export function OutcomeFlags({ outcome }: { outcome: Pick<OutcomeView, "lpsa2" | "sip"> }) {
  if (!outcome.lpsa2 && !outcome.sip) return null;
  return (
    <span className="flags">
      {outcome.lpsa2 ? (
        <>
          <Flag tone="blue">LPSA2</Flag>
          <VisuallyHidden component="span"> (includes a Local Public Service Agreement 2 reward target)</VisuallyHidden>
        </>
      ) : null}
      {outcome.sip ? (
        <>
          <Flag tone="green">SIP</Flag>
          <VisuallyHidden component="span"> (part of the Supporting Independence Programme)</VisuallyHidden>
        </>
      ) : null}
    </span>
  );
}

/** "Outcome 9: …", or "Outcome 15 — deleted" — the number is kept when an outcome goes. */
export function outcomeName(outcome: Pick<OutcomeView, "number" | "title" | "deleted">): string {
  return outcome.deleted ? `Outcome ${outcome.number} — deleted` : `Outcome ${outcome.number}: ${outcome.title}`;
}

export function leadPartners(partners: OutcomePartnerView[]): OutcomePartnerView[] {
  return partners.filter((partner) => partner.role === "lead");
}

function partnerText(partner: OutcomePartnerView): string {
  return hasOwnDetail(partner) ? `${partner.organisation.name} (${partner.detail})` : partner.organisation.name;
}

export function OutcomePartnerList({ partners }: { partners: OutcomePartnerView[] }) {
  const roles = ["lead", "principal", "secondary", "government-department"] as const;
  if (partners.length === 0) return <p className="muted">No partners recorded.</p>;
  return (
    <dl className="facts">
      {roles.map((role) => {
        const group = partners.filter((partner) => partner.role === role);
        if (group.length === 0) return null;
        return (
          <div key={role}>
            <dt>{role === "lead" && group.length > 1 ? "Lead partners" : outcomePartnerRoleWords[role]}</dt>
            <dd>
              {group.map((partner, index) => (
                <Fragment key={`${partner.organisation.slug}-${index}`}>
                  {index > 0 ? ", " : null}
                  {partnerText(partner)}
                </Fragment>
              ))}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** A block of a KA1-style agreement: its outcomes with lead partner and flags, each linking to its page. */
export function OutcomeSummaryList({ slug, outcomes }: { slug: string; outcomes: OutcomeView[] }) {
  return (
    <ul className="card-list">
      {outcomes.map((outcome) => {
        const leads = leadPartners(outcome.partners);
        const primary = outcome.indicators.filter((indicator) => indicator.kind === "primary").length;
        const secondary = outcome.indicators.filter((indicator) => indicator.kind === "secondary").length;
        return (
          <li key={outcome.number} className={outcome.deleted ? "card card--deleted" : "card"}>
            <Title order={3} className="card__title">
              <Link to="/agreements/$slug/outcomes/$number" params={{ slug, number: String(outcome.number) }}>
                {outcomeName(outcome)}
              </Link>
            </Title>
            {outcome.deleted ? (
              outcome.deletedNote ? <p>{outcome.deletedNote}</p> : null
            ) : (
              <>
                <OutcomeFlags outcome={outcome} />
                <dl className="facts facts--inline">
                  <div>
                    <dt>{leads.length > 1 ? "Lead partners" : "Lead partner"}</dt>
                    <dd>{leads.length > 0 ? leads.map(partnerText).join(", ") : "Not named"}</dd>
                  </div>
                  <div>
                    <dt>Indicators</dt>
                    <dd>
                      {primary} primary, {secondary} secondary
                    </dd>
                  </div>
                </dl>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

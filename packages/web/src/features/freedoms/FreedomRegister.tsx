import { Fragment } from "react";
import { Link } from "@tanstack/react-router";
import { Title } from "@mantine/core";
import type { AgreementDetailView, FreedomView } from "@accord/domain";
import { Flag } from "../../components/Flag";
import { WrittenText } from "../../components/WrittenText";
import { freedomPriorityWords } from "../../words";

/** Which block a freedom sits in: its own block, else the block of its first outcome. */
export function freedomBlockCode(freedom: FreedomView, agreement: AgreementDetailView): string | null {
  if (freedom.scope === "overarching") return "overarching";
  if (freedom.block) return freedom.block.code;
  for (const theme of agreement.themes) {
    if (theme.outcomes.some((outcome) => freedom.outcomes.includes(outcome.number))) return theme.code;
  }
  return null;
}

function AppliesTo({ slug, freedom }: { slug: string; freedom: FreedomView }) {
  if (freedom.scope === "overarching") return <>Overarching: the whole agreement</>;
  if (freedom.scope === "block" || freedom.outcomes.length === 0) return <>{freedom.block ? `The whole block: ${freedom.block.title}` : "Not stated"}</>;
  return (
    <>
      {freedom.outcomes.map((number, index) => (
        <Fragment key={number}>
          {index > 0 ? ", " : null}
          <Link to="/agreements/$slug/outcomes/$number" params={{ slug, number: String(number) }}>
            Outcome {number}
          </Link>
        </Fragment>
      ))}
      {freedom.block ? ` (${freedom.block.title})` : null}
    </>
  );
}

export function FreedomEntry({ slug, freedom }: { slug: string; freedom: FreedomView }) {
  const headingId = `freedom-${freedom.number}`;
  return (
    <article className="card freedom" aria-labelledby={headingId}>
      <Title order={2} id={headingId} className="card__title" tabIndex={-1}>
        Freedom {freedom.number}: {freedom.title}
      </Title>
      {freedom.priority ? (
        <Flag tone={freedom.priority === "essential" ? "amber" : "grey"}>{`Priority: ${freedomPriorityWords[freedom.priority]}`}</Flag>
      ) : (
        <Flag tone="grey">Priority not stated</Flag>
      )}
      <dl className="facts">
        <div>
          <dt>Problem</dt>
          <dd>{freedom.problem ? <WrittenText text={freedom.problem} /> : <span className="muted">Not stated in the agreement</span>}</dd>
        </div>
        <div>
          <dt>Freedom sought</dt>
          <dd>
            <WrittenText text={freedom.freedomSought} />
          </dd>
        </div>
        <div>
          <dt>Applies to</dt>
          <dd>
            <AppliesTo slug={slug} freedom={freedom} />
          </dd>
        </div>
        <div>
          <dt>Benefits to central government</dt>
          <dd>{freedom.benefitsToCentralGovernment ? <WrittenText text={freedom.benefitsToCentralGovernment} /> : "Not stated"}</dd>
        </div>
        <div>
          <dt>Benefits to the agreement's partners</dt>
          <dd>{freedom.benefitsToPartners ? <WrittenText text={freedom.benefitsToPartners} /> : "Not stated"}</dd>
        </div>
        <div>
          <dt>Benefits to the community</dt>
          <dd>{freedom.benefitsToCommunity ? <WrittenText text={freedom.benefitsToCommunity} /> : "Not stated"}</dd>
        </div>
        {freedom.department ? (
          <div>
            <dt>Government department</dt>
            <dd>{freedom.department}</dd>
          </div>
        ) : null}
        {freedom.status ? (
          <div>
            <dt>Status</dt>
            <dd>{freedom.status}</dd>
          </div>
        ) : null}
      </dl>
      {freedom.notes.length > 0 ? (
        <ul className="small">
          {freedom.notes.map((note, index) => (
            <li key={index}>{note}</li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}

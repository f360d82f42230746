import { Link } from "@tanstack/react-router";
import { Title } from "@mantine/core";
import type { AgreementDetailView } from "@accord/domain";
import { Flag } from "../../components/Flag";
import { agreementStatusWords, longDate, yearSpan } from "../../words";

/** The top of the submission template: which agreement, which years, where it stands. */
export function AgreementHeading({ agreement }: { agreement: AgreementDetailView }) {
  return (
    <header className="page-heading">
      <Title order={1}>{agreement.name}</Title>
      <dl className="facts facts--inline">
        <div>
          <dt>Years</dt>
          <dd>{yearSpan(agreement.firstYear, agreement.lastYear)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <Flag tone={agreement.status === "approved" || agreement.status === "closed" ? "green" : "blue"}>{agreementStatusWords[agreement.status]}</Flag>
          </dd>
        </div>
        <div>
          <dt>Revision</dt>
          <dd>{agreement.revision}</dd>
        </div>
        <div>
          <dt>Area</dt>
          <dd>{agreement.area.name}</dd>
        </div>
        <div>
          <dt>Responsible authority</dt>
          <dd>{agreement.responsibleAuthority.name}</dd>
        </div>
        <div>
          <dt>Government Office</dt>
          <dd>{agreement.governmentOffice.name}</dd>
        </div>
        {agreement.predecessor ? (
          <div>
            <dt>Follows</dt>
            <dd>
              <Link to="/agreements/$slug" params={{ slug: agreement.predecessor.slug }}>
                {agreement.predecessor.name}
              </Link>
            </dd>
          </div>
        ) : null}
        {agreement.successor ? (
          <div>
            <dt>Followed by</dt>
            <dd>
              <Link to="/agreements/$slug" params={{ slug: agreement.successor.slug }}>
                {agreement.successor.name}
              </Link>
            </dd>
          </div>
        ) : null}
      </dl>
      {agreement.summary ? <p className="lead">{agreement.summary}</p> : null}
      {agreement.deadlines.length > 0 ? (
        <div>
          <Title order={2} size="h4">
            Deadlines
          </Title>
          <ul className="plain-list">
            {agreement.deadlines.map((deadline) => (
              <li key={`${deadline.name}-${deadline.date}`}>
                {deadline.name}: <time dateTime={deadline.date}>{longDate(deadline.date)}</time>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="source">Source: {agreement.source}</p>
    </header>
  );
}

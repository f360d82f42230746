import { Link } from "@tanstack/react-router";
import { Title } from "@mantine/core";
import type { AgreementSummaryView } from "@accord/domain";
import { Flag } from "../../components/Flag";
import { agreementStatusWords, plural, yearSpan } from "../../words";

/** "35 designated, 16 statutory indicators" or "19 outcomes, 52 primary …" — what the agreement holds. */
export function agreementCounts(agreement: AgreementSummaryView): string[] {
  const counts = agreement.indicatorCounts;
  const lines: string[] = [];
  if (agreement.outcomeCount > 0) lines.push(plural(agreement.outcomeCount, "outcome"));
  if (counts.designated > 0) lines.push(`${counts.designated} designated improvement ${counts.designated === 1 ? "target" : "targets"}`);
  if (counts.statutory > 0) lines.push(`${counts.statutory} statutory education and early years ${counts.statutory === 1 ? "target" : "targets"}`);
  if (counts.primary > 0) lines.push(plural(counts.primary, "primary countywide indicator"));
  if (counts.secondary > 0) lines.push(plural(counts.secondary, "secondary indicator"));
  if (counts.local > 0) lines.push(plural(counts.local, "local indicator"));
  if (counts.omitted > 0) lines.push(`${plural(counts.omitted, "indicator")} omitted`);
  if (agreement.freedomCount > 0) lines.push(plural(agreement.freedomCount, "freedom or flexibility", "freedoms and flexibilities"));
  return lines;
}

export function AgreementList({ agreements }: { agreements: AgreementSummaryView[] }) {
  if (agreements.length === 0) {
    return <p>No agreements have been set up yet.</p>;
  }
  return (
    <ul className="card-list">
      {agreements.map((agreement) => (
        <li key={agreement.slug} className="card">
          <Title order={3} className="card__title">
            <Link to="/agreements/$slug" params={{ slug: agreement.slug }}>
              {agreement.name}
            </Link>
          </Title>
          <dl className="facts facts--inline">
            <div>
              <dt>Years</dt>
              <dd>{yearSpan(agreement.firstYear, agreement.lastYear)}</dd>
            </div>
            <div>
              <dt>Area</dt>
              <dd>{agreement.area.name}</dd>
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
          </dl>
          {agreement.summary ? <p>{agreement.summary}</p> : null}
          <ul className="counts">
            {agreementCounts(agreement).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/** One catalogue entry: what the indicator is, which agreements use it, its changes; a manager may change it. */
import { Fragment, useState } from "react";
import { createRoute, Link } from "@tanstack/react-router";
import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { Title } from "@mantine/core";
import { rootRoute } from "./root";
import { catalogueEntryHistoryQuery, indicatorDefinitionQuery } from "../features/catalogue/queries";
import { ChangeEntryForm } from "../features/catalogue/EntryForms";
import { ChangeHistory } from "../features/audit/ChangeHistory";
import { isManager, useSession } from "../features/session/queries";
import { Breadcrumbs } from "../components/Breadcrumbs";
import { ErrorState } from "../components/ErrorState";
import { Flag } from "../components/Flag";
import { Loading } from "../components/Loading";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { componentWords, indicatorKey, indicatorKindWords, indicatorSourceWords, polarityWords } from "../words";

/** Another catalogue entry by its code: a predecessor or successor the agreement records. */
function CatalogueEntryLink({ code }: { code: string }) {
  return (
    <Link to="/indicators/$key" params={{ key: indicatorKey(code) }} className="catalogue-code-link">
      {code}
    </Link>
  );
}

function CatalogueEntryPage() {
  const { key } = catalogueEntryRoute.useParams();
  const { data: definition } = useSuspenseQuery(indicatorDefinitionQuery(key));
  const [historyPage, setHistoryPage] = useState(1);
  const history = useQuery(catalogueEntryHistoryQuery(key, historyPage));
  const { user } = useSession();
  useDocumentTitle(`${definition.code} ${definition.title}`, "Indicator catalogue");
  const notGiven = <span className="muted">Not given</span>;

  return (
    <>
      <Breadcrumbs>
        <Link to="/indicators">Indicator catalogue</Link>
        <span aria-current="page">{definition.code}</span>
      </Breadcrumbs>
      <header className="page-heading">
        <Title order={1}>
          {definition.code} {definition.title}
        </Title>
        {definition.titleStatus === "unknown" ? <Flag tone="amber">Title not known</Flag> : null}
        {definition.titleStatus === "incomplete" ? <Flag tone="amber">Title incomplete</Flag> : null}
      </header>
      <dl className="facts">
        <dt>Code</dt>
        <dd>{definition.code}</dd>
        <dt>Title</dt>
        <dd>{definition.title}</dd>
        <dt>Unit</dt>
        <dd>{definition.unit ?? notGiven}</dd>
        <dt>Which way is better</dt>
        <dd>{polarityWords[definition.polarity]}</dd>
        <dt>Department</dt>
        <dd>{definition.department ?? notGiven}</dd>
        <dt>Source</dt>
        <dd>{indicatorSourceWords[definition.source]}</dd>
        {definition.dataSource ? (
          <>
            <dt>Data from</dt>
            <dd>{definition.dataSource}</dd>
          </>
        ) : null}
        {definition.components.length > 0 ? (
          <>
            <dt>Measured as</dt>
            <dd>{definition.components.map((component) => componentWords(component)).join(", ")}</dd>
          </>
        ) : null}
        {definition.titleSource ? (
          <>
            <dt>Title taken from</dt>
            <dd>{definition.titleSource}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <Link to="/indicators/$key/across-agreements" params={{ key: definition.key }}>
          Compare {definition.code} across agreements
        </Link>
        : each agreement&apos;s baseline, target and planned improvement, ranked.
      </p>
      <section aria-labelledby="used-in-heading" className="section">
        <Title order={2} id="used-in-heading">
          Agreements that use it
        </Title>
        {definition.usedIn.length === 0 ? (
          <p>No agreement you may read uses this indicator.</p>
        ) : (
          <ul>
            {definition.usedIn.map((use, index) => (
                <li key={`${use.agreement}-${index}`}>
                  <Link to="/agreements/$slug/indicators/$key" params={{ slug: use.agreement, key: definition.key }}>
                    {definition.code} in {use.shortName}
                  </Link>{" "}
                  ({indicatorKindWords[use.kind].toLowerCase()}
                  {use.state === "omitted" ? ", omitted" : ""})
                  {use.replacedBy ? (
                    <>
                      {" "}
                      — replaced there by <CatalogueEntryLink code={use.replacedBy} />
                    </>
                  ) : null}
                  {use.replaces.length > 0 ? (
                    <>
                      {" "}
                      — replaces{" "}
                      {use.replaces.map((code, codeIndex) => (
                        <Fragment key={code}>
                          {codeIndex > 0 ? ", " : null}
                          <CatalogueEntryLink code={code} />
                        </Fragment>
                      ))}
                    </>
                  ) : null}
                </li>
            ))}
          </ul>
        )}
      </section>
      {isManager(user) ? <ChangeEntryForm definition={definition} /> : null}
      <section aria-labelledby="entry-changes-heading" className="section">
        <Title order={2} id="entry-changes-heading">
          Changes to this entry
        </Title>
        {history.isPending ? <Loading label="Loading the changes…" /> : null}
        {history.isError ? <ErrorState error={history.error} what="the changes" /> : null}
        {history.data ? <ChangeHistory view={history.data} onPage={setHistoryPage} caption={`Changes to ${definition.code} in the catalogue, newest first`} /> : null}
      </section>
    </>
  );
}

export const catalogueEntryRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/indicators/$key",
  loader: ({ context, params }) => context.queryClient.ensureQueryData(indicatorDefinitionQuery(params.key)),
  component: CatalogueEntryPage,
});

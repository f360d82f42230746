import { createRoute, Link } from "@tanstack/react-router";
import { useSuspenseQuery } from "@tanstack/react-query";
import { Title } from "@mantine/core";
import { rootRoute } from "./root";
import { agreementListQuery } from "../features/agreements/queries";
import { AgreementList } from "../features/agreements/AgreementList";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { plural } from "../words";
import { useSession } from "../features/session/queries";

interface HomeSearch {
  page?: number;
}

function validateHomeSearch(search: Record<string, unknown>): HomeSearch {
  const page = Number(search.page);
  return Number.isInteger(page) && page > 1 ? { page } : {};
}

/** "Previous", "Page 2 of 4", "Next" as links, shown only when the agreements fill more than one page. */
function AgreementPages({ page, pages, total }: { page: number; pages: number; total: number }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Pages of agreements" className="pagination">
      <ul className="plain-list inline-list">
        <li>
          {page > 1 ? (
            <Link to="/" search={validateHomeSearch({ page: page - 1 })} rel="prev">
              Previous page
            </Link>
          ) : null}
        </li>
        <li aria-current="page">
          Page {page} of {pages} ({plural(total, "agreement")})
        </li>
        <li>
          {page < pages ? (
            <Link to="/" search={{ page: page + 1 }} rel="next">
              Next page
            </Link>
          ) : null}
        </li>
      </ul>
    </nav>
  );
}

function HomePage() {
  useDocumentTitle("Local Area Agreements");
  const { page = 1 } = homeRoute.useSearch();
  const { data } = useSuspenseQuery(agreementListQuery(page));
  const pages = Math.max(1, Math.ceil(data.total / data.limit));
  const { user } = useSession();
  return (
    <>
      <Title order={1}>Local Area Agreements</Title>
      {user ? (
        <p className="callout">
          What awaits you is on <Link to="/my-work">my work</Link>.
        </p>
      ) : null}
      <p className="lead">
        Accord holds the outcome agreements between a local partnership and central government: which indicators were
        chosen, their baselines and targets, how negotiation with the Government Office stands, and which partners signed
        up to deliver them.
      </p>
      <Title order={2}>Agreements</Title>
      <AgreementList agreements={data.agreements} />
      <AgreementPages page={data.page} pages={pages} total={data.total} />
      {user?.grants.some((grant) => grant.role === "manager") ? (
        <p>
          A new agreement from its table (a submission template or your council's spreadsheet):{" "}
          <Link to="/import-agreement">import an agreement</Link>.
        </p>
      ) : null}
      <p>
        Every agreement side by side, region by region: the <Link to="/government-office">Government Office view</Link>.
      </p>
      <Title order={2}>Indicators</Title>
      <p>
        Every indicator an agreement can use, from the National Indicator Set to local ones, is in the{" "}
        <Link to="/indicators">indicator catalogue</Link>.
      </p>
    </>
  );
}

export const homeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/",
  validateSearch: validateHomeSearch,
  loaderDeps: ({ search }) => ({ page: search.page ?? 1 }),
  loader: ({ context, deps }) => context.queryClient.ensureQueryData(agreementListQuery(deps.page)),
  component: HomePage,
});

import { createRoute, Link } from "@tanstack/react-router";
import { useSuspenseQuery } from "@tanstack/react-query";
import { Title } from "@mantine/core";
import { rootRoute } from "./root";
import { agreementListQuery } from "../features/agreements/queries";
import { AgreementList } from "../features/agreements/AgreementList";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { useSession } from "../features/session/queries";

function HomePage() {
  useDocumentTitle("Local Area Agreements");
  const { data } = useSuspenseQuery(agreementListQuery());
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
  loader: ({ context }) => context.queryClient.ensureQueryData(agreementListQuery()),
  component: HomePage,
});

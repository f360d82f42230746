/**
 * Where a signed-in person starts: what each of their roles asks of them now, agreement by
 * agreement (GET /api/my-work, worked out on the server by the same policy and derived statuses
 * as every other page).
 */
import { createRoute, Link } from "@tanstack/react-router";
import { useQuery } from "@tanstack/react-query";
import { Title } from "@mantine/core";
import type { MyWorkLink, MyWorkView } from "@accord/domain";
import { rootRoute } from "./root";
import { myWorkQuery } from "../features/workflow/queries";
import { useSession } from "../features/session/queries";
import { ErrorState } from "../components/ErrorState";
import { Loading } from "../components/Loading";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { agreementStatusWords, deadlineWords, longDate, plural, roleWords } from "../words";

function WorkLink({ slug, link, children }: { slug: string; link: MyWorkLink; children: string }) {
  switch (link.page) {
    case "indicator":
      return (
        <Link to="/agreements/$slug/indicators/$key" params={{ slug, key: link.key }}>
          {children}
        </Link>
      );
    case "outcome":
      return (
        <Link to="/agreements/$slug/outcomes/$number" params={{ slug, number: String(link.number) }}>
          {children}
        </Link>
      );
    case "district":
      return (
        <Link to="/agreements/$slug/districts/$code" params={{ slug, code: link.code }}>
          {children}
        </Link>
      );
    case "sign-ups":
      return (
        <Link to="/agreements/$slug/sign-ups" params={{ slug }}>
          {children}
        </Link>
      );
    case "submission":
      return (
        <Link to="/agreements/$slug/submission" params={{ slug }}>
          {children}
        </Link>
      );
    case "bulletins":
      return (
        <Link to="/agreements/$slug/bulletins" params={{ slug }}>
          {children}
        </Link>
      );
    case "agreement":
      return (
        <Link to="/agreements/$slug" params={{ slug }}>
          {children}
        </Link>
      );
  }
}

function AgreementWork({ work }: { work: MyWorkView["agreements"][number] }) {
  const headingId = `work-${work.slug}`;
  return (
    <section aria-labelledby={headingId} className="section my-work">
      <Title order={2} id={headingId}>
        <Link to="/agreements/$slug" params={{ slug: work.slug }}>
          {work.name}
        </Link>
      </Title>
      <p>
        {agreementStatusWords[work.status]}.{work.deadline ? ` ${deadlineWords(work.deadline)}.` : ""}
      </p>
      <p>
        <Link to="/agreements/$slug/performance" params={{ slug: work.slug }}>
          Performance of {work.name}: where every indicator stands and the returns due
        </Link>
      </p>
      {work.sections.map((section) => (
        <div key={`${section.role}-${section.title}`} className="my-work__section">
          <Title order={3}>
            {section.title} <span className="small muted">({roleWords[section.role]})</span>
          </Title>
          <p>{section.summary}</p>
          {section.items.length > 0 ? (
            <ul className="my-work__items">
              {section.items.map((item, index) => (
                <li key={index}>
                  <WorkLink slug={work.slug} link={item.link}>
                    {item.text}
                  </WorkLink>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
    </section>
  );
}

function MyWork({ userId }: { userId: number }) {
  const work = useQuery(myWorkQuery(userId));
  if (work.isPending) return <Loading label="Finding your work…" />;
  if (work.isError) return <ErrorState error={work.error} what="your work" />;
  if (work.data.agreements.length === 0) {
    return (
      <p>
        You have no role in any agreement yet. A manager of the agreement grants roles; meanwhile you can <Link to="/">read the published agreements</Link>.
      </p>
    );
  }
  return (
    <>
      {work.data.agreements.map((agreement) => (
        <AgreementWork key={agreement.slug} work={agreement} />
      ))}
    </>
  );
}

function MyWorkPage() {
  useDocumentTitle("My work");
  const { user, pending } = useSession();
  return (
    <>
      <header className="page-heading">
        <Title order={1}>My work</Title>
        <p className="lead">What each of your roles asks of you now, most pressing first.</p>
      </header>
      {pending ? (
        <Loading label="Checking who is signed in…" />
      ) : user ? (
        <>
          {user.grants.some((grant) => grant.role === "government" || grant.role === "manager") ? (
            <p className="callout">
              Every agreement side by side, with where negotiation stands and the latest round: the <Link to="/government-office">Government Office view</Link>.
            </p>
          ) : null}
          <MyWork userId={user.id} />
        </>
      ) : (
        <p>
          <Link to="/sign-in" search={{ redirect: "/my-work" }}>
            Sign in
          </Link>{" "}
          to see your work.
        </p>
      )}
    </>
  );
}

export const myWorkRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/my-work",
  component: MyWorkPage,
});

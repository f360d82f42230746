import { useEffect, useRef, type MouseEvent } from "react";
import { createRootRouteWithContext, Link, Outlet, useNavigate, useRouterState, type ErrorComponentProps } from "@tanstack/react-router";
import type { QueryClient } from "@tanstack/react-query";
import { Title } from "@mantine/core";
import { ApiRequestError } from "../api/client";
import { ErrorState } from "../components/ErrorState";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { isManager, sessionQuery, useSession, useSignOut } from "../features/session/queries";

export interface RouterContext {
  queryClient: QueryClient;
}

function focusMain(event: MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById("main");
  if (!main) return;
  // Handle it here rather than let the router see a hash change: focus moves, the URL stays clean.
  event.preventDefault();
  main.focus();
  main.scrollIntoView();
}

/**
 * After moving to another page, put focus at the start of the new content, as a full page load
 * would; or on the target of a link to a place in the page ("#freedom-9") when there is one.
 */
function useFocusMainOnNavigation() {
  const location = useRouterState({ select: (state) => state.resolvedLocation });
  const pathname = location?.pathname;
  const hash = location?.hash;
  const previous = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (pathname === undefined) return;
    if (previous.current !== undefined && previous.current !== pathname) {
      const target = hash ? document.getElementById(hash) : null;
      if (target && target.tabIndex === -1) target.focus({ preventScroll: true });
      else document.getElementById("main")?.focus({ preventScroll: true });
    }
    previous.current = pathname;
  }, [pathname, hash]);
}

/** Where to come back to after signing in: this page, unless it is the sign-in page itself. */
function useReturnPath(): string | undefined {
  const href = useRouterState({ select: (state) => state.location.href });
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  return pathname === "/sign-in" || pathname === "/" ? undefined : href;
}

/** Who is signed in, with their account and sign-out; or the way to sign in. */
function AccountNav() {
  const { user, pending } = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const returnPath = useReturnPath();
  if (pending) return null;

  if (!user) {
    return (
      <nav aria-label="Account" className="account-nav">
        <Link to="/sign-in" search={returnPath ? { redirect: returnPath } : {}} className="account-nav__sign-in">
          Sign in
        </Link>
      </nav>
    );
  }

  return (
    <nav aria-label="Account" className="account-nav">
      <p className="account-nav__who">
        Signed in as <strong data-testid="signed-in-name">{user.name}</strong>
      </p>
      <ul>
        <li>
          <Link to="/account">Your account</Link>
        </li>
        <li>
          <button
            type="button"
            className="account-nav__sign-out"
            disabled={signOut.isPending}
            onClick={() =>
              signOut.mutate(undefined, {
                onSuccess: () => void navigate({ to: "/sign-in", search: { signedOut: true } }),
              })
            }
          >
            {signOut.isPending ? "Signing out…" : "Sign out"}
          </button>
        </li>
      </ul>
      {signOut.isError ? (
        <p role="alert" className="account-nav__error">
          Signing out did not work: {signOut.error.message}
        </p>
      ) : null}
    </nav>
  );
}

function RootLayout() {
  useFocusMainOnNavigation();
  const { user } = useSession();
  return (
    <div className="site">
      <a href="#main" className="skip-link" onClick={focusMain}>
        Skip to main content
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <Link to="/" className="site-header__brand">
            Accord
          </Link>
          <nav aria-label="Main" className="site-nav">
            <ul>
              {user ? (
                <li>
                  <Link to="/my-work">My work</Link>
                </li>
              ) : null}
              <li>
                <Link to="/" activeOptions={{ exact: true }}>
                  Agreements
                </Link>
              </li>
              <li>
                <Link to="/indicators">Indicator catalogue</Link>
              </li>
              {isManager(user) ? (
                <li>
                  <Link to="/users">Users</Link>
                </li>
              ) : null}
            </ul>
          </nav>
          <AccountNav />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container site-main">
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>
            Accord keeps England's Local Area Agreements (2005 to 2011): the indicators, baselines and targets a local
            partnership agrees with central government, and who signed up to deliver them.
          </p>
          <p>Demonstration data transcribed from public Kent County Council documents of 2005 and 2008.</p>
        </div>
      </footer>
    </div>
  );
}

export function NotFoundPage() {
  useDocumentTitle("Page not found");
  return (
    <>
      <Title order={1}>Page not found</Title>
      <p>There is no page at this address. If you typed it, check it is correct; if you followed a link, it may be out of date.</p>
      <p>
        <Link to="/">Go to the list of agreements</Link> or <Link to="/indicators">the indicator catalogue</Link>.
      </p>
    </>
  );
}

export function RouteErrorPage({ error }: ErrorComponentProps) {
  const notFound = error instanceof ApiRequestError && error.notFound;
  const heading = notFound ? "Not found" : "Sorry, there is a problem";
  useDocumentTitle(heading);
  return (
    <>
      <Title order={1}>{heading}</Title>
      <ErrorState error={error} what={notFound ? "what you asked for" : "this page"} />
      <p>
        <Link to="/">Go to the list of agreements</Link>
      </p>
    </>
  );
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  // Who is signed in decides what the page offers: know it before the first page is drawn. A
  // failure here is not fatal (the public pages work without it); the header simply offers "Sign in".
  beforeLoad: async ({ context }) => {
    await context.queryClient.ensureQueryData(sessionQuery()).catch(() => undefined);
  },
  component: RootLayout,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteErrorPage,
});

import { useRef, useState, type FormEvent } from "react";
import { createRoute, useNavigate } from "@tanstack/react-router";
import { useQuery } from "@tanstack/react-query";
import { Button, TextInput, Title } from "@mantine/core";
import { rootRoute } from "./root";
import { sessionOptionsQuery, useSession, useSignIn } from "../features/session/queries";
import { demoAccounts } from "../features/session/demo-accounts";
import { ErrorSummary, StatusMessage, problemsFromChecks, problemsFromError, useFields, type Problems } from "../components/FormProblems";
import { useDocumentTitle } from "../components/useDocumentTitle";

export interface SignInSearch {
  /** The page to return to, a path on this site ("/account"). */
  redirect?: string;
  signedOut?: boolean;
  /** Why signing in through the identity provider failed (the server's words). */
  error?: string;
}

/** Only a path on this site: never "//elsewhere.example" or "https://…" (an open redirect). */
function safePath(value: unknown): string | undefined {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : undefined;
}

function validateSignInSearch(search: Record<string, unknown>): SignInSearch {
  const result: SignInSearch = {};
  const redirect = safePath(search.redirect);
  if (redirect && !redirect.startsWith("/sign-in")) result.redirect = redirect;
  if (search.signedOut === true || search.signedOut === "true") result.signedOut = true;
  if (typeof search.error === "string" && search.error.trim() !== "") result.error = search.error.slice(0, 300);
  return result;
}

function DemoHint({ password, onUse }: { password: string; onUse: (email: string) => void }) {
  return (
    <section aria-labelledby="demo-heading" className="section demo-hint">
      <Title order={2} id="demo-heading">
        Demonstration accounts
      </Title>
      <p>
        This is the demonstration installation, with Kent's agreements. There is an account for each kind of user; every one
        has the password <code className="demo-hint__password">{password}</code>.
      </p>
      <ul className="demo-accounts">
        {demoAccounts.map((account) => (
          <li key={account.email}>
            <span className="demo-accounts__email">{account.email}</span>
            <span className="demo-accounts__who">{account.who}</span>
            <Button variant="outline" size="compact-sm" onClick={() => onUse(account.email)} aria-label={`Use this account: ${account.email}`}>
              Use this account
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SignInPage() {
  useDocumentTitle("Sign in");
  const search = signInRoute.useSearch();
  const navigate = useNavigate();
  const { user } = useSession();
  const options = useQuery(sessionOptionsQuery());
  const signIn = useSignIn();
  const fields = useFields({ email: "E-mail address", password: "Password" });
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [problems, setProblems] = useState<Problems | null>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = problemsFromChecks(
      {
        email: email.trim() === "" ? "Enter your e-mail address." : undefined,
        password: password === "" ? "Enter your password." : undefined,
      },
      fields,
    );
    setProblems(found);
    if (found) return;
    signIn.mutate(
      { email: email.trim(), password },
      {
        // Signed in, people start on what awaits them, unless they came here from a page.
        onSuccess: () => void navigate({ href: search.redirect ?? "/my-work" }),
        onError: (error) => {
          setPassword("");
          setProblems(problemsFromError(error, fields));
        },
      },
    );
  }

  function fillDemoAccount(demoEmail: string) {
    setEmail(demoEmail);
    setPassword(options.data?.demoPassword ?? "");
    setProblems(null);
    passwordInput.current?.focus();
  }

  return (
    <>
      <Title order={1}>Sign in</Title>
      <StatusMessage>{search.signedOut && !user ? "You have signed out." : null}</StatusMessage>
      {user ? (
        <p className="notice">
          You are signed in as {user.name} ({user.email}). To use another account, sign out first.
        </p>
      ) : null}
      <p>Officers, partners, the Government Office and members of the partnership sign in to propose, agree and sign up to targets. Anyone may read a published agreement without signing in.</p>
      {search.error && !problems ? <ErrorSummary problems={{ items: [{ message: `Signing in through your organisation did not work: ${search.error}` }], byField: {} }} /> : null}
      <ErrorSummary problems={problems} />
      {options.data?.singleSignOn ? (
        <p>
          {/* A full page load: the identity provider's pages are not part of this app. */}
          <a href={options.data.singleSignOn.start} className="single-sign-on">
            Sign in with {options.data.singleSignOn.label}
          </a>{" "}
          or with your Accord e-mail address and password:
        </p>
      ) : null}
      <form onSubmit={submit} noValidate className="form-stack" aria-label="Sign in">
        <TextInput
          id={fields.email.id}
          label={fields.email.label}
          type="email"
          name="email"
          autoComplete="username"
          spellCheck={false}
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={problems?.byField.email}
          required
        />
        <TextInput
          id={fields.password.id}
          ref={passwordInput}
          label={fields.password.label}
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={problems?.byField.password}
          required
        />
        <div>
          <Button type="submit" loading={signIn.isPending}>
            Sign in
          </Button>
        </div>
      </form>
      {options.data?.demo && options.data.demoPassword ? <DemoHint password={options.data.demoPassword} onUse={fillDemoAccount} /> : null}
    </>
  );
}

export const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sign-in",
  validateSearch: validateSignInSearch,
  loader: ({ context }) => context.queryClient.ensureQueryData(sessionOptionsQuery()).catch(() => undefined),
  component: SignInPage,
});

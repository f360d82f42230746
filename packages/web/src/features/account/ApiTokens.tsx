/**
 * Personal API tokens, for scripts that use the API as this person (Authorization: Bearer …).
 * A token is shown once, when it is made. The API has no list of a person's tokens yet, so the
 * page lists those made during this visit; older ones are revoked with `accord users token revoke`.
 */
import { useRef, useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { Button, TextInput } from "@mantine/core";
import { apiPath, apiSend } from "../../api/client";
import { CreatedTokenView } from "../../api/contracts";
import { ErrorSummary, StatusMessage, problemsFromChecks, problemsFromError, useFields, type Problems } from "../../components/FormProblems";

interface MadeToken {
  id: number;
  name: string;
  /** Shown until the page is left; null once revoked. */
  token: string | null;
}

export function ApiTokens({ manager }: { manager: boolean }) {
  const create = useMutation({ mutationFn: (body: { name: string }) => apiSend("POST", "/api/tokens", body, CreatedTokenView) });
  const revoke = useMutation({ mutationFn: (id: number) => apiSend("DELETE", apiPath("tokens", id), undefined, null) });
  const fields = useFields({ name: "What the token is for" });
  const [name, setName] = useState("");
  const [made, setMade] = useState<MadeToken[]>([]);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    const found = problemsFromChecks({ name: name.trim() === "" ? "Say what the token is for, such as “monthly export script”." : name.length > 100 ? "The name must be at most 100 characters." : undefined }, fields);
    setProblems(found);
    if (found) return;
    create.mutate(
      { name: name.trim() },
      {
        onSuccess: (result) => {
          setMade((previous) => [{ id: result.id, name: name.trim(), token: result.token }, ...previous]);
          setMessage(`The token “${name.trim()}” is made. Copy it now: it is shown only once.`);
          setName("");
        },
        onError: (error) => setProblems(problemsFromError(error, fields)),
      },
    );
  }

  function revokeToken(token: MadeToken) {
    setMessage(null);
    revoke.mutate(token.id, {
      onSuccess: () => {
        setMade((previous) => previous.filter((candidate) => candidate.id !== token.id));
        setMessage(`The token “${token.name}” is revoked: scripts using it are refused from now on.`);
        // Its button has gone with it.
        requestAnimationFrame(() => nameInput.current?.focus());
      },
      onError: (error) => setProblems(problemsFromError(error, fields)),
    });
  }

  return (
    <>
      <p>
        A personal API token lets a script read and change what you may, as you: send it in the header{" "}
        <code>Authorization: Bearer &lt;token&gt;</code>. Keep it as secret as your password. The API is described at{" "}
        <a href="/api/docs">/api/docs</a>.
      </p>
      <StatusMessage>{message}</StatusMessage>
      <ErrorSummary problems={problems} />
      <form onSubmit={submit} noValidate className="inline-form" aria-label="Make an API token">
        <TextInput
          ref={nameInput}
          id={fields.name.id}
          label={fields.name.label}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={problems?.byField.name}
          required
        />
        <Button type="submit" loading={create.isPending}>
          Make token
        </Button>
      </form>
      {made.length > 0 ? (
        <ul className="plain-list token-list" aria-label="Tokens made on this page">
          {made.map((token) => (
            <li key={token.id} className="token">
              <p>
                <strong>{token.name}</strong>
              </p>
              {token.token ? (
                <p>
                  Token (shown once): <code className="secret" data-testid="api-token">{token.token}</code>
                </p>
              ) : null}
              <Button variant="outline" size="compact-sm" loading={revoke.isPending && revoke.variables === token.id} onClick={() => revokeToken(token)}>
                Revoke {token.name}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="small">
        {manager ? (
          <>
            Tokens made earlier are not listed here. To revoke one, run <code>accord users token revoke</code> on the server, or ask the
            partnership office.
          </>
        ) : (
          <>Tokens made earlier are not listed here. To revoke one, ask the partnership office.</>
        )}
      </p>
    </>
  );
}

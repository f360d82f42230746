/** A manager invites someone: an account with a one-time password to pass on, shown once. */
import { useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { Button, NativeSelect, TextInput } from "@mantine/core";
import type { UserView } from "../../api/contracts";
import { ErrorSummary, StatusMessage, problemsFromChecks, problemsFromError, useFields, type Problems } from "../../components/FormProblems";
import { organisationsQuery } from "../reference/queries";
import { useInviteUser } from "./queries";

export interface Invited {
  user: UserView;
  password: string;
}

export function InviteUserForm({ onInvited }: { onInvited?: (invited: Invited) => void }) {
  const invite = useInviteUser();
  const organisations = useQuery(organisationsQuery());
  const fields = useFields({ email: "E-mail address", name: "Full name", organisation: "Organisation (optional)" });
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [organisation, setOrganisation] = useState("");
  const [problems, setProblems] = useState<Problems | null>(null);
  const [invited, setInvited] = useState<Invited | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = problemsFromChecks(
      {
        email: email.trim() === "" ? "Enter their e-mail address." : !/^[^\s@]+@[^\s@]+$/.test(email.trim()) ? "Enter an e-mail address such as name@example.org." : undefined,
        name: name.trim() === "" ? "Enter their full name." : undefined,
      },
      fields,
    );
    setProblems(found);
    if (found) return;
    setInvited(null);
    invite.mutate(
      { email: email.trim(), name: name.trim(), ...(organisation ? { organisation } : {}) },
      {
        onSuccess: (result) => {
          setInvited(result);
          setEmail("");
          setName("");
          setOrganisation("");
          onInvited?.(result);
        },
        onError: (error) => setProblems(problemsFromError(error, fields)),
      },
    );
  }

  const organisationOptions = (organisations.data?.organisations ?? [])
    .map((candidate) => ({ value: candidate.slug, label: candidate.name }))
    .sort((a, b) => a.label.localeCompare(b.label, "en-GB"));

  return (
    <>
      <StatusMessage>
        {invited ? (
          <div className="one-time-secret">
            <p>
              <strong>{invited.user.name}</strong> ({invited.user.email}) is invited. Their one-time password is{" "}
              <code className="secret" data-testid="one-time-password">
                {invited.password}
              </code>
            </p>
            <p>Pass it on to them by a safe route (not in the same e-mail as their address). It is shown only this once; they can change it on their account page.</p>
            <p>They have no role yet: grant them one below.</p>
          </div>
        ) : null}
      </StatusMessage>
      <ErrorSummary problems={problems} />
      <form onSubmit={submit} noValidate className="form-stack" aria-label="Invite a user">
        <TextInput
          id={fields.email.id}
          label={fields.email.label}
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={problems?.byField.email}
          required
        />
        <TextInput
          id={fields.name.id}
          label={fields.name.label}
          autoComplete="off"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={problems?.byField.name}
          required
        />
        <NativeSelect
          id={fields.organisation.id}
          label={fields.organisation.label}
          value={organisation}
          onChange={(event) => setOrganisation(event.currentTarget.value)}
          data={[{ value: "", label: "No organisation" }, ...organisationOptions]}
          error={problems?.byField.organisation}
        />
        <div>
          <Button type="submit" loading={invite.isPending}>
            Invite
          </Button>
        </div>
      </form>
    </>
  );
}

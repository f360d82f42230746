/** A manager invites someone: an account with a one-time password to pass on, shown once. */
import { useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { Button, NativeSelect, TextInput } from "@mantine/core";
import type { InvitationView, UserView } from "../../api/contracts";
import { CopyButton } from "../../components/CopyButton";
import { ErrorSummary, StatusMessage, problemsFromChecks, problemsFromError, useFields, type Problems } from "../../components/FormProblems";
import { organisationsQuery } from "../reference/queries";
import { useInviteUser } from "./queries";

export interface Invited {
  user: UserView;
  password: string;
  invitation: InvitationView;
}

/** How the invitation went: e-mailed, failed (why), or not sent because this server has no SMTP; always its link. */
function InvitationLink({ invited }: { invited: Invited }) {
  const link = invited.invitation.link ?? `${window.location.origin}/sign-in`;
  const { delivery } = invited.invitation;
  return (
    <div className="invitation-link">
      <p>
        {delivery === null
          ? "E-mail is not set up on this server, so no invitation was sent. Pass on this link with their e-mail address:"
          : delivery.status === "failed"
            ? `The invitation e-mail could not be sent (${delivery.failure ?? "no reason given"}). Pass on this link yourself:`
            : `An invitation e-mail with this link went to ${invited.user.email} (without the password):`}{" "}
        <code data-testid="invitation-link">{link}</code>
      </p>
      <CopyButton text={link} label="Copy the link" copiedMessage="The sign-in link is copied." fallback="This browser did not allow copying: select the link and copy it." />
    </div>
  );
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
            <InvitationLink invited={invited} />
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

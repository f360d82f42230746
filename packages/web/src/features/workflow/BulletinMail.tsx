/**
 * The bulletin by e-mail, on the bulletins page: where an issued one went and how each delivery
 * went (managers, with a resend of the failed ones), the distribution list, and — when this
 * server has no SMTP — a plain statement that nothing is sent, with a button to copy the bulletin.
 */
import { useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { Button, TextInput, Title } from "@mantine/core";
import type { DeliveryView } from "../../api/contracts";
import { CopyButton } from "../../components/CopyButton";
import { ErrorState } from "../../components/ErrorState";
import { ErrorSummary, StatusMessage, problemsFromChecks, problemsFromError, useFields, type Problems } from "../../components/FormProblems";
import { Loading } from "../../components/Loading";
import { ScrollRegion } from "../../components/ScrollRegion";
import { longDateTime, plural } from "../../words";
import { bulletinDeliveriesQuery, distributionListQuery, useAddToDistribution, useRemoveFromDistribution, useResendBulletin } from "./queries";

/** Without SMTP: say so, and let the reader copy the bulletin to send it themselves. */
export function NoMailNotice({ text }: { text: string }) {
  return (
    <div className="notice no-mail">
      <p>
        <strong>E-mail is not set up on this server</strong>, so Accord sends no bulletin: issuing one records it here and nothing more. Copy the bulletin
        and send it to the partners yourself.
      </p>
      <CopyButton
        text={text}
        label="Copy the bulletin"
        copiedMessage="The bulletin is copied as plain text: paste it into an e-mail."
        fallback="This browser did not allow copying: select the plain text below and copy it."
      />
    </div>
  );
}

const outcomeWords: Record<DeliveryView["status"], string> = { accepted: "Accepted by the mail server", failed: "Failed", sending: "Sending…" };

export function DeliveryList({ slug, userId, number }: { slug: string; userId: number; number: number }) {
  const deliveries = useQuery(bulletinDeliveriesQuery(slug, userId, number));
  const resend = useResendBulletin(slug);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problems | null>(null);
  const failed = deliveries.data?.deliveries.filter((delivery) => delivery.status === "failed").length ?? 0;

  function resendFailed() {
    setAnnouncement(null);
    setProblems(null);
    resend.mutate(number, {
      onSuccess: (result) => {
        const stillFailed = result.deliveries.filter((delivery) => delivery.status === "failed").length;
        setAnnouncement(`Sent again to ${plural(result.resent, "address", "addresses")}${stillFailed > 0 ? `; ${stillFailed} failed again` : ", all accepted"}.`);
      },
      onError: (error) => setProblems(problemsFromError(error, {})),
    });
  }

  return (
    <section aria-labelledby="deliveries-heading" className="section">
      <Title order={3} id="deliveries-heading">
        Where bulletin {number} was sent
      </Title>
      {deliveries.isPending ? <Loading label="Loading the deliveries…" /> : null}
      {deliveries.isError ? <ErrorState error={deliveries.error} what="the deliveries" /> : null}
      {deliveries.data && deliveries.data.deliveries.length === 0 ? (
        <p>{deliveries.data.mailConfigured ? "This bulletin was issued before e-mail was set up: it was sent to no one." : "E-mail is not set up on this server: this bulletin was sent to no one."}</p>
      ) : null}
      {deliveries.data && deliveries.data.deliveries.length > 0 ? (
        <>
          <p>
            {plural(deliveries.data.deliveries.length, "address", "addresses")}: {deliveries.data.deliveries.length - failed} accepted
            {failed > 0 ? `, ${failed} failed` : ""}.
          </p>
          <StatusMessage>{announcement}</StatusMessage>
          <ErrorSummary problems={problems} />
          {failed > 0 && deliveries.data.mailConfigured ? (
            <div className="form-actions">
              <Button onClick={resendFailed} loading={resend.isPending}>
                Resend to the {plural(failed, "failed address", "failed addresses")}
              </Button>
            </div>
          ) : null}
          <ScrollRegion label={`Deliveries of bulletin ${number}`}>
            <table className="workflow-table deliveries-table" aria-labelledby="deliveries-heading">
              <thead>
                <tr>
                  <th scope="col">Address</th>
                  <th scope="col">Receives it as</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.data.deliveries.map((delivery) => (
                  <tr key={delivery.id} className={delivery.status === "failed" ? "delivery--failed" : undefined}>
                    <th scope="row">{delivery.recipient}</th>
                    <td>{delivery.reason}</td>
                    <td>
                      {outcomeWords[delivery.status]}
                      {delivery.failure ? `: ${delivery.failure}` : ""}
                    </td>
                    <td>{delivery.attempts}</td>
                    <td>{delivery.at ? longDateTime(delivery.at) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      ) : null}
    </section>
  );
}

export function DistributionList({ slug, userId }: { slug: string; userId: number }) {
  const list = useQuery(distributionListQuery(slug, userId));
  const add = useAddToDistribution(slug);
  const remove = useRemoveFromDistribution(slug);
  const fields = useFields({ email: "E-mail address", name: "Name (optional)" });
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [problems, setProblems] = useState<Problems | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAnnouncement(null);
    const found = problemsFromChecks({ email: !/^[^\s@]+@[^\s@]+$/.test(email.trim()) ? "Enter an e-mail address such as name@example.org." : undefined }, fields);
    setProblems(found);
    if (found) return;
    add.mutate(
      { email: email.trim(), ...(name.trim() ? { name: name.trim() } : {}) },
      {
        onSuccess: () => {
          setAnnouncement(`${email.trim()} is on the distribution list.`);
          setEmail("");
          setName("");
        },
        onError: (error) => setProblems(problemsFromError(error, fields)),
      },
    );
  }

  function removeAddress(address: string) {
    setAnnouncement(null);
    setProblems(null);
    remove.mutate(address, {
      onSuccess: () => setAnnouncement(`${address} is off the distribution list.`),
      onError: (error) => setProblems(problemsFromError(error, {})),
    });
  }

  return (
    <section aria-labelledby="distribution-heading" className="section">
      <Title order={2} id="distribution-heading">
        Distribution list
      </Title>
      <p>Everyone with a role in this agreement receives each bulletin. Add here the readers who have no account, such as committee clerks.</p>
      <StatusMessage>{announcement}</StatusMessage>
      <ErrorSummary problems={problems} />
      {list.isPending ? <Loading label="Loading the distribution list…" /> : null}
      {list.isError ? <ErrorState error={list.error} what="the distribution list" /> : null}
      {list.data && list.data.entries.length === 0 ? <p>No one else is on the list.</p> : null}
      {list.data && list.data.entries.length > 0 ? (
        <ul className="distribution-list">
          {list.data.entries.map((entry) => (
            <li key={entry.email}>
              {entry.name ? `${entry.name} <${entry.email}>` : entry.email}{" "}
              <Button variant="subtle" size="compact-sm" onClick={() => removeAddress(entry.email)} aria-label={`Remove ${entry.email}`} disabled={remove.isPending}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <form onSubmit={submit} noValidate className="form-stack" aria-label="Add to the distribution list">
        <TextInput id={fields.email.id} label={fields.email.label} type="email" autoComplete="off" spellCheck={false} value={email} onChange={(event) => setEmail(event.currentTarget.value)} error={problems?.byField.email} required />
        <TextInput id={fields.name.id} label={fields.name.label} autoComplete="off" value={name} onChange={(event) => setName(event.currentTarget.value)} error={problems?.byField.name} />
        <div>
          <Button type="submit" loading={add.isPending}>
            Add to the list
          </Button>
        </div>
      </form>
    </section>
  );
}

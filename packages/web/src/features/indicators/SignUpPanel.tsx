/**
 * A partner representative signs their organisation up to the target (lead, statutory or
 * non-statutory; seed 000 §9) or withdraws it. A statutory partner is told of its duty to have
 * regard to the target.
 */
import { useRef, useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { Button, NativeSelect, Title } from "@mantine/core";
import { SignUpRole, type AgreementIndicatorPageView, type OrganisationView } from "@accord/domain";
import { ErrorSummary, StatusMessage, problemsFromChecks, problemsFromError, useFields, type Problems } from "../../components/FormProblems";
import { organisationsQuery } from "../reference/queries";
import { signUpRoleOneWords } from "../../words";
import { useSignUp, useWithdrawSignUp } from "./writes";

interface Announcement {
  text: string;
  duty: string | null;
}

/** Seed 000 §9: a body named in the 2007 Act signs up as lead or statutory partner; any other as lead or non-statutory. */
function rolesOpenTo(organisation: Pick<OrganisationView, "statutory">): SignUpRole[] {
  return organisation.statutory ? ["lead", "statutory"] : ["lead", "non-statutory"];
}

/** What a sign-up did, and for a statutory partner the duty it now has (seed 000 §9). */
export function SignUpAnnouncement({ announcement }: { announcement: { text: string; duty: string | null } | null }) {
  return (
    <StatusMessage>
      {announcement ? (
        <>
          <p>{announcement.text}</p>
          {announcement.duty ? (
            <p className="statutory-duty">
              <strong>Duty to have regard:</strong> {announcement.duty}
            </p>
          ) : null}
        </>
      ) : null}
    </StatusMessage>
  );
}

export function SignUpPanel({ indicator, signUpFor }: { indicator: AgreementIndicatorPageView; signUpFor: string[] }) {
  const slug = indicator.agreement.slug;
  const organisations = useQuery(organisationsQuery());
  const signUp = useSignUp(slug, indicator.key);
  const withdraw = useWithdrawSignUp(slug, indicator.key);
  const fields = useFields({ organisation: "Organisation", role: "Sign up as" });
  const [chosen, setChosen] = useState(signUpFor[0] ?? "");
  const [role, setRole] = useState<SignUpRole | "">("");
  const [problems, setProblems] = useState<Problems | null>(null);
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // The button just pressed may be gone (a withdrawn sign-up, a role now held): keep the keyboard
  // user in the panel rather than at the top of the page.
  const keepFocus = () => requestAnimationFrame(() => heading.current?.focus());

  const bySlug = new Map((organisations.data?.organisations ?? []).map((organisation) => [organisation.slug, organisation]));
  const nameOf = (organisationSlug: string) => bySlug.get(organisationSlug)?.name ?? organisationSlug;
  const organisation = bySlug.get(chosen);
  const held = indicator.partners.filter((partner) => partner.organisation.slug === chosen).map((partner) => partner.role);
  const open = organisation ? rolesOpenTo(organisation).filter((candidate) => !held.includes(candidate)) : [];
  // No role is chosen for the person: lead partner is a commitment they must pick themselves.
  const shownRole = role !== "" && open.includes(role) ? role : "";
  const withdrawable = indicator.partners.filter((partner) => signUpFor.includes(partner.organisation.slug));
  const single = signUpFor.length === 1;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAnnouncement(null);
    if (shownRole === "") {
      setProblems(problemsFromChecks({ role: `Choose whether ${nameOf(chosen)} signs up as ${open.map((candidate) => signUpRoleOneWords[candidate]).join(" or ")}.` }, fields));
      return;
    }
    signUp.mutate(
      { organisation: chosen, role: shownRole },
      {
        onSuccess: (result) => {
          setProblems(null);
          setAnnouncement({ text: `${nameOf(result.organisation)} is signed up to ${indicator.code} as ${signUpRoleOneWords[result.role]}.`, duty: result.statutoryDuty });
          keepFocus();
        },
        onError: (error) => setProblems(problemsFromError(error, fields)),
      },
    );
  }

  function withdrawSignUp(organisationSlug: string, signUpRole: SignUpRole) {
    setAnnouncement(null);
    withdraw.mutate(
      { organisation: organisationSlug, role: signUpRole },
      {
        onSuccess: () => {
          setProblems(null);
          setAnnouncement({ text: `${nameOf(organisationSlug)} has withdrawn from ${indicator.code} as ${signUpRoleOneWords[signUpRole]}.`, duty: null });
          keepFocus();
        },
        onError: (error) => setProblems(problemsFromError(error, fields)),
      },
    );
  }

  return (
    <div className="sign-up-panel">
      <Title order={3} id="sign-up-heading" ref={heading} tabIndex={-1}>
        {single ? `Sign ${nameOf(chosen)} up` : "Sign an organisation up"}
      </Title>
      <SignUpAnnouncement announcement={announcement} />
      <ErrorSummary problems={problems} />
      {withdrawable.length > 0 ? (
        <ul className="plain-list sign-up-list" aria-label="Sign-ups you may withdraw">
          {withdrawable.map((partner) => (
            <li key={`${partner.organisation.slug}-${partner.role}`}>
              {partner.organisation.name} is signed up as {signUpRoleOneWords[partner.role]}.{" "}
              <Button
                variant="outline"
                size="compact-sm"
                loading={withdraw.isPending && withdraw.variables?.organisation === partner.organisation.slug && withdraw.variables.role === partner.role}
                onClick={() => withdrawSignUp(partner.organisation.slug, partner.role)}
              >
                Withdraw {partner.organisation.name} as {signUpRoleOneWords[partner.role]}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <form onSubmit={submit} noValidate className="inline-form" aria-labelledby="sign-up-heading">
        {single ? null : (
          <NativeSelect
            id={fields.organisation.id}
            label={fields.organisation.label}
            value={chosen}
            onChange={(event) => setChosen(event.currentTarget.value)}
            data={signUpFor.map((organisationSlug) => ({ value: organisationSlug, label: nameOf(organisationSlug) })).sort((a, b) => a.label.localeCompare(b.label, "en-GB"))}
            error={problems?.byField.organisation}
          />
        )}
        {open.length > 0 ? (
          <>
            <NativeSelect
              id={fields.role.id}
              label={single ? `Sign ${nameOf(chosen)} up as` : fields.role.label}
              value={shownRole}
              onChange={(event) => setRole(SignUpRole.safeParse(event.currentTarget.value).data ?? "")}
              data={[
                { value: "", label: "Choose a role" },
                ...open.map((candidate) => ({ value: candidate, label: signUpRoleOneWords[candidate].replace(/^./, (letter) => letter.toUpperCase()) })),
              ]}
              description={shownRole === "statutory" ? `A statutory partner has a duty to have regard to ${indicator.code}.` : undefined}
              error={problems?.byField.role}
            />
            <Button type="submit" loading={signUp.isPending}>
              Sign up
            </Button>
          </>
        ) : organisation ? (
          <p>{organisation.name} is signed up to {indicator.code} in every role open to it.</p>
        ) : null}
      </form>
    </div>
  );
}

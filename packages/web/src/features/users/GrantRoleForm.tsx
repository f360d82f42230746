/**
 * Grant a role. Each role needs its own scope (DESIGN.md "Who uses it"): an officer an indicator
 * of an agreement, a partner an organisation, an LSP coordinator a district; the fields for it
 * appear when the role is chosen. A manager grants within the agreements they manage.
 */
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { Button, NativeSelect } from "@mantine/core";
import { roles, type Role, type UserView } from "../../api/contracts";
import { ErrorSummary, problemsFromChecks, problemsFromError, useFields, type Problems } from "../../components/FormProblems";
import { agreementChoicesQuery, agreementQuery } from "../agreements/queries";
import { areasQuery, organisationsQuery } from "../reference/queries";
import { managedAgreements, useSession } from "../session/queries";
import { roleHelp, roleWords } from "../../words";
import { useGrantRole, type GrantBody } from "./queries";

const everyAgreement = "*";

function useIndicatorOptions(agreementSlug: string | null) {
  const agreement = useQuery({ ...agreementQuery(agreementSlug ?? ""), enabled: agreementSlug !== null });
  const indicators = (agreement.data?.themes ?? []).flatMap((theme) => [...theme.indicators, ...theme.outcomes.flatMap((outcome) => outcome.indicators)]);
  const seen = new Set<string>();
  return indicators
    .filter((indicator) => !seen.has(indicator.key) && seen.add(indicator.key))
    .map((indicator) => ({ value: indicator.key, label: `${indicator.code} ${indicator.title}`.slice(0, 90) }));
}

export function GrantRoleForm({ user, onGranted, onCancel }: { user: UserView; onGranted: (message: string, updated: UserView) => void; onCancel: () => void }) {
  const { user: manager } = useSession();
  const grant = useGrantRole();
  const agreements = useQuery(agreementChoicesQuery());
  const organisations = useQuery(organisationsQuery());
  const areas = useQuery(areasQuery());
  const fields = useFields({ role: "Role", agreement: "Agreement", indicator: "Indicator", organisation: "Organisation", district: "District" });

  const managed = managedAgreements(manager);
  const managesEvery = managed.includes(null);
  const agreementOptions = (agreements.data?.agreements ?? [])
    .filter((agreement) => managesEvery || managed.includes(agreement.slug))
    .map((agreement) => ({ value: agreement.slug, label: agreement.name }));

  const [role, setRole] = useState<Role>("viewer");
  const [agreement, setAgreement] = useState<string>("");
  const [indicator, setIndicator] = useState("");
  const [organisation, setOrganisation] = useState("");
  const [district, setDistrict] = useState("");
  const [problems, setProblems] = useState<Problems | null>(null);
  const roleSelect = useRef<HTMLSelectElement>(null);
  // The button that opened the form has gone: start the keyboard user in its first field.
  useEffect(() => roleSelect.current?.focus(), []);

  // Only a manager of every agreement may grant a role across them all; an officer always needs one.
  const everyAllowed = managesEvery && role !== "officer";
  const shownAgreement = agreement !== "" ? agreement : everyAllowed ? everyAgreement : (agreementOptions[0]?.value ?? "");
  const indicatorOptions = useIndicatorOptions(role === "officer" && shownAgreement !== everyAgreement && shownAgreement !== "" ? shownAgreement : null);
  const organisationOptions = (organisations.data?.organisations ?? []).map((candidate) => ({ value: candidate.slug, label: candidate.name })).sort((a, b) => a.label.localeCompare(b.label, "en-GB"));
  const districtOptions = (areas.data?.areas ?? []).filter((area) => area.kind === "district").map((area) => ({ value: area.code, label: `${area.name} (${area.code})` }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = problemsFromChecks(
      {
        agreement: shownAgreement === "" ? "Choose the agreement." : undefined,
        indicator: role === "officer" && indicator === "" ? "Choose the indicator the officer is accountable for." : undefined,
        organisation: role === "partner" && organisation === "" ? "Choose the organisation they represent." : undefined,
        district: role === "lsp" && district === "" ? "Choose the district they coordinate." : undefined,
      },
      fields,
    );
    setProblems(found);
    if (found) return;
    const body: GrantBody = {
      role,
      ...(shownAgreement !== everyAgreement ? { agreement: shownAgreement } : {}),
      ...(role === "officer" ? { indicator } : {}),
      ...(role === "partner" ? { organisation } : {}),
      ...(role === "lsp" ? { district } : {}),
    };
    grant.mutate(
      { userId: user.id, grant: body },
      {
        onSuccess: (updated) => onGranted(`${user.name} is now ${roleWords[role].toLowerCase()}.`, updated),
        onError: (error) => setProblems(problemsFromError(error, fields)),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate className="form-stack grant-form" aria-label={`Grant a role to ${user.name}`}>
      <ErrorSummary problems={problems} />
      <NativeSelect
        ref={roleSelect}
        id={fields.role.id}
        label={fields.role.label}
        description={roleHelp[role]}
        value={role}
        onChange={(event) => {
          setRole(event.currentTarget.value as Role);
          setProblems(null);
        }}
        data={roles.map((value) => ({ value, label: roleWords[value] }))}
        error={problems?.byField.role}
      />
      <NativeSelect
        id={fields.agreement.id}
        label={fields.agreement.label}
        value={shownAgreement}
        onChange={(event) => {
          setAgreement(event.currentTarget.value);
          setIndicator("");
        }}
        data={[...(everyAllowed ? [{ value: everyAgreement, label: "Every agreement" }] : []), ...agreementOptions]}
        error={problems?.byField.agreement}
        required
      />
      {role === "officer" ? (
        <NativeSelect
          id={fields.indicator.id}
          label={fields.indicator.label}
          value={indicator}
          onChange={(event) => setIndicator(event.currentTarget.value)}
          data={[{ value: "", label: "Choose an indicator" }, ...indicatorOptions]}
          error={problems?.byField.indicator}
          required
        />
      ) : null}
      {role === "partner" ? (
        <NativeSelect
          id={fields.organisation.id}
          label={fields.organisation.label}
          description="The organisation they sign up to targets"
          value={organisation}
          onChange={(event) => setOrganisation(event.currentTarget.value)}
          data={[{ value: "", label: "Choose an organisation" }, ...organisationOptions]}
          error={problems?.byField.organisation}
          required
        />
      ) : null}
      {role === "lsp" ? (
        <NativeSelect
          id={fields.district.id}
          label={fields.district.label}
          description="The district whose local action plan they write"
          value={district}
          onChange={(event) => setDistrict(event.currentTarget.value)}
          data={[{ value: "", label: "Choose a district" }, ...districtOptions]}
          error={problems?.byField.district}
          required
        />
      ) : null}
      <div className="form-actions">
        <Button type="submit" loading={grant.isPending}>
          Grant role
        </Button>
        <Button type="button" variant="subtle" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

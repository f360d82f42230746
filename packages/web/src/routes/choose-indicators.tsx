/**
 * "Change the indicators", for the agreement's managers: add one from the catalogue (or a local
 * one with its title), replace one with another (both kept, with the link and the reason), or
 * remove one after confirming. The limits (35 designated; primary indicators per outcome) are
 * the server's: its message is shown beside the field it names.
 */
import { useRef, useState, type FormEvent, type RefObject } from "react";
import { createRoute, Link } from "@tanstack/react-router";
import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { Button, NativeSelect, Textarea, TextInput, Title } from "@mantine/core";
import { agreementIndicatorKinds, type AgreementDetailView, type AgreementIndicatorKind, type AgreementIndicatorView } from "@accord/domain";
import { rootRoute } from "./root";
import { agreementQuery } from "../features/agreements/queries";
import { catalogueQuery } from "../features/catalogue/queries";
import { usePermissions } from "../features/permissions/queries";
import { useAddIndicator, useRemoveIndicator, useReplaceIndicator } from "../features/choosing/writes";
import { CatalogueCodeLink, IndicatorTitle, OmittedNotice } from "../features/indicators/IndicatorParts";
import { Breadcrumbs } from "../components/Breadcrumbs";
import { ErrorState } from "../components/ErrorState";
import { ErrorSummary, StatusMessage, problemsFromChecks, problemsFromError, useFields, type Problems } from "../components/FormProblems";
import { Loading } from "../components/Loading";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { indicatorKindWords } from "../words";

type Source = "catalogue" | "local";

/** Every indicator of the agreement, theme by theme (and outcome by outcome). */
function indicatorsByTheme(agreement: AgreementDetailView) {
  return agreement.themes.map((theme) => ({
    theme,
    indicators: [...theme.indicators, ...theme.outcomes.flatMap((outcome) => outcome.indicators)].filter(
      (indicator, index, all) => all.findIndex((other) => other.key === indicator.key) === index,
    ),
  }));
}

function AddIndicatorForm({ agreement }: { agreement: AgreementDetailView }) {
  const slug = agreement.slug;
  const add = useAddIndicator(slug);
  const catalogue = useQuery(catalogueQuery());
  const outcomeBased = agreement.structure === "outcomes";
  const inAgreement = new Set(indicatorsByTheme(agreement).flatMap((group) => group.indicators.map((indicator) => indicator.code)));
  const available = (catalogue.data?.indicators ?? []).filter((definition) => !inAgreement.has(definition.code));
  const [source, setSource] = useState<Source>("catalogue");
  const [chosen, setChosen] = useState("");
  const [localCode, setLocalCode] = useState("");
  const [localTitle, setLocalTitle] = useState("");
  const [kind, setKind] = useState<AgreementIndicatorKind>(outcomeBased ? "primary" : "designated");
  const [theme, setTheme] = useState(agreement.themes[0]?.code ?? "");
  const [outcome, setOutcome] = useState("");
  const [problems, setProblems] = useState<Problems | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const fields = useFields({
    source: "Where the indicator comes from",
    catalogue: "Indicator from the catalogue",
    indicator: "Local indicator code",
    localTitle: "Local indicator title",
    kind: "Kind",
    theme: outcomeBased ? "Block" : "Theme",
    outcome: "Outcome",
  });
  const chosenCode = chosen !== "" ? chosen : (available[0]?.code ?? "");
  const outcomes = agreement.themes.find((candidate) => candidate.code === theme)?.outcomes.filter((candidate) => !candidate.deleted) ?? [];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAdded(null);
    const found = problemsFromChecks(
      source === "catalogue"
        ? { catalogue: chosenCode === "" ? "Choose an indicator from the catalogue." : undefined }
        : {
            indicator: localCode.trim() === "" ? "Enter the local indicator's code, such as LI 1." : undefined,
            localTitle: localTitle.trim() === "" ? "Enter the local indicator's title." : undefined,
          },
      fields,
    );
    setProblems(found);
    if (found) return;
    const code = source === "catalogue" ? chosenCode : localCode.trim();
    add.mutate(
      {
        indicator: code,
        kind,
        theme,
        ...(outcomeBased && outcome !== "" ? { outcome: Number(outcome) } : {}),
        ...(source === "local" ? { localTitle: localTitle.trim() } : {}),
      },
      {
        onSuccess: (answer) => {
          setProblems(null);
          setAdded(`${answer.indicator} is added to the agreement as a ${indicatorKindWords[kind].toLowerCase()}.`);
          setChosen("");
          setLocalCode("");
          setLocalTitle("");
        },
        onError: (error) => {
          // The server names "indicator" for both ways of choosing one.
          const indicatorField = source === "catalogue" ? fields.catalogue : fields.indicator;
          setProblems(problemsFromError(error, { ...fields, indicator: indicatorField }));
        },
      },
    );
  }

  const indicatorError = problems?.byField.indicator;

  return (
    <section aria-labelledby="add-indicator-heading" className="section">
      <Title order={2} id="add-indicator-heading">
        Add an indicator
      </Title>
      <StatusMessage>{added}</StatusMessage>
      <form onSubmit={submit} noValidate className="target-form" aria-labelledby="add-indicator-heading">
        <ErrorSummary problems={problems} />
        <NativeSelect
          id={fields.source.id}
          label={fields.source.label}
          value={source}
          onChange={(event) => setSource(event.currentTarget.value === "local" ? "local" : "catalogue")}
          data={[
            { value: "catalogue", label: "The national catalogue" },
            { value: "local", label: "A local indicator (type its code and title)" },
          ]}
        />
        {source === "catalogue" ? (
          catalogue.isError ? (
            <ErrorState error={catalogue.error} what="the catalogue" />
          ) : (
            <NativeSelect
              id={fields.catalogue.id}
              label={fields.catalogue.label}
              value={chosenCode}
              onChange={(event) => setChosen(event.currentTarget.value)}
              data={available.map((definition) => ({ value: definition.code, label: `${definition.code} ${definition.title}` }))}
              error={problems?.byField.catalogue ?? indicatorError}
              disabled={catalogue.isPending}
              required
            />
          )
        ) : (
          <div className="form-row">
            <TextInput
              id={fields.indicator.id}
              label={fields.indicator.label}
              description="Such as LI 1"
              autoComplete="off"
              value={localCode}
              onChange={(event) => setLocalCode(event.currentTarget.value)}
              error={indicatorError}
              required
            />
            <TextInput
              id={fields.localTitle.id}
              label={fields.localTitle.label}
              autoComplete="off"
              value={localTitle}
              onChange={(event) => setLocalTitle(event.currentTarget.value)}
              error={problems?.byField.localTitle}
              required
            />
          </div>
        )}
        <div className="form-row">
          <NativeSelect
            id={fields.kind.id}
            label={fields.kind.label}
            value={kind}
            onChange={(event) => setKind(event.currentTarget.value as AgreementIndicatorKind)}
            data={agreementIndicatorKinds.map((value) => ({ value, label: indicatorKindWords[value] }))}
            error={problems?.byField.kind}
          />
          <NativeSelect
            id={fields.theme.id}
            label={fields.theme.label}
            value={theme}
            onChange={(event) => {
              setTheme(event.currentTarget.value);
              setOutcome("");
            }}
            data={agreement.themes.map((candidate) => ({ value: candidate.code, label: candidate.title }))}
            error={problems?.byField.theme}
          />
          {outcomeBased ? (
            <NativeSelect
              id={fields.outcome.id}
              label={fields.outcome.label}
              description="Primary and secondary indicators belong to an outcome"
              value={outcome}
              onChange={(event) => setOutcome(event.currentTarget.value)}
              data={[{ value: "", label: "No outcome" }, ...outcomes.map((candidate) => ({ value: String(candidate.number), label: `Outcome ${candidate.number}: ${candidate.title}` }))]}
              error={problems?.byField.outcome}
            />
          ) : null}
        </div>
        <div className="form-actions">
          <Button type="submit" loading={add.isPending}>
            Add the indicator
          </Button>
        </div>
      </form>
    </section>
  );
}

type Action = "replace" | "remove" | null;

function IndicatorChoice({ slug, indicator }: { slug: string; indicator: AgreementIndicatorView }) {
  const [action, setAction] = useState<Action>(null);
  const [replacement, setReplacement] = useState("");
  const [reason, setReason] = useState("");
  const [problems, setProblems] = useState<Problems | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const replace = useReplaceIndicator(slug, indicator.key);
  const remove = useRemoveIndicator(slug, indicator.key);
  const replaceButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const confirmHeading = useRef<HTMLParagraphElement>(null);
  const fields = useFields({ replacement: `Replace ${indicator.code} with (indicator code)`, reason: `Why ${indicator.code} is replaced`, key: indicator.code });
  const active = indicator.state === "active";

  function close(toggle: RefObject<HTMLButtonElement | null>) {
    setAction(null);
    setProblems(null);
    requestAnimationFrame(() => toggle.current?.focus());
  }

  function submitReplacement(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    const found = problemsFromChecks(
      {
        replacement: replacement.trim() === "" ? "Enter the code of the indicator that replaces it, such as NI 1." : undefined,
        reason: reason.trim() === "" ? `Say why ${indicator.code} is replaced.` : undefined,
      },
      fields,
    );
    setProblems(found);
    if (found) return;
    replace.mutate(
      { replacement: replacement.trim(), reason: reason.trim() },
      {
        onSuccess: (answer) => {
          setProblems(null);
          setAction(null);
          setDone(`${answer.omitted} is replaced by ${answer.replacedBy}.`);
        },
        onError: (error) => setProblems(problemsFromError(error, fields)),
      },
    );
  }

  function confirmRemoval() {
    remove.mutate(undefined, {
      onSuccess: () => {
        setAction(null);
        setDone(`${indicator.code} is removed from the agreement.`);
      },
      onError: (error) => setProblems(problemsFromError(error, fields)),
    });
  }

  return (
    <li className="choice" data-indicator={indicator.key}>
      <div className="target-editor__row">
        <span>
          {/* The code opens its catalogue entry, the title the indicator's page, as on the agreement page. */}
          <CatalogueCodeLink indicator={indicator} />{" "}
          <Link to="/agreements/$slug/indicators/$key" params={{ slug, key: indicator.key }} className="indicator-link">
            <IndicatorTitle indicator={indicator} />
          </Link>{" "}
          <span className="small muted">({indicatorKindWords[indicator.kind]})</span>
        </span>
        {active ? (
          <span className="form-actions">
            <Button
              ref={replaceButton}
              variant="outline"
              size="compact-md"
              aria-expanded={action === "replace"}
              onClick={() => {
                setDone(null);
                setProblems(null);
                setAction(action === "replace" ? null : "replace");
              }}
            >
              Replace {indicator.code} with…
            </Button>
            <Button
              ref={removeButton}
              variant="outline"
              color="red.9"
              size="compact-md"
              aria-expanded={action === "remove"}
              onClick={() => {
                setDone(null);
                setProblems(null);
                setAction(action === "remove" ? null : "remove");
                requestAnimationFrame(() => confirmHeading.current?.focus());
              }}
            >
              Remove {indicator.code}
            </Button>
          </span>
        ) : null}
      </div>
      <OmittedNotice slug={slug} indicator={indicator} />
      <StatusMessage>{done}</StatusMessage>
      {action === "replace" ? (
        <form onSubmit={submitReplacement} noValidate className="target-form" aria-label={`Replace ${indicator.code}`}>
          <ErrorSummary problems={problems} />
          <TextInput
            id={fields.replacement.id}
            label={fields.replacement.label}
            description="An indicator from the catalogue that is not yet in the agreement"
            autoComplete="off"
            value={replacement}
            onChange={(event) => setReplacement(event.currentTarget.value)}
            error={problems?.byField.replacement}
            required
          />
          <Textarea
            id={fields.reason.id}
            label={fields.reason.label}
            autosize
            minRows={2}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={problems?.byField.reason}
            required
          />
          <div className="form-actions">
            <Button type="submit" loading={replace.isPending}>
              Replace {indicator.code}
            </Button>
            <Button type="button" variant="subtle" onClick={() => close(replaceButton)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
      {action === "remove" ? (
        <div className="target-form confirm-removal" role="group" aria-label={`Confirm removing ${indicator.code}`}>
          <ErrorSummary problems={problems} />
          <p ref={confirmHeading} tabIndex={-1}>
            <strong>
              Remove {indicator.code} from the agreement? Its targets and sign-ups go with it. To keep it on record with its successor, replace it instead.
            </strong>
          </p>
          <div className="form-actions">
            <Button type="button" color="red.9" loading={remove.isPending} onClick={confirmRemoval}>
              Yes, remove {indicator.code}
            </Button>
            <Button type="button" variant="subtle" onClick={() => close(removeButton)}>
              Keep {indicator.code}
            </Button>
          </div>
        </div>
      ) : null}
    </li>
  );
}

function ChooseIndicatorsPage() {
  const { slug } = chooseIndicatorsRoute.useParams();
  const { data: agreement } = useSuspenseQuery(agreementQuery(slug));
  const permissions = usePermissions(slug);
  useDocumentTitle("Change the indicators", agreement.shortName);
  const groups = indicatorsByTheme(agreement);

  return (
    <>
      <Breadcrumbs>
        <Link to="/">Agreements</Link>
        <Link to="/agreements/$slug" params={{ slug }}>
          {agreement.name}
        </Link>
        <span aria-current="page">Change the indicators</span>
      </Breadcrumbs>
      <header className="page-heading">
        <Title order={1}>Change the indicators</Title>
        <p className="lead">
          Add an indicator, replace one with another (both are kept, with the reason) or remove one. An agreement has at most 35 designated improvement indicators
          {agreement.structure === "outcomes" ? "; an outcome has at most five primary indicators, and more than three only with the Government Office's agreement" : ""}.
        </p>
      </header>
      {permissions === null ? (
        <Loading label="Checking what you may change…" />
      ) : !permissions.update ? (
        <p>Only the agreement's managers can change its indicators.</p>
      ) : (
        <>
          <AddIndicatorForm agreement={agreement} />
          <section aria-labelledby="current-indicators-heading" className="section">
            <Title order={2} id="current-indicators-heading">
              The agreement's indicators
            </Title>
            {groups.map(({ theme, indicators }) => (
              <div key={theme.code}>
                <Title order={3} id={`choose-theme-${theme.code}`}>
                  {theme.title}
                </Title>
                {indicators.length > 0 ? (
                  <ul className="plain-list choice-list" aria-labelledby={`choose-theme-${theme.code}`}>
                    {indicators.map((indicator) => (
                      <IndicatorChoice key={indicator.key} slug={slug} indicator={indicator} />
                    ))}
                  </ul>
                ) : (
                  <p className="muted">No indicators.</p>
                )}
              </div>
            ))}
          </section>
        </>
      )}
    </>
  );
}

export const chooseIndicatorsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/agreements/$slug/indicators/choose",
  loader: ({ context, params }) => context.queryClient.ensureQueryData(agreementQuery(params.slug)),
  component: ChooseIndicatorsPage,
});

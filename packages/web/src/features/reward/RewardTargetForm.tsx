/** A manager changes one reward target: its pot, the performance expected without the stretch, the stretch target, pro rata. */
import { useState, type FormEvent } from "react";
import { Button, Checkbox, NativeSelect, TextInput } from "@mantine/core";
import { staleVersion } from "../../api/client";
import { ErrorSummary, StatusMessage, problemsFromError, useFields, type Problems } from "../../components/FormProblems";
import { RewardTargetView } from "./contracts";
import { pounds } from "./words";
import { useSetRewardTarget } from "./writes";

const orNull = (text: string): string | null => (text.trim() === "" ? null : text.trim().replace(/[£,\s]/g, ""));

function TargetFields({ slug, target }: { slug: string; target: RewardTargetView }) {
  const set = useSetRewardTarget(slug);
  const [pot, setPot] = useState(target.pot ?? "");
  const [withoutStretch, setWithoutStretch] = useState(target.withoutStretch ?? "");
  const [stretchTarget, setStretchTarget] = useState(target.stretchTarget ?? "");
  const [proRata, setProRata] = useState(target.proRata);
  const [version, setVersion] = useState(target.version);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [conflict, setConflict] = useState<RewardTargetView | "unknown" | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const fields = useFields({
    pot: "Pot",
    withoutStretch: "Performance expected without the stretch",
    stretchTarget: "Stretch target",
    proRata: "Pay pro rata",
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    set.mutate(
      { key: target.indicator.key, pot: orNull(pot), withoutStretch: orNull(withoutStretch), stretchTarget: orNull(stretchTarget), proRata, version },
      {
        onSuccess: (view) => {
          setConflict(null);
          setProblems(null);
          setVersion(view.version);
          setSaved(`${view.indicator.code}'s reward target is saved.`);
        },
        onError: (error) => {
          const stale = staleVersion(error, RewardTargetView);
          setConflict(stale);
          if (stale !== null) {
            if (stale !== "unknown") setVersion(stale.version);
            setProblems(null);
            return;
          }
          setProblems(problemsFromError(error, fields));
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label={`${target.indicator.code}'s reward target`}>
      {conflict ? (
        <div role="alert" className="error-summary conflict">
          <p className="error-summary__title">Someone else changed this reward target since you opened this page</p>
          {conflict === "unknown" ? (
            <p>Reload the page to see it, then make your change again.</p>
          ) : (
            <p>
              It now reads: pot {pounds(conflict.pot) ?? "not given"}, expected without the stretch {conflict.withoutStretch ?? "not given"}, stretch target{" "}
              {conflict.stretchTarget ?? "not given"}, {conflict.proRata ? "paid pro rata" : "with the threshold"}. Your change is still in the form: review it and
              save again.
            </p>
          )}
        </div>
      ) : null}
      <ErrorSummary problems={problems} />
      <div className="form-row">
        <TextInput id={fields.pot.id} label={fields.pot.label} description="In pounds; leave empty if not known" inputMode="decimal" autoComplete="off" value={pot} onChange={(event) => setPot(event.currentTarget.value)} error={problems?.byField.pot} />
        <TextInput
          id={fields.withoutStretch.id}
          label={fields.withoutStretch.label}
          description="In the indicator's unit; leave empty if not known"
          inputMode="decimal"
          autoComplete="off"
          value={withoutStretch}
          onChange={(event) => setWithoutStretch(event.currentTarget.value)}
          error={problems?.byField.withoutStretch}
        />
        <TextInput
          id={fields.stretchTarget.id}
          label={fields.stretchTarget.label}
          description="In the indicator's unit; leave empty if not known"
          inputMode="decimal"
          autoComplete="off"
          value={stretchTarget}
          onChange={(event) => setStretchTarget(event.currentTarget.value)}
          error={problems?.byField.stretchTarget}
        />
      </div>
      <Checkbox
        id={fields.proRata.id}
        size="md"
        label="Pay pro rata, without the 60% threshold (the freedom sought in seed 003)"
        checked={proRata}
        onChange={(event) => setProRata(event.currentTarget.checked)}
        error={problems?.byField.proRata}
      />
      <Button type="submit" loading={set.isPending}>
        Save the reward target
      </Button>
      <StatusMessage>{saved}</StatusMessage>
    </form>
  );
}

export function RewardTargetForm({ slug, targets }: { slug: string; targets: RewardTargetView[] }) {
  const [chosen, setChosen] = useState(targets[0]?.indicator.key ?? "");
  const target = targets.find((one) => one.indicator.key === chosen);
  const fields = useFields({ target: "Reward target" });
  return (
    <div className="target-form">
      <h3 id="reward-target-form-heading">Change a reward target</h3>
      <NativeSelect
        id={fields.target.id}
        label={fields.target.label}
        value={chosen}
        onChange={(event) => setChosen(event.currentTarget.value)}
        data={targets.map((one) => ({ value: one.indicator.key, label: `${one.indicator.code} ${one.indicator.title}`.slice(0, 120) }))}
      />
      {/* Keyed by the target, so choosing another starts from its own figures. */}
      {target ? <TargetFields key={target.indicator.key} slug={slug} target={target} /> : null}
    </div>
  );
}

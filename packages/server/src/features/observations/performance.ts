/**
 * An indicator's stored values judged against what was agreed: the county's value (or running
 * total, for a cumulative indicator) in each period, against the trajectory on the period's last
 * day, with its status, progress and direction of travel. The rules are the domain's
 * (performance.ts); this reads the baseline, targets and polarity they need from the database.
 */
import { and, eq } from "drizzle-orm";
import {
  assessActual,
  baselineDateFor,
  directionOfTravel,
  plannedTrajectory,
  progressTowardsTarget,
} from "@accord/domain";
import type {
  BaselineState,
  DirectionOfTravel,
  NoAssessmentReason,
  PerformanceStatus,
  PlannedTrajectory,
  Polarity,
  Progress,
  ReportingPeriod,
  Tolerance,
} from "@accord/domain";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import type { Actor } from "../../policy/authorize.js";
import type { IndicatorScope } from "../indicators/scope.js";
import { listObservations } from "./service.js";
import type { PeriodValues } from "./service.js";

export interface PeriodPerformance {
  period: ReportingPeriod;
  /** The county's value; for a cumulative indicator its running total. */
  actual: string | null;
  planned: string | null;
  status: PerformanceStatus;
  shortfall: string | null;
  tolerance: string | null;
  reason: NoAssessmentReason | null;
  progress: Progress | null;
  /** Against the previous period of the same kind (H1 after H2, a year after a year). */
  direction: DirectionOfTravel | null;
}

export interface IndicatorPerformance {
  indicator: string;
  component: string;
  polarity: Polarity;
  trajectory: PlannedTrajectory;
  periods: PeriodPerformance[];
}

async function baselineState(db: Db, scope: IndicatorScope, component: string): Promise<BaselineState> {
  const [baseline] = await db
    .select({ value: t.baselines.value })
    .from(t.baselines)
    .where(and(eq(t.baselines.agreementIndicatorId, scope.agreementIndicatorId), eq(t.baselines.component, component)));
  if (baseline) return { state: "known", value: baseline.value };
  const [pending] = await db
    .select({ reason: t.pendingBaselines.reason })
    .from(t.pendingBaselines)
    .where(eq(t.pendingBaselines.agreementIndicatorId, scope.agreementIndicatorId));
  return pending ? { state: "pending", reason: pending.reason } : { state: "none" };
}

/**
 * Each period's county value (running total, for a cumulative indicator) judged against the
 * trajectory on the period's last day; direction against the previous period of the same kind.
 * Pure: the dashboard judges every indicator's periods read at once.
 */
export function judgePeriods(options: {
  periods: readonly PeriodValues[];
  cumulative: boolean;
  trajectory: PlannedTrajectory;
  polarity: Polarity;
  tolerance?: Tolerance | undefined;
}): PeriodPerformance[] {
  const { trajectory, polarity } = options;
  const previousByKind = new Map<string, string | null>();
  return options.periods.map(({ period, county }): PeriodPerformance => {
    const actual = options.cumulative ? (county.runningTotal ?? null) : county.value;
    const assessment = assessActual({ trajectory, polarity, date: period.end, actual, tolerance: options.tolerance });
    const previous = previousByKind.get(period.kind) ?? null;
    previousByKind.set(period.kind, actual);
    return {
      period,
      actual,
      ...assessment,
      progress: progressTowardsTarget(trajectory, actual),
      direction: directionOfTravel(polarity, previous, actual),
    };
  });
}

/** The county's performance in every period with a value, for one component. */
export async function assessIndicatorPerformance(options: {
  db: Db;
  actor: Actor | null;
  scope: IndicatorScope;
  component?: string;
  tolerance?: Tolerance;
  /** As listObservations: the reader's values by default. */
  visibility?: "reader" | "everything";
}): Promise<IndicatorPerformance> {
  const { db, actor, scope } = options;
  const component = options.component ?? "all";
  // Reading the values checks the reader may see this indicator.
  const listed = await listObservations({ db, actor, scope, component, visibility: options.visibility ?? "reader" });
  const [definition] = await db
    .select({ polarity: t.indicatorDefinitions.polarity })
    .from(t.agreementIndicators)
    .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
    .where(eq(t.agreementIndicators.id, scope.agreementIndicatorId));
  const polarity = definition?.polarity ?? "unknown";
  const targets = await db
    .select({ year: t.targets.financialYear, target: t.targets.target })
    .from(t.targets)
    .where(and(eq(t.targets.agreementIndicatorId, scope.agreementIndicatorId), eq(t.targets.component, component)));
  const trajectory = plannedTrajectory({
    baseline: await baselineState(db, scope, component),
    baselineAsAt: baselineDateFor(scope.firstYear),
    targets,
  });

  const periods = judgePeriods({ periods: listed.periods, cumulative: listed.cumulative, trajectory, polarity, tolerance: options.tolerance });
  return { indicator: scope.code, component, polarity, trajectory, periods };
}

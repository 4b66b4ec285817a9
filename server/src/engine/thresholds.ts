import { Thresholds, type ThresholdsUpdate } from '@retailmind/sdk/contract';

/**
 * Default thresholds of the decision engine. Each is documented in the contract
 * (`sdk/src/contract/engine.ts`) and in the README; `PUT /api/config/thresholds` overrides them.
 */
export const DEFAULT_THRESHOLDS: Thresholds = {
  anomalies: {
    // 3.5 is the customary cut-off for the modified z-score (Iglewicz and Hoaglin).
    zThreshold: 3.5,
    zSupport: 2.5,
    forestThreshold: 0.62,
    // Half or double: smaller day-to-day moves are the noise and budget steps of healthy campaigns.
    minFactor: 2,
    // A lasting move must be larger still (a broken pixel sends a metric to zero).
    shiftMinFactor: 4,
    minClicks: 50,
    minTransactions: 5,
    volumeZ: 2,
    historyDays: 28,
    shiftMinDays: 4,
  },
  recommendations: {
    pauseRoiBelow: 0,
    scaleConversionRatio: 1.2,
    scaleMinRoi: 0.5,
    scaleUtilizationPct: 90,
    scaleLowSharePct: 50,
    scaleStepPct: 20,
    alertSpendRatio: 1.5,
    alertRoasBelow: 1.5,
    monitorRoiMargin: 0.2,
    minClicks: 200,
  },
  health: {
    healthyRoiAbove: 0.2,
    criticalRoiBelow: 0,
    conversionDropPct: 20,
    pacingLowPct: 70,
    pacingHighPct: 115,
    windowDays: 28,
    recentDays: 7,
  },
};

/** Current thresholds with an update laid over them, group by group. */
export function mergeThresholds(current: Thresholds, update: ThresholdsUpdate): Thresholds {
  return {
    anomalies: { ...current.anomalies, ...update.anomalies },
    recommendations: { ...current.recommendations, ...update.recommendations },
    health: { ...current.health, ...update.health },
  };
}

/** Rules that tie two thresholds together; each names the field at fault. */
export function thresholdConflicts(t: Thresholds): Array<{ field: string; message: string }> {
  const conflicts: Array<{ field: string; message: string }> = [];
  if (t.anomalies.zSupport > t.anomalies.zThreshold)
    conflicts.push({ field: 'anomalies.zSupport', message: 'must not exceed anomalies.zThreshold' });
  if (t.anomalies.shiftMinFactor < t.anomalies.minFactor)
    conflicts.push({ field: 'anomalies.shiftMinFactor', message: 'must not be below anomalies.minFactor' });
  if (t.health.pacingLowPct >= t.health.pacingHighPct)
    conflicts.push({ field: 'health.pacingLowPct', message: 'must be below health.pacingHighPct' });
  if (t.health.criticalRoiBelow > t.health.healthyRoiAbove)
    conflicts.push({ field: 'health.criticalRoiBelow', message: 'must not exceed health.healthyRoiAbove' });
  if (t.health.recentDays > t.health.windowDays)
    conflicts.push({ field: 'health.recentDays', message: 'must not exceed health.windowDays' });
  return conflicts;
}

/** Stored thresholds, read leniently: a field that no longer validates falls back to its default. */
export function thresholdsFromStored(stored: unknown): Thresholds {
  const base = DEFAULT_THRESHOLDS;
  if (!stored || typeof stored !== 'object') return base;
  const merged = mergeThresholds(base, stored as ThresholdsUpdate);
  const parsed = Thresholds.safeParse(merged);
  return parsed.success && thresholdConflicts(parsed.data).length === 0 ? parsed.data : base;
}

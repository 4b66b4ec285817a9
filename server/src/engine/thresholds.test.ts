import { Thresholds } from '@retailmind/sdk/contract';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, mergeThresholds, thresholdConflicts, thresholdsFromStored } from './thresholds.js';

describe('thresholds', () => {
  it('has defaults that satisfy the contract and each other', () => {
    expect(Thresholds.parse(DEFAULT_THRESHOLDS)).toEqual(DEFAULT_THRESHOLDS);
    expect(thresholdConflicts(DEFAULT_THRESHOLDS)).toEqual([]);
  });

  it('merges an update group by group, keeping what it leaves out', () => {
    const next = mergeThresholds(DEFAULT_THRESHOLDS, { anomalies: { zThreshold: 5 } });
    expect(next.anomalies).toEqual({ ...DEFAULT_THRESHOLDS.anomalies, zThreshold: 5 });
    expect(next.health).toEqual(DEFAULT_THRESHOLDS.health);
  });

  it('names the field when two thresholds contradict each other', () => {
    const bad = mergeThresholds(DEFAULT_THRESHOLDS, { anomalies: { zSupport: 9 } });
    expect(thresholdConflicts(bad)).toEqual([{ field: 'anomalies.zSupport', message: 'must not exceed anomalies.zThreshold' }]);
  });

  it('falls back to the defaults when what is stored no longer validates', () => {
    expect(thresholdsFromStored({ anomalies: { zThreshold: 'high' } })).toEqual(DEFAULT_THRESHOLDS);
    expect(thresholdsFromStored(null)).toEqual(DEFAULT_THRESHOLDS);
  });
});

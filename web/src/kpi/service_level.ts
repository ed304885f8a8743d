// The wallboard's colour for a service level against its target. Green meets the target; amber
// is within kAmberBand below it (close enough that a supervisor should look, not yet a miss
// worth alarm); red is further below. No data is neither good nor bad.

export type ServiceLevelColour = 'green' | 'amber' | 'red' | 'none';

/** 10 percentage points: a target of 80 % is amber from 70 % up to just under 80 %. */
export const kAmberBand = 0.1;

export function serviceLevelColour(level: number | null, target: number): ServiceLevelColour {
  if (level === null || !Number.isFinite(level)) {
    return 'none';
  }
  // Compare in whole basis points so that 0.7 vs 0.8 - 0.1 is not lost to floating point.
  const levelBp = Math.round(level * 10000);
  const targetBp = Math.round(target * 10000);
  if (levelBp >= targetBp) {
    return 'green';
  }
  if (levelBp >= targetBp - Math.round(kAmberBand * 10000)) {
    return 'amber';
  }
  return 'red';
}

import { describe, expect, it } from 'vitest';
import { serviceLevelColour } from '../../src/kpi/service_level';

describe('service level colour', () => {
  it('is green at or above the target', () => {
    expect(serviceLevelColour(0.8, 0.8)).toBe('green');
    expect(serviceLevelColour(0.95, 0.8)).toBe('green');
    expect(serviceLevelColour(1, 1)).toBe('green');
  });

  it('is amber within ten points below the target, edge included', () => {
    expect(serviceLevelColour(0.7999, 0.8)).toBe('amber');
    expect(serviceLevelColour(0.7, 0.8)).toBe('amber');
  });

  it('is red further below', () => {
    expect(serviceLevelColour(0.6999, 0.8)).toBe('red');
    expect(serviceLevelColour(0, 0.8)).toBe('red');
  });

  it('is none without data, whatever the target', () => {
    expect(serviceLevelColour(null, 0.8)).toBe('none');
    expect(serviceLevelColour(Number.NaN, 0.8)).toBe('none');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { TransferTargets } from '../../src/api/types';
import { setLanguage } from '../../src/i18n/i18n';
import { transferChoices, transferTo } from '../../src/pages/desk_transfer';

// The desk's Transfer list (docs/api.md GET /api/v1/transfer-targets): queues and colleagues
// in one select.

afterEach(() => setLanguage('en'));

const targets: TransferTargets = {
  queues: [{ name: 'sales' }, { name: 'support' }],
  agents: [
    { id: 'a1001', name: 'Sara', free: false },
    { id: 'a1002', name: 'Reza', free: true },
    { id: 'a1003', name: 'Omid', free: true },
  ],
};

describe('transfer choices', () => {
  it('offer every queue and every colleague but the agent themself', () => {
    const choices = transferChoices(targets, 'a1002');
    expect(choices.queues.map((c) => c.value)).toEqual(['queue:sales', 'queue:support']);
    expect(choices.colleagues.map((c) => c.value)).toEqual(['agent:a1001', 'agent:a1003']);
  });

  it('show busy colleagues as busy, not to be chosen', () => {
    const [busy, free] = transferChoices(targets, 'a1002').colleagues;
    expect(busy).toEqual({ value: 'agent:a1001', label: 'Sara (busy)', disabled: true });
    expect(free).toEqual({ value: 'agent:a1003', label: 'Omid', disabled: false });
    setLanguage('fa');
    expect(transferChoices(targets, 'a1002').colleagues[0]!.label).toBe('Sara (مشغول)');
  });

  it('list every colleague for someone who is not an agent (a supervisor on the desk)', () => {
    expect(transferChoices(targets, null).colleagues).toHaveLength(3);
  });
});

describe('a chosen transfer', () => {
  it('is the request body: a queue, or a colleague alone (rung in the call queue)', () => {
    expect(transferTo('queue:support')).toEqual({ queue: 'support' });
    expect(transferTo('agent:a1003')).toEqual({ agent: 'a1003' });
    expect(transferTo('queue:a:b')).toEqual({ queue: 'a:b' });
  });

  it('is nothing for the placeholder or a value of another kind', () => {
    expect(transferTo('')).toBeNull();
    expect(transferTo('queue:')).toBeNull();
    expect(transferTo('sales')).toBeNull();
    expect(transferTo('user:manager')).toBeNull();
  });
});

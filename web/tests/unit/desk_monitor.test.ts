import { afterEach, describe, expect, it } from 'vitest';
import type { CallMonitor } from '../../src/api/types';
import { setLanguage } from '../../src/i18n/i18n';
import { monitorNotices } from '../../src/pages/desk_monitor';
import { call } from './fixtures';

// The desk's banner about supervisors in the agent's call (docs/api.md Call.monitors).

const monitor = (mode: CallMonitor['mode'], user = 'supervisor'): CallMonitor => ({ user, extension: '2001', mode, since_ms: 5_000 });
const connected = (...monitors: CallMonitor[]) => call('c1', { state: 'on-call', agent: 'a1001', monitors });

afterEach(() => setLanguage('en'));

describe('desk monitor banner', () => {
  it('tells the agent a whispering supervisor is coaching them', () => {
    expect(monitorNotices(connected(monitor('whisper')))).toEqual([
      'Supervisor supervisor is coaching you: you hear them, the customer does not.',
    ]);
  });

  it('tells the agent a barging supervisor has joined the call', () => {
    expect(monitorNotices(connected(monitor('barge', 'sara')))).toEqual([
      'Supervisor sara has joined the call: you and the customer both hear them.',
    ]);
  });

  it('says nothing about a supervisor who only listens, nor without a call or supervisor', () => {
    expect(monitorNotices(connected(monitor('listen')))).toEqual([]);
    expect(monitorNotices(connected())).toEqual([]);
    expect(monitorNotices(null)).toEqual([]);
  });

  it('has a line per supervisor the agent hears, in the order the server lists them', () => {
    expect(monitorNotices(connected(monitor('barge', 'sara'), monitor('listen', 'omid'), monitor('whisper', 'reza')))).toEqual([
      'Supervisor sara has joined the call: you and the customer both hear them.',
      'Supervisor reza is coaching you: you hear them, the customer does not.',
    ]);
  });

  it('speaks the page language', () => {
    setLanguage('fa');
    expect(monitorNotices(connected(monitor('whisper')))[0]).toMatch(/^سرپرست supervisor /);
    setLanguage('ar');
    expect(monitorNotices(connected(monitor('barge')))[0]).toMatch(/^انضم المشرف supervisor /);
  });
});

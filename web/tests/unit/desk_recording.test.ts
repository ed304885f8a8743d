import { describe, expect, it } from 'vitest';
import type { CallState } from '../../src/api/types';
import { recordingAction } from '../../src/pages/desk_recording';
import { call } from './fixtures';

// The desk's Pause / Resume recording button and P key (docs/api.md POST
// /api/v1/calls/{id}/recording/pause): what they would do to the agent's current call.

describe('pausing the recording on the desk', () => {
  it('pauses a connected call whose recording runs, and resumes one paused', () => {
    expect(recordingAction(call('c1', { state: 'on-call', agent: 'a1001' }))).toBe('pause');
    expect(recordingAction(call('c1', { state: 'on-call', agent: 'a1001', recording_paused: true }))).toBe('resume');
  });

  it('works on hold too: the card details may be read out after a hold', () => {
    expect(recordingAction(call('c1', { state: 'on-hold', agent: 'a1001' }))).toBe('pause');
    expect(recordingAction(call('c1', { state: 'on-hold', agent: 'a1001', recording_paused: true }))).toBe('resume');
  });

  it('does nothing without a connected call: no call, or one still ringing or waiting', () => {
    expect(recordingAction(null)).toBeNull();
    const notConnected: CallState[] = ['waiting', 'ringing', 'callback-waiting', 'callback-dialing'];
    for (const state of notConnected) {
      expect(recordingAction(call('c1', { state })), state).toBeNull();
      expect(recordingAction(call('c1', { state, recording_paused: true })), state).toBeNull();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { deskKey, type DeskKeyPress } from '../../src/pages/desk_keys';

// The desk's H (hold / resume), T (transfer list), N (number to transfer to) and P (pause /
// resume the recording) keys (desk_call_panel.ts, desk_transfer_number_controls.ts), and the consult's C (list of colleagues), K (complete the transfer), J
// (conference) and X (cancel) (desk_consult_controls.ts).

/** Something with focus: a field (input, textarea, select, contenteditable) or anything else. */
function focused(inField: boolean): EventTarget {
  const selectors: string[] = [];
  const target = {
    selectors,
    closest: (selector: string) => {
      selectors.push(selector);
      return inField ? {} : null;
    },
  };
  return target as unknown as EventTarget;
}

const press = (code: string, overrides: Partial<DeskKeyPress> = {}): DeskKeyPress => ({
  code, ctrlKey: false, metaKey: false, altKey: false, repeat: false, target: focused(false), ...overrides,
});

describe('the desk keys', () => {
  it('are H for hold, T for transfer and P for the recording, by key position whatever the layout', () => {
    // event.code is the key's place: on a Persian or Arabic layout KeyH types ا, KeyT ف, KeyP ح.
    expect(deskKey(press('KeyH'))).toBe('hold');
    expect(deskKey(press('KeyT'))).toBe('transfer');
    expect(deskKey(press('KeyP'))).toBe('recording');
    expect(deskKey(press('KeyQ'))).toBeNull();
    expect(deskKey(press('Space'))).toBeNull();
  });

  it('are N for the number to transfer to (د on a Persian layout, ى on an Arabic one)', () => {
    expect(deskKey(press('KeyN'))).toBe('number');
    // Typed in the number itself, or with Ctrl (Ctrl+N opens a window), N is not the desk's.
    expect(deskKey(press('KeyN', { target: focused(true) }))).toBeNull();
    expect(deskKey(press('KeyN', { ctrlKey: true }))).toBeNull();
    expect(deskKey(press('KeyN', { repeat: true }))).toBeNull();
  });

  it('are C, K, J and X for a consult: the colleagues, complete, conference and cancel', () => {
    // On a Persian layout these type ز, ن, ت and ط.
    expect(deskKey(press('KeyC'))).toBe('consult');
    expect(deskKey(press('KeyK'))).toBe('complete');
    expect(deskKey(press('KeyJ'))).toBe('conference');
    expect(deskKey(press('KeyX'))).toBe('cancel');
  });

  it('are each one thing: no two actions share a key', () => {
    const codes = ['KeyH', 'KeyT', 'KeyN', 'KeyP', 'KeyC', 'KeyK', 'KeyJ', 'KeyX'];
    const actions = codes.map((code) => deskKey(press(code)));
    expect(new Set(actions).size).toBe(codes.length);
    expect(actions).not.toContain(null);
  });

  it('leave Ctrl, Alt and Meta shortcuts to the browser', () => {
    expect(deskKey(press('KeyH', { ctrlKey: true }))).toBeNull();
    expect(deskKey(press('KeyT', { altKey: true }))).toBeNull();
    expect(deskKey(press('KeyT', { metaKey: true }))).toBeNull();
    // Ctrl+P prints the page; it must not stop the recording.
    expect(deskKey(press('KeyP', { ctrlKey: true }))).toBeNull();
    // Ctrl+C copies (the caller's number, say) and Ctrl+X cuts: no consult, no cancel.
    expect(deskKey(press('KeyC', { ctrlKey: true }))).toBeNull();
    expect(deskKey(press('KeyX', { ctrlKey: true }))).toBeNull();
    expect(deskKey(press('KeyK', { metaKey: true }))).toBeNull();
  });

  it('are off while the agent types in a field or picks in a list', () => {
    const field = focused(true);
    expect(deskKey(press('KeyH', { target: field }))).toBeNull();
    expect(deskKey(press('KeyT', { target: field }))).toBeNull();
    expect(deskKey(press('KeyP', { target: field }))).toBeNull();
    // A K typed in a note must not hand the caller over.
    expect(deskKey(press('KeyK', { target: field }))).toBeNull();
    expect(deskKey(press('KeyX', { target: field }))).toBeNull();
    expect((field as unknown as { selectors: string[] }).selectors[0]).toBe('input, textarea, select, [contenteditable]');
  });

  it('do not repeat while a key is held down: one press, one hold or resume', () => {
    expect(deskKey(press('KeyH', { repeat: true }))).toBeNull();
    expect(deskKey(press('KeyT', { repeat: true }))).toBeNull();
    expect(deskKey(press('KeyP', { repeat: true }))).toBeNull();
    expect(deskKey(press('KeyJ', { repeat: true }))).toBeNull();
  });

  it('work for a key sent to the page with nothing focused', () => {
    expect(deskKey(press('KeyH', { target: null }))).toBe('hold');
    expect(deskKey(press('KeyT', { target: {} as EventTarget }))).toBe('transfer');
  });
});

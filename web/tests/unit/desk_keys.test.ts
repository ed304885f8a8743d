import { describe, expect, it } from 'vitest';
import { deskKey, type DeskKeyPress } from '../../src/pages/desk_keys';

// The desk's H (hold / resume), T (transfer list) and P (pause / resume the recording) keys
// (desk_call_panel.ts).

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
    expect(deskKey(press('KeyK'))).toBeNull();
    expect(deskKey(press('Space'))).toBeNull();
  });

  it('leave Ctrl, Alt and Meta shortcuts to the browser', () => {
    expect(deskKey(press('KeyH', { ctrlKey: true }))).toBeNull();
    expect(deskKey(press('KeyT', { altKey: true }))).toBeNull();
    expect(deskKey(press('KeyT', { metaKey: true }))).toBeNull();
    // Ctrl+P prints the page; it must not stop the recording.
    expect(deskKey(press('KeyP', { ctrlKey: true }))).toBeNull();
  });

  it('are off while the agent types in a field or picks in a list', () => {
    const field = focused(true);
    expect(deskKey(press('KeyH', { target: field }))).toBeNull();
    expect(deskKey(press('KeyT', { target: field }))).toBeNull();
    expect(deskKey(press('KeyP', { target: field }))).toBeNull();
    expect((field as unknown as { selectors: string[] }).selectors[0]).toBe('input, textarea, select, [contenteditable]');
  });

  it('do not repeat while a key is held down: one press, one hold or resume', () => {
    expect(deskKey(press('KeyH', { repeat: true }))).toBeNull();
    expect(deskKey(press('KeyT', { repeat: true }))).toBeNull();
    expect(deskKey(press('KeyP', { repeat: true }))).toBeNull();
  });

  it('work for a key sent to the page with nothing focused', () => {
    expect(deskKey(press('KeyH', { target: null }))).toBe('hold');
    expect(deskKey(press('KeyT', { target: {} as EventTarget }))).toBe('transfer');
  });
});

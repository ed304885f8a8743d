// The agent desk's keyboard shortcuts: H holds or resumes the call, T goes to the Transfer list,
// P pauses or resumes the call's recording (while the customer gives card details).

/** The fields of a key press the desk reads (a KeyboardEvent has them all). */
export type DeskKeyPress = Pick<KeyboardEvent, 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'repeat' | 'target'>;

/** What a key press does on the desk; null for keys it leaves alone. Keys by position
 *  (KeyboardEvent.code, as the Recordings page's J, K and L), so H, T and P work on a Persian
 *  or Arabic keyboard layout too, where they type ا, ف and ح. Left to the page: typing in a
 *  field or a list (a letter there picks an option, and a P typed in a note must not stop the
 *  recording), a shortcut with Ctrl, Alt or Meta, and the repeats of a key held down (which
 *  would hold and resume the call, or pause and resume its recording, over and over). */
export function deskKey(event: DeskKeyPress): 'hold' | 'transfer' | 'recording' | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) {
    return null;
  }
  // A key sent to the document itself has no closest().
  const target = event.target as Partial<Pick<Element, 'closest'>> | null;
  if (target?.closest?.('input, textarea, select, [contenteditable]')) {
    return null;
  }
  switch (event.code) {
    case 'KeyH':
      return 'hold';
    case 'KeyT':
      return 'transfer';
    case 'KeyP':
      return 'recording';
    default:
      return null;
  }
}

// The agent desk's keyboard shortcuts: H holds or resumes the call, T goes to the Transfer list.

/** The fields of a key press the desk reads (a KeyboardEvent has them all). */
export type DeskKeyPress = Pick<KeyboardEvent, 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'repeat' | 'target'>;

/** What a key press does on the desk; null for keys it leaves alone. Keys by position
 *  (KeyboardEvent.code, as the Recordings page's J, K and L), so H and T work on a Persian or
 *  Arabic keyboard layout too, where they type ا and ف. Left to the page: typing in a field or
 *  a list (a letter there picks an option), a shortcut with Ctrl, Alt or Meta, and the repeats
 *  of a key held down (which would hold and resume the call over and over). */
export function deskKey(event: DeskKeyPress): 'hold' | 'transfer' | null {
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
    default:
      return null;
  }
}

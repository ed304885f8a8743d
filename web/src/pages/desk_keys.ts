// The agent desk's keyboard shortcuts: H holds or resumes the call, T goes to the Transfer list,
// N to the number to transfer to (a phone or an outside number), P pauses or resumes the
// call's recording (while the customer gives card details). For a
// consult (attended transfer, conference): C goes to the list of colleagues to consult, K
// completes the transfer (leaves a conference), J joins the colleague to the call (three-way)
// and X cancels (the colleague is let go, the caller back with the agent).

/** What a desk key does. */
export type DeskAction = 'hold' | 'transfer' | 'number' | 'recording' | 'consult' | 'complete' | 'conference' | 'cancel';

/** The fields of a key press the desk reads (a KeyboardEvent has them all). */
export type DeskKeyPress = Pick<KeyboardEvent, 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'repeat' | 'target'>;

/** What a key press does on the desk; null for keys it leaves alone. Keys by position
 *  (KeyboardEvent.code, as the Recordings page's J, K and L), so the letters work on a Persian
 *  or Arabic keyboard layout too, where H, T, N, P, C, K, J and X type ا, ف, د, ح, ز, ن, ت and ط
 *  (Persian). Left to the page: typing in a field or a list (a letter there picks an option,
 *  and a P typed in a note must not stop the recording), a shortcut with Ctrl, Alt or Meta
 *  (Ctrl+C copies, Ctrl+P prints), and the repeats of a key held down (which would hold and
 *  resume the call, or pause and resume its recording, over and over). */
export function deskKey(event: DeskKeyPress): DeskAction | null {
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
    case 'KeyN':
      return 'number';
    case 'KeyP':
      return 'recording';
    case 'KeyC':
      return 'consult';
    case 'KeyK':
      return 'complete';
    case 'KeyJ':
      return 'conference';
    case 'KeyX':
      return 'cancel';
    default:
      return null;
  }
}

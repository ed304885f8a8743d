import type { Api } from '../api/endpoints';
import type { CallRecord, Role } from '../api/types';
import { t } from '../i18n/i18n';
import { h, setData, setText } from '../ui/dom';

// A manager's legal hold on the chosen call (docs/api.md PUT / DELETE
// /api/v1/call-records/{id}/legal-hold): while it holds, the daily clean-up of the retention
// leaves the call's recording alone.

/** Who may put a call on legal hold or lift it: managers (the server refuses anyone else). */
export function canSetLegalHold(role: Role): boolean {
  return role === 'manager';
}

/** Whether the control is shown for `record`: a recorded call (the hold keeps its recording),
 *  or one already held, so the hold can be lifted. */
export function offersLegalHold(record: Pick<CallRecord, 'recorded' | 'legal_hold'>): boolean {
  return record.recorded || record.legal_hold;
}

export interface LegalHoldView {
  /** Where the call stands. */
  state: string;
  /** What that means for its recording. */
  explanation: string;
  /** The button's text. */
  action: string;
  /** What the button asks the server for. */
  request: 'set' | 'lift';
}

/** The control's texts for a call on hold or not, in the page language. */
export function legalHoldView(held: boolean): LegalHoldView {
  return held
    ? { state: t('recordings.legal_hold_on'), explanation: t('recordings.legal_hold_on_why'), action: t('recordings.legal_hold_lift'), request: 'lift' }
    : { state: t('recordings.legal_hold_off'), explanation: t('recordings.legal_hold_off_why'), action: t('recordings.legal_hold_set'), request: 'set' };
}

export interface LegalHoldHandlers {
  /** The server's answer: the call as it is now. */
  onChanged(record: CallRecord): void;
  onError(error: unknown): void;
}

/** The manager's toggle: where the call stands, what that means, and the button that puts it
 *  on legal hold or lifts it. The state changes when the server has answered. */
export function legalHoldControl(api: Pick<Api, 'setLegalHold' | 'liftLegalHold'>, handlers: LegalHoldHandlers) {
  const state = h('p', { class: 'legal-hold-state', 'data-testid': 'legal-hold-state', 'aria-live': 'polite' });
  const explanation = h('p', { class: 'hint' });
  const button = h('button', { type: 'button', 'data-action': 'legal-hold' });
  const element = h('div', { class: 'legal-hold', 'data-testid': 'legal-hold' }, h('h3', {}, t('recordings.legal_hold')), state, explanation, button);
  let shown: CallRecord | null = null;
  let pending = false;

  button.addEventListener('click', () => {
    if (!shown || pending) {
      return;
    }
    const { id } = shown;
    const request = legalHoldView(shown.legal_hold).request;
    pending = true;
    button.disabled = true;
    element.setAttribute('aria-busy', 'true');
    (request === 'lift' ? api.liftLegalHold(id) : api.setLegalHold(id))
      .then(({ record }) => handlers.onChanged(record))
      .catch((error: unknown) => handlers.onError(error))
      .finally(() => {
        pending = false;
        button.disabled = false;
        element.removeAttribute('aria-busy');
      });
  });

  return {
    element,
    /** Shows where `record` stands. */
    show(record: CallRecord) {
      shown = record;
      const view = legalHoldView(record.legal_hold);
      setData(element, 'held', String(record.legal_hold));
      setText(state, view.state);
      setText(explanation, view.explanation);
      setText(button, view.action);
    },
  };
}

export type LegalHoldControl = ReturnType<typeof legalHoldControl>;

import type { AppContext } from '../app_context';
import { ApiError } from '../api/api_error';
import type { Call } from '../api/types';
import { t } from '../i18n/i18n';
import { h, setText } from '../ui/dom';
import { errorText } from '../ui/labels';
import type { DeskAction } from './desk_keys';
import { consultStage } from './desk_consult';
import { canTransfer } from './desk_transfer';
import { transferNumber, transferNumberProblemText, transferredToNumberText, transferToNumber } from './desk_transfer_number';

/** The desk's transfer to a number under the Transfer list: a field the agent types a phone or
 *  an outside number in (left to right, in the digits they type, sent in Latin ones) and
 *  Transfer to number; Enter sends too, and the N key goes to the field. A number that cannot
 *  be one is said beside the field and not sent; the server's refusal (a number beyond the
 *  agent's class of service, one no trunk dials) is shown as the other controls show theirs,
 *  and the caller stays with the agent. Consult number rings that number instead while the
 *  caller holds (an attended transfer, as Consult does a colleague), checked and refused
 *  alike. Off, as the rest of Transfer, without a connected call and during a consult. */
export function deskTransferNumber(context: AppContext) {
  const self = context.user.agent;
  let current: Call | null = null;
  /** A request on its way: a second Enter before the live call has changed would be refused. */
  let sending = false;

  const problemId = 'transfer-number-problem';
  const field = h('input', {
    type: 'text',
    inputmode: 'tel',
    dir: 'ltr',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: t('desk.number_placeholder'),
    'aria-label': t('desk.transfer_number_label'),
    'aria-keyshortcuts': 'N',
    'aria-describedby': problemId,
    'data-testid': 'transfer-number',
  }) as HTMLInputElement;
  const button = h('button', { type: 'submit', 'data-action': 'transfer-number' }, t('desk.transfer_number'));
  const consultButton = h('button', { type: 'button', 'data-action': 'consult-number', onclick: () => send('consult') }, t('desk.consult_number'));
  const problem = h('span', { class: 'form-error field-error', role: 'alert', id: problemId, 'data-testid': 'transfer-number-problem' });
  const element = h(
    'form',
    { class: 'transfer-number', 'data-testid': 'transfer-number-form', 'aria-label': t('desk.transfer_number_label'), novalidate: true },
    field,
    button,
    consultButton,
    problem,
  );

  /** Says what is wrong with the number beside it (nothing: clears it). */
  const refuse = (text: string) => {
    setText(problem, text);
    if (text) {
      field.setAttribute('aria-invalid', 'true');
    } else {
      field.removeAttribute('aria-invalid');
    }
  };
  field.addEventListener('input', () => refuse(''));

  /** Transfers the caller to the number typed, or (`consult`) rings it while the caller holds. */
  const send = (how: 'transfer' | 'consult' = 'transfer') => {
    const call = current;
    if (!canTransfer(call) || sending || (how === 'consult' && consultStage(call, self) !== 'none')) {
      return;
    }
    const checked = transferNumber(field.value);
    if ('problem' in checked) {
      refuse(transferNumberProblemText(checked.problem));
      field.focus();
      return;
    }
    refuse('');
    sending = true;
    const request =
      how === 'consult'
        ? context.api.consultNumber(call!.id, checked.number).then(() => {
            field.value = ''; // the consult's own controls say whom the agent consults
          })
        : context.api.transferCall(call!.id, transferToNumber(checked.number)).then(() => {
            field.value = '';
            context.notice.show(transferredToNumberText(checked.number), 'info');
          });
    request
      .catch((error: unknown) => {
        // The server's reason, as the other controls show theirs; the field marked when it is
        // about the number (one the agent's own phone may not call).
        context.notice.show(errorText(error));
        if (error instanceof ApiError && error.field === 'number') {
          field.setAttribute('aria-invalid', 'true');
        }
      })
      .finally(() => {
        sending = false;
      });
  };
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    send();
  });

  const update = (call: Call | null) => {
    if (call?.id !== current?.id) {
      // A number typed for another call is not this one's.
      field.value = '';
      refuse('');
    }
    current = call;
    field.disabled = !canTransfer(call);
    button.disabled = field.disabled;
    consultButton.disabled = field.disabled || consultStage(call, self) !== 'none';
  };

  /** A desk key: true when it was this control's (N, while a transfer may be made). */
  const handleKey = (action: DeskAction | null): boolean => {
    if (action === 'number' && !field.disabled) {
      field.focus(); // type the number, then Enter or Transfer to number
      return true;
    }
    return false;
  };
  return { element, update, handleKey };
}

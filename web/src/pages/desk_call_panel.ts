import type { AppContext } from '../app_context';
import type { Call, TransferTargets } from '../api/types';
import { formatDuration, localizeDigits } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { elapsedSince, type LiveState } from '../live/live_state';
import { h, setData, setText } from '../ui/dom';
import { callStateLabel, errorText } from '../ui/labels';
import { deskConsult } from './desk_consult_controls';
import { deskMonitorBanner } from './desk_monitor';
import { deskKey } from './desk_keys';
import { deskRecordingPause } from './desk_recording';
import { canTransfer, transferChoices, transferTo, type TransferChoice } from './desk_transfer';
import { deskTransferNumber } from './desk_transfer_number_controls';

/** The call the agent is offered or talking on: the caller's number, the queue, and what the
 *  caller typed in the IVR (where a CRM screen-pop will go); Hold / Resume (the H key), a
 *  blind Transfer to a queue or to a free colleague (the T key opens the list) or to a number
 *  typed (desk_transfer_number_controls.ts: the N key) and Pause / Resume recording for card
 *  details (the P key); a consult of a colleague for an attended transfer or a conference
 *  (desk_consult_controls.ts: C, K, J, X), during which Hold and Transfer wait (the server
 *  refuses them); a banner while a supervisor coaches the agent or has joined the call, and one
 *  while the recording is paused. */
export function deskCallPanel(context: AppContext) {
  const none = h('p', { class: 'empty' }, t('desk.no_call'));
  const caller = h('bdi', { class: 'caller', 'data-testid': 'caller-number', dir: 'ltr' });
  const queue = h('span', { class: 'queue-name' });
  const state = h('span', { class: 'call-state' });
  const clock = h('span', { class: 'call-clock', 'data-testid': 'call-clock' });
  const ivr = h('dl', { class: 'ivr', 'data-testid': 'ivr-digits' });
  const monitorBanner = deskMonitorBanner();
  const recording = deskRecordingPause(context);
  let current: Call | null = null;
  const toggleHold = () => {
    if (!current || (current.state !== 'on-call' && current.state !== 'on-hold')) {
      return;
    }
    const id = current.id;
    const request = current.state === 'on-hold' ? context.api.resumeCall(id) : context.api.holdCall(id);
    request.catch((error: unknown) => context.notice.show(errorText(error)));
  };
  const hold = h('button', { type: 'button', 'data-action': 'hold', 'aria-keyshortcuts': 'H', onclick: toggleHold });
  const target = h('select', { 'data-testid': 'transfer-target', 'aria-label': t('desk.transfer_to'), 'aria-keyshortcuts': 'T' }) as HTMLSelectElement;
  let targetsFor = '';
  const showTargets = (targets: TransferTargets) => {
    consult.showTargets(targets);
    // Rebuilt only when something changed, so a list the agent has open stays open.
    const key = JSON.stringify(targets);
    if (key === targetsFor) {
      return;
    }
    targetsFor = key;
    const chosen = target.value;
    const { queues, colleagues } = transferChoices(targets, context.user.agent);
    const option = (choice: TransferChoice) =>
      h('option', { value: choice.value, disabled: choice.disabled, selected: choice.value === chosen && !choice.disabled }, choice.label);
    target.replaceChildren(
      h('option', { value: '' }, t('desk.transfer_to')),
      h('optgroup', { label: t('desk.transfer_queues'), 'data-group': 'queues' }, ...queues.map(option)),
      ...(colleagues.length ? [h('optgroup', { label: t('desk.transfer_colleagues'), 'data-group': 'colleagues' }, ...colleagues.map(option))] : []),
    );
  };
  /** Who is free changes all the time and an agent's live feed shows only themselves: the list
   *  is asked for again when a call comes and when the agent goes to the list. */
  const loadTargets = () =>
    context.api
      .transferTargets()
      .then(showTargets)
      .catch((error: unknown) => context.notice.show(errorText(error)));
  const consult = deskConsult(context, () => void loadTargets());
  target.addEventListener('focus', () => void loadTargets());
  const transfer = () => {
    const to = transferTo(target.value);
    if (!current || (current.state !== 'on-call' && current.state !== 'on-hold') || to === null) {
      return;
    }
    const label = target.selectedOptions[0]?.textContent ?? '';
    context.api
      .transferCall(current.id, to)
      .then(() => context.notice.show(to.agent ? t('desk.transferred_to_agent', { agent: label }) : t('desk.transferred', { queue: label }), 'info'))
      .catch((error: unknown) => {
        context.notice.show(errorText(error));
        // Refused, most likely because the colleague has just become busy: show who is free now.
        void loadTargets();
      });
  };
  const transferButton = h('button', { type: 'button', 'data-action': 'transfer', onclick: transfer }, t('desk.transfer'));
  const toNumber = deskTransferNumber(context);
  void loadTargets();
  const onKey = (event: KeyboardEvent) => {
    const action = deskKey(event);
    if (action === 'hold' && !hold.disabled) {
      event.preventDefault();
      toggleHold();
    } else if (action === 'transfer' && !target.disabled) {
      event.preventDefault();
      target.focus();  // pick a queue or a colleague, then Transfer
    } else if (action === 'recording' && !recording.button.disabled) {
      event.preventDefault();
      recording.toggle();
    } else if (toNumber.handleKey(action) || consult.handleKey(action)) {
      event.preventDefault();
    }
  };
  document.addEventListener('keydown', onKey);
  /** Called when the page goes: the desk's keys are its own only while it is shown. */
  const unmount = () => document.removeEventListener('keydown', onKey);
  const details = h(
    'div',
    { class: 'call-details' },
    recording.banner,
    monitorBanner.element,
    h('div', { class: 'caller-line' }, h('span', { class: 'label' }, t('call.caller')), caller),
    h('div', {}, h('span', { class: 'label' }, t('call.queue')), queue),
    h('div', {}, state, clock),
    h('div', { class: 'call-actions' }, hold, target, transferButton, recording.button),
    toNumber.element,
    consult.element,
    h('h3', {}, t('desk.ivr_digits')),
    ivr,
  );
  const element = h('section', { class: 'panel desk-call', 'data-testid': 'current-call' }, h('h2', {}, t('desk.current_call')), none, details);
  let ivrFor = '';

  const update = (call: Call | null, live: LiveState, now: number) => {
    none.hidden = call !== null;
    details.hidden = call === null;
    setData(element, 'call', call?.id ?? '');
    if (call && call.id !== current?.id) {
      void loadTargets();
    }
    current = call;
    monitorBanner.update(call);
    recording.update(call);
    consult.update(call);
    toNumber.update(call);
    if (!call) {
      return;
    }
    const held = call.state === 'on-hold';
    setData(hold, 'held', held ? 'true' : 'false');
    setText(hold, held ? t('desk.resume') : t('desk.hold'));
    // While a colleague is consulted the caller is the consult's to hold and hand over.
    hold.disabled = !canTransfer(call);
    target.disabled = hold.disabled;
    transferButton.disabled = target.disabled;
    const language = currentLanguage();
    setText(caller, localizeDigits(call.caller, language));
    setText(queue, call.queue);
    setData(state, 'state', call.state);
    setText(state, callStateLabel(call.state));
    // Connected: time since the answer; otherwise how long the caller has waited.
    const from = call.answered_at_ms ?? call.joined_at_ms;
    setText(clock, formatDuration(elapsedSince(from, live, now), language));
    const key = JSON.stringify(call.ivr) + language;
    if (key !== ivrFor) {
      ivrFor = key;
      const entries = Object.entries(call.ivr?.variables ?? {});
      ivr.replaceChildren(
        ...(entries.length === 0
          ? [h('dd', { class: 'empty' }, t('desk.no_ivr_digits'))]
          : entries.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, h('bdi', { dir: 'ltr' }, localizeDigits(value, language)))])),
      );
    }
  };
  return { element, update, unmount };
}

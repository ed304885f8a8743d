import type { AppContext } from '../app_context';
import type { Call, TransferTargets } from '../api/types';
import { t } from '../i18n/i18n';
import { h, setData, setText } from '../ui/dom';
import { errorText } from '../ui/labels';
import type { DeskAction } from './desk_keys';
import { consultChoices, consultStage, consultStatus, consultStepLabel, consultSteps, sendConsultStep, type ConsultStep } from './desk_consult';
import { dialledNumber } from './desk_transfer_number';

/** The desk's consult controls under Hold and Transfer: with no consult, a list of colleagues
 *  (busy ones shown, not to be chosen) and Consult; during one, where it stands ("Calling…",
 *  "Consulting… — caller on hold", "Conference with…") and its steps: Complete transfer (or
 *  Leave, in a conference), Conference, and Cancel (Drop the colleague, in a conference). The
 *  keys: C goes to the list, K, J and X are the steps. A refusal (409: the colleague has just
 *  become busy, or has not answered yet) is shown with the server's reason.
 *  `loadTargets` asks the server who is free now (it feeds showTargets). A consult of a number
 *  is started from the transfer-to-number field (desk_transfer_number_controls.ts); from there
 *  on these controls follow it as any, naming the number. */
export function deskConsult(context: AppContext, loadTargets: () => void) {
  const self = context.user.agent;
  const names = new Map<string, string>();
  const nameOf = (agent: string) => names.get(agent) ?? agent;
  let current: Call | null = null;
  /** A request on its way: a second press before the live call has changed would be refused. */
  let sending = false;

  const colleague = h('select', { 'data-testid': 'consult-target', 'aria-label': t('desk.consult_with'), 'aria-keyshortcuts': 'C' }) as HTMLSelectElement;
  colleague.addEventListener('focus', () => loadTargets());
  let targetsFor = '';
  const showTargets = (targets: TransferTargets) => {
    for (const agent of targets.agents) {
      names.set(agent.id, agent.name);
    }
    // Rebuilt only when something changed, so a list the agent has open stays open.
    const key = JSON.stringify(targets.agents);
    if (key === targetsFor) {
      return;
    }
    targetsFor = key;
    const chosen = colleague.value;
    colleague.replaceChildren(
      h('option', { value: '' }, t('desk.consult_with')),
      ...consultChoices(targets, self).map((choice) =>
        h('option', { value: choice.value, disabled: choice.disabled, selected: choice.value === chosen && !choice.disabled }, choice.label),
      ),
    );
    update(current);
  };

  const send = (request: () => Promise<unknown>, onRefused?: () => void) => {
    if (sending) {
      return;
    }
    sending = true;
    request()
      .catch((error: unknown) => {
        context.notice.show(errorText(error));
        onRefused?.();
      })
      .finally(() => {
        sending = false;
      });
  };
  const consult = () => {
    const agent = colleague.value;
    if (!current || consultStage(current, self) !== 'none' || agent === '') {
      return;
    }
    const id = current.id;
    // Refused, most likely because the colleague has just become busy: show who is free now.
    send(() => context.api.consultColleague(id, agent), loadTargets);
  };
  const consultButton = h('button', { type: 'button', 'data-action': 'consult', onclick: consult }, t('desk.consult'));
  const form = h('span', { class: 'consult-form' }, colleague, consultButton);

  const step = (which: ConsultStep) => {
    const call = current;
    if (!call?.consult || !consultSteps(consultStage(call, self)).includes(which)) {
      return;
    }
    const name = call.consult.agent ? nameOf(call.consult.agent) : dialledNumber(call.consult.number ?? '');
    send(() =>
      sendConsultStep(context.api, call.id, which).then(() => {
        if (which === 'complete') {
          context.notice.show(t('desk.consult_completed', { name }), 'info');
        }
      }),
    );
  };
  const stepButton = (which: ConsultStep, action: string, key: string) =>
    h('button', { type: 'button', 'data-action': action, 'aria-keyshortcuts': key, hidden: true, onclick: () => step(which) });
  const buttons: Record<ConsultStep, HTMLButtonElement> = {
    complete: stepButton('complete', 'consult-complete', 'K'),
    conference: stepButton('conference', 'consult-conference', 'J'),
    cancel: stepButton('cancel', 'consult-cancel', 'X'),
  };
  const status = h('p', { class: 'consult-status', 'data-testid': 'consult-status', role: 'status', hidden: true });
  const element = h(
    'div',
    { class: 'consult', 'data-testid': 'consult', hidden: true },
    status,
    h('div', { class: 'call-actions' }, form, buttons.complete, buttons.conference, buttons.cancel),
  );

  /** Where the consult of a colleague the agent does not know the name of yet was asked for
   *  (one started by a supervisor): the list is asked for once, for their name. */
  let namesAskedFor = '';
  const update = (call: Call | null) => {
    current = call;
    const stage = consultStage(call, self);
    element.hidden = stage === null;
    setData(element, 'stage', stage ?? '');
    form.hidden = stage !== 'none';
    colleague.disabled = stage !== 'none';
    consultButton.disabled = colleague.disabled;
    const text = consultStatus(call, stage, nameOf);
    status.hidden = text === '';
    setText(status, text);
    const steps = consultSteps(stage);
    const consulted = call?.consult;
    const colleagueName = !consulted ? '' : consulted.agent ? nameOf(consulted.agent) : { number: consulted.number ?? '' };
    for (const [which, button] of Object.entries(buttons) as [ConsultStep, HTMLButtonElement][]) {
      button.hidden = !steps.includes(which);
      button.disabled = button.hidden;
      setText(button, consultStepLabel(which, stage, colleagueName));
    }
    const other = stage === 'consulted' ? call?.agent : call?.consult?.agent;
    if (other && !names.has(other) && namesAskedFor !== other) {
      namesAskedFor = other;
      loadTargets();
    }
  };

  /** A desk key: true when it was the consult's (C, or a step shown now). */
  const handleKey = (action: DeskAction | null): boolean => {
    if (action === 'consult' && !colleague.disabled && !form.hidden) {
      colleague.focus(); // pick a colleague, then Consult
      return true;
    }
    if ((action === 'complete' || action === 'conference' || action === 'cancel') && !buttons[action].disabled) {
      step(action);
      return true;
    }
    return false;
  };
  return { element, showTargets, update, handleKey };
}

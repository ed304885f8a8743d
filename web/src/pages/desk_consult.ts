import type { Api } from '../api/endpoints';
import type { Call, TransferTargets } from '../api/types';
import { currentLanguage, t } from '../i18n/i18n';
import { consultParty } from './consult_party';
import { isolated } from './report_figures';
import type { TransferChoice } from './desk_transfer';

// Attended transfer and conference on the agent desk (docs/api.md POST
// /api/v1/calls/{id}/consult and its steps): the agent rings a free colleague (or a number)
// while the caller holds, then hands the caller over (complete), makes it a three-way conference, or lets the
// colleague go (cancel). The live call's `consult` says where it stands, so the controls
// follow the server whoever started the consult (a supervisor in scope may too).

/** Where the agent's call stands: `none` connected with no consult (the Consult control), or
 *  the consult's state. `consulted`: the agent is the colleague being consulted (their desk
 *  shows the call, whose steps are the other agent's). null without a connected call. */
export type ConsultStage = 'none' | 'ringing' | 'talking' | 'conference' | 'consulted';

/** A step of a consult going on, each a button (and a key) of the desk. */
export type ConsultStep = 'complete' | 'conference' | 'cancel';

export function consultStage(call: Call | null, self: string | null): ConsultStage | null {
  if (!call || (call.state !== 'on-call' && call.state !== 'on-hold')) {
    return null;
  }
  if (!call.consult) {
    return call.agent === self ? 'none' : null;
  }
  if (call.agent !== self) {
    return call.consult.agent === self ? 'consulted' : null;
  }
  return call.consult.state;
}

/** The steps offered at each stage, in the order of their buttons. While the colleague's
 *  phone rings only Cancel: the server refuses the others until they answer. */
export function consultSteps(stage: ConsultStage | null): ConsultStep[] {
  switch (stage) {
    case 'ringing':
      return ['cancel'];
    case 'talking':
      return ['complete', 'conference', 'cancel'];
    case 'conference':
      return ['complete', 'cancel'];
    default:
      return [];
  }
}

/** A step's button: in a conference, Complete is leaving the caller with the colleague and
 *  Cancel drops the colleague; while they talk, Cancel takes the agent back to the caller.
 *  `colleague`: their name, or `{number}` when the agent consults a number. */
export function consultStepLabel(step: ConsultStep, stage: ConsultStage | null, colleague: string | { number: string }): string {
  const name = typeof colleague === 'string' ? isolated(colleague, currentLanguage()) : consultParty({ agent: null, number: colleague.number }, String);
  switch (step) {
    case 'complete':
      return stage === 'conference' ? t('desk.consult_leave') : t('desk.consult_complete');
    case 'conference':
      return t('desk.consult_join');
    case 'cancel':
      return stage === 'conference' ? t('desk.consult_drop', { name }) : stage === 'talking' ? t('desk.consult_return') : t('desk.consult_cancel');
  }
}

/** The line saying where the consult stands, naming the colleague (or the number) consulted
 *  (for the one consulted, the agent of the call); empty without a consult. */
export function consultStatus(call: Call | null, stage: ConsultStage | null, nameOf: (agent: string) => string): string {
  if (!call?.consult || stage === null || stage === 'none') {
    return '';
  }
  const name = stage === 'consulted' ? isolated(nameOf(call.agent ?? ''), currentLanguage()) : consultParty(call.consult, nameOf);
  if (call.consult.state === 'conference') {
    return t('desk.consult_conference', { name });
  }
  if (stage === 'consulted') {
    return t('desk.consulted_by', { name });
  }
  return stage === 'ringing' ? t('desk.consult_ringing', { name }) : t('desk.consult_talking', { name });
}

/** The colleagues the agent may consult: every logged-in one but the agent themself, busy ones
 *  listed (as a phone's busy lamps show them) but not to be chosen; the value is the agent id. */
export function consultChoices(targets: TransferTargets, self: string | null): TransferChoice[] {
  return targets.agents
    .filter((agent) => agent.id !== self)
    .map((agent) => ({
      value: agent.id,
      label: agent.free ? agent.name : t('desk.colleague_busy', { name: agent.name }),
      disabled: !agent.free,
    }));
}

/** The request of a step (POST /api/v1/calls/{id}/consult/conference, /complete, /cancel). */
export function sendConsultStep(api: Pick<Api, 'joinConsult' | 'completeConsult' | 'cancelConsult'>, call: string, step: ConsultStep) {
  switch (step) {
    case 'complete':
      return api.completeConsult(call);
    case 'conference':
      return api.joinConsult(call);
    case 'cancel':
      return api.cancelConsult(call);
  }
}

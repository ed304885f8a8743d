import type { AppContext } from '../app_context';
import type { Agent, RequestableState } from '../api/types';
import { formatDuration } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { elapsedSince, type LiveState } from '../live/live_state';
import { h, setData, setText } from '../ui/dom';
import { agentStateLabel, agentStatusText, errorText, pauseReasonLabel } from '../ui/labels';

/** The agent's own state: what it is, for how long, and the buttons to change it (ready,
 *  a pause per reason, not ready, log out; or log in). */
export function deskStatePanel(context: AppContext, agentId: string) {
  const status = h('span', { class: 'state-badge', 'data-testid': 'my-state' });
  const since = h('span', { class: 'time-in-state', 'data-testid': 'time-in-state' });
  const pending = h('p', { class: 'pending', 'data-testid': 'pending-state' });
  const buttons = h('div', { class: 'state-buttons' });
  const element = h(
    'section',
    { class: 'panel desk-state' },
    h('h2', {}, t('desk.my_state')),
    h('div', { class: 'state-line' }, status, since),
    pending,
    buttons,
  );
  let buttonsFor = '';

  const act = async (request: () => Promise<unknown>) => {
    try {
      await request();
    } catch (error) {
      context.notice.show(errorText(error));
    }
  };
  const change = (state: RequestableState, reason?: string) =>
    act(() => context.api.setAgentState(agentId, state, reason));

  const button = (label: string, action: string, onClick: () => void, current: boolean, reason = '') =>
    h('button', { type: 'button', 'data-action': action, 'data-reason': reason || undefined, disabled: current, onclick: onClick }, label);

  const rebuildButtons = (agent: Agent) => {
    if (agent.state === 'logged-out') {
      buttons.replaceChildren(
        button(t('desk.log_in'), 'login', () => void act(() => context.api.loginAgent(agentId, { extension: context.user.extension ?? undefined })), false),
      );
      return;
    }
    const busy = agent.state === 'ringing' || agent.state === 'on-call';
    buttons.replaceChildren(
      button(t('desk.ready'), 'available', () => void change('available'), agent.state === 'available' || busy),
      ...context.pauseReasons.map((reason) =>
        button(
          t('desk.pause_for', { reason: pauseReasonLabel(reason) }),
          'pause',
          () => void change('paused', reason),
          agent.state === 'paused' && agent.reason === reason,
          reason,
        ),
      ),
      button(agentStateLabel('not-ready'), 'not-ready', () => void change('not-ready'), agent.state === 'not-ready'),
      button(t('desk.log_out'), 'logged-out', () => void change('logged-out'), false),
    );
  };

  const update = (agent: Agent, state: LiveState, now: number) => {
    setData(status, 'state', agent.state);
    setText(status, agentStatusText(agent.state, agent.reason));
    const inState = agent.state_changed_at_ms === null ? agent.in_state_ms : elapsedSince(agent.state_changed_at_ms, state, now);
    setText(since, agent.state === 'logged-out' ? '' : formatDuration(inState, currentLanguage()));
    setText(
      pending,
      agent.pending_state ? t('desk.pending', { state: agentStatusText(agent.pending_state, agent.pending_reason) }) : '',
    );
    // Rebuilding on every tick would eat clicks; only when what the buttons depend on changed.
    const key = `${agent.state}|${agent.reason}|${agent.pending_state ?? ''}`;
    if (key !== buttonsFor) {
      buttonsFor = key;
      rebuildButtons(agent);
    }
  };
  return { element, update };
}

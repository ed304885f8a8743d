import type { AppContext } from '../app_context';
import type { Agent, Call, MonitorMode } from '../api/types';
import { formatDuration, localizeDigits, parseLocalizedInteger } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { msg } from '../i18n/messages';
import { elapsedSince, sortedAgents, sortedCalls, type LiveState } from '../live/live_state';
import { h, setData, setText } from '../ui/dom';
import { syncRows } from '../ui/keyed_rows';
import { callStateLabel, errorText, monitorModeLabel } from '../ui/labels';
import { callNote } from './console_consult';

const kColumns = [
  msg('call.queue'),
  msg('call.caller'),
  msg('console.state'),
  msg('call.wait'),
  msg('call.priority'),
  msg('call.agent'),
  msg('console.move_to'),
  msg('console.actions'),
];

/** The engine lets a supervisor move or reprioritise a call while it is in line (waiting, being
 *  rung, or a callback request); acd::Engine::is_waiting. */
export function isInLine(call: Call): boolean {
  return call.state === 'waiting' || call.state === 'ringing' || call.state === 'callback-waiting';
}

/** Live calls: who waits how long in which queue, who has them, whose recording is paused for
 *  card details, which agent consults a colleague (and how), which supervisors are in them;
 *  move, priority, listen, whisper, barge in (Markaz rings the supervisor's own phone), hang
 *  up. */
export function consoleCalls(context: AppContext) {
  const rows = h('tbody', { 'data-testid': 'calls-table' });
  const none = h('p', { class: 'empty' }, t('console.no_calls'));
  const element = h(
    'section',
    { class: 'panel console-calls' },
    h('h2', {}, t('console.live_calls')),
    h('table', { class: 'table' }, h('thead', {}, h('tr', {}, ...kColumns.map((key) => h('th', {}, t(key))))), rows),
    none,
  );
  const latest = new Map<string, Call>();
  let freeAgents: Agent[] = [];

  const act = async (request: () => Promise<unknown>) => {
    try {
      await request();
    } catch (error) {
      context.notice.show(errorText(error));
    }
  };

  const setPriority = (id: string, input: HTMLInputElement) => {
    const value = parseLocalizedInteger(input.value);
    if (value === null) {
      context.notice.show(t('error.invalid_request'));
      return;
    }
    void act(() => context.api.setCallPriority(id, value));
  };

  const monitor = (id: string, mode: MonitorMode) =>
    void act(async () => {
      const ringing = await context.api.monitorCall(id, mode);
      context.notice.show(t('console.monitor_ringing', { extension: localizeDigits(ringing.extension, currentLanguage()) }), 'info');
    });
  const monitorButton = (id: string, mode: MonitorMode) =>
    h('button', { type: 'button', 'data-action': mode, onclick: () => monitor(id, mode) }, monitorModeLabel(mode));

  const createRow = (call: Call) => {
    // Text, not type=number: a number field shows only Latin digits and refuses Persian ones.
    const priority = h('input', { type: 'text', inputmode: 'numeric', class: 'priority', 'aria-label': t('call.priority'), 'data-testid': 'priority-input' });
    const target = h('select', { 'aria-label': t('console.move_to'), 'data-testid': 'move-target' });
    const id = call.id;
    return h(
      'tr',
      { 'data-call': id },
      h('td', {}),
      h('td', {}, h('bdi', { dir: 'ltr' })),
      h(
        'td',
        {},
        h('span', { class: 'call-state' }),
        h('span', { class: 'badge recording-paused', 'data-testid': 'recording-paused', hidden: true }, t('console.recording_paused')),
        h('small', { class: 'consult-note', 'data-testid': 'call-consult', hidden: true }),
        h('small', { class: 'monitors', 'data-testid': 'monitors' }),
      ),
      h('td', { class: 'num' }),
      h('td', {}, priority, h('button', { type: 'button', 'data-action': 'priority', onclick: () => setPriority(id, priority) }, t('console.set'))),
      h('td', {}),
      h('td', {}, target, h('button', { type: 'button', 'data-action': 'move', onclick: () => target.value && void act(() => context.api.moveCall(id, target.value)) }, t('console.move'))),
      h(
        'td',
        {},
        monitorButton(id, 'listen'),
        monitorButton(id, 'whisper'),
        monitorButton(id, 'barge'),
        h('button', { type: 'button', 'data-action': 'hangup', class: 'danger', onclick: () => window.confirm(t('console.confirm_hangup')) && void act(() => context.api.hangUpCall(id)) }, t('console.hang_up')),
      ),
    );
  };

  const updateTargets = (select: HTMLSelectElement) => {
    // Rebuild the options only when the set of free agents changed, so an open list stays open.
    const key = freeAgents.map((agent) => agent.id).join(',') + currentLanguage();
    if (select.dataset.for === key) {
      return;
    }
    const chosen = select.value;
    select.dataset.for = key;
    select.replaceChildren(
      h('option', { value: '' }, freeAgents.length ? t('console.choose_agent') : t('console.no_free_agents')),
      ...freeAgents.map((agent) => h('option', { value: agent.id, selected: agent.id === chosen }, `${agent.id} ${agent.name}`)),
    );
  };

  const update = (state: LiveState, now: number) => {
    const language = currentLanguage();
    freeAgents = sortedAgents(state).filter((agent) => agent.state === 'available');
    const calls = sortedCalls(state);
    none.hidden = calls.length > 0;
    syncRows(rows, calls, (call) => call.id, createRow, (row, call) => {
      latest.set(call.id, call);
      const cells = row.children;
      setData(row, 'state', call.state);
      setData(row, 'agent', call.agent ?? '');
      setData(row, 'queue', call.queue);
      setText(cells[0]!, call.queue);
      setText(cells[1]!.firstElementChild!, localizeDigits(call.caller, language));
      const badge = cells[2]!.firstElementChild as HTMLElement;
      setData(badge, 'state', call.state);
      setText(badge, callStateLabel(call.state));
      // PCI DSS: silence is being recorded while the customer gives card details.
      (cells[2]!.children[1] as HTMLElement).hidden = !call.recording_paused;
      // The agent consults a colleague: whom, and whether their phone rings, they talk (the
      // caller on hold) or all three are in a conference.
      const consult = cells[2]!.children[2] as HTMLElement;
      // Or, for a call sent out of the queues, the number it went to (still on the centre's lines).
      const note = callNote(call, (agent) => state.agents.get(agent)?.name ?? agent);
      consult.hidden = note === '';
      setData(consult, 'consult', call.consult?.state ?? '');
      setData(consult, 'agent', call.consult?.agent ?? '');
      setText(consult, note);
      // Who is listening, whispering or barging in, in the reader's language.
      setText(
        cells[2]!.lastElementChild!,
        new Intl.ListFormat(language, { type: 'unit' }).format(
          call.monitors.map((m) => t('console.monitored_by', { user: m.user, mode: monitorModeLabel(m.mode) })),
        ),
      );
      const waited = call.answered_at_ms === null ? elapsedSince(call.joined_at_ms, state, now) : call.wait_ms;
      setText(cells[3]!, formatDuration(waited, language));
      const priority = cells[4]!.firstElementChild as HTMLInputElement;
      if (document.activeElement !== priority) {
        priority.value = localizeDigits(String(call.priority), language);
      }
      setText(cells[5]!, call.agent ?? '');
      const inLine = isInLine(call);
      for (const control of [priority, cells[4]!.lastElementChild, cells[6]!.firstElementChild, cells[6]!.lastElementChild]) {
        (control as HTMLInputElement).disabled = !inLine;
      }
      updateTargets(cells[6]!.firstElementChild as HTMLSelectElement);
      // Listening, whispering and barging in are for a call an agent has taken.
      const talking = call.state === 'on-call' || call.state === 'on-hold';
      for (const button of cells[7]!.querySelectorAll<HTMLButtonElement>('button:not([data-action=hangup])')) {
        button.disabled = !talking;
      }
    });
  };
  return { element, update };
}

import type { Call, CallMonitor } from '../api/types';
import { t } from '../i18n/i18n';
import { h, setData, setText } from '../ui/dom';

/** What the agent is told about one supervisor in their call. A listening supervisor is heard
 *  by nobody and the agent is not told, whether or not the server lists them to agents. */
export function monitorNotice(monitor: CallMonitor): string | null {
  switch (monitor.mode) {
    case 'whisper':
      return t('desk.monitor_whisper', { user: monitor.user });
    case 'barge':
      return t('desk.monitor_barge', { user: monitor.user });
    case 'listen':
      return null;
  }
}

/** The notices for the agent's current call, one per supervisor they can hear. */
export function monitorNotices(call: Call | null): string[] {
  return (call?.monitors ?? []).map(monitorNotice).filter((text): text is string => text !== null);
}

/** The banner on the desk's call panel: a supervisor is coaching the agent (whisper) or has
 *  joined the call (barge). Hidden when nobody the agent can hear is in the call. */
export function deskMonitorBanner() {
  const element = h('p', { class: 'monitor-banner', 'data-testid': 'desk-monitor', role: 'status', hidden: true });
  const update = (call: Call | null) => {
    const notices = monitorNotices(call);
    const barging = call?.monitors.some((monitor) => monitor.mode === 'barge') ?? false;
    element.hidden = notices.length === 0;
    setData(element, 'mode', notices.length === 0 ? '' : barging ? 'barge' : 'whisper');
    setText(element, notices.join('\n'));
  };
  return { element, update };
}

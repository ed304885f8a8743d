import type { AppContext } from '../app_context';
import type { Call } from '../api/types';
import { t } from '../i18n/i18n';
import { h, setData, setText } from '../ui/dom';
import { errorText } from '../ui/labels';

// PCI DSS on the agent desk: the agent pauses the call's recording while the customer gives
// their card details (silence is recorded in its place) and resumes it afterwards (docs/api.md
// POST /api/v1/calls/{id}/recording/pause). The live call says whether it is paused, so the
// button and the banner follow the server, whoever paused it (a supervisor may too).

/** What the Pause / Resume recording button (and the P key) would do to `call`: only a call
 *  connected to the agent (talking or on hold) has a recording to pause; null for any other. */
export function recordingAction(call: Call | null): 'pause' | 'resume' | null {
  if (!call || (call.state !== 'on-call' && call.state !== 'on-hold')) {
    return null;
  }
  return call.recording_paused ? 'resume' : 'pause';
}

/** The desk's Pause / Resume recording button and the banner shown on the call panel while
 *  the recording is paused, reminding the agent to resume it. A refusal (409: the call is not
 *  recorded, or has just ended) is shown with the server's reason. */
export function deskRecordingPause(context: AppContext) {
  const banner = h('p', { class: 'recording-banner', 'data-testid': 'recording-paused-banner', role: 'status', hidden: true }, t('desk.recording_paused'));
  let current: Call | null = null;
  /** A request on its way: a second press before the live call has changed would only be
   *  refused as "paused already". */
  let sending = false;
  const toggle = () => {
    const action = recordingAction(current);
    if (!current || action === null || sending) {
      return;
    }
    const id = current.id;
    sending = true;
    const request = action === 'pause' ? context.api.pauseRecording(id) : context.api.resumeRecording(id);
    request
      .catch((error: unknown) => context.notice.show(errorText(error)))
      .finally(() => {
        sending = false;
      });
  };
  const button = h('button', { type: 'button', 'data-action': 'recording', 'aria-keyshortcuts': 'P', onclick: toggle });
  const update = (call: Call | null) => {
    current = call;
    const action = recordingAction(call);
    banner.hidden = !call?.recording_paused;
    button.disabled = action === null;
    setData(button, 'paused', call?.recording_paused ? 'true' : 'false');
    setText(button, action === 'resume' ? t('desk.resume_recording') : t('desk.pause_recording'));
  };
  return { banner, button, update, toggle };
}

import type { MountPage } from '../app_context';
import type { CallRecord } from '../api/types';
import { dayOfInstant } from '../format/calendar';
import { t } from '../i18n/i18n';
import { h } from '../ui/dom';
import { errorText } from '../ui/labels';
import { canSetLegalHold, legalHoldControl } from './recording_legal_hold';
import { evaluationsPanel } from './evaluations_panel';
import { recordingDetail } from './recording_player';
import { recordingsForm } from './recordings_form';
import { apiQuery, pageQuery, searchFromQuery, type RecordSearch } from './recordings_query';
import { recordingsResults } from './recordings_results';

/** The Recordings page (QA analysts, supervisors, managers): search the finished calls, listen
 *  to one while reading what happened on it and score it on a scorecard; a manager puts it on
 *  legal hold or lifts the hold.
 *  The search and the chosen call are kept in the address, so a reload, a language change or a
 *  shared link shows the same. */
export const mountRecordings: MountPage = (root, context) => {
  const today = dayOfInstant(Date.now());
  let search: RecordSearch = searchFromQuery(location.search, today);
  let chosen: string | null = new URLSearchParams(location.search).get('call');
  const names = new Map<string, string>();
  const agentName = (id: string) => names.get(id) ?? id;
  let gone = false;
  /** Answers to an older search than the latest are dropped. */
  let latest = 0;

  const remember = () => history.replaceState(null, '', `/recordings?${pageQuery(search, chosen)}`);

  const legalHold = canSetLegalHold(context.user.role)
    ? legalHoldControl(context.api, {
        onChanged: (record) => {
          if (!gone) {
            results.replace(record);
            detail.update(record);
          }
        },
        onError: (error) => context.notice.show(errorText(error)),
      })
    : null;
  const detail = recordingDetail(agentName, (call) => context.api.callRecordWaveform(call), legalHold);
  const evaluations = evaluationsPanel(context, detail.player, agentName);
  const open = (record: CallRecord, play: boolean) => {
    detail.show(record, play);
    evaluations.show(record);
  };
  const choose = (record: CallRecord, play: boolean) => {
    chosen = record.id;
    remember();
    results.mark(chosen);
    open(record, play);
    if (play) {
      detail.element.scrollIntoView({ block: 'nearest' });
    }
  };

  const run = async (next: RecordSearch) => {
    search = next;
    remember();
    const mine = ++latest;
    results.loading();
    try {
      const page = await context.api.callRecords(apiQuery(search));
      if (!gone && mine === latest) {
        results.show(page, chosen);
      }
    } catch (error) {
      if (!gone && mine === latest) {
        results.failed(errorText(error));
      }
    }
  };

  const results = recordingsResults({
    onChoose: (record) => choose(record, true),
    onPage: (offset) => void run({ ...search, offset }),
    agentName,
  });
  const form = recordingsForm(search, today, (next) => void run(next));
  root.append(h('h1', { class: 'page-title' }, t('page.recordings')), form.element, detail.element, evaluations.element, results.element);

  // The agents and queues the reader may search by; their names for the tables.
  void Promise.all([context.api.agents(), context.api.queues()])
    .then(([{ agents }, { queues }]) => {
      if (gone) {
        return;
      }
      for (const agent of agents) {
        names.set(agent.id, agent.name);
      }
      form.setChoices(agents, queues);
      // Calls shown before the names came are written again with them.
      results.relabel();
      detail.relabel();
    })
    .catch((error: unknown) => context.notice.show(errorText(error)));

  void run(search);
  // A call named in the address opens as it was left, without playing.
  if (chosen) {
    context.api
      .callRecord(chosen)
      .then(({ record }) => !gone && record.id === chosen && open(record, false))
      .catch((error: unknown) => context.notice.show(errorText(error)));
  }

  const onKey = (event: KeyboardEvent) => void detail.handleKey(event);
  document.addEventListener('keydown', onKey);
  return () => {
    gone = true;
    document.removeEventListener('keydown', onKey);
    detail.dispose();
    evaluations.dispose();
  };
};

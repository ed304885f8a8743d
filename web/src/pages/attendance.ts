import type { MountPage } from '../app_context';
import type { AttendanceDay } from '../api/types';
import { dayOfInstant } from '../format/calendar';
import type { CentreClock } from '../format/centre_clock';
import { localizeDigits } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { h } from '../ui/dom';
import { errorText, pauseReasonLabel } from '../ui/labels';
import { canCorrectAgent } from './attendance_correction';
import { correctionForm } from './attendance_correction_form';
import { attendanceForm } from './attendance_form';
import { attendanceApiQuery, attendancePageQuery, attendanceSearchFromQuery, type AttendanceSearch } from './attendance_query';
import { attendanceView } from './attendance_view';
import { isolated } from './report_figures';

/** The Attendance page (managers, supervisors and QA analysts; an agent for their own days):
 *  each agent's days — sessions, first login and last logout, time logged in and in each
 *  state, pauses by reason, against their shift: late, left early, absent — with CSV and Excel
 *  downloads (docs/api.md GET /api/v1/attendance). Managers and supervisors correct a day's
 *  login and logout, with a reason (POST /api/v1/attendance/corrections). The search is kept
 *  in the address, so a reload, a language change or a shared link shows the same days. */
export const mountAttendance: MountPage = (root, context) => {
  const { user, api } = context;
  const today = dayOfInstant(Date.now());
  // An agent's page is their own days (the server refuses them anyone else's).
  const ownAgent = user.role === 'agent' ? user.agent : null;
  let search: AttendanceSearch = attendanceSearchFromQuery(location.search, today, ownAgent);
  const agentNames = new Map<string, string>();
  const agentName = (id: string) => agentNames.get(id) ?? id;
  let gone = false;
  /** Answers to an older search than the latest are dropped. */
  let latest = 0;

  const run = async (next: AttendanceSearch) => {
    search = next;
    history.replaceState(null, '', `/attendance?${attendancePageQuery(search)}`);
    const mine = ++latest;
    const query = attendanceApiQuery(search, Date.now(), currentLanguage());
    view.loading();
    try {
      const report = await api.attendance(query);
      if (!gone && mine === latest) {
        view.show(report, query, search);
      }
    } catch (error) {
      if (!gone && mine === latest) {
        view.failed(errorText(error));
      }
    }
  };

  /** The correction form for `day`, above the table; once saved, the days are read again. */
  const openCorrection = (day: AttendanceDay, clock: CentreClock) => {
    const name = agentName(day.agent);
    const form = correctionForm(day, clock, name, {
      save: (body) => api.correctAttendance(body).then((answer) => answer.correction),
      onSaved: () => {
        const language = currentLanguage();
        view.showForm(null);
        view.saved(t('attendance.saved', { agent: isolated(name, language), day: isolated(localizeDigits(day.day, language), language) }));
        void run(search);
      },
      onClose: () => view.showForm(null),
    });
    view.showForm(form.element);
    form.focus();
  };

  const form = attendanceForm(search, today, ownAgent === null, (next) => {
    view.saved('');
    void run(next);
  });
  const view = attendanceView({
    agentName,
    reasonLabel: pauseReasonLabel,
    correctable: (agent) => canCorrectAgent(user, agent),
    onCorrect: openCorrection,
  });
  root.append(h('h1', { class: 'page-title' }, t('page.attendance')), form.element, view.element);

  // The queues and agents the reader may read, and the agents' names for the table.
  void Promise.all([api.agents(), api.queues()])
    .then(([{ agents }, { queues }]) => {
      if (gone) {
        return;
      }
      agents.forEach((agent) => agentNames.set(agent.id, agent.name));
      form.setChoices(agents, queues);
      // Days shown before the names came are written again with them.
      view.relabel();
    })
    .catch((error: unknown) => context.notice.show(errorText(error)));

  void run(search);
  return () => {
    gone = true;
  };
};

import type { MountPage } from '../app_context';
import { canOpen } from '../auth/pages';
import { dayOfInstant } from '../format/calendar';
import { centreDay, zoneClock, type CentreClock } from '../format/centre_clock';
import { currentLanguage, t } from '../i18n/i18n';
import { h } from '../ui/dom';
import { errorText } from '../ui/labels';
import { reportSchedules } from './report_schedules';
import { supervisorName, supervisorTeams, teamChoice } from './report_teams';
import { reportsForm } from './reports_form';
import { drillInto, reportsApiQuery, reportsPageQuery, reportsSearchFromQuery, type ReportsSearch } from './reports_query';
import { reportsView } from './reports_view';
import { canSchedule } from './schedule_text';

/** Where the page keeps the centre's zone for the browser tab (see mountReports). */
const kCentreZoneKey = 'markaz.centre_time_zone';

/** The centre's clock the tab last saw in a report; null before the first one, and when the
 *  centre keeps a fixed offset (the zone names none). */
function rememberedClock(): CentreClock | null {
  try {
    return zoneClock(sessionStorage.getItem(kCentreZoneKey) ?? '');
  } catch {
    return null; // storage refused (a private window's settings): learnt again per page
  }
}

function rememberZone(timeZone: string): void {
  try {
    sessionStorage.setItem(kCentreZoneKey, timeZone);
  } catch {
    // Not kept: the next page learns it again from its first report.
  }
}

/** The Reports page (managers, supervisors, QA analysts; an agent for their own figures): the
 *  centre's, a supervisor's team's, a queue's or an agent's calls and figures by interval,
 *  day, week, month or year
 *  (docs/reports.md), as charts and tables with CSV, Excel and PDF downloads; for managers and
 *  supervisors, the reports mailed on a schedule (report_schedules.ts). The report is kept in
 *  the address, so a reload, a language change or a shared link shows the same; opening a
 *  queue's or an agent's row is a step Back returns from. */
export const mountReports: MountPage = (root, context) => {
  const { user } = context;
  // The days are the centre's: they begin at its midnights, where the server cuts them, in
  // whatever zone the browser is. Only a report's answer names the centre's zone (time_zone),
  // so the tab keeps the last one seen (sessionStorage); until then — the tab's first report —
  // days are the browser's, and an answer naming another zone is asked again with its days
  // (and today) when they differ. A fixed offset (time_zone "") keeps the browser's days.
  let clock = rememberedClock();
  const todayNow = () => (clock ? centreDay(Date.now(), clock) : dayOfInstant(Date.now()));
  const today = todayNow();
  // An agent's report is their own figures (the server refuses them the centre's).
  const ownAgent = user.role === 'agent' ? user.agent : null;
  const defaults = { language: currentLanguage(), ownAgent };
  const address = location.search;
  const opened = reportsSearchFromQuery(address, today, defaults);
  let search: ReportsSearch = opened;
  const agentNames = new Map<string, string>();
  const agentName = (id: string) => agentNames.get(id) ?? id;
  const teamNames = new Map<string, string>();
  const teamName = (id: string) => teamNames.get(id) ?? id;
  let gone = false;
  /** Answers to an older report than the latest are dropped. */
  let latest = 0;

  const run = async (next: ReportsSearch, step: 'replace' | 'push' = 'replace') => {
    search = next;
    history[step === 'push' ? 'pushState' : 'replaceState'](null, '', `/reports?${reportsPageQuery(search, currentLanguage())}`);
    const mine = ++latest;
    const nowMs = Date.now();
    const query = reportsApiQuery(search, nowMs, clock);
    view.loading();
    try {
      const report = await context.api.report(query);
      if (gone || mine !== latest) {
        return;
      }
      if (report.time_zone !== (clock?.timeZone ?? '')) {
        clock = zoneClock(report.time_zone);
        rememberZone(report.time_zone);
        // The address's default days were counted from the browser's today.
        const again = search === opened ? reportsSearchFromQuery(address, todayNow(), defaults) : search;
        if (reportsApiQuery(again, nowMs, clock) !== query) {
          form.set(again);
          void run(again);
          return;
        }
      }
      view.show(report, query);
    } catch (error) {
      if (!gone && mine === latest) {
        view.failed(errorText(error));
      }
    }
  };

  const form = reportsForm(search, today, ownAgent === null, (next) => void run(next));
  const view = reportsView({
    agentName,
    teamName,
    navigate: context.navigate,
    recordings: canOpen(user, 'recordings'),
    drillHref: (kind, id) => `/reports?${reportsPageQuery(drillInto(search, kind, id), currentLanguage())}`,
    onDrill: (kind, id) => {
      const next = drillInto(search, kind, id);
      form.set(next);
      void run(next, 'push');
    },
  });
  // Agents and QA analysts schedule no reports (the server refuses them).
  const schedules = canSchedule(user) ? reportSchedules(context, agentName) : null;
  root.append(h('h1', { class: 'page-title' }, t('page.reports')), form.element, view.element);
  if (schedules) {
    root.append(schedules.element);
  }

  // The queues and agents the reader may report on, and the agents' names for the tables and
  // the chart.
  void Promise.all([context.api.agents(), context.api.queues()])
    .then(([{ agents }, { queues }]) => {
      if (gone) {
        return;
      }
      agents.forEach((agent) => agentNames.set(agent.id, agent.name));
      form.setChoices(agents, queues);
      schedules?.setChoices(agents, queues);
      // A report shown before the names came is written again with them.
      view.relabel();
    })
    .catch((error: unknown) => context.notice.show(errorText(error)));

  // The teams: a manager's are every supervisor's, named as the users list names them; a
  // supervisor's, their own ("My team" in the form, their name in the report's title).
  const teams = teamChoice(user);
  if (teams === 'own') {
    teamNames.set(user.username, supervisorName(user));
    form.setTeams([{ id: user.username, name: t('reports.my_team') }]);
  } else if (teams === 'all') {
    void context.api
      .users()
      .then(({ users }) => {
        if (gone) {
          return;
        }
        const listed = supervisorTeams(users);
        listed.forEach((team) => teamNames.set(team.id, team.name));
        form.setTeams(listed);
        view.relabel();
      })
      .catch((error: unknown) => context.notice.show(errorText(error)));
  }

  void run(search);
  return () => {
    gone = true;
    view.dispose();
    schedules?.dispose();
  };
};

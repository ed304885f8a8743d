import type { Role, User } from '../api/types';

/** The pages behind the login, each at /<name>. */
export type Page = 'wallboard' | 'desk' | 'console' | 'alerts' | 'reports' | 'attendance' | 'recordings' | 'quality' | 'scorecards';

export const kPages: readonly Page[] = ['wallboard', 'desk', 'console', 'alerts', 'reports', 'attendance', 'recordings', 'quality', 'scorecards'];

// Who may open which page. The server refuses the same people the data anyway (docs/api.md
// "Roles"); this only keeps them from a page that would stay empty or fail.
const kPageRoles: Record<Page, readonly Role[]> = {
  wallboard: ['manager', 'supervisor', 'qa', 'agent'],
  desk: ['manager', 'supervisor', 'agent'],
  console: ['manager', 'supervisor'],
  // The KPI alerts' history and rules: the alerts in the reader's scope, the rules of a
  // supervisor's teams' queues and the centre's (docs/api.md GET /api/v1/alert-rules); QA and
  // agents are refused the rules.
  alerts: ['manager', 'supervisor'],
  // The centre's past by period: managers and QA everything, a supervisor their teams', an
  // agent their own figures and their queues' (docs/api.md GET /api/v1/reports).
  reports: ['manager', 'supervisor', 'qa', 'agent'],
  // Each agent's days: managers and QA every agent's, a supervisor their teams', an agent
  // their own (docs/api.md GET /api/v1/attendance); managers and supervisors correct them.
  attendance: ['manager', 'supervisor', 'qa', 'agent'],
  // Finished calls and their recordings: every call for managers and QA, the team's for a
  // supervisor (docs/api.md "Call records"); agents none.
  recordings: ['manager', 'supervisor', 'qa'],
  // QA's figures and work list: the server scopes a supervisor's to their team's queues
  // (docs/api.md GET /api/v1/quality/report); agents read only their own evaluations, on the desk.
  quality: ['manager', 'supervisor', 'qa'],
  // Building scorecards: managers and QA (supervisors only read them, to evaluate).
  scorecards: ['manager', 'qa'],
};

export function canOpen(user: Pick<User, 'role' | 'agent'>, page: Page): boolean {
  if (!kPageRoles[page].includes(user.role)) {
    return false;
  }
  // The desk is an agent's own: a manager or supervisor gets it only if they also take calls.
  // An agent's reports and attendance are their own: a user of the agent role without an
  // agent has none.
  if (page === 'desk' || ((page === 'reports' || page === 'attendance') && user.role === 'agent')) {
    return user.agent !== null;
  }
  return true;
}

export function pagesFor(user: Pick<User, 'role' | 'agent'>): Page[] {
  return kPages.filter((page) => canOpen(user, page));
}

/** Where a user lands after login or on "/": an agent at their desk, a supervisor at the
 *  console, a QA analyst at the recordings (their work), a manager at the wallboard. */
export function homePage(user: Pick<User, 'role' | 'agent'>): Page {
  if (user.role === 'supervisor') {
    return 'console';
  }
  if (user.role === 'qa') {
    return 'recordings';
  }
  if (user.role === 'agent' && user.agent !== null) {
    return 'desk';
  }
  return 'wallboard';
}

export type Route =
  | { kind: 'login'; next: string | null }
  | { kind: 'home' }
  | { kind: 'page'; page: Page }
  | { kind: 'unknown' };

/** The view for a path. */
export function routeFor(pathname: string, search: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') {
    return { kind: 'home' };
  }
  if (path === '/login') {
    return { kind: 'login', next: safeNext(new URLSearchParams(search).get('next')) };
  }
  const page = kPages.find((name) => path === `/${name}`);
  return page ? { kind: 'page', page } : { kind: 'unknown' };
}

/** A `next` path after login only if it stays on this site ("/console", not "//evil.example"
 *  or "https://..."). */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) {
    return null;
  }
  return next;
}

import type { User } from '../api/types';

// The supervisors' teams the Reports page reports on (GET /api/v1/reports?team=<username>:
// their queues' calls summed, their agents' time). Pure: the users come in.

/** A team the reader may choose: its supervisor's username (the API's `team=`) and the name
 *  the form and the report's title give it. */
export interface ReportTeam {
  id: string;
  name: string;
}

/** Which teams the reader may choose: a manager every supervisor's (GET /api/v1/users, which
 *  only managers may read, lists them), a supervisor their own, QA analysts and agents none
 *  (a team is a supervisor's scope; the server refuses them). */
export function teamChoice(user: Pick<User, 'role'>): 'all' | 'own' | 'none' {
  return user.role === 'manager' ? 'all' : user.role === 'supervisor' ? 'own' : 'none';
}

/** A supervisor as people know them: their display name, else their username. */
export function supervisorName(user: Pick<User, 'username' | 'display_name'>): string {
  return user.display_name.trim() || user.username;
}

/** The supervisors among `users`, each as their team, in the API's order (by username). */
export function supervisorTeams(users: readonly User[]): ReportTeam[] {
  return users.filter((user) => user.role === 'supervisor').map((user) => ({ id: user.username, name: supervisorName(user) }));
}

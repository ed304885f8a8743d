import type { Agent, Alert, Call, Language, RequestableState, User } from '../../../src/api/types';
import { demoPassword, kMarkazUrl } from './env';

/** A logged-in API client outside the browser, speaking the contract by hand: session cookie,
 *  CSRF double submit. The tests use it to change things "from elsewhere" and watch the page. */
export class ApiSession {
  private cookies = new Map<string, string>();

  private constructor(readonly username: string) {}

  static async login(username: string): Promise<ApiSession> {
    const session = new ApiSession(username);
    await session.call('POST', '/api/v1/session', { username, password: demoPassword(username) });
    return session;
  }

  /** Sends a request; answers with the status and the parsed body. */
  async raw(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.cookies.size) {
      headers.Cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    const csrf = this.cookies.get('markaz_csrf');
    if (csrf && method !== 'GET') {
      headers['X-CSRF-Token'] = csrf;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(kMarkazUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /** Like raw(), but a non-2xx answer is an error naming the request and the server's reason. */
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const { status, body: answer } = await this.raw(method, path, body);
    if (status < 200 || status > 299) {
      throw new Error(`${this.username}: ${method} ${path} -> ${status} ${JSON.stringify(answer)}`);
    }
    return answer as T;
  }

  me = () => this.call<{ user: User }>('GET', '/api/v1/session/me').then((r) => r.user);
  setLanguage = (language: Language) => this.call('PATCH', '/api/v1/session/me', { language });
  agents = () => this.call<{ agents: Agent[] }>('GET', '/api/v1/agents').then((r) => r.agents);
  calls = () => this.call<{ calls: Call[] }>('GET', '/api/v1/calls').then((r) => r.calls);
  setState = (agent: string, state: RequestableState, reason?: string) =>
    this.call('POST', `/api/v1/agents/${agent}/state`, state === 'paused' ? { state, reason } : { state });
  loginAgent = (agent: string) => this.call('POST', `/api/v1/agents/${agent}/login`, {});
  hangUp = (call: string) => this.raw('POST', `/api/v1/calls/${encodeURIComponent(call)}/hangup`);
  /** The KPI alerts in this user's scope, the latest first; `active`: only those up now. */
  alerts = (active = true) => this.call<{ alerts: Alert[] }>('GET', `/api/v1/alerts${active ? '?active=true' : ''}`).then((r) => r.alerts);
}

/** Puts an agent back where a test found it (best effort: the agent may have moved on). */
export async function restoreAgent(api: ApiSession, agent: Agent): Promise<void> {
  const now = (await api.agents()).find((a) => a.id === agent.id);
  if (!now || (now.state === agent.state && now.reason === agent.reason)) {
    return;
  }
  if (agent.state === 'available' || agent.state === 'not-ready' || agent.state === 'logged-out') {
    await api.raw('POST', `/api/v1/agents/${agent.id}/state`, { state: agent.state });
  } else if (agent.state === 'paused') {
    await api.raw('POST', `/api/v1/agents/${agent.id}/state`, { state: 'paused', reason: agent.reason });
  }
}

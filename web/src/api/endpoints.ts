import type { Request } from './http';
import type {
  Agent,
  Alert,
  AlertRule,
  AlertRuleBody,
  AlertRuleList,
  AttendanceReport,
  Call,
  CallRecord,
  CallRecordPage,
  CorrectionBody,
  EvaluationBody,
  EvaluationPage,
  EvaluationWithScorecard,
  Intervals,
  Language,
  MonitorMode,
  PauseReasons,
  PeriodReport,
  QualityReport,
  QualitySample,
  QueueStats,
  QueueSummary,
  ReportSchedule,
  ReportSend,
  RequestableState,
  SavedCorrection,
  ScheduleBody,
  Scorecard,
  ScorecardBody,
  TransferTargets,
  TransferTo,
  User,
  Waveform,
} from './types';

// One function per endpoint the pages use (docs/api.md). Paths are written out in full so
// tests/unit/openapi.test.ts can check each against docs/openapi.json.

const seg = encodeURIComponent;

export interface AgentLoginOptions {
  /** The phone; the server falls back to the agent's user's extension. */
  extension?: string;
  state?: 'available' | 'paused' | 'not-ready';
  reason?: string;
}

/** Only the fields given: the server refuses a `reason` without `paused`. */
function loginBody(options: AgentLoginOptions): Record<string, string> {
  const body: Record<string, string> = {};
  if (options.extension) {
    body.extension = options.extension;
  }
  if (options.state) {
    body.state = options.state;
  }
  if (options.state === 'paused' && options.reason) {
    body.reason = options.reason;
  }
  return body;
}

export function createApi(request: Request) {
  return {
    login: (username: string, password: string) =>
      request<{ user: User }>('POST', '/api/v1/session', { username, password }),
    logout: () => request<void>('DELETE', '/api/v1/session'),
    me: () => request<{ user: User }>('GET', '/api/v1/session/me'),
    setLanguage: (language: Language) =>
      request<{ user: User }>('PATCH', '/api/v1/session/me', { language }),
    pauseReasons: () => request<PauseReasons>('GET', '/api/v1/pause-reasons'),
    /** Every user, by username; managers only (403 for the other roles). */
    users: () => request<{ users: User[] }>('GET', '/api/v1/users'),
    agents: () => request<{ at_ms: number; agents: Agent[] }>('GET', '/api/v1/agents'),
    loginAgent: (agent: string, options: AgentLoginOptions = {}) =>
      request<{ at_ms: number; agent: Agent }>(
        'POST',
        `/api/v1/agents/${seg(agent)}/login`,
        loginBody(options),
      ),
    setAgentState: (agent: string, state: RequestableState, reason?: string) =>
      request<{ at_ms: number; agent: Agent }>(
        'POST',
        `/api/v1/agents/${seg(agent)}/state`,
        state === 'paused' ? { state, reason } : { state },
      ),
    calls: () => request<{ at_ms: number; calls: Call[] }>('GET', '/api/v1/calls'),
    moveCall: (call: string, agent: string) =>
      request<{ at_ms: number; call: Call }>('POST', `/api/v1/calls/${seg(call)}/move`, {
        agent,
      }),
    setCallPriority: (call: string, priority: number) =>
      request<{ at_ms: number; call: Call }>('POST', `/api/v1/calls/${seg(call)}/priority`, {
        priority,
      }),
    hangUpCall: (call: string) => request<void>('POST', `/api/v1/calls/${seg(call)}/hangup`),
    holdCall: (call: string) => request<{ at_ms: number; call: Call }>('POST', `/api/v1/calls/${seg(call)}/hold`),
    resumeCall: (call: string) => request<{ at_ms: number; call: Call }>('POST', `/api/v1/calls/${seg(call)}/resume`),
    /** PCI DSS: silence is recorded while the customer gives card details; 409 when the call
     *  is not connected, not recorded, or paused (resumed) already. */
    pauseRecording: (call: string) =>
      request<{ at_ms: number; call: Call }>('POST', `/api/v1/calls/${seg(call)}/recording/pause`),
    resumeRecording: (call: string) =>
      request<{ at_ms: number; call: Call }>('POST', `/api/v1/calls/${seg(call)}/recording/resume`),
    /** A blind transfer: to a queue and/or a colleague, or `{number}` alone out of the queues
     *  (400 with field `number` where the agent's own phone may not call). */
    transferCall: (call: string, to: TransferTo) =>
      request<{ at_ms: number; call: Call }>('POST', `/api/v1/calls/${seg(call)}/transfer`, to),
    /** Attended transfer and conference: rings a free colleague while the caller holds; then
     *  the colleague joins (a three-way conference), takes the caller (complete), or is let go
     *  (cancel). 409 when the step does not fit where the consult is (docs/api.md). */
    consultColleague: (call: string, agent: string) =>
      request<{ at_ms: number; call: Call }>('POST', `/api/v1/calls/${seg(call)}/consult`, { agent }),
    /** A consult of another phone or an outside number, `{number}` alone (400 with field
     *  `number` when the agent's class of service forbids it). */
    consultNumber: (call: string, number: string) =>
      request<{ at_ms: number; call: Call }>('POST', `/api/v1/calls/${seg(call)}/consult`, { number }),
    joinConsult: (call: string) =>
      request<{ at_ms: number; call: Call }>('POST', `/api/v1/calls/${seg(call)}/consult/conference`),
    completeConsult: (call: string) =>
      request<{ at_ms: number; call: Call }>('POST', `/api/v1/calls/${seg(call)}/consult/complete`),
    cancelConsult: (call: string) =>
      request<{ at_ms: number; call: Call }>('POST', `/api/v1/calls/${seg(call)}/consult/cancel`),
    transferTargets: () => request<TransferTargets>('GET', '/api/v1/transfer-targets'),
    monitorCall: (call: string, mode: MonitorMode) =>
      request<{ call: string; mode: MonitorMode; extension: string }>('POST', `/api/v1/calls/${seg(call)}/monitor`, {
        mode,
      }),
    liveStats: () =>
      request<{ at_ms: number; queues: QueueStats[]; totals: QueueStats | null; agents: Agent[] }>(
        'GET',
        '/api/v1/stats/live',
      ),
    intervals: () => request<Intervals>('GET', '/api/v1/stats/intervals'),
    queues: () => request<{ at_ms: number; queues: QueueSummary[] }>('GET', '/api/v1/queues'),
    /** `query`: the search's query string without "?" (recordings_query.ts apiQuery). */
    callRecords: (query: string) => request<CallRecordPage>('GET', `/api/v1/call-records?${query}`),
    callRecord: (id: string) => request<{ record: CallRecord }>('GET', `/api/v1/call-records/${seg(id)}`),
    /** How the call's recording looks and who spoke when; 404 without a recording. */
    callRecordWaveform: (id: string) => request<Waveform>('GET', `/api/v1/call-records/${seg(id)}/waveform`),
    /** Managers only: the call's recording is kept whatever the retention says (no body). */
    setLegalHold: (id: string) => request<{ record: CallRecord }>('PUT', `/api/v1/call-records/${seg(id)}/legal-hold`),
    liftLegalHold: (id: string) => request<{ record: CallRecord }>('DELETE', `/api/v1/call-records/${seg(id)}/legal-hold`),
    /** The newest version of each scorecard not retired. */
    scorecards: () => request<{ scorecards: Scorecard[] }>('GET', '/api/v1/scorecards'),
    scorecard: (id: string) => request<{ scorecard: Scorecard }>('GET', `/api/v1/scorecards/${seg(id)}`),
    createScorecard: (body: ScorecardBody) => request<{ scorecard: Scorecard }>('POST', '/api/v1/scorecards', body),
    /** Saves the next version; evaluations already made keep theirs. */
    reviseScorecard: (id: string, body: ScorecardBody) => request<{ scorecard: Scorecard }>('PUT', `/api/v1/scorecards/${seg(id)}`, body),
    retireScorecard: (id: string) => request<void>('DELETE', `/api/v1/scorecards/${seg(id)}`),
    /** `query`: e.g. `call=c17` or `agent=a1001` (evaluationsQuery), without "?". */
    evaluations: (query: string) => request<EvaluationPage>('GET', `/api/v1/evaluations?${query}`),
    evaluation: (id: number) => request<EvaluationWithScorecard>('GET', `/api/v1/evaluations/${id}`),
    createEvaluation: (body: EvaluationBody) => request<EvaluationWithScorecard>('POST', '/api/v1/evaluations', body),
    /** The evaluator changes their draft, or submits it (`submit: true`). */
    updateEvaluation: (id: number, body: EvaluationBody) => request<EvaluationWithScorecard>('PUT', `/api/v1/evaluations/${id}`, body),
    /** The evaluated agent: `comment` may be empty for an acknowledgement, not for a dispute. */
    acknowledgeEvaluation: (id: number, comment: string) =>
      request<EvaluationWithScorecard>('POST', `/api/v1/evaluations/${id}/acknowledge`, comment ? { comment } : {}),
    disputeEvaluation: (id: number, comment: string) =>
      request<EvaluationWithScorecard>('POST', `/api/v1/evaluations/${id}/dispute`, { comment }),
    /** QA's answer to a dispute. */
    resolveEvaluation: (id: number, comment: string) =>
      request<EvaluationWithScorecard>('POST', `/api/v1/evaluations/${id}/resolve`, { comment }),
    /** The evaluated call's waveform, for whoever may read the evaluation (its agent too). */
    evaluationWaveform: (id: number) => request<Waveform>('GET', `/api/v1/evaluations/${id}/waveform`),
    /** `query`: quality_query.ts reportApiQuery, without "?". */
    qualityReport: (query: string) => request<QualityReport>('GET', `/api/v1/quality/report?${query}`),
    /** `query`: quality_query.ts sampleApiQuery, without "?". */
    qualitySample: (query: string) => request<QualitySample>('GET', `/api/v1/quality/sample?${query}`),
    /** `query`: reports_query.ts reportsApiQuery, without "?". */
    report: (query: string) => request<PeriodReport>('GET', `/api/v1/reports?${query}`),
    /** The reports mailed on a schedule: a manager's every one, a supervisor's their own; by
     *  name. Agents and QA analysts are refused (403). */
    reportSchedules: () => request<{ schedules: ReportSchedule[] }>('GET', '/api/v1/report-schedules'),
    createReportSchedule: (body: ScheduleBody) => request<{ schedule: ReportSchedule }>('POST', '/api/v1/report-schedules', body),
    /** The same body as creating one; the next send is counted from now. */
    updateReportSchedule: (id: number, body: ScheduleBody) =>
      request<{ schedule: ReportSchedule }>('PUT', `/api/v1/report-schedules/${seg(String(id))}`, body),
    /** Its sends' history goes with it. */
    deleteReportSchedule: (id: number) => request<void>('DELETE', `/api/v1/report-schedules/${seg(String(id))}`),
    /** Sends now the report the schedule would send next (202: made and mailed in the
     *  background; the send starts `pending`). */
    sendReportSchedule: (id: number) => request<{ send: ReportSend }>('POST', `/api/v1/report-schedules/${seg(String(id))}/send`),
    /** A schedule's sends, the latest first (100). */
    reportSends: (schedule: number) => request<{ sends: ReportSend[] }>('GET', `/api/v1/report-sends?schedule=${seg(String(schedule))}`),
    /** A `failed` send tried again now; 409 when it is not failed. */
    retryReportSend: (id: number) => request<{ send: ReportSend }>('POST', `/api/v1/report-sends/${seg(String(id))}/retry`),
    /** `query`: attendance_query.ts attendanceApiQuery, without "?". */
    attendance: (query: string) => request<AttendanceReport>('GET', `/api/v1/attendance?${query}`),
    /** A supervisor or manager sets an agent's first login and last logout of a day; 400
     *  names the field refused, 403 an agent outside the caller's teams. */
    correctAttendance: (body: CorrectionBody) => request<{ correction: SavedCorrection }>('POST', '/api/v1/attendance/corrections', body),
    /** The KPI alerts up now in the reader's scope, the latest first (docs/api.md "Alerts"). */
    activeAlerts: () => request<{ alerts: Alert[] }>('GET', '/api/v1/alerts?active=true'),
    /** A supervisor or manager is on it; 409 when someone was already (the message says who). */
    acknowledgeAlert: (id: number) => request<{ alert: Alert }>('POST', `/api/v1/alerts/${id}/acknowledge`),
    /** The alerts up now and the latest cleared (200 kept) in the reader's scope, the latest
     *  first. */
    alerts: () => request<{ alerts: Alert[] }>('GET', '/api/v1/alerts'),
    /** The KPI alert rules the reader may see, by name, and whether `email` may be given. */
    alertRules: () => request<AlertRuleList>('GET', '/api/v1/alert-rules'),
    /** 409 for a name taken (by the configuration too); 403 for a supervisor naming no queue or
     *  another team's; 404 for a queue that is not configured. */
    createAlertRule: (body: AlertRuleBody) => request<{ rule: AlertRule }>('POST', '/api/v1/alert-rules', body),
    /** The same body, its name the path's; an alert the rule had up is cleared. 404 for a rule
     *  the caller may not change or none, 409 for a rule of the configuration file. */
    updateAlertRule: (name: string, body: AlertRuleBody) => request<{ rule: AlertRule }>('PUT', `/api/v1/alert-rules/${seg(name)}`, body),
    /** An alert it had up is cleared. */
    deleteAlertRule: (name: string) => request<void>('DELETE', `/api/v1/alert-rules/${seg(name)}`),
  };
}

/** The recording of a finished call, for an audio element's src (the server answers range
 *  requests, so the element streams and seeks) or, with `download`, as an attachment. */
export function recordingUrl(id: string, download = false): string {
  return `/api/v1/call-records/${seg(id)}/recording${download ? '?download=true' : ''}`;
}

/** The recording of an evaluated call, for whoever may read the evaluation (its agent too). */
export function evaluationRecordingUrl(id: number): string {
  return `/api/v1/evaluations/${id}/recording`;
}

/** The report as a spreadsheet: the same query with `format=csv` (the server answers it as an
 *  attachment, so a plain link downloads it). */
export function qualityReportCsvUrl(query: string): string {
  return `/api/v1/quality/report?${query}&format=csv`;
}

/** The report as an Excel workbook (right to left for a Persian or Arabic reader). */
export function qualityReportXlsxUrl(query: string): string {
  return `/api/v1/quality/report?${query}&format=xlsx`;
}

/** The historical report as a spreadsheet, a workbook or a PDF: the same query with
 *  `format=csv`, `format=xlsx` or `format=pdf` (printed by the server in the reader's
 *  language); an attachment, so a plain link downloads it. */
export function reportDownloadUrl(query: string, format: 'csv' | 'xlsx' | 'pdf'): string {
  return `/api/v1/reports?${query}&format=${format}`;
}

/** The agents' days as a spreadsheet or a workbook: the same query with `format=csv` or
 *  `format=xlsx` (an attachment, so a plain link downloads it). */
export function attendanceDownloadUrl(query: string, format: 'csv' | 'xlsx'): string {
  return `/api/v1/attendance?${query}&format=${format}`;
}

/** The query of GET /api/v1/evaluations (without "?") for the evaluations of one call or of
 *  one agent, the newest changed first. */
export function evaluationsQuery(filter: { call?: string; agent?: string; state?: string }, limit = 50): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (value) {
      params.set(name, value);
    }
  }
  params.set('limit', String(limit));
  return params.toString();
}

export type Api = ReturnType<typeof createApi>;

import type { Page, Response } from 'playwright-core';
import { expect } from 'vitest';
import type { PeriodReport } from '../../../src/api/types';

// The Reports page (/reports) as the tests drive it: an action and the report it drew.

const isReportAnswer = (r: Response) => r.url().includes('/api/v1/reports?') && !r.url().includes('format=');

/** Does `action` (a click, a navigation) and answers with the report the page asked for and
 *  drew: the JSON it was given, read from its own request. A tab's first report may be asked
 *  twice (its answer names the centre's zone, whose days the page asks for then): the one
 *  drawn is the one whose query the downloads carry. */
export async function reportAfter(page: Page, action: () => Promise<unknown>): Promise<PeriodReport> {
  const answers = new Map<string, Response>();
  const listen = (r: Response) => {
    if (isReportAnswer(r)) {
      answers.set(new URL(r.url()).search.slice(1), r);
    }
  };
  page.on('response', listen);
  try {
    await Promise.all([page.waitForResponse(isReportAnswer), action()]);
    // Busy from the first request until a report is drawn.
    await page.locator('[data-testid="period-report"]:not([aria-busy])').waitFor();
    const shown = (await page.locator('[data-testid="reports-csv"]').getAttribute('href'))!.replace(/^\/api\/v1\/reports\?/, '').replace(/&format=csv$/, '');
    const response = answers.get(shown);
    expect(response, `${shown} is none of ${[...answers.keys()].join(', ')}`).toBeDefined();
    expect(response!.status()).toBe(200);
    const report = (await response!.json()) as PeriodReport;
    const id = report.scope.id ? `[data-id="${report.scope.id}"]` : '';
    await page.locator(`[data-testid="period-report"][data-scope="${report.scope.kind}"]${id}:not([aria-busy])`).waitFor();
    return report;
  } finally {
    page.off('response', listen);
  }
}

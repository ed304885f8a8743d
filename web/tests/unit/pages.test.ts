import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/api/types';
import { canOpen, homePage, pagesFor, routeFor, safeNext } from '../../src/auth/pages';

const user = (role: Role, agent: string | null = null) => ({ role, agent });

describe('who may open which page', () => {
  it('keeps agents and QA out of the supervisor console', () => {
    expect(canOpen(user('agent', 'a1001'), 'console')).toBe(false);
    expect(canOpen(user('qa'), 'console')).toBe(false);
    expect(canOpen(user('supervisor'), 'console')).toBe(true);
    expect(canOpen(user('manager'), 'console')).toBe(true);
  });

  it('opens the desk only to someone who is an agent', () => {
    expect(canOpen(user('agent', 'a1001'), 'desk')).toBe(true);
    expect(canOpen(user('supervisor'), 'desk')).toBe(false);
    expect(canOpen(user('supervisor', 'a1010'), 'desk')).toBe(true);
    expect(canOpen(user('qa', 'a1001'), 'desk')).toBe(false);
  });

  it('lists the pages in the nav per role', () => {
    expect(pagesFor(user('agent', 'a1001'))).toEqual(['wallboard', 'desk', 'reports', 'attendance']);
    expect(pagesFor(user('supervisor'))).toEqual(['wallboard', 'console', 'alerts', 'reports', 'attendance', 'recordings', 'quality']);
    expect(pagesFor(user('qa'))).toEqual(['wallboard', 'reports', 'attendance', 'recordings', 'quality', 'scorecards']);
    expect(pagesFor(user('manager'))).toEqual(['wallboard', 'console', 'alerts', 'reports', 'attendance', 'recordings', 'quality', 'scorecards']);
  });

  it('opens the alerts (history and rules) to managers and supervisors, never to QA or agents', () => {
    expect(canOpen(user('manager'), 'alerts')).toBe(true);
    expect(canOpen(user('supervisor'), 'alerts')).toBe(true);
    expect(canOpen(user('qa'), 'alerts')).toBe(false);
    expect(canOpen(user('agent', 'a1001'), 'alerts')).toBe(false);
    expect(routeFor('/alerts', '')).toEqual({ kind: 'page', page: 'alerts' });
  });

  it('opens the scorecards to those who build them: managers and QA', () => {
    expect(canOpen(user('qa'), 'scorecards')).toBe(true);
    expect(canOpen(user('manager'), 'scorecards')).toBe(true);
    expect(canOpen(user('supervisor', 'a1010'), 'scorecards')).toBe(false);
    expect(canOpen(user('agent', 'a1001'), 'scorecards')).toBe(false);
    expect(routeFor('/scorecards', '')).toEqual({ kind: 'page', page: 'scorecards' });
  });

  it('opens the quality reports to managers, supervisors and QA, never to agents', () => {
    expect(canOpen(user('qa'), 'quality')).toBe(true);
    expect(canOpen(user('supervisor'), 'quality')).toBe(true);
    expect(canOpen(user('manager'), 'quality')).toBe(true);
    expect(canOpen(user('agent', 'a1001'), 'quality')).toBe(false);
    expect(routeFor('/quality', '?by=call&agent=a1005')).toEqual({ kind: 'page', page: 'quality' });
  });

  it('opens the reports to managers, supervisors, QA and agents who are agents (their own figures)', () => {
    for (const role of ['manager', 'supervisor', 'qa'] as const) {
      expect(canOpen(user(role), 'reports'), role).toBe(true);
    }
    expect(canOpen(user('agent', 'a1001'), 'reports')).toBe(true);
    expect(canOpen(user('agent'), 'reports')).toBe(false);
    expect(routeFor('/reports', '?by=week&queue=sales')).toEqual({ kind: 'page', page: 'reports' });
  });

  it('opens attendance to managers, supervisors, QA and agents who are agents (their own days)', () => {
    for (const role of ['manager', 'supervisor', 'qa'] as const) {
      expect(canOpen(user(role), 'attendance'), role).toBe(true);
    }
    expect(canOpen(user('agent', 'a1001'), 'attendance')).toBe(true);
    expect(canOpen(user('agent'), 'attendance')).toBe(false);
    expect(routeFor('/attendance', '?from=2026-12-01&to=2026-12-06&queue=sales')).toEqual({ kind: 'page', page: 'attendance' });
  });

  it('opens the recordings to QA, supervisors and managers, never to agents', () => {
    expect(canOpen(user('qa'), 'recordings')).toBe(true);
    expect(canOpen(user('supervisor', 'a1010'), 'recordings')).toBe(true);
    expect(canOpen(user('manager'), 'recordings')).toBe(true);
    expect(canOpen(user('agent', 'a1001'), 'recordings')).toBe(false);
  });

  it('sends each role home to its own page', () => {
    expect(homePage(user('agent', 'a1001'))).toBe('desk');
    expect(homePage(user('supervisor'))).toBe('console');
    expect(homePage(user('manager'))).toBe('wallboard');
    expect(homePage(user('qa'))).toBe('recordings');
  });

  it('lands each role on a page it may open', () => {
    for (const someone of [user('agent', 'a1001'), user('agent'), user('supervisor'), user('supervisor', 'a1010'), user('qa'), user('qa', 'a1001'), user('manager'), user('manager', 'a1001')]) {
      expect(canOpen(someone, homePage(someone)), JSON.stringify(someone)).toBe(true);
    }
  });
});

describe('routes', () => {
  it('map paths to views', () => {
    expect(routeFor('/', '')).toEqual({ kind: 'home' });
    expect(routeFor('/console/', '')).toEqual({ kind: 'page', page: 'console' });
    expect(routeFor('/recordings', '?caller=1005&call=c1')).toEqual({ kind: 'page', page: 'recordings' });
    expect(routeFor('/login', '?next=%2Fdesk')).toEqual({ kind: 'login', next: '/desk' });
    expect(routeFor('/login', '?next=%2Frecordings%3Fcaller%3D1005%26call%3Dc1')).toEqual({ kind: 'login', next: '/recordings?caller=1005&call=c1' });
    expect(routeFor('/nope', '')).toEqual({ kind: 'unknown' });
  });

  it('follow next only within this site', () => {
    expect(safeNext('/console')).toBe('/console');
    expect(safeNext('//evil.example/x')).toBeNull();
    expect(safeNext('https://evil.example')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});

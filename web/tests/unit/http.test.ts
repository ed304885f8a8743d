import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/api_error';
import { csrfHeaders, readCookie } from '../../src/api/csrf';
import { createApi } from '../../src/api/endpoints';
import { createRequest } from '../../src/api/http';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function recorder(response: () => Response, cookies = 'theme=dark; markaz_csrf=tok%2Den123; other=1') {
  const sent: Sent[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    sent.push({ url, method: init.method!, headers: init.headers as Record<string, string>, body: init.body as string | undefined });
    return response();
  }) as unknown as typeof globalThis.fetch;
  return { sent, api: createApi(createRequest({ fetch, cookies: () => cookies })) };
}

const json = (status: number, body: unknown) => () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('CSRF double submit', () => {
  it('reads the cookie among others', () => {
    expect(readCookie('a=1; markaz_csrf=xyz; b=2', 'markaz_csrf')).toBe('xyz');
    expect(readCookie('a=1', 'markaz_csrf')).toBeNull();
  });

  it('adds X-CSRF-Token to POST, PUT, PATCH and DELETE only', () => {
    const cookie = 'markaz_csrf=abc';
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'patch']) {
      expect(csrfHeaders(method, cookie)).toEqual({ 'X-CSRF-Token': 'abc' });
    }
    expect(csrfHeaders('GET', cookie)).toEqual({});
    expect(csrfHeaders('POST', '')).toEqual({});
  });

  it('is sent by the API client on a state change, with the JSON body', async () => {
    const { sent, api } = recorder(json(200, { at_ms: 1, agent: {} }));
    await api.setAgentState('a1001', 'paused', 'lunch');
    expect(sent[0]).toEqual({
      url: '/api/v1/agents/a1001/state',
      method: 'POST',
      headers: { Accept: 'application/json', 'X-CSRF-Token': 'tok-en123', 'Content-Type': 'application/json' },
      body: '{"state":"paused","reason":"lunch"}',
    });
  });

  it('is not sent on reads, which carry no body either', async () => {
    const { sent, api } = recorder(json(200, { user: {} }));
    await api.me();
    expect(sent[0]!.headers).toEqual({ Accept: 'application/json' });
    expect(sent[0]!.body).toBeUndefined();
  });
});

describe('API client', () => {
  it('sends a reason only with paused', async () => {
    const { sent, api } = recorder(json(200, {}));
    await api.setAgentState('a1001', 'available', 'lunch');
    expect(sent[0]!.body).toBe('{"state":"available"}');
  });

  it('encodes ids in paths', async () => {
    const { sent, api } = recorder(json(200, {}));
    await api.moveCall('c/1 2', 'a1006');
    expect(sent[0]!.url).toBe('/api/v1/calls/c%2F1%202/move');
    expect(sent[0]!.body).toBe('{"agent":"a1006"}');
  });

  it('turns the error body into an ApiError with code and field', async () => {
    const { api } = recorder(json(400, { error: { code: 'invalid_value', field: 'reason', message: 'reason: unknown pause reason' } }));
    const error = await api.setAgentState('a1001', 'paused', 'nap').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_value', field: 'reason', message: 'reason: unknown pause reason' });
  });

  it('gives a usable error for a body that is not the documented shape', async () => {
    const { api } = recorder(() => new Response('<html>bad gateway</html>', { status: 502 }));
    await expect(api.me()).rejects.toMatchObject({ status: 502, code: 'internal' });
  });

  it('reports a network failure as code network', async () => {
    const fetch = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof globalThis.fetch;
    const api = createApi(createRequest({ fetch, cookies: () => '' }));
    await expect(api.me()).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('puts a call on legal hold with PUT and lifts it with DELETE: CSRF header, no body', async () => {
    const held = { record: { id: 'c/1', legal_hold: true } };
    const { sent, api } = recorder(json(200, held));
    await expect(api.setLegalHold('c/1')).resolves.toEqual(held);
    await api.liftLegalHold('c/1');
    expect(sent).toEqual([
      { url: '/api/v1/call-records/c%2F1/legal-hold', method: 'PUT', headers: { Accept: 'application/json', 'X-CSRF-Token': 'tok-en123' }, body: undefined },
      { url: '/api/v1/call-records/c%2F1/legal-hold', method: 'DELETE', headers: { Accept: 'application/json', 'X-CSRF-Token': 'tok-en123' }, body: undefined },
    ]);
  });

  it('returns undefined for 204', async () => {
    const { api } = recorder(() => new Response(null, { status: 204 }));
    await expect(api.logout()).resolves.toBeUndefined();
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kRepoRoot, kWebRoot } from './source_files';

// docs/api.md (prose) and docs/openapi.json (what the server serves) describe one API; the
// pages call it through src/api/endpoints.ts. These tests keep the three in step.

const apiMd = readFileSync(join(kRepoRoot, 'docs/api.md'), 'utf8');
const openapi = JSON.parse(readFileSync(join(kRepoRoot, 'docs/openapi.json'), 'utf8')) as {
  openapi: string;
  paths: Record<string, Record<string, { 'x-roles'?: string; responses?: object; description?: string; requestBody?: object }>>;
  components: { schemas: Record<string, unknown> };
};
const kMethods = ['get', 'post', 'put', 'patch', 'delete'];

function openapiOperations(): string[] {
  return Object.entries(openapi.paths).flatMap(([path, item]) =>
    Object.keys(item).filter((key) => kMethods.includes(key)).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

function documentedOperations(): string[] {
  const headings = [...apiMd.matchAll(/^### `(GET|POST|PUT|PATCH|DELETE) (\/[^`]*)`/gm)].map((m) => `${m[1]} ${m[2]}`);
  // The WebSocket has a section of its own rather than a ### heading.
  expect(apiMd).toMatch(/^## WebSocket `\/api\/v1\/events`/m);
  return [...headings, 'GET /api/v1/events'];
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(refsIn);
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => (key === '$ref' && typeof inner === 'string' ? [inner] : refsIn(inner)));
  }
  return [];
}

describe('the API documents', () => {
  it('openapi.json is OpenAPI 3', () => {
    expect(openapi.openapi).toMatch(/^3\./);
  });

  it('list the same endpoints in api.md and openapi.json', () => {
    expect(documentedOperations().sort()).toEqual(openapiOperations().sort());
  });

  it('resolve every $ref', () => {
    const root = openapi as unknown as Record<string, unknown>;
    const broken = refsIn(openapi).filter((ref) => {
      let node: unknown = root;
      for (const part of ref.replace(/^#\//, '').split('/')) {
        node = (node as Record<string, unknown> | undefined)?.[part];
      }
      return node === undefined;
    });
    expect(broken).toEqual([]);
  });

  it('say for every operation which roles may call it and what it answers', () => {
    for (const [path, item] of Object.entries(openapi.paths)) {
      for (const method of kMethods.filter((m) => m in item)) {
        expect(item[method]!['x-roles'], `${method} ${path}`).toBeTruthy();
        expect(Object.keys(item[method]!.responses ?? {}).length, `${method} ${path}`).toBeGreaterThan(0);
      }
    }
  });

  it('tell cookie clients to send the CSRF header on every state change behind the login', () => {
    for (const [path, item] of Object.entries(openapi.paths)) {
      for (const method of ['post', 'put', 'patch', 'delete'].filter((m) => m in item)) {
        if (path === '/api/v1/session' && method === 'post') {
          continue; // login: no session yet (docs/api.md "Login itself")
        }
        expect(item[method]!.description ?? '', `${method} ${path}`).toContain('X-CSRF-Token');
      }
    }
  });

  it('share one list of error codes', () => {
    const documented = [...apiMd.matchAll(/^\| \d{3} \| `([a-z_]+)` \|/gm)].map((m) => m[1]).sort();
    const schema = openapi.components.schemas.Error as { properties: { error: { properties: { code: { enum: string[] } } } } };
    expect(schema.properties.error.properties.code.enum.slice().sort()).toEqual(documented);
  });

  it('use the engine agent states', () => {
    const states = (openapi.components.schemas.AgentState as { enum: string[] }).enum;
    // src/acd/agent_state.h kAgentStateNames
    expect(states).toEqual(['logged-out', 'available', 'ringing', 'on-call', 'wrap-up', 'paused', 'not-ready']);
  });
});

describe('the pages call only documented endpoints', () => {
  const source = readFileSync(join(kWebRoot, 'src/api/endpoints.ts'), 'utf8');
  const calls = [...source.matchAll(/request<[\s\S]*?>\(\s*'(GET|POST|PUT|PATCH|DELETE)',\s*[`']([^`']+)[`']/g)].map((m) => ({
    method: m[1]!.toLowerCase(),
    // A query string (`?${query}`) is not part of the path.
    path: m[2]!.replace(/\?.*$/, ''),
  }));

  it('finds the calls', () => {
    expect(calls.length).toBeGreaterThanOrEqual(14);
  });

  it('each is in openapi.json with its method', () => {
    const templates = Object.entries(openapi.paths).map(([path, item]) => ({
      pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '\\$\\{[^}]+\\}')}$`),
      methods: Object.keys(item),
    }));
    const unknown = calls.filter(({ method, path }) => !templates.some((t) => t.pattern.test(path) && t.methods.includes(method)));
    expect(unknown).toEqual([]);
  });
});

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Where the browser tests find Markaz, Chromium and SIPp, and where they leave screenshots.
// Every one can be changed from the environment; the defaults match config/demo.yaml.

const kWebRoot = fileURLToPath(new URL('../../..', import.meta.url));

export const kMarkazUrl = (process.env.MARKAZ_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
export const kArtifactsDir = process.env.MARKAZ_ARTIFACTS ?? join(kWebRoot, 'test-artifacts', 'browser');
export const kChromiumPath = process.env.MARKAZ_CHROMIUM ?? '/usr/bin/chromium';
/** Markaz's SIP address, for the SIPp caller that makes a call wait in a queue. */
export const kSipTarget = process.env.MARKAZ_SIP ?? '127.0.0.1:5060';
export const kSippPath = process.env.MARKAZ_SIPP ?? 'sipp';

/** Demo users log in with "demo-" + user name (config/demo.yaml). */
export function demoPassword(username: string): string {
  return `demo-${username}`;
}

/** How long a live change may take to reach the page: 250 ms coalescing plus slack. */
export const kLiveTimeoutMs = 5_000;

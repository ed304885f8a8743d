import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { kSipTarget } from './env';
import { sippPorts, spawnSipp, stopSipp } from './sipp';

const kScenario = fileURLToPath(new URL('./waiting_call.xml', import.meta.url));

/** A SIPp caller (Debian package sip-tester) on extension `from` dialling `number` and staying
 *  on the line: the way to put a real call in a queue. The default, 2001, is the demo
 *  supervisor's phone (config/demo.yaml), so no agent's phone is used; a test that needs 2001
 *  to answer a monitoring call calls from another extension. */
export class WaitingCall {
  private constructor(private readonly process: ChildProcess) {}

  /** `scenario`: another form of waiting_call.xml (talking_audio.ts: a caller who talks). */
  static async start(number = '200', holdMs = 60_000, from = '2001', scenario = kScenario): Promise<WaitingCall> {
    const args = [
      kSipTarget, '-sf', scenario, '-s', number, '-key', 'caller', from,
      // Demo extensions have the password "secret" + number.
      '-au', from, '-ap', `secret${from}`,
      // SIPp puts "sip:host:port" in the digest uri unless told; Markaz wants the Request-URI.
      '-auth_uri', `${number}@${kSipTarget}`,
      ...(await sippPorts()), '-m', '1', '-l', '1', '-d', String(holdMs),
      '-timeout', `${Math.ceil(holdMs / 1000) + 30}s`,
    ];
    return new WaitingCall((await spawnSipp(args)).child);
  }

  /** Ends SIPp, which sends no BYE: the test ends the call through the API first. After that,
   *  `graceMs` lets SIPp answer Markaz's BYE and end by itself. */
  stop(graceMs = 0): Promise<void> {
    return stopSipp(this.process, graceMs);
  }
}

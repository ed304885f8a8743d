import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { kSippPath } from './env';

// Running SIPp (Debian package sip-tester) from the tests, each instance on ports of its own.

export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

export async function freeTcpPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** The arguments every instance needs so that several run at once: our address, and free SIP,
 *  media and control ports (SIPp's control port is 8888 for all unless told). */
export async function sippPorts(sipPort?: number): Promise<string[]> {
  return [
    '-i', '127.0.0.1', '-p', String(sipPort ?? (await freeUdpPort())), '-mp', String(await freeUdpPort()),
    '-cp', String(await freeTcpPort()), '-nostdin',
  ];
}

/** A SIPp process and the end of what it wrote to stderr (its reason for failing). */
export interface Sipp {
  child: ChildProcess;
  errors(): string;
}

/** Starts SIPp and resolves once the process runs (a missing binary fails here, saying what to
 *  install). */
export async function spawnSipp(args: string[]): Promise<Sipp> {
  const child = spawn(kSippPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  // Read all of it, so a talkative SIPp never blocks on a full pipe; keep the end.
  child.stderr!.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2_000)));
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error) => reject(new Error(`cannot run ${kSippPath} (install Debian's sip-tester): ${error.message}`)));
  });
  return { child, errors: () => errors.trim() };
}

/** Runs SIPp to the end of its scenario: resolves when it exits with 0 (every call succeeded),
 *  fails with its error output otherwise, or when it takes longer than `timeoutMs`. */
export async function runSipp(args: string[], what: string, timeoutMs = 10_000): Promise<void> {
  const { child, errors } = await spawnSipp(args);
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (status) => {
      clearTimeout(timer);
      resolve(status);
    });
  });
  if (code !== 0) {
    throw new Error(`${what}: sipp ended with ${code ?? `no status (killed after ${timeoutMs} ms)`}: ${errors()}`);
  }
}

/** Ends a SIPp that is still running and waits until it has gone. `graceMs` gives it time to
 *  finish its scenario first (answer Markaz's BYE and exit), so that Markaz is not left
 *  retransmitting to a closed port. */
export async function stopSipp(child: ChildProcess, graceMs = 0): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const timers = [setTimeout(() => child.kill('SIGTERM'), graceMs), setTimeout(() => child.kill('SIGKILL'), graceMs + 2_000)];
  await gone;
  timers.forEach(clearTimeout);
}

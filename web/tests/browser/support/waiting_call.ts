import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { kSipTarget, kSippPath } from './env';

const kScenario = fileURLToPath(new URL('./waiting_call.xml', import.meta.url));

async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

async function freeTcpPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** A SIPp caller (Debian package sip-tester) on extension 2001 dialling `number` and staying on
 *  the line: the way to put a real call in a queue. Markaz 2001 is the demo supervisor's phone
 *  (config/demo.yaml), so no agent's phone is used. */
export class WaitingCall {
  private constructor(private readonly process: ChildProcess) {}

  static async start(number = '200', holdMs = 60_000): Promise<WaitingCall> {
    const args = [
      kSipTarget, '-sf', kScenario, '-s', number, '-au', '2001', '-ap', 'secret2001',
      // SIPp puts "sip:host:port" in the digest uri unless told; Markaz wants the Request-URI.
      '-auth_uri', `${number}@${kSipTarget}`,
      '-i', '127.0.0.1', '-p', String(await freeUdpPort()), '-mp', String(await freeUdpPort()),
      '-cp', String(await freeTcpPort()), '-m', '1', '-l', '1', '-d', String(holdMs),
      '-timeout', `${Math.ceil(holdMs / 1000) + 30}s`, '-nostdin',
    ];
    const child = spawn(kSippPath, args, { stdio: 'ignore' });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (error) => reject(new Error(`cannot run ${kSippPath} (install Debian's sip-tester): ${error.message}`)));
    });
    return new WaitingCall(child);
  }

  stop(): void {
    if (this.process.exitCode === null) {
      this.process.kill('SIGTERM');
    }
  }
}

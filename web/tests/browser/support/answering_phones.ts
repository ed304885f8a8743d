import { fileURLToPath } from 'node:url';
import { kSipTarget } from './env';
import { freeUdpPort, runSipp, sippPorts, spawnSipp, stopSipp, type Sipp } from './sipp';

const kAnswer = fileURLToPath(new URL('./answering_phone.xml', import.meta.url));
const kRegister = fileURLToPath(new URL('./register_phone.xml', import.meta.url));

/** How long the phones last: a run that dies without stop() leaves no SIPp and no binding
 *  behind for longer (the demo's min_expires is 60 s; a test file takes seconds). */
const kLifetimeS = 120;

/** Demo extensions (config/demo.yaml) played by SIPp: registered with Markaz, answering every
 *  call at once and staying on the line until Markaz hangs up. For an agent whose call must
 *  last (the loadgen of scripts/browser-test plays 1006-1010) and for the supervisor's phone
 *  taking a monitoring call. A fixed desk whose phone registers is made ready by Markaz. */
export class AnsweringPhones {
  private constructor(
    private readonly phone: Sipp,
    private readonly port: number,
    private readonly extensions: string[],
  ) {}

  /** `scenario`: another form of answering_phone.xml (talking_audio.ts: phones that talk). */
  static async start(extensions: string[], scenario = kAnswer): Promise<AnsweringPhones> {
    const port = await freeUdpPort();
    const phone = await spawnSipp(['-sf', scenario, '-aa', '-timeout', `${kLifetimeS}s`, ...(await sippPorts(port))]);
    const phones = new AnsweringPhones(phone, port, extensions);
    try {
      await phones.register(kLifetimeS);
    } catch (error) {
      await stopSipp(phone.child);
      throw error;
    }
    return phones;
  }

  /** Unregisters the extensions (a ready desk goes not ready, waiting for its phone again)
   *  and ends SIPp; calls still up are Markaz's to end. */
  async stop(): Promise<void> {
    try {
      await this.register(0);
    } finally {
      await stopSipp(this.phone.child);
    }
  }

  private async register(expires: number): Promise<void> {
    if (this.phone.child.exitCode !== null || this.phone.child.signalCode !== null) {
      throw new Error(`the answering SIPp has ended: ${this.phone.errors()}`);
    }
    await Promise.all(
      this.extensions.map(async (extension) =>
        runSipp(
          [
            kSipTarget, '-sf', kRegister, '-key', 'ext', extension, '-key', 'contact_port', String(this.port),
            '-key', 'expires', String(expires), '-au', extension, '-ap', `secret${extension}`, '-auth_uri', kSipTarget,
            ...(await sippPorts()), '-m', '1', '-l', '1',
          ],
          `${expires ? 'register' : 'unregister'} ${extension}`,
        ),
      ),
    );
  }
}

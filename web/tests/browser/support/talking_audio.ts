import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// SIPp phones that "speak": a tone in bursts, streamed as G.711 µ-law RTP with SIPp's
// rtp_stream (SIPp 3.6 built with RTPSTREAM, Debian's sip-tester), so a recording has sound
// on its side of the call and the waveform and who-spoke-when have something to show. The
// scenarios are the silent ones (answering_phone.xml, waiting_call.xml) with the stream started
// where they mark "<!-- talking: audio starts here -->"; everything else is the same.

const kSampleRate = 8_000;
const kMarker = '<!-- talking: audio starts here -->';

/** ITU-T G.711 µ-law of a 16-bit linear sample. */
function ulaw(sample: number): number {
  const bias = 0x84;
  const clip = 32_635;
  const sign = sample < 0 ? 0x80 : 0;
  let magnitude = Math.min(Math.abs(Math.round(sample)), clip) + bias;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) {
    exponent -= 1;
  }
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  magnitude = ~(sign | (exponent << 4) | mantissa);
  return magnitude & 0xff;
}

/** One period of talk: `silentMs` of silence, then `toneMs` of a 440 Hz tone at half scale
 *  (about −6 dBFS, far above the −40 dBFS the server counts as speech), as raw µ-law. */
export function toneBursts(silentMs: number, toneMs: number): Buffer {
  const silent = (silentMs / 1000) * kSampleRate;
  const total = silent + (toneMs / 1000) * kSampleRate;
  const bytes = Buffer.alloc(total);
  for (let i = 0; i < total; i += 1) {
    const level = i < silent ? 0 : 16_000 * Math.sin((2 * Math.PI * 440 * i) / kSampleRate);
    bytes[i] = ulaw(level);
  }
  return bytes;
}

/** The talking form of a silent scenario beside this file: written with its audio to a
 *  directory of its own; the path of the scenario to give SIPp's -sf. The audio loops until
 *  the call ends (PCMU, payload type 0, as the scenarios' SDP offers). */
export function talkingScenario(silent: 'answering_phone.xml' | 'waiting_call.xml', audio: Buffer): string {
  const text = readFileSync(fileURLToPath(new URL(`./${silent}`, import.meta.url)), 'latin1');
  if (!text.includes(kMarker)) {
    throw new Error(`${silent} has no "${kMarker}" to start the audio at`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'markaz-talking-'));
  const audioPath = join(dir, 'talk.ulaw');
  writeFileSync(audioPath, audio);
  const stream = `<nop><action><exec rtp_stream="${audioPath},-1,0" /></action></nop>`;
  const scenario = join(dir, silent);
  writeFileSync(scenario, text.replace(kMarker, stream), 'latin1');
  return scenario;
}

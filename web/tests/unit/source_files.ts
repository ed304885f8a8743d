import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** web/ */
export const kWebRoot = fileURLToPath(new URL('../..', import.meta.url));
/** the repository */
export const kRepoRoot = join(kWebRoot, '..');

/** Every .ts file under web/src, with its text. */
export function sourceFiles(dir = join(kWebRoot, 'src')): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      out.push(...sourceFiles(path));
    } else if (name.endsWith('.ts')) {
      out.push({ path: relative(kWebRoot, path), text: readFileSync(path, 'utf8') });
    }
  }
  return out;
}

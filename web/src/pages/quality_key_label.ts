import type { ReportGroupBy } from '../api/types';

/** A report key as people read it: an agent's or a scorecard's name where the page knows it;
 *  a section's key is "scorecard id: title" (ids have no colon), its scorecard named too; a
 *  queue, an analyst or a call as the server gives it. */
export function reportKeyLabel(by: ReportGroupBy, key: string, agentNames: ReadonlyMap<string, string>, cardNames: ReadonlyMap<string, string>): string {
  if (by === 'agent') {
    return agentNames.get(key) ?? key;
  }
  if (by === 'scorecard') {
    return cardNames.get(key) ?? key;
  }
  const colon = key.indexOf(': ');
  if (by === 'section' && colon > 0) {
    const card = key.slice(0, colon);
    return `${cardNames.get(card) ?? card}: ${key.slice(colon + 2)}`;
  }
  return key;
}

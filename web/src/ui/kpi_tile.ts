import { h, setData, setText } from './dom';

/** A labelled figure: the wallboard's and desk's building block. `data-kpi` names the figure
 *  for styles and tests. */
export interface KpiTile {
  element: HTMLElement;
  set(value: string, note?: string): void;
  /** A colour or mood for the value (service level green/amber/red). */
  mark(tone: string): void;
}

export function kpiTile(kpi: string, label: string, size: 'big' | 'small' = 'small'): KpiTile {
  const value = h('span', { class: 'kpi-value' });
  const note = h('span', { class: 'kpi-note' });
  const element = h('div', { class: `kpi kpi-${size}`, 'data-kpi': kpi }, h('span', { class: 'kpi-label' }, label), value, note);
  return {
    element,
    set(text, noteText = '') {
      setText(value, text);
      setText(note, noteText);
    },
    mark(tone) {
      setData(element, 'tone', tone);
    },
  };
}

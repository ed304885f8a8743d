import { h } from './dom';

/** One line at the bottom of the page for the outcome of an action (a refused state change).
 *  A polite live region, so screen readers announce it too. */
export class Notice {
  readonly element = h('div', { class: 'notice', role: 'status', 'aria-live': 'polite' });
  private timer: ReturnType<typeof setTimeout> | undefined;

  show(text: string, kind: 'error' | 'info' = 'error'): void {
    this.element.textContent = text;
    this.element.dataset.kind = kind;
    this.element.classList.add('visible');
    clearTimeout(this.timer);
    // Long enough to read a sentence twice.
    this.timer = setTimeout(() => this.element.classList.remove('visible'), 8000);
  }
}

// A tiny element builder. Text always goes in through textContent (never innerHTML), so data
// from the server (names, caller numbers, IVR digits) cannot inject markup.

type Listener = (event: Event) => void;
export type Attrs = Record<string, string | number | boolean | null | undefined | Listener>;
export type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') {
      element.addEventListener(name.replace(/^on/, ''), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) {
      parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
  }
}

/** Sets text only when it changed, so a live update does not disturb selection or layout. */
export function setText(element: Element, text: string): void {
  if (element.textContent !== text) {
    element.textContent = text;
  }
}

/** Sets a data attribute only when it changed (tests and CSS read data-state and friends). */
export function setData(element: HTMLElement, name: string, value: string): void {
  if (element.dataset[name] !== value) {
    element.dataset[name] = value;
  }
}

export function clear(element: Element): void {
  element.replaceChildren();
}

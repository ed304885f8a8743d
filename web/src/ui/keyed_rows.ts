/** Keeps the children of `parent` in step with `items`: one element per key, created once,
 *  updated in place, moved only when out of order, removed when gone. Rows keep their form
 *  controls (an open select, a typed priority) across live updates. */
export function syncRows<T>(
  parent: HTMLElement,
  items: readonly T[],
  key: (item: T) => string,
  create: (item: T) => HTMLElement,
  update: (element: HTMLElement, item: T) => void,
): void {
  const existing = new Map<string, HTMLElement>();
  for (const child of Array.from(parent.children)) {
    if (child instanceof HTMLElement && child.dataset.key !== undefined) {
      existing.set(child.dataset.key, child);
    }
  }
  let position = 0;
  for (const item of items) {
    const id = key(item);
    let element = existing.get(id);
    if (element) {
      existing.delete(id);
    } else {
      element = create(item);
      element.dataset.key = id;
    }
    update(element, item);
    const here = parent.children[position];
    if (here !== element) {
      parent.insertBefore(element, here ?? null);
    }
    position += 1;
  }
  for (const stale of existing.values()) {
    stale.remove();
  }
}

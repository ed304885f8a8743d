import type { AppContext } from '../app_context';

/**
 * Runs `render` now, on every live update and once a second (waits and times in state move
 * between frames; a second is the finest a page shows). Returns the function that stops it.
 */
export function renderLive(context: AppContext, render: () => void): () => void {
  render();
  const unsubscribe = context.live.subscribe(render);
  const ticker = setInterval(render, 1000);
  return () => {
    unsubscribe();
    clearInterval(ticker);
  };
}

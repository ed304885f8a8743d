import type { Page } from 'playwright-core';

/** How many pixels of a canvas are painted (0 for one left blank): all of it, or only above or
 *  below its middle line (the line itself and a pixel either side left out). */
export function paintedPixels(page: Page, selector: string, part: 'all' | 'above' | 'below' = 'all'): Promise<number> {
  return page.locator(selector).first().evaluate((element, part) => {
    const canvas = element as HTMLCanvasElement;
    const middle = Math.floor(canvas.height / 2);
    const [top, bottom] = part === 'above' ? [0, middle - 2] : part === 'below' ? [middle + 3, canvas.height] : [0, canvas.height];
    const { data } = canvas.getContext('2d')!.getImageData(0, top, canvas.width, bottom - top);
    let painted = 0;
    for (let alpha = 3; alpha < data.length; alpha += 4) {
      painted += data[alpha]! > 0 ? 1 : 0;
    }
    return painted;
  }, part);
}

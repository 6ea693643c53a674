import type { Rect, Virtualizer } from '@tanstack/react-virtual';

/**
 * The scroller's size for the grid's virtualizers, from a ResizeObserver
 * alone. The library's default reads the size in a layout effect, which makes
 * the browser lay the page out in the middle of React's commit and then again
 * for the cells drawn to the measured size. Here the first render keeps its
 * estimate (the `initialRect`), the browser lays out once, and the observer's
 * report, which comes after that layout, corrects the drawn range in the next
 * frame if the estimate was off.
 */
export function observeRectAfterLayout(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: Rect) => void): (() => void) | undefined {
  const element = instance.scrollElement;
  if (!element) return undefined;
  // The content box of the scroller (it has no padding) is its clientWidth × clientHeight, as the default measures.
  const observer = new ResizeObserver(([entry]) => {
    if (entry) cb({ width: Math.round(entry.contentRect.width), height: Math.round(entry.contentRect.height) });
  });
  observer.observe(element);
  return () => observer.disconnect();
}

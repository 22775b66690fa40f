import { useEffect, useRef } from 'react';

export type PlotModule = typeof import('@observablehq/plot');

/**
 * A chart of Observable Plot, loaded on the pages that draw one (the public
 * directory and the rest of the app do not carry it). The chart is a picture
 * of the table beside it: one image with a label, and screen readers read the
 * table. `build` should be stable (useCallback), or the chart is drawn again.
 */
export function PlotFigure({ build, label, className }: { build: (plot: PlotModule) => SVGSVGElement | HTMLElement; label: string; className: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let gone = false;
    let node: Element | null = null;
    void import('@observablehq/plot').then((plot) => {
      if (gone || !ref.current) return;
      node = build(plot);
      // Plot names its marks with aria-label on plain groups; the wrapper is the one image, its table the words.
      node.querySelectorAll('[aria-label]').forEach((e) => e.removeAttribute('aria-label'));
      node.setAttribute('aria-hidden', 'true');
      ref.current.replaceChildren(node);
    });
    return () => {
      gone = true;
      node?.remove();
    };
  }, [build]);
  return <div ref={ref} className={className} role="img" aria-label={label} />;
}

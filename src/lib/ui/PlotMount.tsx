/**
 * Mounts an Element made by a pure chart function; redraws only when `make` changes. Each chart draws
 * in its own task (setTimeout 0), so a view with eight heatmaps never makes one long main-thread task
 * out of them, and a newer `make` cancels a draw that has not happened yet.
 */
import { useEffect, useRef } from 'preact/hooks';

export function PlotMount({ make, class: className }: { make: () => Element; class?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const timer = setTimeout(() => ref.current?.replaceChildren(make()), 0);
    return () => clearTimeout(timer);
  }, [make]);
  return <div ref={ref} class={className ?? 'chart'} />;
}

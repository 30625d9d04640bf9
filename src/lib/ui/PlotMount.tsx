/** Mounts an Element made by a pure chart function; redraws only when `make` changes. */
import { useEffect, useRef } from 'preact/hooks';

export function PlotMount({ make, class: className }: { make: () => Element; class?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.replaceChildren(make());
  }, [make]);
  return <div ref={ref} class={className ?? 'chart'} />;
}

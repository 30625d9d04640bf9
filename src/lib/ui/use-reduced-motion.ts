/**
 * True while the reader's system asks for reduced motion, followed live. Widgets then start no
 * animation on their own (the contract: prefers-reduced-motion stops autoplay) and show end states.
 */
import { useEffect, useState } from 'preact/hooks';

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/** The setting right now (false where there is no matchMedia: at build time, in Node). */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia(REDUCED_MOTION).matches;
}

export function usePrefersReducedMotion(): boolean {
  const [reduced, setReduced] = useState(prefersReducedMotion);
  useEffect(() => {
    const query = matchMedia(REDUCED_MOTION);
    const update = () => setReduced(query.matches);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return reduced;
}

/**
 * Closed solutions ship as the text of a <noscript> (src/components/teaching/Solution.astro): with scripts
 * on, that text is the body's HTML, parsed only when the reader opens the solution, or before printing
 * (the print script opens every solution, and a toggle event would arrive after the printout is laid out).
 */

/** Puts a solution's deferred body in place; a solution already revealed (or never deferred) is left. */
export function revealSolution(details: HTMLDetailsElement): void {
  const deferred = details.querySelector(':scope > noscript.solution-deferred');
  if (!deferred) return;
  // The HTML is the build's own output (a lesson's MDX rendered by Astro), never a reader's input.
  deferred.insertAdjacentHTML('afterend', deferred.textContent ?? '');
  deferred.remove();
}

export function revealAllSolutions(root: ParentNode = document): void {
  root.querySelectorAll<HTMLDetailsElement>('details.solution').forEach(revealSolution);
}

/**
 * Reveals a solution as it opens: on the click on its summary (mouse or keyboard), before the browser
 * opens it, so no frame shows it empty; and on toggle (which does not bubble, so it is caught on the way
 * down) for a solution opened any other way.
 */
export function deferSolutions(): void {
  addEventListener(
    'click',
    (event) => {
      const summary = event.target instanceof Element ? event.target.closest('summary') : null;
      const details = summary?.parentElement;
      if (details instanceof HTMLDetailsElement && details.matches('details.solution')) revealSolution(details);
    },
    true,
  );
  addEventListener(
    'toggle',
    (event) => {
      if (event.target instanceof HTMLDetailsElement && event.target.open) revealSolution(event.target);
    },
    true,
  );
}

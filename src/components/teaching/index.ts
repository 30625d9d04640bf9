// The fixed set of teaching components; lessons import them from here, the same way in every lesson.
export { default as Aside } from './Aside.astro';
export { default as Cite } from './Cite.astro';
export { default as DeepDive } from './DeepDive.astro';
export { default as Exercise } from './Exercise.astro';
export { default as Objectives } from './Objectives.astro';
export { default as Recap } from './Recap.astro';
export { default as Solution } from './Solution.astro';
export { default as SelfCheck } from './SelfCheck.astro';

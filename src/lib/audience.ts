/**
 * Which edition of the site a build is: one source, three builds, chosen by the DLN_AUDIENCE
 * environment variable at build time (README, "Builds for a course"):
 *
 *   public      (default) what the site has always been: exercises with collapsed solutions, self-checks
 *               that explain their answer once the reader has answered.
 *   student     no worked solutions anywhere in the HTML (nor in the search index): exercises keep their
 *               task and demo link, self-checks still grade (answer keys are hashed, never written out)
 *               but carry no explanation.
 *   instructor  every solution open and marked, each self-check's answer and explanation shown, and a
 *               banner saying the edition must not go to students.
 *
 * Read on the server only (Astro frontmatter at build time); an unknown value fails the build.
 */
export const AUDIENCES = ['public', 'student', 'instructor'] as const;
export type Audience = (typeof AUDIENCES)[number];

export function parseAudience(raw: string | undefined): Audience {
  const value = (raw ?? '').trim() || 'public';
  if (!(AUDIENCES as readonly string[]).includes(value)) {
    throw new Error(`DLN_AUDIENCE="${raw}" is not one of ${AUDIENCES.join(', ')}`);
  }
  return value as Audience;
}

/** This build's audience. */
export function buildAudience(): Audience {
  return parseAudience(process.env.DLN_AUDIENCE);
}

/** Whether worked solutions and explanations go into the HTML. */
export const showsSolutions = (a: Audience) => a !== 'student';

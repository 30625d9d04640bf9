/**
 * The lessons collection. Every frontmatter field is declared and documented here; a lesson whose
 * frontmatter does not match fails the build with the field's name.
 */
import { defineCollection, reference, z } from 'astro:content';
import { glob } from 'astro/loaders';
import { REFERENCE_IDS } from './data/references';

const lessons = defineCollection({
  loader: glob({
    base: './content/lessons',
    pattern: '*/index.mdx',
    // The folder name is the lesson's URL slug (/lessons/<folder>/): links are by name, never by number.
    generateId: ({ entry }) => entry.split('/')[0],
  }),
  schema: z
    .object({
      /** Chapter title, shown in the course map and as the page's h1. */
      title: z.string().min(3),
      /** One line for the course map and the meta description (also used by link previews). */
      description: z.string().min(20).max(200),
      /** Chapter number: orders the course map and previous/next. Free to change; URLs do not use it. */
      order: z.number().int().positive(),
      /** What a reader can do after the lesson, as verbs ("Compute…", "Explain…"). Shown at the top. */
      objectives: z.array(z.string()).min(2),
      /** Lessons to read first (by folder name). Empty for a chapter that stands alone. */
      prerequisites: z.array(reference('lessons')).default([]),
      /** Background knowledge the site does not teach, in plain words ("matrix multiplication"). */
      background: z.array(z.string()).default([]),
      /** Honest reading-and-playing time in minutes, widgets included. */
      minutes: z.number().int().positive(),
      /** Date of the last change of substance. Educators see it beside the version. */
      updated: z.coerce.date(),
      /**
       * Content version, bumped on any change to text, exercises or widget defaults. A course can cite
       * "Transformers v1.0" and know that what students see holds still for the term.
       */
      version: z.string().regex(/^\d+\.\d+$/),
      /** Level, for educators choosing chapters. */
      level: z.enum(['introductory', 'intermediate', 'advanced']),
      /** Bibliography keys (src/data/references.ts) listed at the end; every <Cite> must be among them. */
      references: z.array(z.enum(REFERENCE_IDS)).min(1),
      /**
       * The edition date: when this `version` was published, the date a course cites with it ("Transformers,
       * edition 2.0, 2026-12-01"). Shown in the lesson header, the course map, assignments and citations.
       * Optional: without it the edition is dated by `updated`.
       */
      edition: z.coerce.date().optional(),
      /**
       * What changed in each version, newest first, in words a reader or an educator can act on ("new
       * section on decoding; the cosine exercise quotes new numbers"). The first entry, when present, must
       * be the current `version`. Shown at the top of the lesson; an assignment made for an older version
       * links here. Empty for a chapter's first edition.
       */
      changelog: z
        .array(
          z.object({
            /** The version this entry describes (as in `version`). */
            version: z.string().regex(/^\d+\.\d+$/),
            /** When it was published. */
            date: z.coerce.date(),
            /** One line per change that matters to a reader. */
            changes: z.array(z.string().min(3)).min(1),
          }),
        )
        .default([]),
    })
    .superRefine((data, ctx) => {
      const [latest] = data.changelog;
      if (latest && latest.version !== data.version) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['changelog', 0, 'version'],
          message: `the newest changelog entry is ${latest.version}, the lesson's version ${data.version}`,
        });
      }
      data.changelog.forEach((entry, i) => {
        if (i > 0 && entry.date > data.changelog[i - 1].date) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['changelog', i, 'date'], message: 'newest first' });
        }
      });
    }),
});

export const collections = { lessons };

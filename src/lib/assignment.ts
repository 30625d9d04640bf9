/**
 * Assignment links: an educator's reading list (chapters, sections, exercises, self-checks, widget
 * presets with controls locked or hidden, a note and a due date) packed into one URL, with no server.
 *
 *   /assignment/?a=1.<base64url of deflate-raw(JSON)>
 *
 * The code is validated like widget state (src/lib/params.ts): decoding never throws; what cannot be
 * read is dropped with a short notice, and preset values go through the widget's own params decoder
 * (numbers clamped and snapped, choices checked), so a garbled or hand-edited link gives notices and
 * whatever part of the assignment is still sound, never a crash. Validation is against the site's
 * catalog (/assignment/catalog.json, written at build time), so a link naming a chapter, section or
 * widget that no longer exists says so.
 *
 * Each chapter records the edition (version) it was assigned at: when the chapter has changed since,
 * the reading list and the lesson say so and link to its changelog.
 *
 * Pure apart from the Compression Streams API (browsers, and Node 18+ for the tests).
 */
import { decodeParams, formatParam, type ParamSpecs } from './params';

export const ASSIGNMENT_PARAM = 'a';
const FORMAT = '1';
/** Limits that keep a link and its decoding small. */
export const LIMITS = { title: 120, note: 1000, items: 30, list: 100, code: 8000, json: 40_000 };

export interface Preset {
  /** Widget id on the lesson. */
  widget: string;
  /** Values as they appear in the URL, by param key (validated by the widget's params). */
  values: Record<string, string>;
  /** Params whose control is locked (shown, not changeable) or hidden. */
  lock: string[];
  hide: string[];
}

export interface AssignmentItem {
  lesson: string;
  /** The lesson's version when it was assigned. */
  edition: string;
  /** h2 section slugs; empty: the whole chapter. */
  sections: string[];
  exercises: string[];
  checks: string[];
  presets: Preset[];
}

export interface Assignment {
  title: string;
  note: string;
  /** YYYY-MM-DD or empty. */
  due: string;
  items: AssignmentItem[];
}

/** What validation needs to know about the site. */
export interface CatalogEntry {
  slug: string;
  title: string;
  order: number;
  version: string;
  edition: string;
  minutes: number;
  sections: { slug: string; text: string }[];
  exercises: { id: string; title: string; section: string | null; widget?: string; state?: string }[];
  checks: { id: string; title: string; section: string | null }[];
  widgets: { id: string; name: string; title: string; section: string | null; params: ParamSpecs }[];
}
export interface AssignmentCatalog {
  lessons: CatalogEntry[];
}

// Wire form: short keys keep the link short.
interface WireItem {
  l: string;
  e?: string;
  s?: string[];
  x?: string[];
  c?: string[];
  p?: { w: string; v?: Record<string, string>; k?: string[]; h?: string[] }[];
}
interface Wire {
  t?: string;
  n?: string;
  d?: string;
  i: WireItem[];
}

function toWire(a: Assignment): Wire {
  const wire: Wire = { i: [] };
  if (a.title) wire.t = a.title;
  if (a.note) wire.n = a.note;
  if (a.due) wire.d = a.due;
  for (const item of a.items) {
    const w: WireItem = { l: item.lesson, e: item.edition };
    if (item.sections.length) w.s = item.sections;
    if (item.exercises.length) w.x = item.exercises;
    if (item.checks.length) w.c = item.checks;
    if (item.presets.length) {
      w.p = item.presets.map((p) => ({
        w: p.widget,
        ...(Object.keys(p.values).length ? { v: p.values } : {}),
        ...(p.lock.length ? { k: p.lock } : {}),
        ...(p.hide.length ? { h: p.hide } : {}),
      }));
    }
    wire.i.push(w);
  }
  return wire;
}

// base64url without padding.
function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number) {
  const writer = stream.writable.getWriter();
  writer.write(new Uint8Array(bytes)).catch(() => {});
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    // A small code that inflates to megabytes is not an assignment: stop reading.
    if (size > limit) {
      await reader.cancel();
      throw new Error('too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The URL-safe code of an assignment. */
export async function encodeAssignment(a: Assignment): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(toWire(a)));
  const packed = await pipe(json, new CompressionStream('deflate-raw'), Infinity);
  return `${FORMAT}.${toBase64Url(packed)}`;
}

export interface Decoded {
  /** Null when nothing could be read. */
  assignment: Assignment | null;
  notices: string[];
}

/** Reads a code; never throws. Validates against the catalog when one is given. */
export async function decodeAssignment(code: string, catalog: AssignmentCatalog): Promise<Decoded> {
  const fail = (notice: string): Decoded => ({ assignment: null, notices: [notice] });
  const text = code.trim();
  if (!text) return fail('The assignment link has no assignment in it.');
  if (text.length > LIMITS.code) return fail('The assignment link is too long to be one of this site’s.');
  const [format, body] = [text.slice(0, text.indexOf('.')), text.slice(text.indexOf('.') + 1)];
  if (format !== FORMAT || text.indexOf('.') < 0) {
    return fail('This assignment link is not in a format this site knows. Ask for a new link.');
  }
  const bytes = fromBase64Url(body);
  if (!bytes || bytes.length === 0)
    return fail('The assignment link is damaged (it has characters a link of this site never has).');
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(
      await pipe(bytes, new DecompressionStream('deflate-raw'), LIMITS.json),
    );
  } catch {
    return fail('The assignment link is damaged or cut short: copy the whole link again.');
  }
  let wire: unknown;
  try {
    wire = JSON.parse(json);
  } catch {
    return fail('The assignment link is damaged: its contents cannot be read.');
  }
  return validate(wire, catalog);
}

const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
const strList = (v: unknown) =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length <= 200).slice(0, LIMITS.list) : [];

function validDate(v: unknown): string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return '';
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v ? v : '';
}

/** Shape and catalog checks of the decoded JSON. */
export function validate(raw: unknown, catalog: AssignmentCatalog): Decoded {
  const notices: string[] = [];
  if (!raw || typeof raw !== 'object' || !Array.isArray((raw as Wire).i)) {
    return { assignment: null, notices: ['The assignment link is damaged: it lists no chapters.'] };
  }
  const wire = raw as Wire;
  const a: Assignment = { title: str(wire.t, LIMITS.title), note: str(wire.n, LIMITS.note), due: '', items: [] };
  if (typeof wire.t === 'string' && wire.t.length > LIMITS.title) notices.push('The title was cut to 120 characters.');
  if (typeof wire.n === 'string' && wire.n.length > LIMITS.note) notices.push('The note was cut to 1,000 characters.');
  if (wire.d !== undefined) {
    a.due = validDate(wire.d);
    if (!a.due) notices.push(`The due date "${String(wire.d).slice(0, 20)}" is not a date; it is left out.`);
  }
  const seen = new Set<string>();
  for (const item of wire.i.slice(0, LIMITS.items)) {
    const slug = typeof item?.l === 'string' ? item.l : '';
    const lesson = catalog.lessons.find((l) => l.slug === slug);
    if (!lesson) {
      notices.push(`A chapter "${slug.slice(0, 40)}" is not on this site (any more); it is left out.`);
      continue;
    }
    if (seen.has(slug)) continue;
    seen.add(slug);
    const known = <T>(list: unknown, ids: string[], what: string, map: (s: string) => T = (s) => s as T): T[] => {
      const out: T[] = [];
      for (const id of strList(list)) {
        if (ids.includes(id)) out.push(map(id));
        else notices.push(`${lesson.title}: no ${what} "${id.slice(0, 40)}"; it is left out.`);
      }
      return [...new Set(out)];
    };
    const edition = typeof item.e === 'string' && /^\d+\.\d+$/.test(item.e) ? item.e : lesson.version;
    const presets: Preset[] = [];
    for (const p of Array.isArray(item.p) ? item.p.slice(0, LIMITS.list) : []) {
      const widget = lesson.widgets.find((w) => w.id === p?.w);
      if (!widget) {
        notices.push(`${lesson.title}: no widget "${String(p?.w).slice(0, 40)}"; its preset is left out.`);
        continue;
      }
      if (presets.some((q) => q.widget === widget.id)) continue;
      presets.push(validPreset(widget, p, notices));
    }
    a.items.push({
      lesson: slug,
      edition,
      sections: known(
        item.s,
        lesson.sections.map((s) => s.slug),
        'section',
      ),
      exercises: known(
        item.x,
        lesson.exercises.map((x) => x.id),
        'exercise',
      ),
      checks: known(
        item.c,
        lesson.checks.map((c) => c.id),
        'self-check',
      ),
      presets,
    });
  }
  if (wire.i.length > LIMITS.items) notices.push(`Only the first ${LIMITS.items} chapters are kept.`);
  if (a.items.length === 0 && notices.length === 0) notices.push('The assignment lists no chapter of this site.');
  return { assignment: a, notices };
}

function validPreset(
  widget: CatalogEntry['widgets'][number],
  p: { w: string; v?: unknown; k?: unknown; h?: unknown },
  notices: string[],
): Preset {
  const rawValues =
    p.v && typeof p.v === 'object' ? Object.entries(p.v as Record<string, unknown>).slice(0, LIMITS.list) : [];
  const search = new URLSearchParams();
  for (const [key, value] of rawValues) {
    if (!(key in widget.params)) {
      notices.push(`${widget.title}: the preset sets "${key.slice(0, 40)}", which is not one of its settings.`);
      continue;
    }
    search.set(`${widget.id}.${key}`, String(value));
  }
  // The widget's own decoder: clamps, snaps and checks, with the same notices the widget would show.
  const decoded = decodeParams(widget.params, search, widget.id);
  notices.push(...decoded.notices.map((n) => `${widget.title}: ${n}`));
  const values: Record<string, string> = {};
  for (const [key] of rawValues) {
    if (key in widget.params) values[key] = formatParam(widget.params[key], decoded.values[key]);
  }
  const keys = (list: unknown, what: string) =>
    strList(list).filter((k) => {
      if (k in widget.params) return true;
      notices.push(`${widget.title}: cannot ${what} "${k.slice(0, 40)}", which is not one of its settings.`);
      return false;
    });
  const hide = [...new Set(keys(p.h, 'hide'))];
  const lock = [...new Set(keys(p.k, 'lock'))].filter((k) => !hide.includes(k));
  return { widget: widget.id, values, lock, hide };
}

/** The query string that applies a preset on its lesson: ?<id>.<key>=<value>… */
export function presetQuery(p: Preset): URLSearchParams {
  return new URLSearchParams(Object.entries(p.values).map(([k, v]) => [`${p.widget}.${k}`, v]));
}

/** A lesson link of the assignment: every preset of that chapter applied, the code carried along, and an anchor. */
export function lessonLink(item: AssignmentItem, code: string, anchor = ''): string {
  const search = new URLSearchParams();
  for (const p of item.presets) for (const [k, v] of presetQuery(p)) search.set(k, v);
  search.set(ASSIGNMENT_PARAM, code);
  return `/lessons/${item.lesson}/?${search.toString()}${anchor ? `#${anchor}` : ''}`;
}

/**
 * A preset from a link the educator copied from a widget ("Copy link"): the keys of that widget's
 * namespace, decoded by its params. Unknown keys are ignored; corrected values come with notices.
 */
export function presetFromLink(
  link: string,
  widget: CatalogEntry['widgets'][number],
): { values: Record<string, string>; notices: string[] } {
  let search: URLSearchParams;
  try {
    const text = link.trim();
    search =
      text.includes('?') || /^https?:/.test(text) ? new URL(text, 'http://x/').searchParams : new URLSearchParams(text);
  } catch {
    return { values: {}, notices: ['That is not a link.'] };
  }
  const present = Object.keys(widget.params).filter((k) => search.has(`${widget.id}.${k}`));
  const decoded = decodeParams(widget.params, search, widget.id);
  const values: Record<string, string> = {};
  for (const k of present) values[k] = formatParam(widget.params[k], decoded.values[k]);
  const notices = [...decoded.notices];
  if (present.length === 0)
    notices.push(`The link sets nothing of this widget (its settings start with "${widget.id}.").`);
  return { values, notices };
}

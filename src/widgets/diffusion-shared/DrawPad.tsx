/**
 * A drawing pad for the diffusion widgets: the reader draws the 2D data set the forward process noises
 * and the denoiser learns.
 *
 * Mouse, pen or touch: a click or tap places a point, a drag leaves points every STROKE_SPACING along
 * its stroke (committed when the stroke ends, so one stroke is one Undo and one URL update).
 * Keyboard: the pad is focusable; arrows move a cross over the codec's grid (Shift for bigger steps),
 * Enter or Space places a point there, Backspace or Delete removes the last point.
 * Buttons: Undo, Clear, the pen's class (radio buttons in the palette's colours, for a labelled set)
 * and ready-made shapes. At most `max` points; a status line counts them and says when the pad is full.
 *
 * The pad owns no data: it shows `drawing` and reports every change through `onChange` (the widget
 * writes it to its `points` param). Geometry and limits live in draw-pad-model.ts.
 * Styles are inline and use the site's CSS variables, so the pad looks right in any widget and theme.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import type { CSSProperties } from 'preact';
import type { Vec2 } from '../../math/diffusion';
import { CATEGORY_COLORS } from '../../lib/plot';
import {
  addPoints,
  classCounts,
  clientToPad,
  CURSOR_START,
  moveCursor,
  PAD_SHAPES,
  PAD_VIEW,
  removeLastPoint,
  strokePoints,
  toPadDrawing,
  type PadDrawing,
} from './draw-pad-model';
import { DRAWN_CLASSES, MAX_DRAWN_POINTS, quantize, type Drawing } from './points-codec';

interface Props {
  /** Page-unique prefix for the pad's element ids (e.g. the widget id). */
  id: string;
  drawing: Drawing;
  onChange: (drawing: Drawing) => void;
  max?: number;
}

/** Undo steps kept. */
const HISTORY = 50;
const POINT_RADIUS = 0.028;
const CROSS = 0.09;

const styles = {
  pad: {
    display: 'block',
    width: 'min(100%, 20rem)',
    aspectRatio: '1 / 1',
    border: '1px solid var(--border)',
    borderRadius: '0.35rem',
    background: 'var(--surface)',
    touchAction: 'none',
    cursor: 'crosshair',
    userSelect: 'none',
  },
  fieldset: {
    border: 'none',
    padding: 0,
    margin: '0.25rem 0',
    display: 'flex',
    flexWrap: 'wrap',
    gap: '0.25rem 0.75rem',
    alignItems: 'center',
  },
  legend: { float: 'left', fontWeight: 600, fontSize: '0.92rem', marginRight: '0.5rem', padding: 0 },
  penLabel: { display: 'inline-flex', alignItems: 'center', gap: '0.35rem', minHeight: '1.5rem', cursor: 'pointer' },
  radio: { width: '1.5rem', height: '1.5rem', margin: 0, accentColor: 'var(--accent)' },
  swatch: { width: '0.9rem', height: '0.9rem', borderRadius: '50%', display: 'inline-block' },
  status: { margin: '0.25rem 0', fontSize: '0.9rem', fontVariantNumeric: 'tabular-nums' },
} satisfies Record<string, CSSProperties>;

export function DrawPad({ id, drawing, onChange, max = MAX_DRAWN_POINTS }: Props) {
  const current = useMemo(() => toPadDrawing(drawing), [drawing]);
  const [pen, setPen] = useState(0);
  const [cursor, setCursor] = useState<Vec2>(CURSOR_START);
  const [focused, setFocused] = useState(false);
  const [message, setMessage] = useState('');
  // The stroke being drawn, shown at once and committed when the pointer lifts.
  const [stroke, setStroke] = useState<Vec2[] | null>(null);
  const strokeRef = useRef<Vec2[] | null>(null);
  const history = useRef<PadDrawing[]>([]);
  const svgRef = useRef<SVGSVGElement>(null);
  const padRef = useRef<HTMLDivElement>(null);

  const fullMessage = `The pad holds at most ${max} points: Undo, Clear or Backspace makes room.`;

  const commit = (next: PadDrawing, note = '') => {
    history.current = [...history.current.slice(-(HISTORY - 1)), current];
    setMessage(note);
    onChange({ points: next.points, labels: next.labels });
  };

  const place = (points: Vec2[]) => {
    const result = addPoints(current, points, pen, max);
    if (result.added === 0) {
      setMessage(fullMessage);
      return;
    }
    commit(result.drawing, result.full ? fullMessage : '');
  };

  const undo = () => {
    const previous = history.current.pop();
    if (!previous) return;
    setMessage('');
    onChange({ points: previous.points, labels: previous.labels });
  };

  // ---- pointer: click, tap or drag

  const padPoint = (e: PointerEvent): Vec2 =>
    clientToPad(svgRef.current!.getBoundingClientRect(), e.clientX, e.clientY);

  const extendStroke = (points: Vec2[]) => {
    const now = strokeRef.current ?? [];
    const room = max - current.points.length - now.length;
    if (points.length > room) setMessage(fullMessage);
    if (room <= 0) return;
    strokeRef.current = [...now, ...points.slice(0, room)];
    setStroke(strokeRef.current);
  };

  const onPointerDown = (e: PointerEvent) => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.preventDefault();
    padRef.current?.focus({ preventScroll: true });
    svgRef.current?.setPointerCapture?.(e.pointerId);
    strokeRef.current = [];
    extendStroke(strokePoints(null, padPoint(e)));
  };

  const onPointerMove = (e: PointerEvent) => {
    const now = strokeRef.current;
    if (!now || now.length === 0) return;
    extendStroke(strokePoints(now[now.length - 1], padPoint(e)));
  };

  const endStroke = () => {
    const done = strokeRef.current;
    strokeRef.current = null;
    setStroke(null);
    if (!done) return;
    if (done.length === 0) {
      setMessage(fullMessage);
      return;
    }
    place(done);
    // The keyboard cross follows the pen, so mouse and keys can be mixed.
    const last = done[done.length - 1];
    setCursor([quantize(last[0]), quantize(last[1])]);
  };

  // ---- keyboard

  const onKeyDown = (e: KeyboardEvent) => {
    const moved = moveCursor(cursor, e.key, e.shiftKey);
    if (moved) {
      setCursor(moved);
    } else if (e.key === 'Enter' || e.key === ' ') {
      place([cursor]);
    } else if (e.key === 'Backspace' || e.key === 'Delete') {
      if (current.points.length > 0) commit(removeLastPoint(current));
    } else {
      return;
    }
    // Arrows and Space would scroll the page; Backspace once meant "back".
    e.preventDefault();
  };

  // ---- drawing

  const shown = stroke ? addPoints(current, stroke, pen, max).drawing : current;
  const counts = classCounts(shown);
  const total = shown.points.length;
  const perClass =
    counts.filter((c) => c > 0).length > 1
      ? ` (${counts
          .map((c, k) => (c > 0 ? `class ${k + 1}: ${c}` : ''))
          .filter(Boolean)
          .join(', ')})`
      : '';
  const statusId = `${id}-pad-status`;
  const helpId = `${id}-pad-help`;
  const grid = [-1, -0.5, 0, 0.5, 1];

  return (
    <div class="draw-pad">
      <div
        ref={padRef}
        role="application"
        aria-roledescription="drawing pad"
        aria-label="Drawing pad"
        aria-describedby={`${helpId} ${statusId}`}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        style={{ width: 'min(100%, 20rem)' }}
      >
        <svg
          ref={svgRef}
          viewBox={`${-PAD_VIEW} ${-PAD_VIEW} ${2 * PAD_VIEW} ${2 * PAD_VIEW}`}
          style={styles.pad}
          aria-hidden="true"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endStroke}
          onPointerCancel={endStroke}
        >
          {grid.map((g) => (
            <g key={g} stroke="var(--border)" stroke-width={g === 0 ? 0.008 : 0.004}>
              <line x1={g} x2={g} y1={-1} y2={1} />
              <line x1={-1} x2={1} y1={g} y2={g} />
            </g>
          ))}
          {/* Screen y points down: a point (x, y) is drawn at (x, -y). */}
          {shown.points.map(([x, y], i) => (
            <circle key={i} cx={x} cy={-y} r={POINT_RADIUS} fill={CATEGORY_COLORS[shown.labels[i]]} />
          ))}
          {focused && (
            <g stroke="currentColor" stroke-width={0.012} fill="none" data-testid="pad-cross">
              <line x1={cursor[0] - CROSS} x2={cursor[0] + CROSS} y1={-cursor[1]} y2={-cursor[1]} />
              <line x1={cursor[0]} x2={cursor[0]} y1={-cursor[1] - CROSS} y2={-cursor[1] + CROSS} />
              <circle cx={cursor[0]} cy={-cursor[1]} r={CROSS * 0.55} />
            </g>
          )}
        </svg>
      </div>
      <p id={helpId} class="chart-note">
        Click or drag to draw (a drag leaves a point every 0.05). Keyboard: focus the pad, move the cross with the arrow
        keys (Shift for bigger steps), Enter or Space places a point, Backspace or Delete removes the last one.
      </p>
      <p id={statusId} style={styles.status} aria-live="polite">
        <span data-testid="pad-count">
          {total} of {max} points
        </span>
        {perClass}; cross at ({cursor[0].toFixed(2)}, {cursor[1].toFixed(2)}).{message && ` ${message}`}
      </p>
      <fieldset style={styles.fieldset}>
        <legend style={styles.legend}>Pen class</legend>
        {Array.from({ length: DRAWN_CLASSES }, (_, k) => (
          <label key={k} style={styles.penLabel}>
            <input
              type="radio"
              name={`${id}-pen`}
              value={k}
              checked={pen === k}
              onChange={() => setPen(k)}
              style={styles.radio}
            />
            <span style={{ ...styles.swatch, background: CATEGORY_COLORS[k] }} aria-hidden="true" />
            Class {k + 1}
          </label>
        ))}
      </fieldset>
      <div class="widget-buttons">
        <button type="button" onClick={undo} disabled={history.current.length === 0}>
          Undo
        </button>
        <button type="button" onClick={() => commit({ points: [], labels: [] })} disabled={current.points.length === 0}>
          Clear
        </button>
        {PAD_SHAPES.map((shape) => (
          <button key={shape.name} type="button" onClick={() => commit(shape.make(pen))}>
            {shape.label}
          </button>
        ))}
      </div>
    </div>
  );
}

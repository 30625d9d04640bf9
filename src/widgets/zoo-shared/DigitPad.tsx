/**
 * The drawing pad of the shared digit input: the reader draws a digit with a mouse, pen or finger, or
 * with the keyboard (the diffusion drawing pad's pattern: src/widgets/diffusion-shared/DrawPad.tsx).
 *
 * Pointer: press, drag and lift draws one stroke (committed when it ends: one stroke is one Undo and
 * one URL update). Keyboard: the pad is focusable; arrows move a cross over the codec's grid (Shift for
 * bigger steps); Enter or Space puts the pen down (a dot) and lifts it again, and while it is down the
 * cross draws as it moves; Escape lifts the pen; Backspace or Delete removes the stroke being drawn, or
 * the last one. Buttons (24 px targets and more): Undo, Clear. A status line counts strokes and points
 * and says where the cross is and whether the pen is down.
 *
 * The pad owns no data: it shows `strokes` and reports each finished change through `onChange`.
 */
import { useRef, useState } from 'preact/hooks';
import type { CSSProperties } from 'preact';
import { MAX_POINTS } from '../../math/digit-codec';
import { DRAW_RADIUS, DRAW_SIDE, type Stroke, type StrokePoint } from '../../math/digits';
import { addStroke, clientToUnit, CURSOR_START, extendStroke, moveCursor, padRoom, snapStroke } from './digit-input';

interface Props {
  /** Page-unique prefix for element ids (e.g. the widget id). */
  id: string;
  strokes: readonly Stroke[];
  onChange: (strokes: Stroke[]) => void;
  disabled?: boolean;
}

/** The pen's width on the pad, as the rasteriser inks it (2 · radius + the half-pixel ramp on each side). */
const PEN = (2 * DRAW_RADIUS + 1) / DRAW_SIDE;
const CROSS = 0.05;

const styles = {
  frame: { width: 'min(100%, 14rem)' },
  pad: {
    display: 'block',
    width: '100%',
    aspectRatio: '1 / 1',
    border: '1px solid var(--border)',
    borderRadius: '0.35rem',
    background: '#fff',
    touchAction: 'none',
    cursor: 'crosshair',
    userSelect: 'none',
  },
  status: { margin: '0.25rem 0', fontSize: '0.9rem', fontVariantNumeric: 'tabular-nums' },
} satisfies Record<string, CSSProperties>;

function StrokeMark({ stroke }: { stroke: readonly StrokePoint[] }) {
  if (stroke.length === 1) return <circle cx={stroke[0][0]} cy={stroke[0][1]} r={PEN / 2} fill="#111" />;
  return (
    <polyline
      points={stroke.map(([x, y]) => `${x},${y}`).join(' ')}
      fill="none"
      stroke="#111"
      stroke-width={PEN}
      stroke-linecap="round"
      stroke-linejoin="round"
    />
  );
}

export function DigitPad({ id, strokes, onChange, disabled = false }: Props) {
  const [live, setLive] = useState<StrokePoint[] | null>(null);
  const liveRef = useRef<StrokePoint[] | null>(null);
  const [cursor, setCursor] = useState<StrokePoint>(CURSOR_START);
  const [penDown, setPenDown] = useState(false);
  const [focused, setFocused] = useState(false);
  const [message, setMessage] = useState('');
  const svgRef = useRef<SVGSVGElement>(null);
  const padRef = useRef<HTMLDivElement>(null);

  const setStroke = (s: StrokePoint[] | null) => {
    liveRef.current = s;
    setLive(s);
  };

  const commit = () => {
    const done = liveRef.current;
    setStroke(null);
    setPenDown(false);
    if (!done || done.length === 0) return;
    const next = addStroke(strokes, done);
    setMessage(next.message);
    if (next.strokes.length !== strokes.length) onChange(next.strokes);
  };

  const room = padRoom(strokes);
  const refuse = () => {
    setMessage(`The drawing is full (${room.strokes} strokes, ${room.points} of ${MAX_POINTS} points): Undo or Clear.`);
  };

  // ---- pointer

  const point = (e: PointerEvent) => clientToUnit(svgRef.current!.getBoundingClientRect(), e.clientX, e.clientY);

  const onPointerDown = (e: PointerEvent) => {
    if (disabled || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    padRef.current?.focus({ preventScroll: true });
    if (room.full) return refuse();
    svgRef.current?.setPointerCapture?.(e.pointerId);
    setStroke([point(e)]);
  };

  const onPointerMove = (e: PointerEvent) => {
    const now = liveRef.current;
    if (!now || penDown) return;
    const next = extendStroke(now, point(e));
    if (next !== now) setStroke(next);
  };

  const onPointerUp = () => {
    const done = liveRef.current;
    if (!done || penDown) return;
    const last = done[done.length - 1];
    commit();
    // The keyboard cross follows the pen, so pointer and keys can be mixed.
    setCursor(snapStroke([last])[0]);
  };

  // ---- keyboard

  const onKeyDown = (e: KeyboardEvent) => {
    if (disabled) return;
    const moved = moveCursor(cursor, e.key, e.shiftKey);
    if (moved) {
      setCursor(moved);
      if (penDown && liveRef.current) setStroke(extendStroke(liveRef.current, moved, 0));
    } else if (e.key === 'Enter' || e.key === ' ') {
      if (penDown) commit();
      else if (room.full) refuse();
      else {
        setPenDown(true);
        setStroke([cursor]);
        setMessage('');
      }
    } else if (e.key === 'Escape') {
      if (!penDown) return;
      commit();
    } else if (e.key === 'Backspace' || e.key === 'Delete') {
      if (penDown) {
        setStroke(null);
        setPenDown(false);
      } else if (strokes.length > 0) onChange(strokes.slice(0, -1) as Stroke[]);
      setMessage('');
    } else {
      return;
    }
    // Arrows and Space would scroll the page; Backspace once meant "back".
    e.preventDefault();
  };

  const statusId = `${id}-pad-status`;
  const helpId = `${id}-pad-help`;
  const shownPoints = room.points + (live ? snapStroke(live).length : 0);

  return (
    <div class="digit-pad">
      <div
        ref={padRef}
        role="application"
        aria-roledescription="drawing pad"
        aria-label="Digit drawing pad"
        aria-describedby={`${helpId} ${statusId}`}
        aria-disabled={disabled || undefined}
        tabIndex={disabled ? -1 : 0}
        onKeyDown={onKeyDown}
        onFocus={() => setFocused(true)}
        onBlur={() => {
          setFocused(false);
          if (penDown) commit();
        }}
        style={styles.frame}
      >
        <svg
          ref={svgRef}
          viewBox="0 0 1 1"
          style={styles.pad}
          aria-hidden="true"
          data-testid="digit-pad"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
        >
          {strokes.map((s, i) => (
            <StrokeMark key={i} stroke={s} />
          ))}
          {live && <StrokeMark stroke={live} />}
          {focused && (
            <g stroke={penDown ? '#d55e00' : '#0072b2'} stroke-width={0.008} fill="none">
              <line x1={cursor[0] - CROSS} x2={cursor[0] + CROSS} y1={cursor[1]} y2={cursor[1]} />
              <line x1={cursor[0]} x2={cursor[0]} y1={cursor[1] - CROSS} y2={cursor[1] + CROSS} />
            </g>
          )}
        </svg>
      </div>
      <p id={helpId} class="chart-note">
        Draw with the mouse or a finger. Keyboard: focus the pad, move the cross with the arrow keys (Shift for bigger
        steps), Enter or Space puts the pen down and lifts it, Escape lifts it, Backspace removes the last stroke.
      </p>
      <p id={statusId} style={styles.status} aria-live="polite">
        <span data-testid="pad-count">
          {strokes.length} stroke{strokes.length === 1 ? '' : 's'}, {shownPoints} of {MAX_POINTS} points
        </span>
        ; pen {penDown ? 'down' : 'up'}; cross at ({cursor[0].toFixed(2)}, {cursor[1].toFixed(2)}).
        {message && ` ${message}`}
      </p>
      <div class="widget-buttons">
        <button
          type="button"
          disabled={disabled || strokes.length === 0}
          onClick={() => onChange(strokes.slice(0, -1) as Stroke[])}
        >
          Undo stroke
        </button>
        <button type="button" disabled={disabled || strokes.length === 0} onClick={() => onChange([])}>
          Clear drawing
        </button>
      </div>
    </div>
  );
}

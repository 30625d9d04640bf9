/**
 * A film of frames (sampling steps) with a scrubber, Previous / Next and Play / Pause, and the hook
 * that drives it. The player follows a run while it streams in, then shows its last frame, or plays
 * the film from the start when asked to (never by itself under prefers-reduced-motion). Keyboard: the
 * scrubber is a native range input; every button is a native button.
 */
import { useEffect, useState } from 'preact/hooks';
import { prefersReducedMotion } from './use-reduced-motion';

export interface FramePlayerState {
  /** Index of the frame on show. */
  index: number;
  playing: boolean;
  /** Jump to a frame (stops playback). */
  show: (index: number) => void;
  play: () => void;
  pause: () => void;
}

/**
 * `count` frames; `streaming` while frames still arrive (the newest is shown); `replay` bumps when a
 * finished run should be played from its first frame (the Sample button) rather than shown at its end.
 */
export function useFramePlayer(count: number, streaming: boolean, replay: number, frameMs = 100): FramePlayerState {
  const [index, setIndex] = useState(Math.max(0, count - 1));
  const [playing, setPlaying] = useState(false);
  const [replayed, setReplayed] = useState(replay);
  useEffect(() => {
    if (streaming) {
      setPlaying(false);
      setIndex(Math.max(0, count - 1));
      return;
    }
    if (count === 0) return;
    if (replay !== replayed && !prefersReducedMotion()) {
      setIndex(0);
      setPlaying(true);
    } else {
      setIndex(count - 1);
    }
    setReplayed(replay);
  }, [count, streaming, replay]);
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      setIndex((i) => {
        if (i + 1 >= count) {
          setPlaying(false);
          return count - 1;
        }
        return i + 1;
      });
    }, frameMs);
    return () => clearInterval(timer);
  }, [playing, count, frameMs]);
  return {
    index: Math.min(index, Math.max(0, count - 1)),
    playing,
    show: (i: number) => {
      setPlaying(false);
      setIndex(Math.max(0, Math.min(count - 1, i)));
    },
    play: () => {
      if (index >= count - 1) setIndex(0);
      setPlaying(true);
    },
    pause: () => setPlaying(false),
  };
}

interface FramePlayerProps {
  /** Page-unique id of the scrubber. */
  id: string;
  label: string;
  count: number;
  player: FramePlayerState;
  /** What the frame on show is, for the scrubber's aria-valuetext ("step 12 of 50, t = 760"). */
  describe: (index: number) => string;
  /** Text shown beside the label (nothing when absent: the widget says it elsewhere). */
  value?: (index: number) => string;
  /** A note under the scrubber. */
  note?: string;
  disabled?: boolean;
  /** Show Previous / Play / Next (a scrubber alone when false). */
  buttons?: boolean;
  class?: string;
}

export function FramePlayer(props: FramePlayerProps) {
  const { id, label, count, player, describe, value, note, disabled, buttons = true, class: cls } = props;
  if (count <= 1) return null;
  const { index, playing } = player;
  return (
    <div class={cls ?? 'frame-player'}>
      <div class="control-head">
        <label for={id}>{label}</label> {value && <output for={id}>{value(index)}</output>}
      </div>
      <input
        id={id}
        type="range"
        min={0}
        max={count - 1}
        step={1}
        value={index}
        aria-valuetext={describe(index)}
        disabled={disabled}
        onInput={(e) => player.show(Number((e.currentTarget as HTMLInputElement).value))}
      />
      {note && <small>{note}</small>}
      {buttons && (
        <div class="widget-buttons">
          <button type="button" disabled={disabled || index <= 0} onClick={() => player.show(index - 1)}>
            Previous frame
          </button>
          <button type="button" disabled={disabled} onClick={() => (playing ? player.pause() : player.play())}>
            {playing ? 'Pause animation' : 'Play animation'}
          </button>
          <button type="button" disabled={disabled || index >= count - 1} onClick={() => player.show(index + 1)}>
            Next frame
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * One 14×14 image on a canvas: each pixel one ImageData pixel (paper white, ink black), scaled up by
 * CSS with nearest-neighbour sampling (image-rendering: pixelated), so no blur is invented.
 */
import { useEffect, useRef } from 'preact/hooks';
import { SIDE } from './digits-data';

interface Props {
  /** SIDE × SIDE ink bytes (0 paper … 255 ink). */
  ink: ArrayLike<number>;
  label: string;
  /** Displayed side in CSS pixels. */
  size?: number;
}

export function DigitCanvas({ ink, label, size = 56 }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(SIDE, SIDE);
    for (let i = 0; i < SIDE * SIDE; i++) {
      const g = 255 - ink[i];
      image.data[4 * i] = g;
      image.data[4 * i + 1] = g;
      image.data[4 * i + 2] = g;
      image.data[4 * i + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }, [ink]);
  return (
    <canvas
      ref={ref}
      class="digit-image"
      width={SIDE}
      height={SIDE}
      role="img"
      aria-label={label}
      style={{ width: `${size}px`, height: `${size}px` }}
    />
  );
}

/**
 * One 28 × 28 digit on a canvas, each pixel one ImageData pixel (paper white, ink black, as MNIST is
 * usually shown), scaled up by CSS with nearest-neighbour sampling, so no smoothing is invented: what is
 * drawn is exactly what a zoo model receives.
 */
import { useEffect, useRef } from 'preact/hooks';
import { DIGIT_SIDE } from '../../math/zoo';

interface Props {
  /** 784 values in [0, 1] (0 paper, 1 ink), row by row; null draws blank paper. */
  pixels: ArrayLike<number> | null;
  /** What the image shows, for screen readers. */
  label: string;
  /** Displayed side in CSS pixels (a multiple of 28 keeps the pixels square). */
  size?: number;
}

export function DigitImage({ pixels, label, size = 112 }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(DIGIT_SIDE, DIGIT_SIDE);
    for (let i = 0; i < DIGIT_SIDE * DIGIT_SIDE; i++) {
      const v = pixels ? Math.min(1, Math.max(0, pixels[i])) : 0;
      const g = Math.round(255 * (1 - v));
      image.data[4 * i] = g;
      image.data[4 * i + 1] = g;
      image.data[4 * i + 2] = g;
      image.data[4 * i + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }, [pixels]);
  return (
    <canvas
      ref={ref}
      width={DIGIT_SIDE}
      height={DIGIT_SIDE}
      role="img"
      aria-label={label}
      style={{
        width: `${size}px`,
        height: `${size}px`,
        imageRendering: 'pixelated',
        border: '1px solid var(--border)',
        background: '#fff',
        display: 'block',
      }}
    />
  );
}

/**
 * How the site writes bytes, durations and shares, in one place so every widget says the same thing
 * the same way. One convention: SI prefixes (1 kB = 1000 bytes, 1 MB = 10^6), as browsers' download
 * panels and the bench's tables do; never 1024-based "KB".
 */

/** "512 B", "47 kB", "743 kB", "1.2 MB", "12 MB". Whole kB below 1 MB; one decimal in MB below 10. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'unknown size';
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  if (bytes < 999_500) return `${Math.round(bytes / 1000)} kB`;
  const mb = bytes / 1e6;
  return mb < 10 ? `${mb.toFixed(1)} MB` : `${Math.round(mb)} MB`;
}

/**
 * A duration given in milliseconds: "240 ms" below a second, "3.2 s" below a minute (two decimals
 * below 10 s when `precise`), "2 min 5 s" beyond.
 */
export function formatDuration(ms: number, { precise = false }: { precise?: boolean } = {}): string {
  if (!Number.isFinite(ms) || ms < 0) return 'unknown time';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(precise && s < 10 ? 2 : 1)} s`;
  const minutes = Math.floor(s / 60);
  const rest = Math.round(s - 60 * minutes);
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** A share in [0, 1] as a percentage: formatPercent(0.973) = "97%", formatPercent(0.973, 1) = "97.3%". */
export function formatPercent(share: number, digits = 0): string {
  if (!Number.isFinite(share)) return 'not a number';
  return `${(100 * share).toFixed(digits)}%`;
}

/** Whole counts with thousands separators, the same in every locale: 185796 → "185,796". */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en');
}

import { existsSync } from 'node:fs';

/** System Chromium first (CI installs Debian's); Playwright's own browser only if neither exists. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter(Boolean) as string[];
  return candidates.find((p) => existsSync(p));
}

/** The machine has no network: these flags stop Chromium's own background requests. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

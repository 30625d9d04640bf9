/** Ports of the two servers the browser tests start (playwright.config.ts): the built site and astro dev. */
export const PORT = Number(process.env.E2E_PORT ?? 4391);
export const DEV_PORT = Number(process.env.E2E_DEV_PORT ?? 4392);

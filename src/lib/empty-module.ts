// Stands in for Node-only modules that a browser bundle must never load (see astro.config.mjs).
export default {};

// Sucrase's tokenizer, which its package ships without a type declaration beside the ES module build
// (its own types are under dist/types). Used only to find `import(` in a cell's code (src/widgets/code-cell/sandbox.ts).
declare module 'sucrase/dist/esm/parser/index.js' {
  export function parse(
    input: string,
    isJSXEnabled: boolean,
    isTypeScriptEnabled: boolean,
    isFlowEnabled: boolean,
  ): { tokens: { start: number; end: number }[] };
}

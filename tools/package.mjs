// Builds the npm package `quotelens` into dist/package/ and packs it with
// `npm pack` into dist/ (both git-ignored): the element and its define(),
// the engine and the worker, the two wasm modules, the CSS, TypeScript
// declarations, and custom-elements.json generated from the element's JSDoc
// by @custom-elements-manifest/analyzer. The version comes from Cargo.toml;
// the wasm settings from wasm-pack.toml, as the wasm build reads them.
// Run by `make package` (after `make www`).
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseToml } from "./build-wasm.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const out = join(dist, "package");
const version = readFileSync(join(root, "Cargo.toml"), "utf8").match(/^version = "([^"]+)"/m)[1];
const wasm = parseToml(readFileSync(join(root, "wasm-pack.toml"), "utf8")).build;
const pkgDir = wasm["out-dir"]; // www/pkg
const [core, decode] = [wasm["out-name"], wasm["decode-out-name"]];

// dist/ also holds the single-file build (make standalone): only our own files go
rmSync(out, { recursive: true, force: true });
for (const f of existsSync(dist) ? readdirSync(dist) : []) if (/^quotelens-.*\.tgz$|^pack\.json$/.test(f)) rmSync(join(dist, f));
mkdirSync(join(out, "pkg"), { recursive: true });
// the element's modules: everything quote-lens.js loads, and nothing of the page
const modules = ["quote-lens.js", "quote-lens.css", "kinds.css", "render.js", "i18n.js", "passages.js", "connectors.js", "engine.js", "worker.js"];
for (const f of modules) cpSync(join(root, "www", f), join(out, f));
for (const name of [core, decode]) {
  for (const ext of [".js", ".d.ts", "_bg.wasm", "_bg.wasm.d.ts"]) cpSync(join(root, pkgDir, name + ext), join(out, "pkg", name + ext));
}
cpSync(join(root, "README.md"), join(out, "README.md"));
cpSync(join(root, "CHANGELOG.md"), join(out, "CHANGELOG.md"));

// declarations for the element and the engine
writeFileSync(join(out, "quote-lens.d.ts"), `import type { Report, Options } from "./pkg/${core}.js";

/** The <quote-lens> element (see README.md, "The element"). */
export declare class QuoteLens extends HTMLElement {
  static readonly version: string;
  static readonly observedAttributes: string[];
  src: string;
  report: string;
  minLength: number | undefined;
  maxGap: number | undefined;
  minSimilarity: number | undefined;
  reworded: boolean;
  uiLang: string;
  texts: { name: string; text: string }[];
  readonly result: Report | null;
  readonly options: Options;
}

/** Registers the element (once) under \`name\` (default "quote-lens") and returns its class. */
export declare function define(name?: string): typeof QuoteLens;

declare global {
  interface HTMLElementTagNameMap { "quote-lens": QuoteLens; }
  interface HTMLElementEventMap {
    "quote-lens-compared": CustomEvent<{ report: Report }>;
    "quote-lens-select": CustomEvent<{ passage: number; group: number; a: Report["passages"][number]["a"]; b: Report["passages"][number]["b"]; similarity: number }>;
    "quote-lens-error": CustomEvent<{ message: string }>;
  }
}
`);
writeFileSync(join(out, "engine.d.ts"), `import type { Report, Options, Decoded } from "./pkg/${core}.js";

/** Comparisons in a Web Worker: the newest request wins. */
export declare class Engine {
  /** A module worker's URL, or a function that starts a worker. */
  constructor(worker?: URL | string | (() => Worker));
  compare(texts: string[], options?: Options): Promise<{ report: Report; ms: number }>;
  decode(bytes: ArrayBuffer): Promise<Decoded>;
}
/** The text of file bytes in any encoding (UTF-8 without WebAssembly). */
export declare function readText(bytes: ArrayBuffer, getEngine: () => Engine | Promise<Engine>): Promise<{ text: string; encoding: string }>;
`);
// the Decoded type lives in the decoding module's declarations
let coreTypes = readFileSync(join(out, "pkg", `${core}.d.ts`), "utf8");
if (!coreTypes.includes("interface Decoded")) throw new Error("the wasm types lack Decoded");

const manifest = {
  name: "quotelens",
  version,
  description: "Find the passages two or more texts share, in any script, and what each author added: a custom element and a WebAssembly API.",
  type: "module",
  license: "MIT OR Apache-2.0",
  repository: { type: "git", url: "git+https://example.invalid/quotelens.git" },
  keywords: ["quotation", "plagiarism", "text-reuse", "diff", "custom-element", "web-component", "webassembly", "japanese", "media-literacy"],
  main: "./quote-lens.js",
  types: "./quote-lens.d.ts",
  customElements: "./custom-elements.json",
  exports: {
    ".": { types: "./quote-lens.d.ts", default: "./quote-lens.js" },
    "./element": { types: "./quote-lens.d.ts", default: "./quote-lens.js" },
    "./engine": { types: "./engine.d.ts", default: "./engine.js" },
    "./worker": "./worker.js",
    "./compare": { types: `./pkg/${core}.d.ts`, default: `./pkg/${core}.js` },
    "./decode": { types: `./pkg/${decode}.d.ts`, default: `./pkg/${decode}.js` },
    "./compare.wasm": `./pkg/${core}_bg.wasm`,
    "./decode.wasm": `./pkg/${decode}_bg.wasm`,
    "./quote-lens.css": "./quote-lens.css",
    "./kinds.css": "./kinds.css",
    "./custom-elements.json": "./custom-elements.json",
    "./package.json": "./package.json",
  },
  files: [...modules, "quote-lens.d.ts", "engine.d.ts", "pkg/", "custom-elements.json", "README.md", "CHANGELOG.md"],
  sideEffects: ["./quote-lens.js", "*.css"],
};
writeFileSync(join(out, "package.json"), JSON.stringify(manifest, null, 2) + "\n");

// custom-elements.json from the element's JSDoc, never by hand
execFileSync(join(root, "node_modules/.bin/custom-elements-manifest"), ["analyze", "--globs", "quote-lens.js", "--outdir", "."], { cwd: out, stdio: "pipe" });
const packed = execFileSync("npm", ["pack", "--pack-destination", dist, "--json"], { cwd: out, encoding: "utf8" });
const info = JSON.parse(packed)[0];
console.error(`package: ${info.filename}, ${info.files.length} files, ${info.size} bytes packed, ${info.unpackedSize} unpacked`);
writeFileSync(join(dist, "pack.json"), JSON.stringify(info, null, 2) + "\n");

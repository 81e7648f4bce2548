// Builds dist/quotelens.html: the page in one file that works from file://
// with no server and no network (`make standalone`, after `make www`).
//
// - One WebAssembly module with both jobs (wasm-pack.toml's
//   standalone-features), compiled once by the page and handed to a classic
//   worker from a blob: file:// pages cannot start module workers.
// - The page's modules and the worker bundled by rolldown; the page's
//   www/assets.js replaced by tools/standalone/assets.js.
// - Everything but the markup, the stylesheet and the boot script packed,
//   deflated and base-85 encoded in a data block (tools/standalone/boot.js).
// - A Content-Security-Policy with the hashes of the inline script and style.
//
// Fails when the file is larger than MAX_BYTES.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateRawSync } from "node:zlib";
import { rolldown } from "rolldown";
import { minifySync } from "rolldown/experimental";
import { moduleSteps, parseToml, run } from "./build-wasm.mjs";

/** The budget for the single file: a teacher's USB stick, a mail attachment. */
export const MAX_BYTES = 600 * 1000;
/** 85 printable ASCII characters with none that HTML or a data block treats
 * specially (no < > & quotes backslash backtick or brackets). */
export const ALPHABET = "!#$%()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ^_abcdefghijklmnopqrstuvwxyz{|}~";
/** Characters per line of the payload, so that editors can open the file. */
const LINE = 1000;

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const www = join(root, "www");
const here = join(root, "tools", "standalone");

/** Base-85 text of `bytes` (4 bytes to 5 characters, big-endian, the last
 * group zero-padded); boot.js decodes it. */
export function encode85(bytes) {
  const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  let out = "";
  for (let i = 0; i < padded.length; i += 4) {
    let n = view.getUint32(i);
    const group = new Array(5);
    for (let j = 4; j >= 0; j--) {
      group[j] = ALPHABET[n % 85];
      n = Math.floor(n / 85);
    }
    out += group.join("");
  }
  return out;
}

/** [u32 LE index length][index JSON: [[name, bytes], …]][files], as boot.js reads it. */
export function pack(files) {
  const index = Buffer.from(JSON.stringify(files.map(([name, bytes]) => [name, bytes.length])));
  const head = Buffer.alloc(4);
  head.writeUInt32LE(index.length);
  return Buffer.concat([head, index, ...files.map(([, bytes]) => Buffer.from(bytes))]);
}

async function bundle(input, format, replace) {
  const build = await rolldown({
    input,
    logLevel: "silent",
    plugins: [{
      name: "quotelens-standalone",
      resolveId(source, importer) {
        if (!importer) return null;
        const target = replace[resolve(dirname(importer), source)];
        return target ?? null;
      },
    }],
  });
  const { output } = await build.generate({ format, codeSplitting: false, minify: true });
  await build.close();
  if (output.length !== 1) throw new Error(`${input} bundled into ${output.length} files, not one`);
  return output[0].code;
}

/** A classic script minified with its top-level names kept (they are its
 * globals) and its opening licence comment in front. */
function minifyClassic(code) {
  const licence = code.match(/^\/\*[\s\S]*?\*\//)?.[0] ?? "";
  const { code: small, errors } = minifySync("classic.js", code, { compress: true, mangle: { toplevel: false } });
  if (errors.length) throw new Error(`minify: ${errors.map((e) => e.message).join("; ")}`);
  return `${licence}\n${small}`;
}

const sha256 = (text) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

async function main() {
  const config = parseToml(readFileSync(join(root, "wasm-pack.toml"), "utf8"));
  const build = config.build;
  const profile = config.profile[build.profile];
  const out = join(root, "dist", "standalone");
  const outName = "quotelens_all";
  mkdirSync(out, { recursive: true });
  run(moduleSteps({ cargoProfile: profile["cargo-profile"], target: build.target, debug: profile.debug,
    opt: profile["wasm-opt"] ?? [], outDir: out, outName, features: build["standalone-features"] }));

  const glue = join(out, `${outName}.js`);
  const pkg = join(www, build["out-dir"].replace(/^www\//, ""));
  const worker = await bundle(join(www, "worker.js"), "iife", {
    [join(pkg, `${build["out-name"]}.js`)]: glue,
    [join(pkg, `${build["decode-out-name"]}.js`)]: glue,
  });
  const app = await bundle(join(www, "app.js"), "es", { [join(www, "assets.js")]: join(here, "assets.js") });

  const text = (s) => Buffer.from(s, "utf8");
  const files = [
    ["quotelens.wasm", readFileSync(join(out, `${outName}_bg.wasm`))],
    ["worker.js", text(worker)],
    ["app.js", text(app)],
    ["vendor/Readability.js", text(minifyClassic(readFileSync(join(www, "vendor", "Readability.js"), "utf8")))],
    ["vendor/Readability.LICENSE.md", readFileSync(join(www, "vendor", "Readability.LICENSE.md"))],
    ...["wire-en.txt", "post-en.txt", "wire-ja.txt", "post-ja.txt"].map((n) => [`samples/${n}`, readFileSync(join(www, "samples", n))]),
  ];
  const packed = deflateRawSync(pack(files), { level: 9, memLevel: 9 });
  const payload = encode85(packed).replace(new RegExp(`.{${LINE}}`, "g"), "$&\n");

  const css = ["style.css", "kinds.css"].map((f) => readFileSync(join(www, f), "utf8")).join("\n");
  const boot = readFileSync(join(here, "boot.js"), "utf8").replace("%ALPHABET%", ALPHABET);
  const csp = ["default-src 'none'", `script-src ${sha256(boot)} blob: 'wasm-unsafe-eval'`, `style-src ${sha256(css)}`,
    "img-src data: blob:", "worker-src blob:", "connect-src 'none'", "object-src 'none'", "base-uri 'none'",
    "form-action 'none'"].join("; ");

  let html = readFileSync(join(www, "index.html"), "utf8");
  const swap = (pattern, by) => {
    if (!pattern.test(html)) throw new Error(`index.html has no ${pattern}`);
    html = html.replace(pattern, () => by);
  };
  swap(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
  swap(/<link rel="stylesheet" href="style.css">\n<link rel="stylesheet" href="kinds.css">\n/, `<style id="quotelens-style">${css}</style>\n`);
  swap(/<script type="module" src="app.js"><\/script>/,
    `<script type="application/octet-stream" id="quotelens-payload" data-bytes="${packed.length}">\n${payload}\n</script>\n<script type="module">${boot}</script>`);
  const version = readFileSync(join(root, "Cargo.toml"), "utf8").match(/^version = "([^"]+)"/m)[1];
  html = html.replace("<!doctype html>\n", () => `<!doctype html>
<!-- quotelens ${version} in one file: open it in a browser, no server or network needed.
     quotelens is MIT OR Apache-2.0. Packed inside: its WebAssembly and scripts, its samples, and
     Readability (Mozilla, Apache-2.0; licence file included). Built by make standalone. -->
`);
  const target = join(root, "dist", "quotelens.html");
  writeFileSync(target, html);

  const size = statSync(target).size;
  const parts = files.map(([n, b]) => `${n} ${b.length}`).join(", ");
  console.error(`dist/quotelens.html: ${size} bytes (payload ${packed.length} bytes deflated; ${parts})`);
  writeFileSync(join(out, "size.json"), JSON.stringify({ bytes: size, payloadBytes: packed.length, files: Object.fromEntries(files.map(([n, b]) => [n, b.length])) }, null, 2) + "\n");
  if (size > MAX_BYTES) {
    console.error(`quotelens.html is over its budget: ${size} > ${MAX_BYTES} bytes`);
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

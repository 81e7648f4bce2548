// Builds the WebAssembly package as wasm-pack.toml says: cargo build for
// wasm32, wasm-bindgen, then wasm-opt (npm binaryen). Writes build.json
// beside the package with the settings used and the sizes.
//
//   node tools/build-wasm.mjs [--profile NAME] [--config FILE] [--print]
//
// --print shows the commands and the settings without running anything.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Parses the small TOML subset wasm-pack.toml uses: [sections], strings,
 * numbers, booleans and arrays of strings. */
export function parseToml(text) {
  const out = {};
  let section = out;
  for (const [n, raw] of text.split("\n").entries()) {
    const line = raw.replace(/\s+#.*$/, "").trim();
    if (!line || line.startsWith("#")) continue;
    const sec = line.match(/^\[([A-Za-z0-9_.-]+)\]$/);
    if (sec) {
      section = out;
      for (const part of sec[1].split(".")) section = section[part] ??= {};
      continue;
    }
    const kv = line.match(/^([A-Za-z0-9_-]+)\s*=\s*(.+)$/);
    if (!kv) throw new Error(`wasm-pack.toml line ${n + 1}: cannot read ${JSON.stringify(raw)}`);
    section[kv[1]] = JSON.parse(kv[2].replace(/'/g, '"'));
  }
  return out;
}

/** The commands a build runs, from parsed settings: for each module (the
 * comparing one, then the decoding one), a cargo build with its features,
 * wasm-bindgen and wasm-opt. */
export function plan(config, profileName) {
  const build = config.build ?? {};
  const name = profileName ?? build.profile ?? "release";
  const profile = config.profile?.[name];
  if (!profile) throw new Error(`wasm-pack.toml has no [profile.${name}]`);
  const cargoProfile = profile["cargo-profile"] ?? name;
  const outDir = build["out-dir"] ?? "pkg";
  const outName = build["out-name"] ?? "quotelens";
  const opt = profile["wasm-opt"] ?? [];
  const modules = [
    { outName, features: build["compare-features"] ?? ["wasm-compare"] },
    { outName: build["decode-out-name"] ?? `${outName}_decode`, features: build["decode-features"] ?? ["wasm-decode"] },
  ];
  const steps = [];
  for (const m of modules) {
    m.wasm = join(outDir, `${m.outName}_bg.wasm`);
    steps.push(...moduleSteps({ cargoProfile, target: build.target, debug: profile.debug, opt, outDir, ...m }));
  }
  return { profile: name, cargoProfile, outDir, outName, wasm: modules[0].wasm, modules, wasmOpt: opt,
    maxGzipBytes: profile["max-gzip-bytes"], steps };
}

/** The commands that build one module of the crate with `features` into
 * `outDir/outName.js` and `outDir/outName_bg.wasm`: cargo, wasm-bindgen,
 * wasm-opt. */
export function moduleSteps({ cargoProfile, target, debug, opt, outDir, outName, features }) {
  const input = join("target", "wasm32-unknown-unknown", cargoProfile, "quotelens.wasm");
  const wasm = join(outDir, `${outName}_bg.wasm`);
  const steps = [
    ["cargo", ["build", "--lib", "--target", "wasm32-unknown-unknown", "--profile", cargoProfile,
      "--no-default-features", "--features", features.join(",")]],
    ["wasm-bindgen", ["--target", target ?? "web", "--out-dir", outDir, "--out-name", outName,
      ...(debug ? ["--debug", "--keep-debug"] : []), input]],
  ];
  if (opt.length) steps.push([join("node_modules", ".bin", "wasm-opt"), [...opt, "-o", wasm, wasm]]);
  return steps;
}

/** Runs steps from `plan` or `moduleSteps` in the repository root. */
export function run(steps) {
  for (const [cmd, cmdArgs] of steps) {
    const bin = cmd.startsWith("node_modules") ? join(root, cmd) : cmd;
    if (cmd.startsWith("node_modules") && !existsSync(bin)) {
      throw new Error(`${cmd} is missing: run npm ci (wasm-opt comes from the npm package binaryen)`);
    }
    console.error(`> ${cmd} ${cmdArgs.join(" ")}`);
    execFileSync(bin, cmdArgs, { cwd: root, stdio: "inherit" });
  }
}

function main() {
  const args = process.argv.slice(2);
  const arg = (flag) => { const i = args.indexOf(flag); return i >= 0 ? args[i + 1] : undefined; };
  const configPath = resolve(root, arg("--config") ?? "wasm-pack.toml");
  const p = plan(parseToml(readFileSync(configPath, "utf8")), arg("--profile"));
  if (args.includes("--print")) {
    console.log(JSON.stringify(p, null, 2));
    return;
  }
  mkdirSync(join(root, p.outDir), { recursive: true });
  run(p.steps);
  const sizes = {};
  for (const m of p.modules) {
    const bytes = readFileSync(join(root, m.wasm));
    sizes[m.outName] = { bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  }
  // the comparing module's sizes at the top: the page loads it at once
  const info = { profile: p.profile, cargoProfile: p.cargoProfile, wasmOpt: p.wasmOpt,
    ...sizes[p.outName], modules: sizes };
  writeFileSync(join(root, p.outDir, "build.json"), JSON.stringify(info, null, 2) + "\n");
  let over = false;
  for (const [name, size] of Object.entries(sizes)) {
    console.error(`wasm ${name}: ${size.bytes} bytes, ${size.gzipBytes} gzipped (${p.profile} profile)`);
    if (p.maxGzipBytes && size.gzipBytes > p.maxGzipBytes) {
      console.error(`${name} is over its budget: ${size.gzipBytes} > ${p.maxGzipBytes} bytes gzipped`);
      over = true;
    }
  }
  if (over) process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

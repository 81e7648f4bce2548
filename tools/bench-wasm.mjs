// The second half of `make bench`: times the wasm build in headless
// Chromium on the inputs the native bench saved (www/pkg/bench/), and prints
// one table beside the native figures (target/bench-native.json).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch, newPage, ROOT, startServer } from "../tests/e2e/harness.mjs";

const native = JSON.parse(readFileSync(join(ROOT, "target/bench-native.json"), "utf8"));
const server = await startServer();
const browser = await launch();
try {
  const { page } = await newPage(browser);
  await page.goto(`${server.url}/bench.html?files=${native.map((r) => r.name).join(",")}`);
  await page.waitForFunction(() => window.__bench, null, { timeout: 900_000, polling: 500 });
  const wasm = await page.evaluate(() => window.__bench);
  if (!Array.isArray(wasm)) throw new Error(JSON.stringify(wasm));
  const rows = native.map((n) => ({ ...n, wasmMs: wasm.find((w) => w.name === n.name)?.bestMs }));
  console.log("\n| input (per side) | bytes (both) | floor ms | native ms (all cores) | × floor | native ms (one thread) | wasm ms (Chromium) | wasm / native one thread | wasm / native all cores | peak heap / byte |");
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  for (const r of rows) {
    console.log(`| ${r.name.replace("-", " ")} | ${r.bytes} | ${r.floorMs.toFixed(1)} | ${r.nativeMs.toFixed(1)} | ${(r.nativeMs / r.floorMs).toFixed(2)} | ${r.oneThreadMs.toFixed(1)} | ${r.wasmMs} | ${(r.wasmMs / r.oneThreadMs).toFixed(2)} | ${(r.wasmMs / r.nativeMs).toFixed(2)} | ${r.peakPerByte.toFixed(1)} |`);
  }
  console.log("\nwasm runs on one thread (the page runs it in a worker). Targets: native within 4× of the floor, wasm within 2× of native, 2 × 4 MB under 400 ms in Chromium.");
  writeFileSync(join(ROOT, "target/bench.json"), JSON.stringify(rows, null, 2));
} finally {
  await browser.close();
  server.stop();
}

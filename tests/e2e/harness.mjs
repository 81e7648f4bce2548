// Shared by the browser tests: a static server for www/ started with the
// real Python interpreter (so its PID is the server's), and headless
// Chromium through playwright-core (Debian's binary; nothing is downloaded).
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const ARTIFACTS = join(ROOT, "tests/e2e/artifacts");
export const CORPUS = resolve(ROOT, "../shared/corpus");
mkdirSync(ARTIFACTS, { recursive: true });

async function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
    s.on("error", rej);
  });
}

/** Serves `dir` (default www/) on a free port, once `probe` answers. */
export async function startServer(dir = join(ROOT, "www"), probe = "/index.html") {
  const port = await freePort();
  const python = process.env.PYTHON || "python3";
  const proc = spawn(python, ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", dir], {
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(url + probe);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop: () => process.kill(proc.pid) };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** For a test file: starts the server and the browser before its tests
 * and stops them after. Returns an object whose `server` and `browser` are
 * set once the tests run. */
export function useBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.stop();
  });
  return env;
}

/** A page that records console errors, page errors and CSP violations. */
export async function newPage(browser, { locale = "en-US", viewport = { width: 1400, height: 1000 }, deviceScaleFactor = 1 } = {}) {
  const context = await browser.newContext({ locale, viewport, deviceScaleFactor, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { page, context, problems };
}

/** Resolves with the next comparison's detail (set up before acting). */
export function nextComparison(page) {
  return page.evaluate(() => new Promise((r) => document.addEventListener("quotelens-compared", (e) => r(e.detail), { once: true })));
}

/** Makes `window.__progressShown` a promise that resolves when the page's
 * progress bar next appears. Set it up before acting, so a short-lived bar
 * cannot be missed. */
export async function watchProgress(page) {
  await page.evaluate(() => {
    const bar = document.getElementById("progress");
    window.__progressShown = new Promise((resolve) => {
      new MutationObserver((_, obs) => {
        if (!bar.hidden) {
          obs.disconnect();
          resolve(true);
        }
      }).observe(bar, { attributes: true, attributeFilter: ["hidden"] });
    });
  });
}

/** Drops files on the pane with index `pane`. files: [{name, text} | {name, bytes}] */
export async function dropFiles(page, pane, files) {
  await page.evaluate(
    ({ pane, files }) => {
      const dt = new DataTransfer();
      for (const f of files) {
        const data = f.bytes ? new Uint8Array(f.bytes) : f.text;
        dt.items.add(new File([data], f.name, { type: f.type ?? "" }));
      }
      const target = document.querySelectorAll(".pane")[pane];
      target.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    { pane, files },
  );
}

/** The rendered pieces of pane `i`: [{start, end, shared, added, edit}] in
 * UTF-16 offsets of the pane's text, as a reader sees them. */
export async function pieces(page, i) {
  return page.evaluate((i) => {
    const view = document.querySelectorAll(".pane .pane-view")[i];
    const out = [];
    let at = 0;
    // the text's pieces, in order, inside its blocks
    for (const n of view.querySelectorAll(".ql-block > *")) {
      const len = n.textContent.length;
      const cls = n.classList ?? { contains: () => false };
      out.push({ start: at, end: at + len, shared: cls.contains("ql-shared"), added: cls.contains("ql-added"), edit: cls.contains("ql-edit") });
      at += len;
    }
    return { text: view.textContent, pieces: out };
  }, i);
}

/** True when every UTF-16 unit of text[s, e) lies in pieces of the kind. */
export function covered(view, needle, kind) {
  const s = view.text.indexOf(needle);
  if (s < 0) throw new Error(`${needle} not in the pane`);
  const e = s + needle.length;
  return view.pieces.filter((p) => p.start < e && s < p.end).every((p) => p[kind]);
}

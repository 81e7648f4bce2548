// Talks to worker.js. Comparisons run in one worker; when a new comparison
// is asked for while one is still running, that worker is terminated and a
// fresh one takes the new request (the newest request wins, and the page
// never waits on stale work). File decoding has a worker of its own, so a
// replaced comparison never drops a file being read.

class Channel {
  /** `start()` makes a new worker. */
  constructor(start) {
    this.start = start;
    this.next = 1;
    this.pending = new Map();
    this.spawn();
  }

  spawn() {
    this.worker = this.start();
    this.worker.onmessage = (ev) => {
      const { id, ok, value, error } = ev.data;
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      ok ? p.resolve(value) : p.reject(new Error(error));
    };
    this.worker.onerror = (ev) => this.failAll(new Error(ev.message || "the worker failed to start"));
  }

  failAll(err) {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  get busy() {
    return this.pending.size > 0;
  }

  /** Ends the worker and its requests, and starts a fresh one. */
  restart() {
    this.worker.terminate();
    const e = new Error("superseded");
    e.superseded = true;
    this.failAll(e);
    this.spawn();
  }

  request(msg, transfer = []) {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...msg, id }, transfer);
    });
  }
}

export class Engine {
  /** `worker` overrides where the worker comes from: the URL of a module
   * worker script, or a function that starts a worker (the single-file
   * build's classic worker from a blob). By default it is found with a
   * literal `new Worker(new URL("./worker.js", import.meta.url))`, the form
   * bundlers (Vite, webpack, Rollup) follow to bundle the worker and the wasm
   * modules it loads. */
  constructor(worker) {
    if (typeof worker === "function") this.start = worker;
    else if (worker) this.start = () => new Worker(worker, { type: "module" });
    else this.start = () => new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    this.comparer = new Channel(this.start);
    this.decoder = null;
  }

  /** Resolves to {report, ms}. Rejects with an error whose `superseded` is
   * true when a newer comparison replaced it. */
  compare(texts, options) {
    if (this.comparer.busy) this.comparer.restart();
    return this.comparer.request({ type: "compare", texts, options });
  }

  /** Decodes file bytes in any encoding: resolves to {text, encoding,
   * detectedBy, replaced, control}, rejects for binary. */
  decode(buffer) {
    this.decoder ??= new Channel(this.start);
    return this.decoder.request({ type: "decode", bytes: buffer }, [buffer]);
  }
}

/** The text of file bytes. Valid UTF-8 with no NUL or escape byte (the
 * common case) is read here, with no WebAssembly at all; anything else goes
 * through the decoding module (the CLI's detection), from the engine that
 * `getEngine()` returns, called only then. Resolves to {text, encoding}. */
export async function readText(buffer, getEngine) {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(buffer);
    if (!/[\0\x1b]/.test(text)) return { text, encoding: "UTF-8" };
  } catch {
    // not UTF-8: the decoding module finds out what it is
  }
  const d = await (await getEngine()).decode(buffer);
  return { text: d.text, encoding: d.encoding };
}

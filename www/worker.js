// The alignment worker: answers requests, so the page never freezes on long
// texts. Messages: {id, type: "compare", texts, options} and {id, type:
// "decode", bytes}; answers {id, ok, value | error}. Each module is loaded
// on first use: a comparing worker never loads the encoding detector, and a
// decoding worker never loads the aligner. A host that has compiled the
// WebAssembly itself sends {type: "wasm", module} first, with no id and no
// answer: the single-file build does, whose one module does both jobs.
let core = null;
let decoder = null;
let compiled;

// literal specifiers, so that bundlers find and copy both modules
async function ready(module) {
  const m = await module;
  await m.default(compiled ? { module_or_path: compiled } : undefined);
  return m;
}

self.onmessage = async (ev) => {
  const { id, type } = ev.data;
  if (type === "wasm") {
    compiled = ev.data.module;
    return;
  }
  try {
    let value;
    if (type === "compare") {
      core ??= ready(import("./pkg/quotelens.js"));
      const { compare } = await core;
      const started = performance.now();
      value = compare(ev.data.texts, ev.data.options);
      value = { report: value, ms: performance.now() - started };
    } else if (type === "decode") {
      decoder ??= ready(import("./pkg/quotelens_decode.js"));
      const { decodeFile } = await decoder;
      value = decodeFile(new Uint8Array(ev.data.bytes));
    } else {
      throw new Error(`unknown request ${type}`);
    }
    self.postMessage({ id, ok: true, value });
  } catch (e) {
    self.postMessage({ id, ok: false, error: String(e && e.message ? e.message : e) });
  }
};

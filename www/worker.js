// The alignment worker: loads the wasm once and answers requests, so the
// page never freezes on long texts. Messages: {id, type: "compare", texts,
// options} and {id, type: "decode", bytes}; answers {id, ok, value | error}.
import init, { compare, decodeFile } from "./pkg/quotelens.js";

const ready = init();

self.onmessage = async (ev) => {
  const { id, type } = ev.data;
  try {
    await ready;
    let value;
    if (type === "compare") {
      const started = performance.now();
      value = compare(ev.data.texts, ev.data.options);
      value = { report: value, ms: performance.now() - started };
    } else if (type === "decode") {
      value = decodeFile(new Uint8Array(ev.data.bytes));
    } else {
      throw new Error(`unknown request ${type}`);
    }
    self.postMessage({ id, ok: true, value });
  } catch (e) {
    self.postMessage({ id, ok: false, error: String(e && e.message ? e.message : e) });
  }
};

// The single-file build's first script: unpacks the payload of
// quotelens.html (deflate-raw, then base-85 text in a data block), compiles
// the WebAssembly once, and runs the page. tools/standalone.mjs writes the
// payload and this script's hash into the page's Content-Security-Policy.
// The payload is [u32 LE index length][index JSON: [[name, bytes], …]][files].
const ALPHABET = "%ALPHABET%";

function decode85(text, length) {
  const value = new Uint8Array(128).fill(255);
  for (let i = 0; i < ALPHABET.length; i++) value[ALPHABET.charCodeAt(i)] = i;
  const out = new Uint8Array(Math.ceil(length / 4) * 4);
  let o = 0;
  for (let i = 0; i + 5 <= text.length; i += 5) {
    let n = 0;
    for (let j = 0; j < 5; j++) n = n * 85 + value[text.charCodeAt(i + j)];
    out[o++] = n >>> 24;
    out[o++] = (n >>> 16) & 255;
    out[o++] = (n >>> 8) & 255;
    out[o++] = n & 255;
  }
  return out.subarray(0, length);
}

const block = document.getElementById("quotelens-payload");
const packed = decode85(block.textContent.replace(/\s+/g, ""), Number(block.dataset.bytes));
const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
const raw = new Uint8Array(await new Response(stream).arrayBuffer());
const indexLength = new DataView(raw.buffer).getUint32(0, true);
const files = {};
let at = 4 + indexLength;
for (const [name, size] of JSON.parse(new TextDecoder().decode(raw.subarray(4, at)))) {
  files[name] = raw.subarray(at, at + size);
  at += size;
}
globalThis.__quotelensStandalone = { files, wasm: await WebAssembly.compile(files["quotelens.wasm"]) };
await import(URL.createObjectURL(new Blob([files["app.js"]], { type: "text/javascript" })));

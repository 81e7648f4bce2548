// Share links: the texts, their names and the options, deflated with the
// browser's CompressionStream and base64url-encoded into the URL fragment
// (#share=…). A fragment is never sent to a server: opening the link on
// another machine rebuilds the comparison there.

/** Longest link offered, in characters: past this, mail and chat programs
 * cut or refuse links, and the export is the better way to share. */
export const MAX_LINK_CHARS = 32000;

const PREFIX = "#share=";

async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64Url(bytes) {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(s) {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** The link for `docs` ([{name, text}]) and `options`, from `base` (the page's
 * URL without its fragment). */
export async function shareLink(base, docs, options) {
  const json = JSON.stringify({ v: 1, docs: docs.map((d) => ({ name: d.name, text: d.text })), options });
  const packed = await pipe(new TextEncoder().encode(json), new CompressionStream("deflate-raw"));
  return `${base}${PREFIX}${toBase64Url(packed)}`;
}

/** What a link's fragment holds ({docs, options}), null when it holds no
 * share, or an Error for a damaged one. */
export async function readShare(hash) {
  if (!hash.startsWith(PREFIX)) return null;
  try {
    const bytes = await pipe(fromBase64Url(hash.slice(PREFIX.length)), new DecompressionStream("deflate-raw"));
    const data = JSON.parse(new TextDecoder().decode(bytes));
    if (data?.v !== 1 || !Array.isArray(data.docs)) throw new Error("unknown format");
    return { docs: data.docs.map((d) => ({ name: String(d.name), text: String(d.text) })), options: data.options ?? {} };
  } catch {
    return new Error("damaged");
  }
}

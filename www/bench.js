// In-browser benchmark of the wasm build: generated Japanese and English
// pairs (a Zipfian vocabulary, ~30% quoted with an edit every 30 words),
// timed around compare(). Results go to the table and to window.__bench.
import init, { compare } from "./pkg/quotelens.js";

function rng(seed) {
  let s = BigInt(seed);
  return () => {
    s = (s + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
    let z = s;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
    return Number((z ^ (z >> 31n)) >> 11n) / 2 ** 53;
  };
}

const KANJI = "日本人大年中出生子分行事会社者上地方国時間自同体前後東西南北市政府議員経済新聞記者発表公開映像兵士部隊戦争平和外交交渉首相大統領報告調査研究教育学校病院医療技術開発工場電力鉄道道路橋港空港海山川森林農業漁業商店市場価格物資輸送通信情報安全危険被害救助支援計画予算税金法律裁判警察事件事故火災地震台風天気気温雨雪風";
const KANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんがぎぐげござじずぜぞだでどばびぶべぼアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモラリルレロワン";

function makeVocab(r, script, size) {
  const pick = (s) => s[Math.floor(r() * s.length)];
  const words = [];
  for (let i = 0; i < size; i++) {
    if (script === "en") {
      const n = 3 + Math.floor(r() * 7);
      let w = "";
      for (let k = 0; k < n; k++) w += pick("abcdefghiklmnoprstuvwy");
      words.push(w);
    } else {
      let w = pick(KANJI);
      if (r() < 0.5) w += pick(KANJI);
      for (let k = Math.floor(r() * 3); k > 0; k--) w += pick(KANA);
      words.push(w);
    }
  }
  const cum = [];
  let total = 0;
  for (let i = 1; i <= size; i++) cum.push((total += 1 / i));
  return (n) => {
    const out = [];
    for (let i = 0; i < n; i++) {
      const x = r() * total;
      let lo = 0;
      let hi = size - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid] < x) lo = mid + 1;
        else hi = mid;
      }
      out.push(words[lo]);
    }
    return out;
  };
}

function prose(r, script, words) {
  if (script === "ja") return words.map((w) => w + (r() < 0.1 ? "。" : "")).join("");
  return words.map((w, i) => (i && r() < 0.08 ? ". " : i ? " " : "") + w).join("");
}

function edited(r, draw, quote) {
  const out = quote.slice();
  for (let at = 12; at + 12 < out.length; at += 30) {
    const k = Math.floor(r() * 3);
    if (k === 0) out[at] = draw(1)[0];
    else if (k === 1) out.splice(at, 0, draw(1)[0]);
    else out.splice(at, 1);
  }
  return out;
}

export function quotingPair(seed, script, bytes) {
  const r = rng(seed);
  const draw = makeVocab(r, script, 30000);
  const perWord = script === "en" ? 7 : 8;
  const a = [];
  const b = [];
  let done = 0;
  while (done * perWord < bytes) {
    const q = 40 + Math.floor(r() * 80);
    const own = Math.floor((q * 70) / 30);
    const quote = draw(q);
    a.push(prose(r, script, draw(own)), prose(r, script, edited(r, draw, quote)));
    b.push(prose(r, script, draw(own)), prose(r, script, edited(r, draw, quote)));
    done += q + own;
  }
  return [a.join("\n\n"), b.join("\n\n")];
}

/** Times compare() on one pair: a warm-up, then the best and median of
 * several runs. */
function timeCase(label, a, b) {
  const bytesOf = (s) => new TextEncoder().encode(s).length;
  compare([a, b]); // warm up
  const times = [];
  let passages = 0;
  const total = bytesOf(a) + bytesOf(b);
  const runs = total > 4 << 20 ? 3 : 5;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    passages = compare([a, b]).passages.length;
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  const row = { input: label, bytes: total, passages, bestMs: +times[0].toFixed(1), medianMs: +times[Math.floor(times.length / 2)].toFixed(1),
    mbPerS: +(total / 1048576 / (times[0] / 1000)).toFixed(1) };
  const tr = document.createElement("tr");
  for (const v of [row.input, row.bytes, row.passages, row.bestMs, row.medianMs, row.mbPerS]) {
    const td = document.createElement("td");
    td.textContent = String(v);
    tr.append(td);
  }
  document.querySelector("#results tbody").append(tr);
  return row;
}

/** V8 compiles wasm in tiers: run for a while first, so that the timings
 * measure the optimized code, not the baseline compiler's. */
function warmUp() {
  const [a, b] = quotingPair(1, "ja", 200_000);
  const [c, d] = quotingPair(2, "en", 200_000);
  const until = performance.now() + 1500;
  while (performance.now() < until) {
    compare([a, b]);
    compare([c, d]);
  }
}

async function run() {
  await init();
  warmUp();
  const params = new URLSearchParams(location.search);
  const results = [];
  if (params.has("files")) {
    // the inputs `make bench` saved under pkg/bench/, to compare with native
    for (const name of params.get("files").split(",")) {
      const [a, b] = await Promise.all(["a", "b"].map(async (s) => (await fetch(`pkg/bench/${name}-${s}.txt`)).text()));
      results.push({ name, ...timeCase(name, a, b) });
    }
  } else {
    const sizes = (params.get("sizes") ?? "102400,1048576,4194304").split(",").map(Number);
    for (const script of ["ja", "en"]) {
      for (const size of sizes) {
        const [a, b] = quotingPair(size ^ 0x5eed, script, size);
        results.push(timeCase(`${script} ${size >= 1 << 20 ? size / 1048576 + " MB" : size / 1024 + " KB"}`, a, b));
      }
    }
  }
  document.getElementById("state").textContent = "Done.";
  window.__bench = results;
}

run().catch((e) => {
  document.getElementById("state").textContent = `Failed: ${e.message}`;
  window.__bench = { error: e.message };
});

// Rendering a quotelens report into DOM, shared by the page (app.js) and
// the <quote-lens> element. User text reaches the DOM only as text nodes,
// never through an HTML-parsing sink. Offsets in the report are UTF-16 code units, which
// is how String.prototype.slice counts, so they are used as they are.

/** Okabe–Ito, a palette that stays distinct for colour-blind readers. */
export const PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999"];

/** The colour of a passage group. */
export function groupColor(group) {
  return PALETTE[group % PALETTE.length];
}

/** The kinds of reuse a passage can be (the report's `passage.kind`), in
 * the order the legend shows them. Each is drawn with its own line style,
 * not by colour alone (kinds.css). */
export const KINDS = ["verbatim", "edited", "reworded"];

/** A name as it is safe to show: control characters and invisible
 * bidirectional controls become visible ‹U+202E› marks, so that a file
 * named "news \u202Egnp.txt" cannot pose as "news txt.png". (Names are also
 * shown bidi-isolated, in style.css and quote-lens.css.) */
export function displayName(name) {
  return String(name).replace(
    /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g,
    (c) => `‹U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}›`,
  );
}

/** The report schema version this front end reads. */
export const SCHEMA_VERSION = 2;

/** The fingerprint of a text, as the core writes it into a report
 * (`documents[].fingerprint`): the 32-bit FNV-1a hash of its UTF-16 code
 * units. */
export function fingerprint(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return `fnv1a32:${h.toString(16).padStart(8, "0")}`;
}

/** Checks that `report` can be drawn over `texts` (strings): its schema
 * version, its structure, every span within its document, and each
 * document's length and fingerprint against the text. Returns null, or
 * what is wrong, in one sentence. O(texts + passages + edits). */
export function reportProblem(report, texts) {
  const isInt = (x) => Number.isInteger(x) && x >= 0;
  if (!report || typeof report !== "object") return "it is not a report";
  if (report.version !== SCHEMA_VERSION) return `it is schema version ${JSON.stringify(report.version)}, and this reads version ${SCHEMA_VERSION}`;
  const { documents: docs, passages, groups } = report;
  if (!Array.isArray(docs) || !Array.isArray(passages) || !Array.isArray(groups)) return "its documents, passages or groups are missing";
  if (docs.length !== texts.length) return `it has ${docs.length} documents for ${texts.length} texts`;
  for (const [i, d] of docs.entries()) {
    if (!d || d.length !== texts[i].length || (d.fingerprint && d.fingerprint !== fingerprint(texts[i]))) {
      return `it was computed for other texts (document ${i + 1} differs)`;
    }
    if (!Array.isArray(d.segments) || d.segments.some((g) => !g || !isInt(g.start) || !(g.end >= g.start && g.end <= d.length) || !Array.isArray(g.passages))) {
      return `the segments of document ${i + 1} are broken`;
    }
  }
  const inDoc = (s) => s && isInt(s.doc) && s.doc < docs.length && isInt(s.start) && Number.isInteger(s.end) && s.start <= s.end && s.end <= docs[s.doc].length;
  const within = (b, span) => b && isInt(b.start) && Number.isInteger(b.end) && span.start <= b.start && b.start <= b.end && b.end <= span.end;
  for (const [i, p] of passages.entries()) {
    const ok = p && p.id === i && inDoc(p.a) && inDoc(p.b) && KINDS.includes(p.kind) && isInt(p.group) && p.group < groups.length
      && Array.isArray(p.edits) && p.edits.every((e) => e && within(e.a, p.a) && within(e.b, p.b))
      && (!p.matched || (Array.isArray(p.matched.a) && Array.isArray(p.matched.b) && p.matched.a.every((m) => within(m, p.a)) && p.matched.b.every((m) => within(m, p.b))));
    if (!ok) return `passage ${i + 1} is broken or lies outside its text`;
  }
  for (const [i, g] of groups.entries()) {
    if (!g || !Array.isArray(g.passages) || !Array.isArray(g.spans) || !g.spans.every(inDoc) || !g.passages.every((id) => isInt(id) && id < passages.length)) {
      return `group ${i + 1} is broken`;
    }
  }
  return null;
}

/** Characters per rendered block. Blocks get `content-visibility: auto`,
 * so a browser lays out only the blocks on screen, and a 10 MB text stays
 * responsive. Blocks end after a line break where one is near. Measured:
 * 4 000-character blocks (5 000 of them for 2 × 10 MB) cost a 300 ms layout
 * on the main thread; 64 000 leave no task over 50 ms. */
export const BLOCK_CHARS = 64000;

/** Texts up to this long get minimap bars placed by layout; longer ones by
 * character offset (measuring their layout is the very work blocks avoid). */
export const MINIMAP_LAYOUT_CHARS = 50000;

/** Offsets where blocks of `text` start (after the first). */
function blockStarts(text) {
  const starts = [];
  let at = BLOCK_CHARS;
  while (at < text.length) {
    const nl = text.indexOf("\n", at);
    const cut = nl >= 0 && nl - at < BLOCK_CHARS / 2 ? nl + 1 : at;
    if (cut >= text.length) break;
    // never between the halves of a surrogate pair
    const c = text.charCodeAt(cut);
    starts.push(c >= 0xdc00 && c < 0xe000 ? cut + 1 : cut);
    at = starts[starts.length - 1] + BLOCK_CHARS;
  }
  return starts;
}

function block() {
  const b = document.createElement("div");
  b.className = "ql-block";
  return b;
}

/** Shows `text` without highlights, in blocks. */
export function renderPlain(container, text) {
  container.replaceChildren();
  let from = 0;
  for (const at of [...blockStarts(text), text.length]) {
    const b = block();
    b.append(document.createTextNode(text.slice(from, at)));
    container.append(b);
    from = at;
  }
}

/** An element with a class and text content (never HTML). */
export function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * Renders document `doc` of `report` into `container` (emptied first).
 * Returns a Map from passage id to the elements that show it, in order.
 *
 * `labels` gives the hover text: labels.passage(p, otherName) → string,
 * labels.onlyHere → string.
 */
export function renderDocument(container, text, doc, report, labels, parts = false) {
  container.replaceChildren();
  const byPassage = new Map();
  const info = report.documents[doc];
  if (!info || info.length !== text.length) {
    renderPlain(container, text);
    return byPassage;
  }
  // edit runs of this document that are not equal, inside edited passages,
  // and the matched content units of reworded passages
  const marks = [];
  const units = [];
  for (const p of report.passages) {
    const side = p.a.doc === doc ? "a" : p.b.doc === doc ? "b" : null;
    if (!side) continue;
    if (p.kind === "reworded") {
      for (const m of p.matched?.[side] ?? []) units.push([m.start, m.end]);
      continue;
    }
    const kind = side === "a" ? "only_a" : "only_b";
    for (const e of p.edits) {
      if (e.kind === kind && e[side].end > e[side].start) marks.push([e[side].start, e[side].end]);
    }
  }
  const cuts = new Set([0, text.length]);
  for (const s of info.segments) { cuts.add(s.start); cuts.add(s.end); }
  for (const [s, e] of [...marks, ...units]) { cuts.add(s); cuts.add(e); }
  const starts = new Set(blockStarts(text));
  for (const b of starts) cuts.add(b);
  const points = [...cuts].sort((x, y) => x - y);
  marks.sort((x, y) => x[0] - y[0]);
  units.sort((x, y) => x[0] - y[0]);
  const frag = document.createDocumentFragment();
  let current = block();
  frag.append(current);
  let seg = 0;
  let mark = 0;
  let unit = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i], points[i + 1]];
    while (seg < info.segments.length && info.segments[seg].end <= s) seg++;
    while (mark < marks.length && marks[mark][1] <= s) mark++;
    while (unit < units.length && units[unit][1] <= s) unit++;
    if (starts.has(s)) {
      current = block();
      frag.append(current);
    }
    const segment = info.segments[seg];
    const piece = text.slice(s, e);
    if (!segment || segment.kind === "added") {
      const span = el("span", "ql-added", piece);
      if (parts) span.setAttribute("part", "added");
      current.append(span);
      continue;
    }
    const edited = mark < marks.length && marks[mark][0] <= s && e <= marks[mark][1];
    const matched = unit < units.length && units[unit][0] <= s && e <= units[unit][1];
    const ids = segment.passages;
    const first = report.passages[ids[0]];
    const kind = KINDS.includes(first.kind) ? first.kind : "edited";
    const cls = ["ql-shared", `ql-k-${kind}`];
    if (edited) cls.push("ql-edit");
    if (matched) cls.push("ql-unit");
    const m = el("mark", cls.join(" "), piece);
    if (parts) m.setAttribute("part", ["passage", `passage-${kind}`, edited ? "edit" : "", matched ? "unit" : ""].filter(Boolean).join(" "));
    m.dataset.passages = ids.join(" ");
    m.dataset.group = String(first.group);
    m.dataset.kind = kind;
    m.style.setProperty("--ql-c", groupColor(first.group));
    const other = first.a.doc === doc ? first.b.doc : first.a.doc;
    const note = edited ? labels.onlyHere + "\n" : matched && labels.matched ? labels.matched + "\n" : "";
    m.title = note + labels.passage(first, report.documents[other].name);
    for (const id of ids) {
      if (!byPassage.has(id)) byPassage.set(id, []);
      byPassage.get(id).push(m);
    }
    current.append(m);
  }
  container.append(frag);
  return byPassage;
}

/**
 * Draws the minimap strip for one document: a bar per run of shared text,
 * placed where the text sits in the rendered view (by character offset when
 * the view is hidden). Clicking the strip scrolls `view` there.
 */
export function renderMinimap(strip, doc, report, view) {
  strip.replaceChildren();
  const info = report.documents[doc];
  if (!info || info.length === 0) return;
  const bars = [];
  // by layout for texts of a few blocks; by offset for long ones, whose
  // off-screen blocks are not laid out (and must not be, to stay fast)
  const byLayout = !view.hidden && info.length <= MINIMAP_LAYOUT_CHARS;
  // A block that was never on screen has a placeholder height
  // (content-visibility: auto): lay short texts out for real to measure.
  const blocks = byLayout ? [...view.querySelectorAll(".ql-block")] : [];
  for (const b of blocks) b.style.setProperty("content-visibility", "visible");
  const height = view.scrollHeight;
  if (height > 0 && byLayout) {
    // one bar per stretch of marks of one group, by layout
    let cur = null;
    for (const m of view.querySelectorAll("mark.ql-shared")) {
      const top = m.offsetTop;
      const bottom = top + m.offsetHeight;
      if (cur && cur.group === m.dataset.group && top <= cur.bottom + m.offsetHeight) {
        cur.bottom = Math.max(cur.bottom, bottom);
      } else {
        cur = { group: m.dataset.group, passages: m.dataset.passages, top, bottom };
        bars.push(cur);
      }
    }
    for (const b of bars) {
      b.top /= height;
      b.size = (b.bottom - b.top * height) / height;
    }
  } else {
    for (const s of info.segments) {
      if (s.kind !== "shared") continue;
      const p = report.passages[s.passages[0]];
      bars.push({ group: String(p.group), passages: s.passages.join(" "), top: s.start / info.length, size: (s.end - s.start) / info.length });
    }
  }
  for (const b of blocks) b.style.removeProperty("content-visibility");
  for (const b of bars) {
    const bar = el("span", "ql-mini");
    bar.style.setProperty("top", `${100 * b.top}%`);
    bar.style.setProperty("height", `max(2px, ${100 * b.size}%)`);
    bar.style.setProperty("--ql-c", groupColor(Number(b.group)));
    bar.dataset.passages = b.passages;
    strip.append(bar);
  }
  strip.onclick = (ev) => {
    const r = strip.getBoundingClientRect();
    const frac = (ev.clientY - r.top) / r.height;
    view.scrollTop = frac * (view.scrollHeight - view.clientHeight);
  };
}

/**
 * Fills `container` with the legend: one swatch per passage kind (drawn by
 * the same classes as the passages), the matched units of a reworded
 * passage, an edit, and the author's own text. `t` holds the labels
 * (kindVerbatim, kindEdited, kindReworded, legendUnit, legendEdit,
 * legendAdded). With `parts`, swatches get `part="legend-item"`.
 */
/** The label of a passage kind (`verbatim`, `edited`, `reworded`) in `t`'s language. */
export function kindLabel(t, kind) {
  return { verbatim: t.kindVerbatim, edited: t.kindEdited, reworded: t.kindReworded }[kind];
}

/** A short one-line excerpt of `text[start, end)`: its head and, when it is
 * longer, its tail. */
export function excerpt(text, start, end, head = 60, tail = 24) {
  const flat = text.slice(start, end).replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return chars.length <= head + tail + 3 ? flat : `${chars.slice(0, head).join("")} … ${chars.slice(-tail).join("")}`;
}

/** The passage list: one button per passage that `keep(passage)` lets
 * through, in report order, with its number, kind, similarity, the two
 * documents and an excerpt of each side. Text reaches the DOM as text only.
 * Returns the number of entries. */
export function renderPassageList(list, report, texts, t, keep = () => true) {
  list.replaceChildren();
  let shown = 0;
  for (const p of report.passages) {
    if (!keep(p)) continue;
    const item = el("li", "ql-list-entry");
    const button = el("button", `ql-list-item ql-k-${p.kind}`);
    button.type = "button";
    button.dataset.passage = String(p.id);
    button.style.setProperty("--ql-color", groupColor(p.group));
    const [da, db] = [report.documents[p.a.doc].name, report.documents[p.b.doc].name];
    button.append(
      el("span", "ql-list-head", t.listEntry(p.id + 1, kindLabel(t, p.kind), Math.round(p.similarity * 100), da, db)),
      el("span", "ql-list-excerpt", excerpt(texts[p.a.doc], p.a.start, p.a.end)),
      el("span", "ql-list-excerpt", excerpt(texts[p.b.doc], p.b.start, p.b.end)),
    );
    item.append(button);
    list.append(item);
    shown += 1;
  }
  if (!shown) list.append(el("li", "ql-list-empty", report.passages.length ? t.listFiltered : t.noPassages));
  return shown;
}

export function renderLegend(container, t, parts = false) {
  container.replaceChildren();
  const item = (node) => {
    if (parts) node.setAttribute("part", "legend-item");
    container.append(node);
  };
  // swatches are not passages: no `ql-shared`, so nothing selects them
  for (const kind of KINDS) {
    const m = el("mark", `ql-legend ql-k-${kind}`, kindLabel(t, kind));
    m.dataset.kind = kind;
    item(m);
  }
  item(el("mark", "ql-legend ql-k-reworded ql-unit", t.legendUnit));
  item(el("mark", "ql-legend ql-k-edited ql-edit", t.legendEdit));
  item(el("span", "ql-added", t.legendAdded));
}

/** Per-document summary rows: name, % shared, % added, passages, partners. */
export function summaryRows(report) {
  return report.documents.map((d, i) => {
    const mine = report.passages.filter((p) => p.a.doc === i || p.b.doc === i);
    const partners = new Set(mine.map((p) => (p.a.doc === i ? p.b.doc : p.a.doc)));
    const pct = (x) => (d.length ? (100 * x) / d.length : 0);
    return {
      index: i,
      name: d.name,
      shared: pct(d.shared),
      added: pct(d.added),
      passages: mine.length,
      partners: [...partners].sort((a, b) => a - b).map((j) => report.documents[j].name),
    };
  });
}

/** Fills a <table> with the summary, using the given column labels. */
export function renderSummary(table, report, t) {
  table.replaceChildren();
  const head = el("tr");
  for (const h of [t.document, t.shared, t.added, t.passages, t.sharesWith]) head.append(el("th", "", h));
  const thead = el("thead");
  thead.append(head);
  const tbody = el("tbody");
  for (const r of summaryRows(report)) {
    const tr = el("tr");
    tr.append(
      el("td", "ql-name", r.name),
      el("td", "ql-num", `${r.shared.toFixed(1)}%`),
      el("td", "ql-num", `${r.added.toFixed(1)}%`),
      el("td", "ql-num", String(r.passages)),
      el("td", "", r.partners.join(", ") || "–"),
    );
    tbody.append(tr);
  }
  table.append(thead, tbody);
}

/** Extracts the visible text of an HTML document string. Scripts never run
 * (DOMParser builds an inert document); scripts, styles and other invisible
 * elements are dropped, and block elements become line breaks. */
export function htmlToText(html) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  for (const n of doc.querySelectorAll("script, style, noscript, template, head, iframe, object, embed, svg, canvas")) n.remove();
  // what a reader never sees: hidden elements, inline display:none or
  // visibility:hidden, aria-hidden content, and form controls' contents
  for (const n of doc.querySelectorAll("[hidden], [aria-hidden='true' i], textarea, select, option, datalist, [style]")) {
    if (n.matches("[style]") && !/(^|;)\s*(display\s*:\s*none|visibility\s*:\s*hidden)\b/i.test(n.getAttribute("style"))) continue;
    n.remove();
  }
  const BLOCK = /^(ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|BR|DD|DIV|DL|DT|FIGCAPTION|FIGURE|FOOTER|FORM|H[1-6]|HEADER|HR|LI|MAIN|NAV|OL|P|PRE|SECTION|TABLE|TR|UL)$/;
  const out = [];
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        out.push(child.data.replace(/\s+/g, " "));
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        const block = BLOCK.test(child.tagName);
        if (block) out.push("\n");
        walk(child);
        if (block) out.push("\n");
      }
    }
  };
  if (doc.body) walk(doc.body);
  return out.join("").replace(/[ \t]*\n[ \t]*/g, "\n").replace(/\n{3,}/g, "\n\n").trim();
}

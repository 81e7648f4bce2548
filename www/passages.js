// The passage controller, written once for the page (app.js) and the
// <quote-lens> element: hovering a passage lights it up in every pane,
// selecting one marks it and scrolls its counterparts into view, and the
// keyboard steps through passages. It also keeps only the newest of several
// comparisons in flight. It touches only elements the renderer made
// (render.js), never user text.

/** The passage ids of a rendered passage element (`data-passages`). */
export function passageIds(el) {
  return (el?.dataset?.passages ?? "").split(" ").filter(Boolean).map(Number);
}

/** Centers `el` in the scrolling `view` that holds it, without moving the
 * page around it. */
export function reveal(el, view) {
  const top = el.getBoundingClientRect().top - view.getBoundingClientRect().top + view.scrollTop;
  view.scrollTop = Math.max(0, top - view.clientHeight / 2);
}

export class PassageController {
  /** `root`: the element holding the panes (events are delegated to it);
   * `viewSelector`: what a pane's scrolling text view matches; `onSelect(id)`:
   * called when a passage is selected. */
  constructor(root, viewSelector, onSelect = () => {}) {
    this.root = root;
    this.viewSelector = viewSelector;
    this.onSelect = onSelect;
    this.report = null;
    this.els = new Map();
    this.current = -1;
  }

  /** A new report and the elements rendered for each passage id. */
  setReport(report, els) {
    this.report = report;
    this.els = els;
    this.current = -1;
  }

  /** Adds the mouse listeners to the root, until `signal` aborts. */
  listen(signal) {
    const on = (type, f) => this.root.addEventListener(type, f, { signal });
    on("mouseover", (ev) => this.hot(ev.target, true));
    on("mouseout", (ev) => this.hot(ev.target, false));
    on("click", (ev) => {
      const m = ev.target.closest?.(".ql-shared");
      if (m) this.select(passageIds(m)[0], m.closest(this.viewSelector));
    });
  }

  /** Lights up (or down) every element of the passages under `target`. */
  hot(target, on) {
    for (const id of passageIds(target.closest?.(".ql-shared"))) {
      for (const m of this.els.get(id) ?? []) m.classList.toggle("ql-hot", on);
    }
  }

  /** Marks passage `id` and scrolls each pane but `originView` to it. */
  select(id, originView = null) {
    if (!this.report?.passages[id]) return;
    this.clear();
    const seen = new Set([originView]);
    for (const m of this.els.get(id) ?? []) {
      m.classList.add("ql-current");
      const view = m.closest(this.viewSelector);
      if (view && !seen.has(view)) {
        seen.add(view);
        reveal(m, view);
      }
    }
    this.current = id;
    this.onSelect(id);
  }

  /** Scrolls every pane to its first shared passage. */
  revealFirst() {
    for (const view of this.root.querySelectorAll(this.viewSelector)) {
      const first = view.querySelector(".ql-shared");
      if (first) reveal(first, view);
    }
  }

  /** Unmarks the current passage. */
  clear() {
    for (const m of this.els.get(this.current) ?? []) m.classList.remove("ql-current");
    this.current = -1;
  }

  /** Selects the next (`delta` 1) or previous (-1) passage, wrapping, and
   * focuses its first pane. */
  step(delta) {
    const n = this.report?.passages.length ?? 0;
    if (!n) return;
    const next = this.current < 0 ? (delta > 0 ? 0 : n - 1) : (this.current + delta + n) % n;
    this.select(next, null);
    this.els.get(next)?.[0]?.closest(this.viewSelector)?.focus({ preventScroll: true });
  }

  /** Handles a key: j and ↓ step forward, k and ↑ back, Enter shows the
   * current passage again, Escape unmarks it. Returns true when the key
   * was one of these. */
  key(ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return false;
    if (ev.composedPath?.()[0]?.closest?.("input, textarea, select")) return false;
    const forward = ["j", "ArrowDown"];
    const back = ["k", "ArrowUp"];
    if (forward.includes(ev.key)) this.step(1);
    else if (back.includes(ev.key)) this.step(-1);
    else if (ev.key === "Enter" && this.current >= 0) this.select(this.current, null);
    else if (ev.key === "Escape") this.clear();
    else return false;
    ev.preventDefault();
    return true;
  }
}

/** Keeps only the newest of overlapping async calls: `run(work)` resolves
 * to `{value}` for the newest call and to `{stale: true}` for one that a
 * newer call superseded (its result, or its error, is dropped). */
export function newestOnly() {
  let seq = 0;
  return async (work) => {
    const mine = ++seq;
    try {
      const value = await work();
      return mine === seq ? { value } : { stale: true };
    } catch (e) {
      if (mine !== seq || e.superseded) return { stale: true };
      throw e;
    }
  };
}

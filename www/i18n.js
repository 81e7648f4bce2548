// UI strings in English and Japanese. The language comes from the browser
// (navigator.languages) unless the reader picks one; the choice is kept in
// localStorage.

export const STRINGS = {
  en: {
    title: "quotelens — which parts are quoted, which are the author's own",
    tagline: "Drop or paste two or more texts. Shared passages get one colour in every text; each author's own words stay plain.",
    sampleEn: "Sample (English)",
    sampleJa: "Sample (Japanese)",
    addDocument: "Add a text",
    clearAll: "Clear all",
    exportJson: "Export JSON",
    exportHtml: "Export HTML",
    print: "Print",
    language: "Language",
    options: "Options",
    minLength: "Shortest passage",
    maxGap: "Longest edit bridged",
    minSimilarity: "Lowest similarity",
    paraphrase: "Also find reworded passages (English etc.)",
    stem: "Fold English word endings",
    summary: "Summary",
    document: "Text",
    shared: "Shared",
    added: "Own text",
    passages: "Passages",
    sharesWith: "Shares with",
    textN: (n) => `Text ${n}`,
    placeholder: "Paste or type a text here, or drop a file (.txt, .md, .html).",
    openFile: "Open file…",
    edit: "Edit",
    done: "Done",
    remove: "Remove",
    working: "Comparing…",
    comparedIn: (ms, n) => `Compared in ${ms} ms · ${n} passage${n === 1 ? "" : "s"}`,
    noPassages: "No shared passages. Each text is its own.",
    needTwo: "Add at least two texts to compare.",
    passageLabel: (p, other) => `Passage ${p.id + 1} · ${Math.round(p.similarity * 100)}% identical · also in ${other}`,
    onlyHere: "Edited: only in this text",
    errBinary: (name, why) => `${name}: not a text file (${why}). The other texts are kept.`,
    errEmpty: (name) => `${name} is empty.`,
    errType: (name) => `${name}: unsupported file type. Use .txt, .md or .html.`,
    errTooLarge: (mb, limit) => `The texts are ${mb} MB together; the limit is ${limit} MB. Remove or shorten a text.`,
    warnReplaced: (name, n) => `${name}: ${n} damaged byte sequence${n === 1 ? " was" : "s were"} replaced by �.`,
    legendShared: "shared passage",
    legendAdded: "author's own text",
    legendEdit: "edit inside a passage",
    keyboard: "Keys: j / k or ↓ / ↑ move between passages; Enter shows the counterpart.",
    dropHere: "Drop files to add texts",
    standaloneNote: "Exported from quotelens. The texts stay on your machine.",
  },
  ja: {
    title: "quotelens — 引用された部分と、書き手自身の言葉",
    tagline: "二つ以上の文章をドロップまたは貼り付けてください。共通する部分はどの文章でも同じ色になり、書き手自身の文章は無地のままです。",
    sampleEn: "サンプル（英語）",
    sampleJa: "サンプル（日本語）",
    addDocument: "文章を追加",
    clearAll: "すべて消去",
    exportJson: "JSON で書き出し",
    exportHtml: "HTML で書き出し",
    print: "印刷",
    language: "言語",
    options: "設定",
    minLength: "最短の一致",
    maxGap: "一致の中で許す最長の編集",
    minSimilarity: "最低の類似度",
    paraphrase: "言い換えも探す（英語など）",
    stem: "英語の語尾をそろえる",
    summary: "概要",
    document: "文章",
    shared: "共通",
    added: "独自",
    passages: "一致",
    sharesWith: "共通する相手",
    textN: (n) => `文章 ${n}`,
    placeholder: "ここに文章を貼り付けるか入力するか、ファイル（.txt .md .html）をドロップしてください。",
    openFile: "ファイルを開く…",
    edit: "編集",
    done: "完了",
    remove: "削除",
    working: "比較しています…",
    comparedIn: (ms, n) => `${ms} ミリ秒で比較 · 一致 ${n} 件`,
    noPassages: "共通する部分はありません。",
    needTwo: "比較するには文章を二つ以上入れてください。",
    passageLabel: (p, other) => `一致 ${p.id + 1} · ${Math.round(p.similarity * 100)}% 同一 · ${other} にもあり`,
    onlyHere: "編集箇所：この文章だけにある部分",
    errBinary: (name, why) => `${name}：文章のファイルではありません（${why}）。他の文章はそのままです。`,
    errEmpty: (name) => `${name} は空です。`,
    errType: (name) => `${name}：対応していない種類のファイルです。.txt、.md、.html を使ってください。`,
    errTooLarge: (mb, limit) => `文章の合計が ${mb} MB あり、上限の ${limit} MB を超えています。文章を減らすか短くしてください。`,
    warnReplaced: (name, n) => `${name}：壊れたバイト列 ${n} か所を � に置き換えました。`,
    legendShared: "共通部分",
    legendAdded: "書き手自身の文章",
    legendEdit: "一致の中の編集",
    keyboard: "キー操作：j / k または ↓ / ↑ で一致を移動、Enter で対応箇所を表示。",
    dropHere: "ファイルをドロップして追加",
    standaloneNote: "quotelens で書き出しました。文章はお使いの端末の外に送られていません。",
  },
};

export function detectLanguage() {
  const saved = globalThis.localStorage?.getItem("quotelens-lang");
  if (saved && STRINGS[saved]) return saved;
  const langs = navigator.languages?.length ? navigator.languages : [navigator.language || "en"];
  return langs.some((l) => String(l).toLowerCase().startsWith("ja")) ? "ja" : "en";
}

export function saveLanguage(lang) {
  try {
    globalThis.localStorage?.setItem("quotelens-lang", lang);
  } catch {
    // private mode: the choice lasts for this visit
  }
}

// The tables of bench/citizen.sh: how many citizen queries each engine answers in its top 3.
//
//   node bench/citizen-report.mjs QUERIES CONTENT WORK
//
// QUERIES is the query set (bench/citizen-queries.json), CONTENT the content folder its plan ids
// and agency slugs must exist in (a stale id would silently count as a miss), WORK the folder
// holding gongkai-<lang>.jsonl (tests/js/client.mjs), pagefind-<lang>.jsonl
// (bench/search_pagefind.mjs) and `figures` (KEY=VALUE lines). Prints a table (a row per class, per
// language and overall) and writes WORK/citizen-rows.tsv: one row per query.
import fs from 'node:fs';
import path from 'node:path';
import { TOP, loadQuerySet, resultKey, firstRelevant, answered, precision } from './citizen.mjs';

const [queriesFile, contentDir, work] = process.argv.slice(2);
if (!queriesFile || !contentDir || !work) {
  console.error('usage: node bench/citizen-report.mjs QUERIES CONTENT WORK');
  process.exit(2);
}
let set;
try {
  set = loadQuerySet(queriesFile, contentDir);
} catch (e) {
  console.error(`error: ${e.message}`);
  process.exit(1);
}
const queries = set.queries;
const figures = Object.fromEntries(fs.readFileSync(path.join(work, 'figures'), 'utf8').split('\n').filter(Boolean).map((l) => {
  const i = l.indexOf('=');
  return [l.slice(0, i), l.slice(i + 1)];
}));

// ---- each engine's results, in the order a person sees them ----

const lines = (f) => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const byLang = (engine) => Object.fromEntries(['zh', 'en'].map((lang) => {
  const rows = lines(path.join(work, `${engine}-${lang}.jsonl`));
  return [lang, new Map(rows.map((r) => [r.query, r]))];
}));
const out = { gongkai: byLang('gongkai'), pagefind: byLang('pagefind') };
const scriptGzip = Number(figures.gongkai_script_gzip);

function gongkai(q) {
  const r = out.gongkai[q.lang].get(q.q);
  if (!r) throw new Error(`gongkai has no answer for ${JSON.stringify(q.q)} (${q.lang})`);
  // agencies the client shows above the plans come first (an array of URLs or of {url})
  const agencies = (r.agencies || []).map((a) => (typeof a === 'string' ? a : a.url));
  const shown = [...agencies, ...r.top.map((t) => t.url)];
  // the page's script is fetched too: one request more, its gzipped bytes
  // `none`: the page says plainly that no plan is about the query's words
  return { shown, total: r.total + agencies.length, none: r.none === true, bytes: r.gzip + scriptGzip, requests: r.requests + 1 };
}
function pagefind(q) {
  const r = out.pagefind[q.lang].get(q.q);
  if (!r) throw new Error(`Pagefind has no answer for ${JSON.stringify(q.q)} (${q.lang})`);
  return { shown: r.top, total: r.total, none: false, bytes: r.wire, requests: r.requests };
}
const engines = { gongkai, pagefind };

const judged = queries.map((q) => {
  const res = {};
  for (const [name, f] of Object.entries(engines)) {
    const r = f(q);
    const rank = firstRelevant(q, r.shown); // 0: not among those shown
    const [good, shown] = precision(q, r.shown);
    res[name] = { ...r, rank, answered: answered(q, r.shown, r.none), zero: r.total === 0, good, top: shown };
  }
  return { q, res };
});

// ---- the table ----

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const kB = (b) => (b / 1000).toFixed(0);
const width = (s) => [...String(s)].reduce((a, c) => a + (c.codePointAt(0) > 0x2e80 ? 2 : 1), 0);
const pad = (s, n) => String(s) + ' '.repeat(Math.max(0, n - width(s)));
const W = [24, 18, 22, 18, 26, 22];
const row = (cells) => console.log(cells.map((c, i) => pad(c, W[i])).join(' | ').trimEnd());
const both = (f) => `${f('gongkai')} / ${f('pagefind')}`;
function line(label, group) {
  const n = group.length;
  const count = (e, k) => group.filter((j) => j.res[e][k]).length;
  const mm = (e, k, u) => { const xs = group.map((j) => j.res[e][k]); return `${u(median(xs))} (${u(Math.max(...xs))})`; };
  // precision: of all results shown in the first TOP, the share relevant (queries no plan is
  // about count what they show as not relevant)
  const prec = (e) => { const s = group.reduce((a, j) => a + j.res[e].top, 0); return s ? (group.reduce((a, j) => a + j.res[e].good, 0) / s).toFixed(2) : '-'; };
  row([`${label} (${n})`, both((e) => count(e, 'answered')), both(prec), both((e) => count(e, 'zero')), both((e) => mm(e, 'bytes', kB)), both((e) => mm(e, 'requests', String))]);
}
const zh = judged.filter((j) => j.q.lang === 'zh').length;
console.log(`\n== citizen queries: ${judged.length} (${zh} Chinese, ${judged.length - zh} English), cold, gongkai / Pagefind ${figures.pagefind_version} ==`);
row(['class (queries)', `answered in top ${TOP}`, `relevant of top ${TOP} shown`, 'zero results', 'kB per query, median (max)', 'requests, median (max)']);
console.log(W.map((w) => '-'.repeat(w)).join('-|-'));
for (const c of Object.keys(set.classes)) {
  const group = judged.filter((j) => j.q.class === c);
  if (group.length) line(c, group);
}
console.log(W.map((w) => '-'.repeat(w)).join('-|-'));
for (const lang of ['zh', 'en']) line(`all ${lang}`, judged.filter((j) => j.q.lang === lang));
line('all', judged);
console.log(`(answered: a page the query set lists for it (plan, or the agency it names) among the first ${TOP} results shown,`);
console.log(` or, for a query no plan is about, nothing shown or the page saying so; relevant of top ${TOP}: the share of`);
console.log(` the results shown in the first ${TOP} that the query set lists;`);
console.log(` gongkai's agencies shown above its plans come first. kB: compressed, the search script included;`);
const pfScript = judged.map((j) => out.pagefind[j.q.lang].get(j.q.q).script.wire);
console.log(` kB = 1,000 bytes. Of these, the script: gongkai's ${kB(scriptGzip)} kB gzipped, Pagefind's JS and WASM ${kB(median(pfScript))} kB.)`);

for (const e of Object.keys(engines)) {
  const missed = judged.filter((j) => !j.res[e].answered).map((j) => j.q.q);
  console.log(`not answered by ${e} (${missed.length}): ${missed.join(', ')}`);
}
// gongkai offers queries when one finds nothing or part: those of its suggestions whose first
// results (agencies shown first) hold a page the query lists
const offered = judged.filter((j) => !j.res.gongkai.answered).flatMap((j) => {
  const r = out.gongkai[j.q.lang].get(j.q.q);
  const good = j.q.none ? [] : (r.suggestions || []).filter((s) => s.top && answered(j.q, s.top)).map((s) => s.query);
  return good.length ? [`${j.q.q} → ${good.join(' / ')}`] : [];
});
console.log(`not answered by gongkai but offered a query that answers it (${offered.length}): ${offered.join(', ')}`);

// ---- one row per query ----

const short = (url) => resultKey(url).replace(/^plan:/, '');
const header = ['lang', 'class', 'query', ...['gongkai', 'pagefind'].flatMap((e) => [`${e}_rank`, `${e}_total`, `${e}_top${TOP}`, `${e}_bytes`, `${e}_requests`]), 'relevant'];
const tsv = [header.join('\t'), ...judged.map(({ q, res }) => [
  q.lang, q.class, q.q,
  ...['gongkai', 'pagefind'].flatMap((e) => {
    const r = res[e];
    return [r.rank || '-', r.total, r.shown.slice(0, TOP).map(short).join(' ') || '-', r.bytes, r.requests];
  }),
  [...q.plans, ...q.agencies.map((a) => `agency:${a}`)].join(' '),
].join('\t'))];
const rowsFile = path.join(work, 'citizen-rows.tsv');
fs.writeFileSync(rowsFile, tsv.join('\n') + '\n');
console.log(`per-query rows (rank: first relevant result among those shown, - when none): ${rowsFile}`);

// Loads the site's search client into Node, and answers queries from a built site's exported
// index the way the browser does, counting the bytes each query downloads. The scripts are
// those the site publishes (static/js/search.<hash>.js …, minified by the build), or, for a
// site published without them, the theme's (themes/default/static/js). Used by
// tests/search_parity.rs and bench/search.sh.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const here = path.dirname(new URL(import.meta.url).pathname);
const js = path.join(here, '../../themes/default/static/js');
/** A theme script with each `//@vendor NAME` line replaced by the file vendor/NAME, as the
 * build does (src/render/vendor.rs `splice`). */
export function spliced(source) {
  return source.replace(/^[ \t]*\/\/@vendor (\S+)[ \t]*(\n|$)/gm, (line, name) => {
    const file = path.join(here, '../../vendor', name);
    if (!fs.existsSync(file)) return line;
    const text = fs.readFileSync(file, 'utf8');
    return text.endsWith('\n') ? text : text + '\n';
  });
}
const theme = (name) => spliced(fs.readFileSync(path.join(js, name + '.js'), 'utf8'));
/** The client (search), the suggestions script, which the page loads only for a query finding
 * nothing or part (suggest), and the stemmer, which it loads only for a query holding Latin
 * letters (stem): as SITE publishes them, else as the theme has them. */
export function scripts(site) {
  const dir = site ? path.join(site, 'static/js') : null;
  const names = dir && fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  const one = (name) => {
    const file = names.find((f) => new RegExp(`^${name}\\.[0-9a-f]{8}\\.js$`).test(f));
    return file ? fs.readFileSync(path.join(dir, file), 'utf8') : theme(name);
  };
  return { search: one('search'), suggest: one('search-suggest'), stem: one('search-stem') };
}
const own = scripts(null);
/** The theme's suggestions script. */
export const suggestSource = own.suggest;
/** The theme's stemmer. */
export const stemSource = own.stem;
/** Whether the page fetches the stemmer for query `q` (as js/search.js `LATIN`). */
export const needsStem = (q) => /[A-Za-z\u00C0-\u024F\uFF21-\uFF3A\uFF41-\uFF5A]/.test(q);

/** The client's API: {normalizeChar, tokenize, Engine, snippet, cmp, …}, with the stemmer
 * and the suggestions script's `Engine.prototype.suggest`; SITE's scripts when given. */
export function client(site) {
  return run(site ? scripts(site) : own);
}

/** The client's API from the scripts `s` ({search, stem, suggest}). */
function run(s) {
  const module = { exports: {} };
  new Function('module', s.search)(module);
  new Function('module', s.stem)(module);
  new Function('module', s.suggest)(module);
  return module.exports;
}

/** An engine over SITE's export for `lang`, counting requests and bytes (raw and gzipped,
 * as a static host compresses JSON). */
export function open(site, lang) {
  const s = scripts(site);
  const { Engine } = run(s);
  const dir = path.join(site, 'search', lang);
  const fetched = [];
  /** Counts the suggestions script as fetched (the page fetches it when it suggests). */
  const fetchSuggest = () => fetched.push(Buffer.from(s.suggest));
  /** Counts the stemmer as fetched (the page fetches it for a query with Latin letters). */
  const fetchStem = () => fetched.push(Buffer.from(s.stem));
  const counter = {
    get requests() { return fetched.length; },
    get raw() { return fetched.reduce((n, b) => n + b.length, 0); },
    get gzip() { return fetched.reduce((n, b) => n + zlib.gzipSync(b, { level: 9 }).length, 0); },
  };
  const read = (rel) => {
    const bytes = fs.readFileSync(path.join(dir, rel));
    fetched.push(bytes);
    return JSON.parse(bytes.toString('utf8'));
  };
  const engine = new Engine(read('index.json'), async (rel) => read(rel));
  return { engine, counter, fetchSuggest, fetchStem };
}

// Command line: node tests/js/client.mjs SITE LANG [--limit N] [--status KEY] [--follow]
// [--words] QUERY... → one JSON line per query. With --follow, each suggestion also gets
// `top`: the agencies and first three plans its query shows (run on a fresh engine, not
// counted). With --words, each line is the query's analysis instead (its content words).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const [site, lang, ...rest] = process.argv.slice(2);
  let limit = 10;
  let status = '';
  let follow = false;
  let words = false;
  const queries = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--limit') limit = Number(rest[++i]);
    else if (rest[i] === '--status') status = rest[++i];
    else if (rest[i] === '--follow') follow = true;
    else if (rest[i] === '--words') words = true;
    else queries.push(rest[i]);
  }
  for (const q of queries) {
    // every query starts cold: a fresh engine, nothing cached
    const { engine, counter, fetchSuggest, fetchStem } = open(site, lang);
    if (needsStem(q)) fetchStem();
    if (words) {
      console.log(JSON.stringify({ query: q, ...(await engine.words(q, false)) }));
      continue;
    }
    // files are read from disk synchronously: `ms` is reading, parsing and ranking
    const t0 = performance.now();
    const st = status ? engine.m.status.findIndex((x) => x.k === status) : -1;
    const res = await engine.search(q, -1, 0, st);
    const top = [];
    for (const h of res.hits.slice(0, limit)) {
      const d = await engine.doc(h.doc);
      top.push({ url: d.url, score: h.score });
    }
    const ms = Math.round((performance.now() - t0) * 10) / 10;
    // agencies the query names, shown above the plans
    const agencies = res.named.map((a) => engine.agencyUrl(a));
    // what a query finding nothing (or only part) is offered instead, with the script that
    // makes it (fetched only then, so counted only then)
    if (!res.total || res.partial || res.missing.length) fetchSuggest();
    const suggestions = await engine.suggest(q, -1, 0, st, res);
    for (const s of follow ? suggestions : []) {
      const { engine: e } = open(site, lang);
      const r = await e.search(s.query, -1, 0, st);
      const plans = await Promise.all(r.hits.slice(0, 3).map((h) => e.doc(h.doc)));
      s.top = [...r.named.map((a) => e.agencyUrl(a)), ...plans.map((d) => d.url)];
    }
    // `none`: the page says plainly that no plan is about (some of) the query's words
    const none = res.total === 0 || res.missing.length > 0;
    console.log(JSON.stringify({ query: q, total: res.total, partial: res.partial, missing: res.missing, none, corrections: res.corrections, agencies, suggestions, top, requests: counter.requests, raw: counter.raw, gzip: counter.gzip, ms }));
  }
}

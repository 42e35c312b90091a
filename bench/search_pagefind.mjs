// Pagefind's side of bench/search.sh: what a cold query downloads from a site that
// `pagefind --site SITE` has indexed, measured in headless Chromium.
//
//   node bench/search_pagefind.mjs SITE LANG QUERY...   → one JSON line per query
//
// SITE is a built gongkai site (a copy: Pagefind writes SITE/pagefind/). It is served on
// 127.0.0.1 by a tiny static server that logs every response under /pagefind/. Pagefind picks
// its index by the page's <html lang>, so LANG=zh opens a Chinese plan page (the root site,
// lang zh-Hant-TW) and LANG=en an /en/ plan page. Each query runs in a fresh browser context
// (cold cache): import pagefind.js, init, search, load the first ten results' data.
//
// Bytes: Pagefind's index files (pf_meta, pf_index, pf_fragment, pf_filter) and its WASM are
// gzipped by Pagefind itself, so their body size is what goes over the wire; its JS and JSON
// are text a static host would compress, so for those the gzip -9 size is counted (as
// tests/js/client.mjs does for gongkai's JSON). Also printed: how many results are plan pages
// (from the fragments on disk) and how many plan pages hold the query (from the built HTML,
// the same rule as tests/e2e/search.test.mjs), so recall can be compared.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
// playwright-core is the browser suite's, installed in tests/node_modules, which an import
// from bench/ would not find (Node looks in node_modules folders above the importing file)
const { chromium } = createRequire(new URL('../tests/package.json', import.meta.url))('playwright-core');

const [siteArg, lang, ...queries] = process.argv.slice(2);
if (!siteArg || !['zh', 'en'].includes(lang) || queries.length === 0) {
  console.error('usage: node bench/search_pagefind.mjs SITE zh|en QUERY...');
  process.exit(2);
}
const SITE = path.resolve(siteArg);
const PF = path.join(SITE, 'pagefind');
if (!fs.existsSync(path.join(PF, 'pagefind.js'))) throw new Error(`${PF}/pagefind.js missing: run pagefind --site ${SITE} first`);

// ---- result id → url, from the fragments on disk (one page each, or a group of pages) ----

const urlOf = new Map();
const unpack = (file) => {
  const bytes = zlib.gunzipSync(fs.readFileSync(file));
  const sig = 'pagefind_dcd';
  const text = bytes.toString('utf8');
  return JSON.parse(text.startsWith(sig) ? text.slice(sig.length) : text);
};
for (const name of fs.readdirSync(path.join(PF, 'fragment'))) {
  const hash = name.replace(/\.pf_fragment$/, '');
  const frag = unpack(path.join(PF, 'fragment', name));
  if (typeof frag.url === 'string') urlOf.set(hash, frag.url);
  else for (const [h, f] of Object.entries(frag)) if (f && typeof f.url === 'string') urlOf.set(h, f.url);
}
const isPlan = (url) => /^(\/en)?\/plans\/[^/]+\/[^/]+\/$/.test(url || '');

// ---- the plan pages holding each query (the rule of tests/e2e/search.test.mjs) ----

const decode = (s) => s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, e) => {
  const k = e.toLowerCase();
  if (k[0] === '#') return String.fromCodePoint(k[1] === 'x' ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10));
  return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }[k];
});
const plainText = (html) => decode(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
const prefix = lang === 'en' ? '/en' : '';
const plansRoot = path.join(SITE, prefix, 'plans');
const plans = [];
for (const year of fs.readdirSync(plansRoot).sort()) {
  for (const id of fs.readdirSync(path.join(plansRoot, year)).sort()) {
    const file = path.join(plansRoot, year, id, 'index.html');
    if (!fs.existsSync(file)) continue;
    const main = fs.readFileSync(file, 'utf8').match(/<main[^>]*>([\s\S]*?)<\/main>/);
    const text = plainText(main ? main[1] : '');
    plans.push({
      url: `${prefix}/plans/${year}/${id}/`,
      zh: lang === 'zh' ? text.normalize('NFKC').replace(/\s+/g, '') : null,
      words: lang === 'en' ? new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) : null,
    });
  }
}
function holding(q) {
  if (lang === 'zh') {
    const needle = q.normalize('NFKC').replace(/\s+/g, '');
    return plans.filter((p) => p.zh.includes(needle)).length;
  }
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return plans.filter((p) => words.every((w) => p.words.has(w))).length;
}

// ---- the server: static files, every /pagefind/ response logged ----

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.svg': 'image/svg+xml', '.xml': 'application/xml' };
const TEXT = new Set(['.js', '.mjs', '.json', '.css', '.html']);
const gzipSize = new Map();
const wire = (file, bytes) => {
  if (!TEXT.has(path.extname(file))) return bytes.length; // already gzipped by Pagefind
  if (!gzipSize.has(file)) gzipSize.set(file, zlib.gzipSync(bytes, { level: 9 }).length);
  return gzipSize.get(file);
};
let log = [];
const server = http.createServer((req, res) => {
  const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file = path.join(SITE, path.normalize(url).replace(/^(\.\.[/\\])+/, ''));
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!file.startsWith(SITE) || !fs.existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    if (url.startsWith('/pagefind/')) log.push({ url, status: 404, raw: 0, wire: 0 });
    return res.end('not found');
  }
  const bytes = fs.readFileSync(file);
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' });
  res.end(bytes);
  if (url.startsWith('/pagefind/')) log.push({ url, status: 200, raw: bytes.length, wire: wire(file, bytes) });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

// a plan page of the language: its <html lang> selects Pagefind's index
const firstDir = (dir) => fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()[0];
const year = firstDir(plansRoot);
const pagePath = `${prefix}/plans/${year}/${firstDir(path.join(plansRoot, year))}/`;

// script+wasm: pagefind.js, its worker and WASM; index: entry, pf_meta, pf_index, fragments, filters
const kind = (url) => (/\.(js|mjs)$/.test(url) || /\/wasm\.[^/]*\.pagefind$/.test(url) ? 'script' : 'index');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const q of queries) {
    const context = await browser.newContext(); // fresh: nothing cached
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(base + pagePath, { waitUntil: 'load' });
    const htmlLang = await page.evaluate(() => document.documentElement.getAttribute('lang'));
    log = [];
    const t0 = Date.now();
    const got = await page.evaluate(async (query) => {
      const pf = await import('/pagefind/pagefind.js');
      await pf.options({});
      await pf.init();
      const r = await pf.search(query);
      const top = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
      return { ids: r.results.map((x) => x.id), top: top.map((d) => d.url) };
    }, q);
    const ms = Date.now() - t0;
    await page.waitForTimeout(100); // let the server log the last responses
    await context.close();
    const sum = (k) => {
      const rs = log.filter((r) => kind(r.url) === k);
      return { requests: rs.length, raw: rs.reduce((a, r) => a + r.raw, 0), wire: rs.reduce((a, r) => a + r.wire, 0) };
    };
    const script = sum('script');
    const index = sum('index');
    const urls = got.ids.map((id) => urlOf.get(id));
    console.log(JSON.stringify({
      query: q, lang, page: pagePath, html_lang: htmlLang,
      total: got.ids.length,
      plans: urls.filter(isPlan).length,
      holding: holding(q),
      top: got.top,
      requests: script.requests + index.requests,
      raw: script.raw + index.raw,
      wire: script.wire + index.wire,
      script, index, ms,
      files: log.map((r) => `${r.url} ${r.wire}`),
      errors,
    }));
  }
} finally {
  await browser.close();
  server.close();
}

#!/usr/bin/env bash
# Static search: gongkai's own index against Pagefind's on the same built site.
#
#   bench/search.sh [N ...]        (default: 20 1000 10000; WORK=DIR keeps the work folder)
#
# For each N it generates a corpus (examples/gen_corpus) and builds it with gongkai
# (--timings: the `search index` phase is gongkai's index time). It measures gongkai's index on
# disk (public/search/zh and public/search/en) and what a cold query downloads from it
# (tests/js/client.mjs: a fresh engine per query, JSON gzipped as a static host would). Then it
# copies the built site, indexes the copy with Pagefind (wall time and peak memory) and runs the
# same queries in headless Chromium (bench/search_pagefind.mjs: a fresh browser context per
# query, a Chinese page for Chinese queries and an /en/ page for English ones, since Pagefind
# picks its index by <html lang>). It prints one table per N and a summary. Results found are
# printed for both, next to the number of plan pages whose text holds the query, so recall
# differences show. A benchmark: figures only, no thresholds. It installs its peers itself
# (Pagefind from bench/package-lock.json, playwright-core from tests/package-lock.json; Chromium is
# /usr/bin/chromium or $CHROMIUM).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@"); [ ${#SIZES[@]} -gt 0 ] || SIZES=(20 1000 10000)
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK"
ZH=(勞資爭議 '哺(集)乳室' 志清大樓 退休 'ISO 27001' 勞工 計畫)
EN=('collective agreement' 'labor insurance' pension 'occupational safety')

[ -x bench/node_modules/.bin/pagefind ] || (cd bench && npm ci --no-audit --no-fund --silent)
[ -d tests/node_modules/playwright-core ] || (cd tests && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --silent)
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "Chromium not found at ${CHROMIUM:-/usr/bin/chromium} (apt-get install -y chromium)" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
cargo build --release --quiet --bin gongkai --example gen_corpus
T=${CARGO_TARGET_DIR:-target}/release
PAGEFIND_VERSION=$(bench/node_modules/.bin/pagefind --version 2>/dev/null | awk '{print $NF}')

# bytes and files under the given folders: "BYTES FILES"
size_of() { find "$@" -type f -printf '%s\n' | awk '{b += $1; n++} END {printf "%d %d\n", b, n}'; }

# the tables, from the figures saved in $WORK/N/ (node: JSON in, text out)
report() {
  PAGEFIND_VERSION="$PAGEFIND_VERSION" node --input-type=module - "$WORK" "$@" <<'JS'
import fs from 'node:fs';
import path from 'node:path';
const [work, mode, ...sizes] = process.argv.slice(2);
const lines = (f) => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const env = (f) => Object.fromEntries(fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => l.split('=')));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const max = (xs) => Math.max(...xs);
const kB = (b) => (b / 1000).toFixed(1);
const MB = (b) => (b / 1e6).toFixed(2);
const int = (n) => Number(n).toLocaleString('en-US');
const pad = (s, n) => { s = String(s); const w = [...s].reduce((a, c) => a + (c.codePointAt(0) > 0x2e80 ? 2 : 1), 0); return s + ' '.repeat(Math.max(0, n - w)); };
const pf = `Pagefind ${process.env.PAGEFIND_VERSION}`;

function load(n) {
  const d = path.join(work, String(n));
  const g = env(path.join(d, 'figures'));
  const q = {};
  for (const lang of ['zh', 'en']) q[lang] = { g: lines(path.join(d, `gongkai-${lang}.jsonl`)), p: lines(path.join(d, `pagefind-${lang}.jsonl`)) };
  return { n, f: g, q };
}
function perLang(r, lang) {
  const { g, p } = r.q[lang];
  const script = Number(r.f.script_gzip);
  return {
    g: { idx: g.map((x) => x.gzip), all: g.map((x) => x.gzip + script), req: g.map((x) => x.requests + 1), raw: g.map((x) => x.raw) },
    p: { idx: p.map((x) => x.index.wire), all: p.map((x) => x.wire), req: p.map((x) => x.requests), raw: p.map((x) => x.index.raw), script: p.map((x) => x.script.wire) },
  };
}

if (mode === 'table') {
  const r = load(sizes[0]);
  const f = r.f;
  const W = 36, C = 30;
  const row = (what, a, b) => console.log((pad(what, W) + pad(a, C) + b).trimEnd());
  const secs = (x) => Number(x).toFixed(Number(x) < 1 ? 3 : 2);
  console.log(`\n== ${int(r.n)} records: ${int(f.pages)} HTML pages (gongkai indexes the ${int(f.plans)} plan pages, Pagefind every page) ==`);
  row('', 'gongkai', pf);
  row('index build time', `${secs(f.index_s)} s (search phase)`, `${secs(f.pf_s)} s, peak ${Math.round(f.pf_kb / 1024)} MB (whole run)`);
  row('  whole build, for scale', `${secs(f.build_s)} s, peak ${Math.round(f.build_kb / 1024)} MB`, '');
  row('index on disk', `${MB(f.g_bytes)} MB, ${int(f.g_files)} files`, `${MB(f.pf_bytes)} MB, ${int(f.pf_files)} files (all of pagefind/)`);
  row('  search data, compressed', `${MB(f.g_gzip)} MB (the JSON gzipped)`, `${MB(f.pfd_bytes)} MB, ${int(f.pfd_files)} files (the pf_* files)`);
  const p0 = r.q.zh.p[0], e0 = r.q.en.p[0];
  row('script, gzip', `${kB(f.script_gzip)} kB search.js`, `${kB(p0.script.wire)} kB zh / ${kB(e0.script.wire)} kB en (JS + WASM)`);
  for (const lang of ['zh', 'en']) {
    const s = perLang(r, lang);
    const mm = (xs, u = kB) => `${u(median(xs))} / ${u(max(xs))}`;
    const id = (x) => String(x);
    console.log(`${lang === 'zh' ? 'Chinese' : 'English'} queries (${r.q[lang].g.length}), cold, median / max:`);
    row('  index bytes, compressed (kB)', mm(s.g.idx), mm(s.p.idx));
    row('  with the script (kB)', mm(s.g.all), mm(s.p.all));
    row('  requests (with the script)', mm(s.g.req, id), mm(s.p.req, id));
    row('  index bytes, raw (kB)', mm(s.g.raw), mm(s.p.raw));
  }
  console.log(`results found per query (gongkai: plans; Pagefind: all pages / plan pages; plan pages holding the query):`);
  console.log(pad('  query', W) + pad('gongkai', 10) + pad('Pagefind', 20) + 'holding');
  for (const lang of ['zh', 'en']) {
    const { g, p } = r.q[lang];
    g.forEach((x, i) => {
      const y = p[i];
      const flag = (x.total < y.holding ? ' gongkai short' : '') + (y.plans < y.holding ? ' Pagefind short' : '');
      console.log(pad(`  ${x.query}`, W) + pad(x.total, 10) + pad(`${y.total} / ${y.plans}`, 20) + y.holding + flag);
    });
  }
} else {
  const rs = sizes.map(load);
  const W = [8, 8, 15, 25, 17, 19, 19, 15];
  const line = (cells) => console.log(cells.map((c, i) => pad(c, W[i])).join(' | ').trimEnd());
  console.log(`\n== summary: gongkai / ${pf} ==`);
  line(['records', 'pages', 'index time s', 'index size MB', 'index files', 'zh query kB gz', 'en query kB gz', 'plans short']);
  console.log(W.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rs) {
    const zh = perLang(r, 'zh'), en = perLang(r, 'en');
    const short = (side) => ['zh', 'en'].flatMap((l) => r.q[l].g.map((x, i) => {
      const y = r.q[l].p[i];
      return Math.max(0, y.holding - (side === 'g' ? x.total : y.plans));
    })).reduce((a, b) => a + b, 0);
    line([int(r.n), int(r.f.pages), `${Number(r.f.index_s).toFixed(2)} / ${Number(r.f.pf_s).toFixed(2)}`,
      `${MB(r.f.g_bytes)} (${MB(r.f.g_gzip)} gz) / ${MB(r.f.pf_bytes)}`, `${int(r.f.g_files)} / ${int(r.f.pf_files)}`,
      `${kB(median(zh.g.all))} / ${kB(median(zh.p.all))}`, `${kB(median(en.g.all))} / ${kB(median(en.p.all))}`, `${short('g')} / ${short('p')}`]);
  }
  console.log('(index size: gongkai\'s JSON as stored (gzipped as a host serves it) / all of pagefind/, stored gzipped;');
  console.log(' query kB: median over the queries of a cold query\'s download, script included, compressed;');
  console.log(' plans short: plan pages holding a query that the engine did not find, summed over all queries)');
}
JS
}

for N in "${SIZES[@]}"; do
  d="$WORK/$N"; site="$d/site"; copy="$d/pagefind-site"
  mkdir -p "$d"
  $T/examples/gen_corpus "$N" "$site" . 2>/dev/null
  rm -rf "$site/public"
  /usr/bin/time -f "%e %M" -o "$d/build.time" $T/gongkai build --root "$site" --timings >/dev/null 2>"$d/build.err" || { cat "$d/build.err"; exit 1; }
  index_ms=$(awk '$3 == "search" && $4 == "index" {print $1}' "$d/build.err")
  [ -n "$index_ms" ] || { echo "no 'search index' line in the --timings output:" >&2; cat "$d/build.err" >&2; exit 1; }
  read -r build_s build_kb < "$d/build.time"
  # the client as the site publishes it (minified by the build)
  SCRIPT_GZIP=$(gzip -9c "$site"/public/static/js/search.????????.js | wc -c)
  read -r g_bytes g_files < <(size_of "$site/public/search/zh" "$site/public/search/en")
  # gongkai's files are plain JSON that the host compresses; Pagefind's are stored gzipped
  g_gzip=$(find "$site/public/search/zh" "$site/public/search/en" -type f | node -e '
    const fs = require("fs"), zlib = require("zlib");
    const files = fs.readFileSync(0, "utf8").split("\n").filter(Boolean);
    console.log(files.reduce((a, f) => a + zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length, 0));')
  pages=$(find "$site/public" -name '*.html' | wc -l)
  plans=$(find "$site/public/plans" -name index.html | wc -l)

  node tests/js/client.mjs "$site/public" zh "${ZH[@]}" > "$d/gongkai-zh.jsonl"
  node tests/js/client.mjs "$site/public" en "${EN[@]}" > "$d/gongkai-en.jsonl"

  rm -rf "$copy"; cp -r "$site/public" "$copy"
  /usr/bin/time -f "%e %M" -o "$d/pagefind.time" bench/node_modules/.bin/pagefind --site "$copy" >"$d/pagefind.log" 2>&1 || { cat "$d/pagefind.log"; exit 1; }
  read -r pf_s pf_kb < "$d/pagefind.time"
  read -r pf_bytes pf_files < <(size_of "$copy/pagefind")
  read -r pfd_bytes pfd_files < <(find "$copy/pagefind" -type f \( -name '*.pf_meta' -o -name '*.pf_index' -o -name '*.pf_fragment' -o -name '*.pf_filter' \) -printf '%s\n' | awk '{b += $1; n++} END {printf "%d %d\n", b, n}')
  node bench/search_pagefind.mjs "$copy" zh "${ZH[@]}" > "$d/pagefind-zh.jsonl"
  node bench/search_pagefind.mjs "$copy" en "${EN[@]}" > "$d/pagefind-en.jsonl"

  cat > "$d/figures" <<EOF
index_s=$(awk -v ms="$index_ms" 'BEGIN {print ms / 1000}')
build_s=$build_s
build_kb=$build_kb
g_bytes=$g_bytes
g_files=$g_files
g_gzip=$g_gzip
script_gzip=$SCRIPT_GZIP
pages=$pages
plans=$plans
pf_s=$pf_s
pf_kb=$pf_kb
pf_bytes=$pf_bytes
pf_files=$pf_files
pfd_bytes=$pfd_bytes
pfd_files=$pfd_files
EOF
  report table "$N"
done
report summary "${SIZES[@]}"
echo "(kB = 1,000 bytes, MB = 1,000,000; work folder $WORK)"

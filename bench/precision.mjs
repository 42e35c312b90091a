// The citizen sets' answered share and top-3 precision for gongkai alone, in seconds: the browser's
// client (tests/js/client.mjs, a fresh engine per query) over a built site, scored by the rules of
// bench/citizen.mjs. bench/citizen.sh gives the same figures next to Pagefind's, in minutes.
//
//   node bench/precision.mjs SITE [-v] SET.json...
//
// SITE is a built site (`gongkai build --root . --output SITE`). Per set it prints "answered A/N
// precision P (relevant/shown)"; with -v, first every query not answered or showing a page it does
// not list, with what it showed and what it wanted.
import path from 'node:path';
import { open } from '../tests/js/client.mjs';
import { loadQuerySet, resultKey, precision, answered, TOP } from './citizen.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const args = process.argv.slice(2);
const verbose = args.includes('-v');
const [site, ...sets] = args.filter((a) => a !== '-v');
if (!site || !sets.length) {
  console.error('usage: node bench/precision.mjs SITE [-v] SET.json...');
  process.exit(2);
}

/** What the page shows first for `q`: the agencies it names, then the plans, as URLs; and
 * whether it says that no plan is about (some of) its words. */
async function shown(q, lang) {
  const { engine } = open(site, lang);
  const res = await engine.search(q, -1, 0, -1);
  const plans = [];
  for (const h of res.hits.slice(0, TOP)) plans.push((await engine.doc(h.doc)).url);
  const urls = [...res.named.map((a) => engine.agencyUrl(a)), ...plans];
  return { urls, saysNone: res.total === 0 || res.missing.length > 0 };
}

for (const file of sets) {
  const set = loadQuerySet(file, path.join(here, '../content'));
  let relevant = 0, seen = 0, ok = 0;
  for (const q of set.queries) {
    const { urls, saysNone } = await shown(q.q, q.lang);
    const [r, s] = precision(q, urls);
    const a = answered(q, urls, saysNone);
    relevant += r; seen += s; ok += a ? 1 : 0;
    if (verbose && (r < s || !a)) {
      const want = q.none ? 'none' : [...q.plans, ...q.agencies.map((x) => 'agency:' + x)].join(' ');
      console.log(`${a ? ' ' : 'X'} ${r}/${s} ${q.lang} [${q.class}] ${q.q} | shown: ${urls.slice(0, TOP).map(resultKey).join(' ')} | want: ${want}`);
    }
  }
  console.log(`${path.basename(file)}: answered ${ok}/${set.queries.length} precision ${(relevant / seen).toFixed(3)} (${relevant}/${seen})`);
}

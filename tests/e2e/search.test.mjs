// Search: the browser's results are exactly the plan pages whose text holds the query (the
// expected pages are found here from the built HTML, not from the index); every result marks
// what matched; the agency filter narrows the results, shows per-agency counts, goes into the
// URL and the back button undoes it; typing searches without Enter and keeps the query in the
// URL; the status is a polite live region that gives the count or says nothing matched; the
// header's search box on any page leads to the search page with results.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, pageKinds, SITE } from './support.mjs';
import { client, open as openEngine } from '../js/client.mjs';
import AxeBuilder from '@axe-core/playwright';

let server, browser, context;
before(async () => { server = await serve(); browser = await launch(); context = await browser.newContext(); });
after(async () => { server?.close(); await browser?.close(); });

// ---- the expected answers, from the built plan pages ----

const decode = (s) => s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, e) => {
  const k = e.toLowerCase();
  if (k[0] === '#') return String.fromCodePoint(k[1] === 'x' ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10));
  return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }[k];
});
const plainText = (html) => decode(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();

/** Every plan page of a language: url, title (its h1), main text, agency slug and name. */
function plans(lang) {
  const prefix = lang === 'en' ? '/en' : '';
  const root = path.join(SITE, prefix, 'plans');
  const out = [];
  for (const year of fs.readdirSync(root)) {
    for (const id of fs.readdirSync(path.join(root, year))) {
      const file = path.join(root, year, id, 'index.html');
      if (!fs.existsSync(file)) continue;
      const html = fs.readFileSync(file, 'utf8');
      const main = html.match(/<main[^>]*>([\s\S]*?)<\/main>/)[1];
      const title = plainText(main.match(/<h1[^>]*>([\s\S]*?)<\/h1>/)[1]);
      const meta = main.match(/class="?plan-meta"?[^>]*>([\s\S]*?)<\/dl>/)[1];
      const ag = meta.match(/href="?(?:\/en)?\/agencies\/([^/"\s>]+)\/"?[^>]*>([\s\S]*?)<\/a>/);
      // what search indexes: the title, the agency and year, and the review text (not the
      // verdict's labels, the source block or the other-years note around it)
      const review = main.slice(main.search(/<section[^>]*class="?review"?/), main.search(/<section[^>]*aria-labelledby="?(source|other-years)-heading/));
      assert.ok(review.length > 0, `${file}: the review section is found`);
      const text = plainText(`${title} ${meta} ${review}`);
      out.push({ url: `${prefix}/plans/${year}/${id}/`, year, title, text, agency: ag[1], agencyName: plainText(ag[2]) });
    }
  }
  assert.ok(out.length > 0, `plan pages under ${root}`);
  return out;
}
const PLANS = { zh: plans('zh'), en: plans('en') };
const byUrl = new Map([...PLANS.zh, ...PLANS.en].map((p) => [p.url, p]));

/** Chinese: the page text holds the query, whitespace removed on both sides (NFKC, so
 * full-width and half-width forms agree). English: every word of the query is a word of the
 * page, case-insensitively. */
function expected(lang, q) {
  if (lang === 'zh') {
    const norm = (s) => s.normalize('NFKC').replace(/\s+/g, '');
    const needle = norm(q);
    return new Set(PLANS.zh.filter((p) => norm(p.text).includes(needle)).map((p) => p.url));
  }
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return new Set(PLANS.en.filter((p) => {
    const have = new Set(p.text.toLowerCase().split(/[^\p{L}\p{N}]+/u));
    return words.every((w) => have.has(w));
  }).map((p) => p.url));
}

/** Whether a marked text is explained by the query: its characters are the query's, or it
 * holds a term the query searches (a word of the same stem, a synonym), as the site's own
 * client analyzes both with the manifest's synonyms. */
const ENGINES = {};
async function explained(lang, q, mark) {
  const qchars = new Set([...q.normalize('NFKC').toLowerCase()]);
  const chars = [...mark.normalize('NFKC').toLowerCase()].filter((c) => !/\s/.test(c));
  if (chars.length > 0 && chars.every((c) => qchars.has(c))) return true;
  if (!ENGINES[lang]) {
    const c = client();
    const m = JSON.parse(fs.readFileSync(path.join(SITE, 'search', lang, 'index.json'), 'utf8'));
    c.setTok(m.tok);
    c.setFold(m.fold);
    c.setSynonyms(m.syn);
    ENGINES[lang] = { ...openEngine(SITE, lang), c };
  }
  const { engine, c } = ENGINES[lang];
  // the terms the query is searched by (its words, their synonyms and related terms)
  const a = await engine.words(q, false);
  const terms = new Set(a.words.flatMap((w) => w.alts.flatMap((x) => x.slots.flat())));
  return c.analyze(mark).some((t) => terms.has(t.text) || [...terms].some((x) => t.text.startsWith(x)));
}

// ---- the page ----

const searchPath = (lang) => (lang === 'en' ? '/en/search/' : '/search/');
const key = (q, agency = '', year = '') => `${q.trim()}|${agency}|${year}`;
const cssString = (s) => s.replace(/["\\]/g, '\\$&');

/** Waits until the results for (q, agency, year) are rendered. */
async function done(page, q, agency = '', year = '') {
  await page.waitForSelector(`#search-results[data-done="${cssString(key(q, agency, year))}"]`, { state: 'attached', timeout: 10_000 });
}

async function open(lang, params) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.errors = errors;
  const qs = params ? '?' + new URLSearchParams(params) : '';
  await page.goto(server.base + searchPath(lang) + qs);
  return page;
}

/** The result items: every `#search-results > li` is a result with a link (the "show more"
 * button lives after the list, so a screen reader counts only results). */
async function results(page) {
  const others = await page.$$eval('#search-results > li', (lis) => lis.filter((li) => !li.querySelector('a')).map((li) => li.outerHTML.slice(0, 100)));
  assert.deepEqual(others, [], 'every list item is a result with a link');
  return page.$$eval('#search-results > li', (lis) => lis.map((li) => {
    const a = li.querySelector('a');
    return {
      href: a ? new URL(a.getAttribute('href'), location.href).pathname : null,
      title: a ? a.textContent.replace(/\s+/g, ' ').trim() : null,
      meta: li.querySelector('.meta')?.textContent.replace(/\s+/g, ' ').trim() ?? null,
      // a match may be in the title, the agency (in .meta) or the text: each is marked
      marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
    };
  }));
}

const status = (page) => page.locator('#search-status').innerText();
const numbers = (s) => (s.match(/\d+/g) || []).map(Number);

/** Checks the rendered results against the expected set: the same pages (or, past the first
 * ten, ten of them), titles as on the pages, agency and year in .meta, a mark in each result. */
async function checkResults(page, lang, q, want, label, { marks = true } = {}) {
  const got = await results(page);
  const shown = Math.min(want.size, 10);
  assert.equal(got.length, shown, `${label}: ${shown} results shown, got ${got.map((r) => r.href).join(' ')}`);
  if (want.size <= 10) {
    assert.deepEqual(new Set(got.map((r) => r.href)), want, `${label}: the result pages are the pages holding the query`);
  }
  for (const r of got) {
    assert.ok(want.has(r.href), `${label}: ${r.href} does not hold the query`);
    const plan = byUrl.get(r.href);
    assert.equal(r.title, plan.title, `${label}: the link text of ${r.href} is the plan's title`);
    assert.ok(r.meta !== null, `${label}: ${r.href} has .meta`);
    assert.ok(r.meta.includes(plan.agencyName), `${label}: .meta "${r.meta}" names the agency ${plan.agencyName}`);
    assert.ok(r.meta.includes(plan.year), `${label}: .meta "${r.meta}" gives the year ${plan.year}`);
    if (marks) assert.ok(r.marks.length >= 1, `${label}: the result ${r.href} marks a match`);
    for (const m of r.marks) {
      assert.ok(await explained(lang, q, m), `${label}: marked "${m}" in ${r.href} is not part of the query, a form of its words or a synonym`);
    }
  }
  const st = await status(page);
  assert.ok(numbers(st).includes(want.size), `${label}: status "${st}" gives the count ${want.size}`);
}

// ---- 1. results are the pages holding the query; 4. the status gives the count ----

const QUERIES = [
  ['zh', '勞資爭議'], ['zh', '哺(集)乳室'], ['zh', '志清大樓'], ['zh', '退休'], ['zh', 'ISO 27001'],
  ['en', 'NLRB'], ['en', 'collective agreement'], ['en', 'labor insurance'],
];

test('search: the status is a polite live region', async () => {
  for (const lang of ['zh', 'en']) {
    const page = await open(lang);
    assert.equal(await page.getAttribute('#search-status', 'role'), 'status');
    assert.equal(await page.getAttribute('#search-status', 'aria-live'), 'polite');
    await page.close();
  }
});

for (const [lang, q] of QUERIES) {
  test(`search (${lang}): "${q}" finds exactly the plans whose text holds it`, async () => {
    const want = expected(lang, q);
    assert.ok(want.size > 0, `some ${lang} plan page holds "${q}"`);
    const page = await open(lang, { q });
    await done(page, q);
    await checkResults(page, lang, q, want, `"${q}"`);
    assert.equal(await page.inputValue('#search-q'), q, 'the field shows the query from the URL');
    // a year from the URL filters too; every plan here is of a year in the select
    const year = [...want].map((u) => byUrl.get(u).year)[0];
    await page.goto(server.base + searchPath(lang) + '?' + new URLSearchParams({ q, year }));
    await done(page, q, '', year);
    const inYear = new Set([...want].filter((u) => byUrl.get(u).year === year));
    await checkResults(page, lang, q, inYear, `"${q}" in ${year}`);
    assert.equal(await page.inputValue('#search-year'), year, 'the year select shows the year from the URL');
    assert.deepEqual(page.errors, [], 'no script errors');
    await page.close();
  });
}

// ---- 2. the agency filter ----

for (const [lang, q] of [['zh', '勞動'], ['en', 'labor insurance']]) {
  test(`search (${lang}): the agency filter on "${q}" narrows, counts, goes into the URL and back undoes it`, async () => {
    const want = expected(lang, q);
    const perAgency = new Map();
    for (const u of want) {
      const a = byUrl.get(u).agency;
      perAgency.set(a, (perAgency.get(a) || 0) + 1);
    }
    assert.ok(perAgency.size >= 2, `"${q}" matches plans of at least two agencies (${[...perAgency.keys()]})`);
    const page = await open(lang, { q });
    await done(page, q);
    await checkResults(page, lang, q, want, `"${q}"`, { marks: false });
    const before = (await results(page)).map((r) => r.href);
    if (want.size > 10) {
      // the rest is a button away, and then every page holding the query is listed
      await page.click('.more button');
      await page.waitForFunction((n) => document.querySelectorAll('#search-results > li a').length >= n, Math.min(want.size, 20));
      const all = (await results(page)).map((r) => r.href);
      if (want.size <= 20) assert.deepEqual(new Set(all), want, `"${q}": with more shown, the results are the pages holding the query`);
      else assert.ok(all.every((u) => want.has(u)), `"${q}": shown results hold the query`);
      await page.reload();
      await done(page, q);
    }

    // each agency option counts the matches of the current query
    const options = await page.$$eval('#search-agency option', (os) => os.map((o) => ({ value: o.value, text: o.textContent.trim() })));
    assert.equal(options[0].value, '', 'the first option is every agency');
    for (const [slug, n] of perAgency) {
      const o = options.find((x) => x.value === slug);
      assert.ok(o, `an option for ${slug}`);
      assert.ok(o.text.includes(`(${n})`), `option "${o.text}" counts ${n} matches`);
    }

    // the agency with most matches (then by slug)
    const [slug, n] = [...perAgency].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    const name = PLANS[lang].find((p) => p.agency === slug).agencyName;
    const historyBefore = await page.evaluate(() => history.length);
    await page.selectOption('#search-agency', slug);
    await done(page, q, slug);
    const only = new Set([...want].filter((u) => byUrl.get(u).agency === slug));
    assert.equal(only.size, n);
    await checkResults(page, lang, q, only, `"${q}" at ${slug}`, { marks: false });
    for (const r of await results(page)) {
      assert.equal(byUrl.get(r.href).agency, slug, `${r.href} belongs to ${slug}`);
      assert.ok(r.meta.includes(name), `.meta "${r.meta}" names ${name}`);
    }
    const url = new URL(page.url());
    assert.equal(url.pathname, searchPath(lang));
    assert.equal(url.searchParams.get('agency'), slug, `the URL ${url.search} holds agency=${slug}`);
    assert.equal(url.searchParams.get('q'), q, `the URL ${url.search} keeps the query`);
    assert.equal(await page.evaluate(() => history.length), historyBefore + 1, 'changing the agency adds a history entry');

    await page.goBack();
    await done(page, q);
    assert.deepEqual((await results(page)).map((r) => r.href), before, 'back restores the unfiltered results');
    assert.equal(await page.inputValue('#search-agency'), '', 'back resets the agency select');
    assert.equal(new URL(page.url()).searchParams.get('agency') || '', '', 'back restores the URL');
    await checkResults(page, lang, q, want, `"${q}" after back`, { marks: false });
    assert.deepEqual(page.errors, [], 'no script errors');
    await page.close();
  });
}

// ---- 3. typing searches as you type, reached with the keyboard ----

test('search (zh): typing 勞資 from the keyboard shows results without Enter', async () => {
  const q = '勞資';
  const want = expected('zh', q);
  assert.ok(want.size > 0);
  const page = await open('zh');
  let focused = null;
  for (let i = 0; i < 60 && focused !== 'search-q'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.id || null);
  }
  assert.equal(focused, 'search-q', '#search-q is reached with Tab');
  const historyBefore = await page.evaluate(() => history.length);
  for (const ch of q) await page.keyboard.type(ch, { delay: 60 });
  await done(page, q);
  await checkResults(page, 'zh', q, want, `typed "${q}"`);
  const search = await page.evaluate(() => location.search);
  assert.ok(search.includes('q='), `location.search "${search}" holds q=`);
  assert.equal(new URLSearchParams(search).get('q'), q, 'the URL holds the typed query');
  assert.equal(await page.evaluate(() => history.length), historyBefore, 'typing replaces the history entry rather than adding one');
  assert.deepEqual(page.errors, [], 'no script errors');
  await page.close();
});

// ---- 5. the header's search box ----

for (const [lang, q] of [['zh', '退休'], ['en', 'collective agreement']]) {
  test(`search (${lang}): the header's search box on a plan page leads to results for "${q}"`, async () => {
    const want = expected(lang, q);
    assert.ok(want.size > 0);
    const page = await context.newPage();
    const planPath = (lang === 'en' ? '/en' : '') + pageKinds().plan;
    await page.goto(server.base + planPath);
    const input = page.locator('header form input[name="q"]');
    assert.equal(await input.count(), 1, 'one search field in the header');
    const action = await page.$eval('header form:has(input[name="q"])', (f) => new URL(f.action).pathname);
    assert.equal(action, searchPath(lang), 'the header form leads to the search page');
    await input.fill(q);
    await Promise.all([page.waitForURL((u) => u.pathname === searchPath(lang)), input.press('Enter')]);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('q'), q, `landed on ${url.pathname}${url.search}`);
    await done(page, q);
    await checkResults(page, lang, q, want, `header "${q}"`, { marks: false });
    await page.close();
  });
}

// ---- 6. nothing found ----

for (const lang of ['zh', 'en']) {
  test(`search (${lang}): a query matching nothing says so`, async () => {
    const q = 'qzxjvkwpq';
    assert.equal(expected(lang, q).size, 0);
    const page = await open(lang, { q });
    await done(page, q);
    assert.equal(await page.locator('#search-results > li').count(), 0, 'no results');
    const st = await status(page);
    assert.match(st, /找不到|沒有|查無|無符合|no plan|nothing|not found|no match|\b0\b/i, `status "${st}" says nothing was found`);
    assert.deepEqual(page.errors, [], 'no script errors');
    await page.close();
  });
}

// ---- 7. agencies, statuses and help (issue 11) ----

async function axe(page, label) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], `${label}: axe violations`);
}

/** Presses Tab until the focused element matches `selector`; fails after 80 presses. */
async function tabTo(page, selector) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) return;
  }
  assert.fail(`${selector} is not reached with Tab`);
}

for (const [lang, q, slug] of [['zh', '勞保局', 'bli'], ['en', 'OSHA', 'osha']]) {
  test(`search (${lang}): "${q}" shows the agency, linked with its plan count, above the plans`, async () => {
    const page = await open(lang, { q });
    await done(page, q);
    const agencies = await page.$$eval('#search-agencies a', (as) => as.map((a) => ({ href: new URL(a.getAttribute('href'), location.href).pathname, text: a.parentNode.textContent })));
    const prefix = lang === 'en' ? '/en' : '';
    assert.deepEqual(agencies.map((a) => a.href), [`${prefix}/agencies/${slug}/`]);
    const count = PLANS[lang].filter((p) => p.agency === slug).length;
    assert.ok(numbers(agencies[0].text).includes(count), `"${agencies[0].text}" gives the agency's ${count} plans`);
    // the agency list comes before the results in the page
    const before = await page.evaluate(() => !!(document.getElementById('search-agencies').compareDocumentPosition(document.getElementById('search-results')) & Node.DOCUMENT_POSITION_FOLLOWING));
    assert.ok(before, 'the agency is above the plans');
    // every result's agency line links to its agency page
    const metas = await page.$$eval('#search-results .meta a', (as) => as.map((a) => new URL(a.getAttribute('href'), location.href).pathname));
    assert.ok(metas.length > 0 && metas.every((h) => h.startsWith(`${prefix}/agencies/`)), `agency lines link to agency pages: ${metas}`);
    // by keyboard: Tab reaches the agency link, Enter opens its page
    await tabTo(page, '#search-agencies a');
    await axe(page, `agency for ${q}`);
    await Promise.all([page.waitForURL((u) => u.pathname === `${prefix}/agencies/${slug}/`), page.keyboard.press('Enter')]);
    assert.deepEqual(page.errors, [], 'no script errors');
    await page.close();
  });
}

for (const [lang, q] of [['zh', '落後'], ['en', 'behind schedule']]) {
  test(`search (${lang}): "${q}" puts the plans behind schedule first, offers the status filter, which goes into the URL and back undoes it`, async () => {
    const page = await open(lang, { q });
    await done(page, q);
    const behind = await page.$$eval('#search-status-filter option[value="behind"]', (os) => os.map((o) => o.textContent));
    const n = numbers(behind[0])[0];
    assert.ok(n > 0, `the behind option counts its plans: ${behind[0]}`);
    const first = (await results(page)).slice(0, n).map((r) => r.href);
    // the offer is a button, reached by keyboard
    await tabTo(page, '#search-help button');
    await axe(page, `offer for ${q}`);
    const historyBefore = await page.evaluate(() => history.length);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`#search-results[data-done="${cssString(q.trim() + '||' + '|behind')}"]`, { state: 'attached', timeout: 10_000 });
    assert.equal(new URL(page.url()).searchParams.get('status'), 'behind', 'the URL holds status=behind');
    assert.equal(await page.evaluate(() => history.length), historyBefore + 1, 'the filter adds a history entry');
    const filtered = (await results(page)).map((r) => r.href);
    assert.equal(filtered.length, n, 'only the plans behind schedule');
    assert.deepEqual(new Set(filtered), new Set(first), 'they were the first results');
    await axe(page, `status filter for ${q}`);
    await page.goBack();
    await done(page, q);
    assert.equal(await page.inputValue('#search-status-filter'), '', 'back resets the status select');
    assert.equal(new URL(page.url()).searchParams.get('status'), null);
    assert.deepEqual(page.errors, [], 'no script errors');
    await page.close();
  });
}

for (const lang of ['zh', 'en']) {
  test(`search (${lang}): a filtered query finding nothing says which words were missing and offers to clear the filters`, async () => {
    const q = lang === 'zh' ? '志清大樓' : 'NLRB';
    // a year no plan has is not offered, so: the agency that does not hold the query
    const holders = new Set([...expected(lang, q)].map((u) => byUrl.get(u).agency));
    const other = PLANS[lang].map((p) => p.agency).find((a) => !holders.has(a));
    const page = await open(lang, { q, agency: other });
    await done(page, q, other);
    assert.equal(await page.locator('#search-results > li').count(), 0);
    const clear = page.locator('#search-help button');
    assert.equal(await clear.count(), 1, 'one offer: clearing the filters');
    await axe(page, 'zero results with filters');
    await tabTo(page, '#search-help button');
    await page.keyboard.press('Enter');
    await done(page, q);
    assert.ok((await results(page)).length > 0, 'without the filter the query finds its plans');
    assert.equal(new URL(page.url()).searchParams.get('agency'), null);
    // nothing found and no filter: no offer to clear, and the missing words are named
    const miss = lang === 'zh' ? '量子糾纏' : 'qzxjvkwpq zzyzx';
    await page.goto(server.base + searchPath(lang) + '?' + new URLSearchParams({ q: miss }));
    await done(page, miss);
    assert.equal(await page.locator('#search-help button').count(), 0, 'no filter to clear');
    const st = await status(page);
    assert.ok(st.includes(lang === 'zh' ? '糾纏' : 'zzyzx'), `status "${st}" names the missing words`);
    await axe(page, 'zero results');
    assert.deepEqual(page.errors, [], 'no script errors');
    await page.close();
  });
}

// ---- 8. no dead ends: a query finding nothing offers queries that find plans ----

for (const [lang, q, want] of [['zh', '年金火星', '年金'], ['zh', '勞資爭議火星', '勞資爭議'], ['en', 'labr', 'labor']]) {
  test(`search (${lang}): "${q}" finds nothing whole and offers "${want}", which Tab and Enter run, with its count, in the URL, and back returns`, async () => {
    const page = await open(lang, { q });
    await done(page, q);
    const offers = await page.$$eval('#search-help button', (bs) => bs.map((b) => b.textContent));
    const offer = offers.find((t) => t.startsWith(want + (lang === 'zh' ? '（' : ' (')));
    assert.ok(offer, `"${want}" is offered among ${JSON.stringify(offers)}`);
    const n = numbers(offer.slice(want.length))[0];
    assert.ok(n > 0, `the offer "${offer}" gives its number of plans`);
    // the help says which words were not found, besides offering
    assert.match(await status(page), lang === 'zh' ? /沒有計畫談到|沒有計畫同時包含/ : /No plan is about|No plan/);
    await axe(page, `suggestions for ${q}`);
    // by keyboard: Tab to the offer, Enter runs it
    const index = offers.indexOf(offer);
    await tabTo(page, '#search-help button');
    for (let i = 0; i < index; i++) await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), offer, 'the offer has the focus');
    const historyBefore = await page.evaluate(() => history.length);
    await page.keyboard.press('Enter');
    await done(page, want);
    assert.equal(new URL(page.url()).searchParams.get('q'), want, 'the URL holds the offered query');
    assert.equal(await page.evaluate(() => history.length), historyBefore + 1, 'running an offer adds a history entry');
    assert.equal(await page.inputValue('#search-q'), want, 'the field shows the offered query');
    const shown = await results(page);
    assert.equal(shown.length, Math.min(n, 10), `the offer finds the ${n} plans it said`);
    assert.ok(numbers(await status(page)).includes(n), 'the status gives the same count');
    await page.goBack();
    await done(page, q);
    assert.equal(await page.inputValue('#search-q'), q, 'back restores the query');
    assert.ok(await page.locator('#search-help button').count() >= 1, 'and its offers');
    assert.deepEqual(page.errors, [], 'no script errors');
    await page.close();
  });
}

test('search (zh): a query that finds its plans fetches no suggestions script and offers nothing', async () => {
  const page = await context.newPage();
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(server.base + searchPath('zh') + '?' + new URLSearchParams({ q: '勞資爭議' }));
  await done(page, '勞資爭議');
  assert.ok((await results(page)).length > 0);
  assert.equal(await page.locator('#search-help button').count(), 0, 'no offer');
  assert.deepEqual(fetched.filter((p) => p.includes('search-suggest')), [], 'the suggestions script is not fetched');
  await page.close();
});

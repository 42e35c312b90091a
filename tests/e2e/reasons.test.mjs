// Why, not only which: every finding page, in both languages, gives each plan it lists the
// reviewers' own sentence, and each sentence is, word for word, a part of the paragraph it
// cites on the plan's page (the page in the sentence's language: Chinese shown on an English
// page is marked as Chinese and cites the Chinese page). Each sentence's link leads to a
// paragraph of the plan's page in the page's language. The plan pages' own lists of why hold
// to the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, SITE } from './support.mjs';

let server, browser, context;
before(async () => { server = await serve(); browser = await launch(); context = await browser.newContext(); });
after(async () => { server?.close(); await browser?.close(); });

const squeeze = (s) => s.replace(/\s+/g, ' ').trim();
const dirs = (rel) => fs.readdirSync(path.join(SITE, rel), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

/** Each page's elements with an id, as their text, loaded once. */
const pages = new Map();
async function idTexts(url) {
  const key = url.split('#')[0];
  if (!pages.has(key)) {
    const page = await context.newPage();
    const res = await page.goto(server.base + key);
    assert.equal(res.status(), 200, key);
    pages.set(key, await page.$$eval('[id]', (els) => Object.fromEntries(els.map((e) => [e.id, e.textContent]))));
    await page.close();
  }
  return pages.get(key);
}

/** The text of the element a URL's fragment names, on its page. */
async function target(url) {
  const [, id] = url.split('#');
  assert.ok(id, `${url} names a paragraph or section`);
  const texts = await idTexts(url);
  assert.ok(id in texts, `${url}: no element with id ${id}`);
  return squeeze(texts[id]);
}

/** The why of a page: [{ plan (its link, on finding pages), quotes: [{ text, lang, href, cite }] }], from a plan's list of why or from the reasons beside each plan of a finding's table. */
const whyOf = (page) => page.evaluate(() => {
  const quotes = (el) => [...el.querySelectorAll('a.reason q')].map((q) => ({ text: q.textContent, lang: q.getAttribute('lang'), href: q.closest('a').getAttribute('href'), cite: q.getAttribute('cite') }));
  const table = document.querySelector('#finding-plans');
  if (table) {
    return [...table.tBodies[0].rows].map((r) => ({ plan: r.querySelector('th a').getAttribute('href'), quotes: quotes(r.querySelector('td.col-why')) }));
  }
  const out = [];
  for (const el of document.querySelectorAll('dl.reasons > *')) {
    if (el.tagName === 'DT') out.push({ plan: el.querySelector('a')?.getAttribute('href') || null, quotes: [] });
    else out[out.length - 1].quotes.push(...quotes(el));
  }
  return out;
});

/** Checks each quote: verbatim in the paragraph it cites, in the right language, its link leading to a paragraph of the page's language. */
async function checkQuotes(where, prefix, quotes) {
  for (const q of quotes) {
    const words = squeeze(q.text);
    assert.ok(words.length > 3, `${where}: an empty quote`);
    const cited = await target(q.cite);
    assert.ok(cited.includes(words), `${where}: 「${words}」 is not in ${q.cite}: ${cited}`);
    const chinese = prefix === '' || q.lang !== null;
    assert.equal(q.cite.startsWith('/en/'), !chinese, `${where}: ${q.cite} is not the page in the quote's language`);
    if (prefix === '/en' && q.lang !== null) assert.match(q.lang, /^zh/, `${where}: Chinese on an English page is marked`);
    assert.ok(q.href.startsWith(`${prefix}/plans/`), `${where}: ${q.href} is not a plan page in this language`);
    await target(q.href);
  }
}

const year = dirs('years')[0];
const findings = dirs(`years/${year}`);

test('there are finding pages to check', () => {
  assert.ok(findings.includes('late-reports') && findings.includes('spending-below-90'), findings.join(' '));
});

for (const prefix of ['', '/en']) {
  for (const slug of findings) {
    test(`${prefix || 'zh'} ${slug}: each listed plan has the reviewers' sentence, word for word from its page`, async () => {
      const page = await context.newPage();
      await page.goto(`${server.base}${prefix}/years/${year}/${slug}/`);
      const listed = await page.$$eval('#finding-plans tbody tr th a', (as) => as.map((a) => a.getAttribute('href')));
      const why = await whyOf(page);
      await page.close();
      assert.deepEqual(why.map((w) => w.plan).sort(), [...listed].sort(), 'the reasons are beside exactly the plans listed');
      for (const w of why) {
        assert.ok(w.quotes.length > 0, `${w.plan} has no sentence`);
        await checkQuotes(`${prefix}/years/${year}/${slug}/ ${w.plan}`, prefix, w.quotes);
      }
    });
  }
  test(`${prefix || 'zh'} plan pages: each flag's sentence is word for word from the page`, async () => {
    let quoted = 0;
    for (const plan of dirs(`plans/${year}`)) {
      const url = `${prefix}/plans/${year}/${plan}/`;
      const page = await context.newPage();
      await page.goto(server.base + url);
      const why = await whyOf(page);
      await page.close();
      const quotes = why.flatMap((w) => w.quotes);
      assert.ok(quotes.length > 0, `${url} gives no reason`);
      await checkQuotes(url, prefix, quotes);
      quoted += quotes.length;
    }
    assert.ok(quoted > 0);
  });
}

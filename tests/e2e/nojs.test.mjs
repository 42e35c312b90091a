// With JavaScript off every page works; the search page says why it cannot show results and
// offers the agencies and years instead.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, allPages, launch } from './support.mjs';

let server, browser, context;
before(async () => { server = await serve(); browser = await launch(); context = await browser.newContext({ javaScriptEnabled: false }); });
after(async () => { server?.close(); await browser?.close(); });

for (const [name, path] of allPages()) {
  test(`no JavaScript: ${name} shows its content and links`, async () => {
    const page = await context.newPage();
    await page.goto(server.base + path);
    assert.ok((await page.locator('main h1').count()) === 1, 'one h1 in main');
    assert.ok((await page.locator('main').innerText()).length > 20);
    const first = page.locator('nav[aria-label] a').first();
    const href = await first.getAttribute('href');
    const resp = await page.goto(server.base + href);
    assert.equal(resp.status(), 200, `${href} from the menu works`);
    await page.close();
  });
}

for (const [lang, path, words] of [['zh', '/search/', 'JavaScript'], ['en', '/en/search/', 'JavaScript']]) {
  test(`no JavaScript: the ${lang} search page explains and lists the agencies`, async () => {
    const page = await context.newPage();
    await page.goto(server.base + path);
    const text = await page.locator('main').innerText();
    assert.ok(text.includes(words), 'says search results need JavaScript');
    const agencyLinks = await page.locator('main a[href*="/agencies/"]').count();
    assert.ok(agencyLinks >= 1, 'lists agencies');
    await page.close();
  });
}

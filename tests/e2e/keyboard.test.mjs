// Keyboard: the skip link is the first stop and moves focus to the main content; every link,
// button and field is reachable with Tab and visibly focused; the language switch leads to the
// same page in the other language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, allPages, pageKinds, launch, patiently } from './support.mjs';

let server;
const state = {};
before(async () => { server = await serve(); state.browser = await launch(); state.context = await state.browser.newContext(); });
after(async () => { server?.close(); await state.browser?.close(); });

for (const [name, path] of allPages()) {
  test(`keyboard: ${name}`, () => patiently(state, async (context) => {
    const page = await context.newPage();
    await page.goto(server.base + path);
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({ text: document.activeElement.textContent.trim(), href: document.activeElement.getAttribute('href') }));
    assert.equal(first.href, '#main');
    assert.equal(first.text, name.startsWith('zh') ? '跳到主要內容區塊' : 'Skip to main content');
    const skipVisible = await page.evaluate(() => { const r = document.activeElement.getBoundingClientRect(); return r.top >= 0 && r.height > 0; });
    assert.ok(skipVisible, 'the focused skip link is on screen');
    await page.keyboard.press('Enter');
    const inMain = await page.evaluate(() => !!document.activeElement.closest('main#main'));
    assert.ok(inMain, 'Enter on the skip link moves focus into main');

    // every focusable, visible element is reached by Tab, each with a visible focus indicator
    await page.goto(server.base + path);
    const expected = await page.evaluate(() => [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])')]
      .filter((e) => !e.disabled && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden').length);
    const seen = new Set();
    for (let i = 0; i < expected + 5; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const e = document.activeElement;
        if (!e || e === document.body) return null;
        const s = getComputedStyle(e);
        const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
        return { key: e.outerHTML.slice(0, 120) + '@' + [...document.querySelectorAll('*')].indexOf(e), ring };
      });
      if (!info) break;
      assert.ok(info.ring, `no visible focus indicator on ${info.key}`);
      seen.add(info.key);
    }
    assert.ok(seen.size >= expected, `reached ${seen.size} of ${expected} focusable elements`);
    await page.close();
  }));
}

for (const [kind, path] of Object.entries(pageKinds())) {
  test(`language switch: ${kind} leads to its counterpart and back`, () => patiently(state, async (context) => {
    const page = await context.newPage();
    await page.goto(server.base + path);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hant-TW');
    for (const lang of ['en', 'zh-Hant-TW']) {
      const alt = await page.locator(`link[rel=alternate][hreflang="${lang}"]`).count();
      assert.equal(alt, 1, `hreflang ${lang} alternate`);
    }
    await page.click('header a[hreflang="en"]');
    assert.equal(new URL(page.url()).pathname, '/en' + path);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.click('header a[hreflang="zh-Hant-TW"]');
    assert.equal(new URL(page.url()).pathname, path);
    await page.close();
  }));
}

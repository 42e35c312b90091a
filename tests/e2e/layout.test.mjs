// Phones and zoom: at 360 px wide, and at 200% zoom (a 1280 px window shows 640 CSS px), no page
// scrolls sideways. Screenshots of every page kind, both languages, go to tests/e2e/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, allPages, launch, ARTIFACTS } from './support.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); fs.mkdirSync(ARTIFACTS, { recursive: true }); });
after(async () => { server?.close(); await browser?.close(); });

const VIEWS = [
  ['phone', { width: 360, height: 640 }, 2],
  ['zoom200', { width: 640, height: 400 }, 2],
  ['desktop', { width: 1280, height: 800 }, 1],
];

for (const [label, viewport, scale] of VIEWS) {
  test(`${label}: nothing scrolls sideways`, async () => {
    const context = await browser.newContext({ viewport, deviceScaleFactor: scale });
    const page = await context.newPage();
    const wide = [];
    for (const [name, path] of allPages()) {
      await page.goto(server.base + path);
      const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      if (sw > iw) wide.push(`${name} ${path}: ${sw} > ${iw}`);
      if (label !== 'zoom200') {
        await page.screenshot({ path: `${ARTIFACTS}/${name.replace(' ', '-')}-${viewport.width}.png`, fullPage: true });
      }
    }
    await context.close();
    assert.deepEqual(wide, []);
  });
}

test('Chinese text is rendered with a CJK font (not boxes)', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.base + '/');
  const width = await page.evaluate(() => {
    const s = document.createElement('span');
    s.textContent = '勞動部';
    document.body.append(s);
    return s.getBoundingClientRect().width;
  });
  await context.close();
  assert.ok(width > 20, `three Han characters measure ${width}px`);
});

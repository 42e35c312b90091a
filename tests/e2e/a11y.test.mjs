// axe-core with the WCAG 2.0/2.1 A and AA rules: no violation on any page kind, either language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { serve, allPages, launch } from './support.mjs';

let server, browser, context;
before(async () => { server = await serve(); browser = await launch(); context = await browser.newContext(); });
after(async () => { server?.close(); await browser?.close(); });

for (const [name, path] of allPages()) {
  test(`axe: ${name} (${path}) has no WCAG 2.1 A/AA violation`, async () => {
    const page = await context.newPage();
    await page.goto(server.base + path);
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    await page.close();
    const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
    assert.deepEqual(found, []);
    assert.ok(result.passes.length > 10, 'axe ran its rules');
  });
}

// The search page with results, filter counts and the "show more" button on screen.
for (const [lang, prefix, q] of [['zh', '', '勞動'], ['en', '/en', 'labor']]) {
  test(`axe: ${lang} search results (${q}) have no WCAG 2.1 A/AA violation`, async () => {
    const page = await context.newPage();
    await page.goto(`${server.base}${prefix}/search/?q=${encodeURIComponent(q)}`);
    await page.waitForSelector(`#search-results[data-done="${q}||"] li`);
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    await page.close();
    const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
    assert.deepEqual(found, []);
  });
}

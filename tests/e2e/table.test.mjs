// The plan table with JavaScript: sorted and filtered from the keyboard, aria-sort on the
// sorted header, what is shown said in a live region. Without JavaScript: every row, no tools.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, pageKinds, launch } from './support.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { server?.close(); await browser?.close(); });

const rowsOf = (page) => page.$$eval('#year-plans tbody tr', (rs) => rs.filter((r) => !r.hidden).map((r) => ({
  item: +r.cells[0].textContent.trim(),
  q1: parseFloat(r.cells[3].getAttribute('data-sort')),
  late: r.getAttribute('data-late'),
})));

for (const prefix of ['', '/en']) {
  test(`table sorts and filters by keyboard ${prefix || '/'}`, async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(server.base + prefix + pageKinds().year);
    const all = await rowsOf(page);
    assert.ok(all.length > 1);
    // the Q1 execution header's sort button, reached and pressed from the keyboard
    const q1 = page.locator('#year-plans thead tr:nth-child(2) th').first();
    const button = q1.locator('button.sort');
    await button.focus();
    await page.keyboard.press('Enter');
    assert.equal(await q1.getAttribute('aria-sort'), 'ascending');
    let rows = await rowsOf(page);
    assert.deepEqual(rows.map((r) => r.q1), [...all.map((r) => r.q1)].sort((a, b) => a - b));
    const status = page.locator('.table-status');
    assert.equal(await status.getAttribute('aria-live'), 'polite');
    assert.match(await status.textContent(), new RegExp(`${all.length}`));
    await page.keyboard.press('Enter');
    assert.equal(await q1.getAttribute('aria-sort'), 'descending');
    rows = await rowsOf(page);
    assert.deepEqual(rows.map((r) => r.q1), [...all.map((r) => r.q1)].sort((a, b) => b - a));
    // only one header says it is sorted
    assert.equal(await page.locator('#year-plans th[aria-sort]').count(), 1);

    // the status filter, chosen from the keyboard: exactly the rows with a late report
    const select = page.locator('.table-tools select');
    await select.focus();
    await select.selectOption('late');
    rows = await rowsOf(page);
    const late = all.filter((r) => r.late === '1');
    assert.ok(late.length > 0);
    assert.deepEqual(rows.map((r) => r.item).sort(), late.map((r) => r.item).sort());
    assert.match(await status.textContent(), new RegExp(`${late.length}`));
    // the name filter
    await select.selectOption('');
    const name = await page.locator('#year-plans tbody tr th').first().textContent();
    await page.locator('.table-tools input').fill(name.trim());
    rows = await rowsOf(page);
    assert.ok(rows.length >= 1 && rows.length < all.length);
  });
}

test('without JavaScript the table is complete and has no tools', async () => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await page.goto(server.base + pageKinds().year);
  assert.equal(await page.locator('.table-tools').count(), 0);
  const n = await page.locator('#year-plans tbody tr').count();
  assert.ok(n >= 20 || n > 1);
});

test('phone: the table pages scroll only inside their table, and no cell is a column of single characters', async () => {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  for (const p of [pageKinds().year, pageKinds().finding, '/agencies/', pageKinds().agency, pageKinds().plan, '/methodology/']) {
    for (const prefix of ['', '/en']) {
      await page.goto(server.base + prefix + p);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      assert.ok(!wide, `${prefix}${p} scrolls sideways`);
      const narrow = await page.$$eval('td, th', (cs) => cs.filter((c) => {
        // the cell's own text (sort buttons aside), one rectangle per character
        const tops = new Set();
        let chars = 0;
        const walk = document.createTreeWalker(c, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          if (n.parentElement.closest('button')) continue;
          for (let i = 0; i < n.length; i++) {
            if (!n.data[i].trim()) continue;
            const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
            const rect = r.getClientRects()[0];
            if (rect) { tops.add(Math.round(rect.top / 4)); chars++; }
          }
        }
        return chars >= 3 && tops.size >= chars - 1;
      }).map((c) => c.textContent.trim()));
      assert.deepEqual(narrow, [], `${prefix}${p}: cells broken a character per line`);
    }
  }
});

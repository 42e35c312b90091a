// A table's view can be shared: its filter and sort live in the page's address, so a reload
// (or a link sent to someone) shows the same rows in the same order, and "download this view"
// gives exactly the rows shown, in that order, as CSV (UTF-8 with a byte-order mark, for Excel).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, pageKinds, launch } from './support.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { server?.close(); await browser?.close(); });

/** The rows shown: item and name, in order. */
const shown = (page) => page.$$eval('#year-plans tbody tr', (rs) => rs.filter((r) => !r.hidden).map((r) => ({
  item: r.cells[0].textContent.trim(),
  name: r.querySelector('th').textContent.replace(/\s+/g, ' ').trim(),
})));

/** RFC 4180 CSV, as a spreadsheet reads it. */
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

for (const prefix of ['', '/en']) {
  test(`a table's filter and sort survive a reload through the address ${prefix || '/'}`, async () => {
    const page = await (await browser.newContext()).newPage();
    const url = server.base + prefix + pageKinds().year;
    await page.goto(url);
    const all = await shown(page);
    // the Q1 execution column, sorted descending (two presses), and only the plans with a
    // report returned for revision
    const q1 = page.locator('#year-plans thead tr:nth-child(2) th').first();
    await q1.locator('button.sort').click();
    await q1.locator('button.sort').click();
    assert.equal(await q1.getAttribute('aria-sort'), 'descending');
    await page.locator('.table-tools select').selectOption('returned');
    const view = await shown(page);
    assert.ok(view.length > 0 && view.length < all.length, `${view.length} of ${all.length}`);
    const address = new URL(page.url());
    assert.equal(address.searchParams.get('status'), 'returned');
    assert.equal(address.searchParams.get('order'), 'desc');
    assert.ok(address.searchParams.get('sort'));

    await page.reload();
    assert.deepEqual(await shown(page), view);
    assert.equal(await page.locator('.table-tools select').inputValue(), 'returned');
    assert.equal(await page.locator('#year-plans thead tr:nth-child(2) th').first().getAttribute('aria-sort'), 'descending');

    // the same address opened afresh, as a link shared, with a name filter too
    const name = view[0].name.slice(0, 3);
    await page.locator('.table-tools input').fill(name);
    const named = await shown(page);
    const fresh = await (await browser.newContext()).newPage();
    await fresh.goto(page.url());
    assert.equal(new URL(fresh.url()).searchParams.get('q'), name);
    assert.deepEqual(await shown(fresh), named);
    assert.equal(await fresh.locator('.table-tools input').inputValue(), name);

    // cleared, the address holds no view any more
    await page.locator('.table-tools input').fill('');
    await page.locator('.table-tools select').selectOption('');
    const left = new URL(page.url()).searchParams;
    assert.ok(!left.has('q') && !left.has('status'), page.url());
  });

  test(`"download this view" gives exactly the rows shown as CSV ${prefix || '/'}`, async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(server.base + prefix + pageKinds().year);
    await page.locator('.table-tools select').selectOption('behind');
    const item = page.locator('#year-plans thead th.col-item');
    await item.locator('button.sort').click();
    await item.locator('button.sort').click();
    const view = await shown(page);
    assert.ok(view.length > 1);
    const link = page.locator('.table-tools a.download-view');
    assert.match(await link.textContent(), prefix ? /Download this view/ : /下載此檢視/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    const bytes = fs.readFileSync(await download.path());
    // UTF-8 with a byte-order mark, so that Excel reads the Chinese
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    const header = rows[0];
    const body = rows.slice(1);
    const cols = await page.$$eval('#year-plans tbody tr:not([hidden])', (rs) => rs.map((r) => r.cells.length));
    assert.equal(header.length, cols[0] + 1, `${header}`);
    assert.deepEqual(body.map((r) => [r[0], r[1]]), view.map((v) => [v.item, v.name]));
    // each row ends with the plan page's address
    for (const r of body) assert.match(r[r.length - 1], new RegExp(`^${server.base}${prefix}/plans/\\d+/[a-z0-9-]+/$`));
    // the visible cells' own text, the sort buttons left out
    const cells = await page.$$eval('#year-plans tbody tr:not([hidden])', (rs) => rs.map((r) => [...r.cells].map((c) => c.textContent.replace(/\s+/g, ' ').trim())));
    assert.deepEqual(body.map((r) => r.slice(0, -1)), cells);
    assert.ok(!header.some((h) => h.includes('⇅')), `${header}`);
    await context.close();
  });
}

test('the agency comparison keeps each year table\'s view apart in the address', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(server.base + '/agencies/');
  const tables = await page.locator('table[data-sortable]').count();
  const first = page.locator('table[data-sortable]').first();
  const id = await first.getAttribute('id');
  await first.locator('thead th').first().locator('button.sort').click();
  const params = new URL(page.url()).searchParams;
  if (tables > 1) assert.equal(params.get(`${id}.sort`), '1');
  else assert.equal(params.get('sort'), '1');
  await page.reload();
  assert.equal(await page.locator('table[data-sortable]').first().locator('thead th').first().getAttribute('aria-sort'), 'ascending');
});

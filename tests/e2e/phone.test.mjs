// Phone first: on a 390 px phone (390×844) as on a 1280×800 desktop, in both languages,
// - every finding page shows, for each plan it lists, the column that answers its question
//   (found by its header's link to the methodology, not by a class) within the window's width
//   and beside the plan's name, and the first plan's answer in the first screen; on the phone
//   each plan's reasons too, and nothing in the table scrolls sideways; the same with
//   JavaScript off;
// - the agencies compared: every value of every agency within the window's width, not covered
//   by anything (a sticky column), and on the phone labelled with its column's name;
// - plan pages' breadcrumbs take two lines at most on the phone, their names kept whole;
// - no word in an English table cell is broken inside (only between words) at either width;
// - on the phone, the stacked tables are still tables to screen readers (the accessibility tree
//   has the table's rows, headers and cells) and axe finds no WCAG 2.1 A/AA violation, also with
//   the column headers shown by a sort button's focus.
// A screenshot of each finding page and of the agencies compared goes to SCREENSHOT_DIR (or a
// folder under the system's temporary folder, replaced on each run); the checks are on boxes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { serve, launch, SITE } from './support.mjs';

let server, browser;
const SHOTS = process.env.SCREENSHOT_DIR || path.join(os.tmpdir(), 'gongkai-phone-screenshots');
before(async () => {
  server = await serve();
  browser = await launch();
  if (!process.env.SCREENSHOT_DIR) fs.rmSync(SHOTS, { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });
});
after(async () => { server?.close(); await browser?.close(); });

const VIEWS = [
  ['phone', { width: 390, height: 844 }],
  ['desktop', { width: 1280, height: 800 }],
];
const dirs = (rel) => fs.readdirSync(path.join(SITE, rel), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const year = dirs('years')[0];
const findings = dirs(`years/${year}`);
const plans = dirs(`plans/${year}`);
const agencies = dirs('agencies');

/** The methodology anchor the header of a finding's answering column links to. */
function answerAnchor(slug) {
  if (slug.startsWith('behind-schedule')) return 'lag';
  if (slug === 'late-reports') return 'reports';
  if (slug === 'returned-reports') return 'returned';
  if (slug === 'special-performance') return 'special';
  if (slug.startsWith('challenge-') || slug === 'targets-not-more-challenging') return 'challenge';
  if (slug.includes('spending')) return 'execution';
  throw new Error(`finding ${slug}: which column answers it? (add it to answerAnchor)`);
}

const shot = (page, name, viewport) => page.screenshot({ path: path.join(SHOTS, `${name.replace(/[^\w-]+/g, '_')}-${viewport.width}.png`), fullPage: true });

/**
 * A finding page's table, measured: for each row, the boxes of the plan's name, of the cells of
 * the columns whose header (or group header) links to `#anchor`, their contents' boxes, and the
 * reasons quoted in the row that are shown; the table region's widths; the plans whose reasons
 * are quoted.
 */
const measureFinding = (page, anchor) => page.evaluate((anchor) => {
  const box = (r) => ({ x: r.x, y: r.y, right: r.right, bottom: r.bottom, width: r.width, height: r.height });
  const contents = (el) => { const r = document.createRange(); r.selectNodeContents(el); return box(r.getBoundingClientRect()); };
  const table = document.querySelector('main table');
  if (!table) return null;
  // the leaf columns, as a browser's table model has them: a group's columns under it
  const r0 = table.tHead.rows[0].cells, r1 = table.tHead.rows[1] ? table.tHead.rows[1].cells : [];
  const leaves = [];
  let q = 0;
  for (const c of r0) {
    if (c.colSpan > 1) for (let j = 0; j < c.colSpan; j++) leaves.push({ group: c, leaf: r1[q++] });
    else leaves.push({ group: null, leaf: c });
  }
  const hash = (c) => (c && c.querySelector('a[href*="#"]') ? new URL(c.querySelector('a[href*="#"]').href).hash : '');
  const cols = leaves.map((l, i) => (hash(l.group) === '#' + anchor || hash(l.leaf) === '#' + anchor ? i : -1)).filter((i) => i >= 0);
  const headerText = (l) => [l.group, l.leaf].filter(Boolean).map((c) => [...c.childNodes].filter((n) => !(n.nodeType === 1 && n.tagName === 'BUTTON')).map((n) => n.textContent).join('').trim()).join(' ');
  const rows = [...table.tBodies[0].rows].filter((r) => !r.hidden).map((r) => {
    const name = r.querySelector('th');
    const shownQuotes = [...r.querySelectorAll('q')].map((x) => box(x.getBoundingClientRect())).filter((b) => b.width > 0 && b.height > 0);
    // each value cell's label where the headers are not shown
    const unlabelled = [...r.cells].map((c, i) => [c, leaves[i]]).filter(([c]) => c.tagName === 'TD' && c.getBoundingClientRect().width > 0)
      .filter(([c, l]) => {
        const before = getComputedStyle(c, '::before').content;
        return before === 'none' || before === 'normal' || !(c.dataset.label || '').includes(headerText({ group: null, leaf: l.leaf }));
      }).map(([c]) => c.textContent.trim().slice(0, 40));
    return {
      href: name.querySelector('a').getAttribute('href'),
      name: box(name.getBoundingClientRect()),
      answers: cols.map((i) => ({ cell: box(r.cells[i].getBoundingClientRect()), contents: contents(r.cells[i]), text: r.cells[i].textContent.trim() })),
      quotes: shownQuotes,
      unlabelled,
    };
  });
  const region = table.closest('.table-scroll') || table;
  // the plans the page gives reasons for, by the reasons' own links (to paragraphs of their plan's page)
  const why = [...new Set([...table.querySelectorAll('a.reason')].map((a) => a.getAttribute('href').split('#')[0]))].map((href) => ({ href, quoted: true }));
  const headVisible = table.tHead.getBoundingClientRect().height > 2;
  return { cols: cols.length, rows, scrollWidth: region.scrollWidth, clientWidth: region.clientWidth, why, headVisible, pageWidth: document.documentElement.scrollWidth };
}, anchor);

const within = (b, vw) => b.width > 0 && b.x >= -0.5 && b.right <= vw + 0.5;
const fmt = (b) => `x ${Math.round(b.x)}–${Math.round(b.right)}, y ${Math.round(b.y)}–${Math.round(b.bottom)}`;

/** The problems of a finding page at `viewport`, as sentences. */
function findingProblems(m, viewport, where, phone) {
  const bad = [];
  if (!m.rows.length) return bad;
  if (!m.cols) return [`${where}: no column's header links to the answer's definition`];
  if (m.pageWidth > viewport.width) bad.push(`${where}: the page scrolls sideways (${m.pageWidth} px)`);
  m.rows.forEach((r, k) => {
    if (!within(r.name, viewport.width)) bad.push(`${where} ${r.href}: the name is outside the window (${fmt(r.name)})`);
    for (const a of r.answers) {
      if (!within(a.cell, viewport.width)) bad.push(`${where} ${r.href}: the answer “${a.text}” is outside the window (${fmt(a.cell)})`);
      // beside the name: on its line (a table row) or right under it (a card)
      const sameRow = Math.abs(a.cell.y - r.name.y) <= 1;
      const under = a.cell.y >= r.name.bottom - 1;
      if (!sameRow && !under) bad.push(`${where} ${r.href}: the answer “${a.text}” is above its plan's name`);
    }
    if (phone) {
      const first = Math.min(...r.answers.map((a) => a.cell.y));
      if (first - r.name.bottom > 2) bad.push(`${where} ${r.href}: something comes between the name and the answer (${Math.round(first - r.name.bottom)} px)`);
      if (r.unlabelled.length && !m.headVisible) bad.push(`${where} ${r.href}: values without their column's name: ${r.unlabelled.join(' | ')}`);
    }
    if (k === 0) {
      const bottom = Math.max(...r.answers.map((a) => a.contents.bottom));
      if (bottom > viewport.height) bad.push(`${where}: the first plan's answer ends at ${Math.round(bottom)} px, below the first screen (${viewport.height} px)`);
    }
  });
  if (phone) {
    if (m.scrollWidth > m.clientWidth + 1) bad.push(`${where}: the table scrolls sideways (${m.scrollWidth} > ${m.clientWidth})`);
    for (const w of m.why.filter((x) => x.quoted)) {
      const r = m.rows.find((x) => x.href === w.href);
      if (!r) continue;
      if (!r.quotes.length) bad.push(`${where} ${w.href}: the reviewers' sentences are not shown beside the plan`);
      else if (!r.quotes.every((b) => within(b, viewport.width))) bad.push(`${where} ${w.href}: a reason runs outside the window`);
    }
  }
  return bad;
}

const runs = [...VIEWS.map(([label, viewport]) => [label, viewport, true]), ['phone, no script', VIEWS[0][1], false]];
for (const [label, viewport, js] of runs) {
  for (const prefix of ['', '/en']) {
    test(`${label}, ${prefix || 'zh'}: each finding page's answer beside each plan's name, the first in the first screen`, async () => {
      const context = await browser.newContext({ viewport, javaScriptEnabled: js });
      const page = await context.newPage();
      const bad = [];
      let checked = 0;
      for (const slug of findings) {
        const url = `${prefix}/years/${year}/${slug}/`;
        const res = await page.goto(server.base + url);
        assert.equal(res.status(), 200, url);
        if (js) await shot(page, `${prefix ? 'en' : 'zh'}-${slug}`, viewport);
        const m = await measureFinding(page, answerAnchor(slug));
        if (!m) {
          assert.ok(await page.locator('main .notice').count(), `${url}: neither a table nor a word that no plan shows it`);
          continue;
        }
        checked += m.rows.length;
        bad.push(...findingProblems(m, viewport, url, viewport.width < 600));
      }
      await context.close();
      assert.ok(checked > 0, 'no plan listed on any finding page');
      assert.deepEqual(bad, []);
    });
  }
}

for (const [label, viewport] of VIEWS) {
  for (const prefix of ['', '/en']) {
    test(`${label}, ${prefix || 'zh'}: the agencies compared, every value readable in the window's width`, async () => {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(`${server.base}${prefix}/agencies/`);
      await shot(page, `${prefix ? 'en' : 'zh'}-agencies`, viewport);
      const cells = await page.$$eval('main table tbody tr > *', (cs) => cs.map((c, i) => { c.dataset.phoneTest = String(i); return i; }));
      assert.ok(cells.length > 0, 'no agency compared');
      const bad = [];
      for (const i of cells) {
        const r = await page.evaluate((i) => {
          const c = document.querySelector(`[data-phone-test="${i}"]`);
          // bring it into view by scrolling the window only, never the table
          const b0 = c.getBoundingClientRect();
          window.scrollTo(0, window.scrollY + b0.top + b0.height / 2 - window.innerHeight / 2);
          const b = c.getBoundingClientRect();
          const x = b.x + b.width / 2, y = b.y + b.height / 2;
          const hit = document.elementFromPoint(x, y);
          const region = c.closest('.table-scroll');
          const row = c.closest('tr');
          const head = c.closest('table').tHead;
          const headShown = head.getBoundingClientRect().height > 2;
          const before = getComputedStyle(c, '::before').content;
          return {
            text: c.textContent.trim().slice(0, 50),
            agency: row.querySelector('th').textContent.trim(),
            box: { x: b.x, right: b.right, y: b.y, bottom: b.bottom, width: b.width, height: b.height },
            covered: !hit || !c.contains(hit) ? (hit ? hit.outerHTML.slice(0, 80) : 'nothing') : null,
            scrolled: region ? region.scrollLeft : 0,
            labelled: c.tagName === 'TH' || headShown || (before !== 'none' && before !== 'normal' && !!c.dataset.label),
          };
        }, i);
        const where = `${r.agency}: “${r.text}”`;
        if (!within(r.box, viewport.width)) bad.push(`${where} is outside the window (${fmt(r.box)})`);
        if (r.covered) bad.push(`${where} is covered by ${r.covered}`);
        if (r.scrolled) bad.push(`${where}: the table had to scroll sideways`);
        if (!r.labelled) bad.push(`${where} is shown without its column's name`);
      }
      await context.close();
      assert.deepEqual(bad, []);
    });
  }
}

for (const prefix of ['/en', '']) {
  test(`phone, ${prefix || 'zh'}: plan pages' breadcrumbs take two lines at most, each name whole for screen readers`, async () => {
    const context = await browser.newContext({ viewport: VIEWS[0][1] });
    const page = await context.newPage();
    const bad = [];
    for (const plan of plans) {
      const url = `${prefix}/plans/${year}/${plan}/`;
      await page.goto(server.base + url);
      const m = await page.evaluate(() => {
        const ol = document.querySelector('nav.breadcrumbs ol');
        const items = [...ol.children];
        // one line: the tallest crumb; lines: the distinct tops of the crumbs
        const line = Math.max(...items.map((li) => li.getBoundingClientRect().height));
        return {
          height: ol.getBoundingClientRect().height,
          line,
          lines: new Set(items.map((li) => Math.round(li.getBoundingClientRect().top))).size,
          last: items.at(-1).querySelector('a').textContent.trim(),
          h1: document.querySelector('h1').textContent.trim(),
          width: Math.max(...items.map((li) => li.getBoundingClientRect().right)),
          gap: parseFloat(getComputedStyle(ol).rowGap) || 0,
        };
      });
      if (m.lines > 2 || m.height > 2 * m.line + m.gap + 1) bad.push(`${url}: ${m.lines} lines, ${Math.round(m.height)} px (a line: ${Math.round(m.line)} px)`);
      if (m.width > VIEWS[0][1].width) bad.push(`${url}: the breadcrumbs run to ${Math.round(m.width)} px`);
      if (m.last !== m.h1) bad.push(`${url}: the last crumb's link says “${m.last}”, not the plan's whole name “${m.h1}”`);
    }
    await context.close();
    assert.deepEqual(bad, []);
  });
}

/** Words of the English table cells on the page broken across lines: each word's line boxes. */
const brokenWords = (page) => page.evaluate(() => {
  const out = [];
  for (const cell of document.querySelectorAll('main th, main td')) {
    const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      // a word: between spaces, hyphens, dashes and slashes, where a line may break
      const re = /[^\s\-‐–—/]+/g;
      for (let m = re.exec(n.data); m; m = re.exec(n.data)) {
        const word = m[0];
        if (word.length < 2 || /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(word)) continue;
        const r = document.createRange();
        r.setStart(n, m.index);
        r.setEnd(n, m.index + word.length);
        const lines = new Set([...r.getClientRects()].filter((b) => b.width > 0 && b.height > 0).map((b) => Math.round(b.top)));
        if (lines.size > 1) out.push(`“${word}” in “${cell.textContent.trim().replace(/\s+/g, ' ').slice(0, 60)}”`);
      }
    }
  }
  return out;
});

for (const [label, viewport] of VIEWS) {
  test(`${label}, en: no word in a table cell is broken inside`, async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const urls = [
      ...findings.map((f) => `/en/years/${year}/${f}/`),
      `/en/years/${year}/`, '/en/agencies/', ...agencies.map((a) => `/en/agencies/${a}/`),
      ...plans.map((p) => `/en/plans/${year}/${p}/`), '/en/data/', '/en/methodology/',
    ];
    const bad = [];
    let tables = 0;
    for (const url of urls) {
      await page.goto(server.base + url);
      tables += await page.locator('main table').count();
      for (const b of await brokenWords(page)) bad.push(`${url}: ${b}`);
    }
    await context.close();
    assert.ok(tables > 20, `only ${tables} tables checked`);
    assert.deepEqual(bad, []);
  });
}

/** The roles Chromium's accessibility tree gives the tables' parts: { role: count }. */
async function tableRoles(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const roles = {};
  const walk = (n, inTable) => {
    const r = n.role && n.role.value;
    const here = inTable || r === 'table';
    if (here && !n.ignored) roles[r] = (roles[r] || 0) + 1;
    for (const id of n.childIds || []) if (byId.has(id)) walk(byId.get(id), here);
  };
  walk(nodes[0], false);
  return roles;
}

for (const prefix of ['', '/en']) {
  test(`phone, ${prefix || 'zh'}: the stacked tables stay tables to screen readers, and axe finds nothing`, async () => {
    const context = await browser.newContext({ viewport: VIEWS[0][1] });
    const page = await context.newPage();
    const bad = [];
    const urls = [...findings.map((f) => `${prefix}/years/${year}/${f}/`), `${prefix}/agencies/`, `${prefix}/plans/${year}/${plans[0]}/`];
    for (const url of urls) {
      await page.goto(server.base + url);
      const axe = async (state) => {
        const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        for (const v of result.violations) bad.push(`${url}${state}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
      };
      await axe('');
      if (!(await page.locator('main table').count())) continue;
      const dom = await page.evaluate(() => {
        const ts = [...document.querySelectorAll('main table')];
        const n = (sel) => ts.reduce((sum, t) => sum + t.querySelectorAll(sel).length, 0);
        return { tables: ts.length, rows: ts.reduce((sum, t) => sum + t.rows.length, 0), cells: n('tbody td'), rowheaders: n('tbody th'), colheaders: n('thead th') };
      });
      const roles = await tableRoles(page);
      if (roles.table !== dom.tables) bad.push(`${url}: the table is not a table to screen readers (${JSON.stringify(roles)})`);
      else {
        const cells = (roles.cell || 0) + (roles.gridcell || 0);
        if ((roles.row || 0) < dom.rows) bad.push(`${url}: ${roles.row || 0} rows in the accessibility tree, ${dom.rows} in the table`);
        if (cells < dom.cells) bad.push(`${url}: ${cells} cells in the accessibility tree, ${dom.cells} in the table`);
        if ((roles.rowheader || 0) < dom.rowheaders) bad.push(`${url}: ${roles.rowheader || 0} row headers in the accessibility tree, ${dom.rowheaders} in the table`);
        if (dom.colheaders && !roles.columnheader) bad.push(`${url}: no column headers in the accessibility tree`);
      }
      // a sort button focused: the headers are shown, and still pass
      const sort = page.locator('main table thead button.sort').first();
      if (await sort.count()) {
        await sort.focus();
        const b = await sort.boundingBox();
        if (!b || b.width < 10 || b.x < 0 || b.x + b.width > VIEWS[0][1].width) bad.push(`${url}: the focused sort button is not shown (${JSON.stringify(b)})`);
        await axe(' (a sort button focused)');
      }
    }
    await context.close();
    assert.deepEqual(bad, []);
  });
}

// Shared by the browser suite: the built site (SITE_DIR, set by scripts/test), a static
// server on 127.0.0.1, one page of every kind in both languages, and Chromium.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const SITE = process.env.SITE_DIR;
if (!SITE || !fs.existsSync(path.join(SITE, 'index.html'))) {
  throw new Error('SITE_DIR must point at a built site (scripts/test builds one)');
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.csv': 'text/csv; charset=utf-8', '.xml': 'application/xml', '.svg': 'image/svg+xml', '.txt': 'text/plain', '.bin': 'application/octet-stream' };

/** Serves SITE like a static host: index.html for folders, 404.html (or en/404.html) with 404. */
export function serve() {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.join(SITE, path.normalize(url).replace(/^(\.\.[/\\])+/, ''));
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!file.startsWith(SITE) || !fs.existsSync(file)) {
      const nf = url.startsWith('/en/') ? 'en/404.html' : '404.html';
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      return res.end(fs.readFileSync(path.join(SITE, nf)));
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ base: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}

const firstDir = (rel) => fs.readdirSync(path.join(SITE, rel), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()[0];

/** One page of each kind (Chinese paths; prefix `/en` for English), found in the build. */
export function pageKinds() {
  const year = firstDir('years');
  const plan = firstDir(`plans/${year}`);
  const agency = firstDir('agencies');
  const kinds = { home: '/', year: `/years/${year}/`, plan: `/plans/${year}/${plan}/`, agencies: '/agencies/', agency: `/agencies/${agency}/`, finding: `/years/${year}/late-reports/`, methodology: '/methodology/', data: '/data/', sitemap: '/sitemap/', search: '/search/', notfound: '/404.html' };
  for (const prose of ['about', 'accessibility', 'privacy', 'open-data']) kinds[prose] = `/${prose}/`;
  return kinds;
}

/** Every page kind in both languages: [name, path]. */
export function allPages() {
  return Object.entries(pageKinds()).flatMap(([k, p]) => [[`zh ${k}`, p], [`en ${k}`, '/en' + p]]);
}

/** Chromium's flags here: no sandbox (CI runs as root), no network of its own, and shared memory
 * in /tmp, since a container's /dev/shm may be too small for full-page screenshots. */
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/**
 * Runs `body(context)` against `state.context`. If it has not finished within `ms` (headless
 * Chromium has been seen to stop answering mid-run, every call then waiting forever), the
 * browser is launched anew and the body run once more; a second wait that long fails the test,
 * and any other failure fails it at once.
 */
export async function patiently(state, body, ms = 180000) {
  for (let attempt = 0; ; attempt++) {
    let timer;
    const silent = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Chromium did not answer within ${ms} ms`)), ms);
    });
    try {
      return await Promise.race([body(state.context), silent]);
    } catch (e) {
      if (attempt > 0 || !String(e.message).startsWith('Chromium did not answer')) throw e;
      state.browser.close().catch(() => {});
      state.browser = await launch();
      state.context = await state.browser.newContext();
    } finally {
      clearTimeout(timer);
    }
  }
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  });
}

export const ARTIFACTS = path.resolve(path.dirname(new URL(import.meta.url).pathname), 'artifacts');

// The Nu Html Checker over every built page, and lychee over every link and fragment: nothing
// reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { SITE } from './support.mjs';

const require = createRequire(import.meta.url);
// a checker that hangs fails its test instead of holding the suite (SIGTERM after this long)
const LIMIT = { encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024 };

test('Nu Html Checker: no error on any page', () => {
  const jar = require.resolve('vnu-jar/build/dist/vnu.jar');
  const r = spawnSync('java', ['-jar', jar, '--errors-only', '--skip-non-html', SITE], LIMIT);
  assert.equal(r.error, undefined, 'java runs (and finishes within ten minutes)');
  assert.equal((r.stdout + r.stderr).trim(), '');
  assert.equal(r.status, 0);
});

test('lychee (offline, fragments included): no broken link', () => {
  // a folder's link resolves to its index.html, as on the static host (fragments included)
  const r = spawnSync('lychee', ['--offline', '--no-progress', '--include-fragments', '--index-files', 'index.html', '--root-dir', SITE, SITE], LIMIT);
  assert.equal(r.error, undefined, 'lychee is installed (.ci/run installs it with pip) and finishes within ten minutes');
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /0 Errors/);
});

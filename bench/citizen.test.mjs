// The citizen query set and its judging rule (bench/citizen.mjs).   node --test bench/
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TOP, loadQuerySet, resultKey, firstRelevant, answered, precision } from './citizen.mjs';

const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const QUERIES = path.join(root, 'bench/citizen-queries.json');
const CONTENT = path.join(root, 'content');

test('the query set names only plans and agencies of content/, in both languages and every class', () => {
  const set = loadQuerySet(QUERIES, CONTENT);
  const qs = set.queries;
  assert.ok(qs.length >= 60, `${qs.length} queries`);
  const en = qs.filter((q) => q.lang === 'en').length;
  assert.ok(en >= qs.length * 0.4 && en <= qs.length * 0.6, `${en} of ${qs.length} in English`);
  for (const c of ['abbreviation', 'near-form', 'simplified', 'word-form', 'typo', 'agency', 'status', 'exact']) {
    assert.ok(qs.filter((q) => q.class === c).length >= 3, `class ${c}`);
  }
  for (const lang of ['zh', 'en']) {
    assert.ok(qs.some((q) => q.lang === lang && q.class === 'agency'), `agency names in ${lang}`);
  }
});

test('the fresh and held-out sets name only plans of content/, across the classes people type', () => {
  for (const [name, least] of [['citizen-queries-fresh.json', 60], ['citizen-queries-holdout.json', 25], ['citizen-queries-blind.json', 70], ['citizen-queries-blind2.json', 80], ['citizen-queries-blind3.json', 120], ['citizen-queries-blind4.json', 120], ['citizen-queries-blind5.json', 120], ['citizen-queries-blind6.json', 120], ['citizen-queries-blind7.json', 120], ['citizen-queries-blind8.json', 120], ['citizen-queries-blind9.json', 120], ['citizen-queries-blind10.json', 120], ['citizen-queries-blind11.json', 120], ['citizen-queries-blind12.json', 120], ['citizen-queries-blind13.json', 120], ['citizen-queries-blind14.json', 120], ['citizen-queries-blind15.json', 120], ['citizen-queries-blind16.json', 120]]) {
    const qs = loadQuerySet(path.join(root, 'bench', name), CONTENT).queries;
    assert.ok(qs.length >= least, `${name}: ${qs.length} queries`);
    for (const lang of ['zh', 'en']) assert.ok(qs.filter((q) => q.lang === lang).length >= least * 0.4, `${name}: ${lang}`);
    assert.ok(qs.some((q) => q.none), `${name}: a query no plan is about`);
  }
});

test('a query no plan is about is answered by nothing shown or by saying so, and lists no page', () => {
  const none = { plans: [], agencies: [], none: true };
  assert.ok(answered(none, []));
  assert.ok(answered(none, ['/plans/111/mol-office-building/'], true));
  assert.ok(!answered(none, ['/plans/111/mol-office-building/']));
  assert.deepEqual(precision(none, ['/plans/111/mol-office-building/']), [0, 1]);
  assert.throws(() => loadQuerySet(withQuery((q) => { q.none = true; }), CONTENT), /queries\[0\].*"none" with relevant pages/);
});

test('precision counts the relevant pages among the first three shown', () => {
  const q = { plans: ['bli-service-upgrade'], agencies: ['bli'] };
  assert.deepEqual(precision(q, ['/agencies/bli/', '/plans/111/mol-office-building/', '/plans/111/bli-service-upgrade/', '/plans/111/bli-service-upgrade/']), [2, 3]);
  assert.deepEqual(precision(q, []), [0, 0]);
});

// a copy of the query set with one query changed, written to a temporary file
function withQuery(change) {
  const set = JSON.parse(fs.readFileSync(QUERIES, 'utf8'));
  change(set.queries[0]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'citizen-')), 'q.json');
  fs.writeFileSync(file, JSON.stringify(set));
  return file;
}

test('a query naming an unknown plan, agency, class or no reason is reported with its index', () => {
  const cases = [
    [(q) => { q.plans = ['no-such-plan']; }, /queries\[0\].*plan no-such-plan is not in/],
    [(q) => { q.agencies = ['nowhere']; }, /queries\[0\].*agency nowhere is not in/],
    [(q) => { q.class = 'misc'; }, /queries\[0\].*class "misc"/],
    [(q) => { q.why = ''; }, /queries\[0\].*no "why"/],
    [(q) => { q.plans = []; q.agencies = []; }, /queries\[0\].*no relevant plan or agency/],
    [(q) => { q.lang = 'fr'; }, /queries\[0\].*lang must be zh or en/],
  ];
  for (const [change, message] of cases) {
    assert.throws(() => loadQuerySet(withQuery(change), CONTENT), message);
  }
});

test('result URLs of either language point at the same plan or agency', () => {
  assert.equal(resultKey('/plans/111/mol-office-building/'), 'plan:mol-office-building');
  assert.equal(resultKey('/en/plans/111/mol-office-building/'), 'plan:mol-office-building');
  assert.equal(resultKey('/plans/111/mol-office-building/index.html'), 'plan:mol-office-building');
  assert.equal(resultKey('/en/agencies/bli/'), 'agency:bli');
  assert.equal(resultKey('/agencies/'), '/agencies/');
  assert.equal(resultKey('/years/111/'), '/years/111/');
});

test('a query is answered by a listed plan or named agency among the first three, nothing else', () => {
  const q = { plans: ['bli-service-upgrade'], agencies: ['bli'] };
  assert.equal(TOP, 3);
  assert.equal(firstRelevant(q, ['/years/111/', '/en/agencies/bli/']), 2);
  assert.equal(firstRelevant(q, ['/agencies/osha/', '/agencies/', '/plans/111/bli-service-upgrade/']), 3);
  assert.ok(answered(q, ['/agencies/osha/', '/agencies/', '/plans/111/bli-service-upgrade/']));
  assert.ok(!answered(q, ['/agencies/osha/', '/agencies/', '/years/111/', '/plans/111/bli-service-upgrade/']));
  assert.ok(!answered({ plans: ['bli-service-upgrade'], agencies: [] }, ['/agencies/bli/']));
  assert.equal(firstRelevant(q, []), 0);
});

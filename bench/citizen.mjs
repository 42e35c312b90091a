// The citizen query set (bench/citizen-queries.json) and its judging rule, in one place for
// bench/citizen-report.mjs and for any test that wants to score an engine on the same queries.
import fs from 'node:fs';
import path from 'node:path';

/** A query is answered when a page it lists is among this many first results. */
export const TOP = 3;

/** Reads the query set from `file` and checks it against the site's content folder: each query
 * has a known language and class, at least one relevant page, a reason, and plan ids and agency
 * slugs that exist (a stale id would silently count as a miss). Throws one Error listing every
 * problem, each with its query's index. Returns the parsed set ({classes, queries, …}). */
export function loadQuerySet(file, contentDir) {
  const set = JSON.parse(fs.readFileSync(file, 'utf8'));
  const planIds = new Set(fs.readdirSync(path.join(contentDir, 'plans')).flatMap((y) =>
    fs.readdirSync(path.join(contentDir, 'plans', y)).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5))));
  const slugs = new Set([...fs.readFileSync(path.join(contentDir, 'agencies.yaml'), 'utf8')
    .matchAll(/^\s*-\s*slug:\s*([a-z0-9-]+)/gm)].map((m) => m[1]));
  const problems = [];
  const seen = new Set();
  (set.queries || []).forEach((q, i) => {
    const at = `${file}: queries[${i}] (${JSON.stringify(q.q)})`;
    if (typeof q.q !== 'string' || !q.q.trim()) problems.push(`${at}: empty query`);
    if (!['zh', 'en'].includes(q.lang)) problems.push(`${at}: lang must be zh or en, not ${JSON.stringify(q.lang)}`);
    if (!set.classes || !set.classes[q.class]) problems.push(`${at}: class ${JSON.stringify(q.class)} is not in "classes"`);
    if (!Array.isArray(q.plans) || !Array.isArray(q.agencies)) problems.push(`${at}: plans and agencies must be lists`);
    else if (q.none === true && q.plans.length + q.agencies.length > 0) problems.push(`${at}: "none" with relevant pages`);
    else if (q.none !== true && q.plans.length + q.agencies.length === 0) problems.push(`${at}: no relevant plan or agency (mark a query no plan is about "none": true)`);
    if (typeof q.why !== 'string' || !q.why.trim()) problems.push(`${at}: no "why"`);
    for (const id of q.plans || []) if (!planIds.has(id)) problems.push(`${at}: plan ${id} is not in ${contentDir}/plans/`);
    for (const s of q.agencies || []) if (!slugs.has(s)) problems.push(`${at}: agency ${s} is not in ${contentDir}/agencies.yaml`);
    const dup = `${q.lang}\0${q.q}`;
    if (seen.has(dup)) problems.push(`${at}: asked twice in ${q.lang}`);
    seen.add(dup);
  });
  if (!set.queries || set.queries.length === 0) problems.push(`${file}: no queries`);
  if (problems.length) throw new Error(`${problems.length} problems in the query set:\n  ${problems.join('\n  ')}`);
  return set;
}

/** What a result URL points at: `plan:ID` for a plan page (/plans/<year>/<id>/, any language),
 * `agency:SLUG` for an agency page, otherwise the path itself. */
export function resultKey(url) {
  const u = String(url).replace(/[?#].*$/, '').replace(/index\.html$/, '');
  let m = u.match(/^(?:\/en)?\/plans\/[^/]+\/([^/]+)\/$/);
  if (m) return `plan:${m[1]}`;
  m = u.match(/^(?:\/en)?\/agencies\/([^/]+)\/$/);
  if (m) return `agency:${m[1]}`;
  return u;
}

/** The rank (1-based) of the first result URL that answers `query`, 0 when none does. */
export function firstRelevant(query, urls) {
  const want = new Set([...query.plans.map((p) => `plan:${p}`), ...query.agencies.map((a) => `agency:${a}`)]);
  return urls.findIndex((u) => want.has(resultKey(u))) + 1;
}

/** Whether `query` is answered by results in this order (see TOP). A query no plan is about
 * (`none`) is answered when nothing is shown, or when the engine says plainly that no plan is
 * about its words (`saysNone`). */
export const answered = (query, urls, saysNone = false) => {
  if (query.none) return urls.length === 0 || saysNone;
  const r = firstRelevant(query, urls);
  return r >= 1 && r <= TOP;
};

/** Of the first TOP results shown, how many are relevant to `query`: [relevant, shown]. For a
 * query no plan is about, nothing shown is relevant. */
export function precision(query, urls) {
  const want = new Set([...query.plans.map((p) => `plan:${p}`), ...query.agencies.map((a) => `agency:${a}`)]);
  const top = urls.slice(0, TOP);
  return [top.filter((u) => want.has(resultKey(u))).length, top.length];
}

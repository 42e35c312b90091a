// The search client's side of tests/search_differential.rs: a worker answering one JSON
// request a line, one JSON answer a line, so that a property test asks thousands of cases
// of one Node process.
//
//   node tests/js/differential.mjs SITE
//
// Requests:
// - {"op": "setup", "tok", "fold", "syn": {"zh": [...], "en": [...]}}: the tokenizer's
//   constants, the whole Simplified → Traditional table and each language's synonym groups,
//   as the manifest carries them (the whole table: the manifest holds only the pairs its
//   index needs);
// - {"op": "text", "lang", "text", "terms"}: what the tokenizer makes of the text: `tokens`
//   and `analyze` (as indexed), `units`, `runs`, each token as [term, position, the original
//   text it covers]; `over` (past the query limits), `bounded` (the query as read) and
//   `snippet`, its snippet for `terms` as [text, mark] pieces;
// - {"op": "chars"}: each code point's normalized form and its tokens alone, as one string
//   per code point (surrogates left out), "" for one this engine's Unicode tables do not
//   know (\p{Cn}: the build's tables may be newer);
// - {"op": "query", "lang", "text", "typing"}: the query against SITE's export for `lang`:
//   `words` (its content words, with the whole fold table, as the build folds) and, as the
//   browser runs it (the manifest's fold pairs), `total`, `partial`, `missing`,
//   `corrections`, `named` (agency indices), `top` ([document, score], the first ten) and
//   `suggestions` ([{query, kind, plans}]).
import readline from 'node:readline';
import { client, open } from './client.mjs';

const site = process.argv[2];
const tokenizers = {};
const engines = {};
let setup = null;

/** Each token as [term, position, the text it covers]. */
const covered = (text, tokens) => tokens.map((t) => [t.text, t.position, text.slice(t.from, t.to)]);

/** A client of its own for `lang`, with the whole fold table and the language's synonyms. */
function tokenizer(lang) {
  if (!tokenizers[lang]) {
    const c = client();
    c.setTok(setup.tok);
    c.setFold(setup.fold);
    c.setSynonyms(setup.syn[lang]);
    tokenizers[lang] = c;
  }
  return tokenizers[lang];
}

/** Two engines over the export of `lang`: as the browser has it, and with the whole fold
 * table (each its own copy of the client, so the tables do not mix). */
function engine(lang) {
  if (!engines[lang]) {
    const browser = open(site, lang).engine;
    const c = client();
    const whole = new c.Engine(browser.m, browser.load);
    c.setFold(setup.fold, true);
    engines[lang] = { browser, whole };
  }
  return engines[lang];
}

function text({ lang, text, terms }) {
  const c = tokenizer(lang);
  const limits = { chars: setup.limits.chars, terms: setup.limits.terms };
  return {
    tokens: covered(text, c.tokenize(text)),
    analyze: covered(text, c.analyze(text)),
    units: covered(text, c.units(text)),
    runs: c.runs(text).map((r) => ({ han: r.han, position: r.position, chars: r.chars.map((x) => [x[0], text.slice(x[1], x[2])]) })),
    over: c.overLimits(text, limits),
    bounded: c.bounded(text, limits),
    snippet: c.snippet(text, terms).map((p) => [p.text, p.mark]),
  };
}

function chars() {
  const c = tokenizer('zh');
  const out = [];
  for (let u = 0; u <= 0x10FFFF; u++) {
    if (u >= 0xD800 && u <= 0xDFFF) continue;
    const ch = String.fromCodePoint(u);
    out.push(/\p{Cn}/u.test(ch) ? '' : c.normalizeChar(ch) + '\t' + c.tokenize(ch).map((t) => t.text).join(' '));
  }
  return { chars: out };
}

async function query({ lang, text, typing }) {
  const { browser, whole } = engine(lang);
  const words = await whole.words(text, typing);
  const res = await browser.search(text, -1, 0, -1, typing);
  return {
    words,
    total: res.total,
    partial: res.partial,
    missing: res.missing,
    corrections: res.corrections,
    named: res.named,
    top: res.hits.slice(0, 10).map((h) => [h.doc, h.score]),
    suggestions: await browser.suggest(text, -1, 0, -1, res),
  };
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  const req = JSON.parse(line);
  let out;
  try {
    if (req.op === 'setup') { setup = req; out = {}; }
    else if (req.op === 'text') out = text(req);
    else if (req.op === 'query') out = await query(req);
    else if (req.op === 'chars') out = chars();
    else out = { error: 'unknown op ' + req.op };
  } catch (e) {
    out = { error: String(e && e.stack || e) };
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

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
//   `snippet`, its snippet for `terms` as [text, mark] pieces; `unknown`: the characters of
//   the text this engine's Unicode tables do not know (\p{Cn}: the build's may be newer),
//   each as [character, what this engine makes of it alone (as `chars`)];
// - {"op": "chars"}: `chars`, each code point's normalized form and its tokens alone, as one
//   string per code point (surrogates left out), and `unknown`, the ranges of code points
//   ([first, last]) this engine's Unicode tables do not know (\p{Cn});
// - {"op": "query", "lang", "text", "typing"}: the query against SITE's export for `lang`:
//   `words` (its content words, with the whole fold table, as the build folds) and, as the
//   browser runs it (the manifest's fold pairs), `total`, `partial`, `missing`,
//   `corrections`, `named` (agency indices), `top` ([document, score], the first ten) and
//   `suggestions` ([{query, kind, plans}]), and `unknown` likewise.
import readline from 'node:readline';
import { client, open } from './client.mjs';

const site = process.argv[2];
const tokenizers = {};
const engines = {};
let setup = null;

/** Each token as [term, position, the text it covers]. */
const covered = (text, tokens) => tokens.map((t) => [t.text, t.position, text.slice(t.from, t.to)]);

/** What the tokenizer makes of the character `ch` alone: its normalized form and tokens. */
const alone = (ch) => {
  const c = tokenizer('zh');
  return c.normalizeChar(ch) + '\t' + c.tokenize(ch).map((t) => t.text).join(' ');
};

/** The characters of `text` this engine's Unicode tables do not know (\p{Cn}), each as
 * [character, what it makes of it alone]. */
const unknown = (text) => Array.from(new Set(text.match(/\p{Cn}/gu) || []), (ch) => [ch, alone(ch)]);

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
    unknown: unknown(text),
  };
}

function chars() {
  const out = [];
  const cn = [];
  for (let u = 0; u <= 0x10FFFF; u++) {
    if (u >= 0xD800 && u <= 0xDFFF) continue;
    const ch = String.fromCodePoint(u);
    out.push(alone(ch));
    if (!/\p{Cn}/u.test(ch)) continue;
    if (cn.length && cn[cn.length - 1][1] === u - 1) cn[cn.length - 1][1] = u;
    else cn.push([u, u]);
  }
  return { chars: out, unknown: cn };
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
    unknown: unknown(text),
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

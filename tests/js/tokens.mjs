// Reads a JSON array of texts on stdin; prints, for each, the search client's tokens as
// [term, position, the original text the token covers] (tests/search_parity.rs compares them
// with the Rust tokenizer's). With --query, prints query terms as [term, prefix] instead.
import { client } from './client.mjs';

const { tokenize, query } = client();
const texts = JSON.parse(await new Promise((resolve) => {
  let s = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (d) => { s += d; });
  process.stdin.on('end', () => resolve(s));
}));
const asQuery = process.argv.includes('--query');
const out = texts.map((t) => asQuery
  ? query(t).map((q) => [q.text, q.prefix])
  : tokenize(t).map((k) => [k.text, k.position, t.slice(k.from, k.to)]));
process.stdout.write(JSON.stringify(out));

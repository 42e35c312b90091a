// Reads {texts, tok, fold, syn} as JSON on stdin (fold: the build's Simplified →
// Traditional pairs as one string; syn: synonym groups; all as
// the manifest carries them); prints, for each text, the search client's tokens as [term,
// position, the original text the token covers] (tests/search_parity.rs compares them with
// the Rust tokenizer's). With --analyze, the tokens with synonym keys (as indexed); with
// --query, query terms as [term, prefix] instead; with --stem, each text's stem; with
// --snippet, each text's snippet for `terms[i]` as [text, mark] pieces.
import { client } from './client.mjs';

const { tokenize, analyze, setFold, setTok, setSynonyms, stem, snippet } = client();
const input = JSON.parse(await new Promise((resolve) => {
  let s = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (d) => { s += d; });
  process.stdin.on('end', () => resolve(s));
}));
setTok(input.tok);
setFold(input.fold);
setSynonyms(input.syn || []);
const mode = ['analyze', 'stem', 'snippet'].find((m) => process.argv.includes('--' + m)) || 'tokens';
const out = mode === 'stem' ? input.texts.map(stem)
  : mode === 'snippet' ? input.texts.map((t, i) => snippet(t, input.terms[i]).map((p) => [p.text, p.mark]))
  : input.texts.map((t) => (mode === 'analyze' ? analyze(t) : tokenize(t)).map((k) => [k.text, k.position, t.slice(k.from, k.to)]));
process.stdout.write(JSON.stringify(out));

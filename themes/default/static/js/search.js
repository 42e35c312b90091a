/* gongkai search client: plain JavaScript, no dependencies, no build step.
 * It reads the static index that `gongkai build` exports (crates/gongkai-search/src/export.rs): a manifest,
 * term shards with tantivy's BM25 score per posting, and document chunks. The tokenizer below
 * mirrors crates/gongkai-search/src/tokenize.rs exactly: tests/search_parity.rs checks both agree. */
(function () {
  'use strict';

  // ---- the Snowball English stemmer lives in js/search-stem.js, which the page loads for a
  // query holding Latin letters (a Chinese query never stems a word); `setStemmer` takes it ----
  var porter2 = null;
  function setStemmer(f) { porter2 = f; }
  /** The stem of a lower-case ASCII word; any other word as it is. */
  function stem(word) { return porter2 && /^[a-z]+$/.test(word) ? porter2(word) : word; }

  // ---- tokenizer (mirror of crates/gongkai-search/src/tokenize.rs) ----
  // the build's constants, from the manifest's `tok` (crates/gongkai-search/src/manifest.rs `Tok`): one
  // source. HAN_RANGES and DROPPED_RANGES: [{lo, hi}] code points; QUARTER: how a quarter is
  // written ({letter, first, last, before, after}); SPELLED: how a query may write one in words
  // ({han, ordinals, suffixes, word})
  var MAX_WORD_CHARS = 0, VARIANTS = {}, MAX_EXPANSIONS = 0, WINDOW_CHARS = 0, MAX_MATCHES = 0;
  var HAN_RANGES = [], DROPPED_RANGES = [], QUARTER = null, SPELLED = null, THOUSANDS = 0;
  function setTok(tok) {
    MAX_WORD_CHARS = tok.max_word;
    MAX_EXPANSIONS = tok.expansions;
    WINDOW_CHARS = tok.window;
    MAX_MATCHES = tok.matches;
    HAN_RANGES = tok.han;
    DROPPED_RANGES = tok.dropped;
    QUARTER = tok.quarter;
    SPELLED = tok.spelled;
    THOUSANDS = tok.thousands;
    VARIANTS = {};
    var cs = Array.from(tok.variants);
    for (var i = 0; i + 1 < cs.length; i += 2) VARIANTS[cs[i]] = cs[i + 1];
  }
  // Simplified → Traditional (crates/gongkai-search/src/fold.rs): the part of OpenCC's table the index
  // needs, from the manifest (`setFold`)
  var FOLD = {};
  function setFold(pairs, more) {
    if (!more) FOLD = {};
    var cs = Array.from(pairs || '');
    for (var i = 0; i + 1 < cs.length; i += 2) FOLD[cs[i]] = cs[i + 1];
  }
  var DIGIT = /\p{N}/u;
  var ALPHA = /\p{Alphabetic}/u;
  var HAN = 0, DIGITS = 1, LETTERS = 2, SEP = 3;

  function inRanges(cp, ranges) {
    for (var i = 0; i < ranges.length; i++) if (cp >= ranges[i].lo && cp <= ranges[i].hi) return true;
    return false;
  }
  function isHan(cp) { return inRanges(cp, HAN_RANGES); }
  function isDropped(cp) { return inRanges(cp, DROPPED_RANGES); }
  /** Whether `c` is a quarter's digit. */
  function quarterDigit(c) { return c.length === 1 && c >= QUARTER.first && c <= QUARTER.last; }
  /** The normalized form of one code point (a string of 0 or more code points). */
  function normalizeChar(ch) {
    if (ch.charCodeAt(0) < 128) return ch.toLowerCase();
    var out = '';
    for (var k of ch.normalize('NFKC')) {
      for (var l of k.toLowerCase()) {
        for (var d of l.normalize('NFD')) {
          if (isDropped(d.codePointAt(0))) continue;
          d = FOLD[d] || d;
          out += VARIANTS[d] || d;
        }
      }
    }
    return out;
  }
  function classOf(c) {
    if (isHan(c.codePointAt(0))) return HAN;
    if (DIGIT.test(c)) return DIGITS;
    if (ALPHA.test(c)) return LETTERS;
    return SEP;
  }
  /** Tokens of `text`: {text, position, from, to} with UTF-16 offsets into `text`; with
   * `units`, each Han character alone (crates/gongkai-search/src/tokenize.rs `units`). */
  /** The class of character `i` of `chars` in its context (crates/gongkai-search/src/tokenize.rs
   * `class_at`): a decimal point or thousands comma between digits is the number's, a
   * quarter's digit after a lone `q` the word's. */
  function classAt(chars, i) {
    var c = chars[i][0];
    function digit(k) { return k >= 0 && k < chars.length && chars[k][0] >= '0' && chars[k][0] <= '9' && chars[k][0].length === 1; }
    function word(k) { return k >= 0 && k < chars.length && (chars[k][3] === LETTERS || chars[k][3] === DIGITS); }
    function group(k) { for (var x = k; x < k + THOUSANDS; x++) if (!digit(x)) return false; return true; }
    if (c === '.' && i > 0 && digit(i - 1) && digit(i + 1)) return DIGITS;
    if (c === ',' && i > 0 && digit(i - 1) && group(i + 1) && !digit(i + THOUSANDS + 1)) return DIGITS;
    if (quarterDigit(c) && i > 0 && chars[i - 1][0] === QUARTER.letter) return (i < 2 || !word(i - 2)) && !word(i + 1) ? LETTERS : DIGITS;
    return chars[i][3];
  }
  /** A number's term (crates/gongkai-search/src/tokenize.rs `number_text`). */
  function numberText(t) {
    t = t.replace(/,/g, '');
    if (t.split('.').length === 2) { t = t.replace(/0+$/, ''); t = t.replace(/\.$/, ''); }
    return t;
  }
  /** `text` normalized character by character: [char, from, to, class in context]. */
  function normalized(text) {
    var chars = [], at = 0;
    for (var c of text) {
      for (var n of normalizeChar(c)) chars.push([n, at, at + c.length, classOf(n)]);
      at += c.length;
    }
    var cls = chars.map(function (x, i) { return classAt(chars, i); });
    chars.forEach(function (x, i) { x[3] = cls[i]; });
    return chars;
  }
  /** Runs of one class other than separators: [class, first, end, position]. */
  function classRuns(chars) {
    var out = [], i = 0, position = 0;
    while (i < chars.length) {
      var kind = chars[i][3], start = i;
      while (i < chars.length && chars[i][3] === kind) i++;
      if (kind === SEP) continue;
      out.push([kind, start, i, position]);
      position += kind === HAN ? i - start : 1;
    }
    return out;
  }
  /** The quarter (`q3`) a `第 N 季` names around digit run `k` (crates/gongkai-search/src/tokenize.rs
   * `quarter_at`), or null. */
  function quarterAt(chars, rs, k) {
    var r = rs[k], d = chars[r[1]][0];
    if (r[0] !== DIGITS || r[2] !== r[1] + 1 || !quarterDigit(d) || k === 0 || k + 1 >= rs.length) return null;
    var before = rs[k - 1], after = rs[k + 1];
    function blank(a, b) { for (var x = a; x < b; x++) if (chars[x][0] !== ' ') return false; return true; }
    return before[0] === HAN && after[0] === HAN && chars[before[2] - 1][0] === QUARTER.before && chars[after[1]][0] === QUARTER.after &&
      blank(before[2], r[1]) && blank(r[2], after[1]) ? QUARTER.letter + d : null;
  }
  /** Tokens of `text`: {text, position, from, to} with UTF-16 offsets into `text`; with
   * `units`, each Han character alone (crates/gongkai-search/src/tokenize.rs `units`). */
  function cut(text, edges, units) {
    var chars = normalized(text), rs = classRuns(chars), tokens = [];
    function tok(s, p, a, b) { tokens.push({ text: s, position: p, from: a, to: b }); }
    rs.forEach(function (r, ri) {
      var kind = r[0], run = chars.slice(r[1], r[2]), position = r[3];
      if (kind !== HAN) {
        if (run.length <= MAX_WORD_CHARS) {
          var word = run.map(function (x) { return x[0]; }).join('');
          if (kind === DIGITS && /[.,]/.test(word)) word = numberText(word);
          tok(word, position, run[0][1], run[run.length - 1][2]);
          // indexed text: the word's stem too, at the same place
          var st = edges && kind === LETTERS ? stem(word) : word;
          if (st !== word) tok(st, position, run[0][1], run[run.length - 1][2]);
        }
      } else if (units || run.length === 1) {
        for (var u = 0; u < run.length; u++) tok(run[u][0], position + u, run[u][1], run[u][2]);
      } else {
        if (edges) tok(run[0][0], position, run[0][1], run[0][2]);
        for (var k = 0; k + 1 < run.length; k++) {
          tok(run[k][0] + run[k + 1][0], position + k, run[k][1], run[k + 1][2]);
        }
        var last = run[run.length - 1];
        if (edges) tok(last[0], position + run.length - 1, last[1], last[2]);
      }
      var q = edges && !units ? quarterAt(chars, rs, ri) : null;
      if (q) tok(q, position, chars[rs[ri - 1][2] - 1][1], chars[rs[ri + 1][1]][2]);
    });
    return tokens;
  }
  function tokenize(text) { return cut(text, true); }
  /** The Han runs and words of `text` (crates/gongkai-search/src/tokenize.rs `runs`): {han, chars:
   * [[char, from, to]], position}, offsets in UTF-16 units. */
  function runs(text) {
    var chars = normalized(text);
    return classRuns(chars).filter(function (r) { return r[0] === HAN || r[2] - r[1] <= MAX_WORD_CHARS; }).map(function (r) {
      return { han: r[0] === HAN, chars: chars.slice(r[1], r[2]).map(function (x) { return [x[0], x[1], x[2]]; }), position: r[3] };
    });
  }
  function units(text) { return cut(text, false, true); }

  // ---- synonyms (mirror of crates/gongkai-search/src/synonyms.rs): groups from the manifest ----
  var SYN = { groups: [], byFirst: new Map() };
  /** `list`: [{k: key, m: [member units, …]}, …], the groups a query may use (the
   * manifest's `syn`). */
  function setSynonyms(list) {
    list = list || [];
    var byFirst = new Map();
    list.forEach(function (g, gi) {
      g.m.forEach(function (member, mi) {
        if (!byFirst.has(member[0])) byFirst.set(member[0], []);
        byFirst.get(member[0]).push([gi, mi]);
      });
    });
    byFirst.forEach(function (l) {
      l.sort(function (a, b) { return list[b[0]].m[b[1]].length - list[a[0]].m[a[1]].length || a[0] - b[0] || a[1] - b[1]; });
    });
    SYN = { groups: list, byFirst: byFirst };
  }
  function fits(us, i, member) {
    if (member.length > us.length - i) return false;
    for (var k = 0; k < member.length; k++) {
      if (us[i + k].text !== member[k] || us[i + k].position !== us[i].position + k) return false;
    }
    return true;
  }
  /** Every member occurrence (one per group and place, its longest member). */
  function synAll(us) {
    var out = [];
    for (var i = 0; i < us.length; i++) {
      var list = SYN.byFirst.get(us[i].text);
      if (!list) continue;
      var here = [];
      list.forEach(function (gm) {
        var member = SYN.groups[gm[0]].m[gm[1]];
        if (here.indexOf(gm[0]) < 0 && fits(us, i, member)) {
          here.push(gm[0]);
          out.push({ group: gm[0], start: i, len: member.length });
        }
      });
    }
    return out;
  }
  /** A query's members: left to right, longest first, not overlapping. */
  function synInQuery(us) {
    var out = [];
    for (var i = 0; i < us.length; ) {
      var list = SYN.byFirst.get(us[i].text) || [], f = null;
      for (var j = 0; j < list.length && !f; j++) {
        var member = SYN.groups[list[j][0]].m[list[j][1]];
        if (fits(us, i, member)) f = { group: list[j][0], start: i, len: member.length };
      }
      if (f) { out.push(f); i += f.len; } else i += 1;
    }
    return out;
  }
  /** The tokens `text` is indexed as: its tokens and its members' group keys. */
  function analyze(text) {
    var tokens = tokenize(text);
    if (!SYN.byFirst.size) return tokens;
    var us = units(text);
    synAll(us).forEach(function (f) {
      var a = us[f.start], b = us[f.start + f.len - 1];
      tokens.push({ text: SYN.groups[f.group].k, position: a.position, from: a.from, to: b.to });
    });
    // stable, as Rust's sort_by_key
    return tokens.sort(function (x, y) { return x.position - y.position; });
  }
  /** `text` cut to `limits.chars` characters (crates/gongkai-search/src/tokenize.rs `bounded`). */
  function bounded(text, limits) {
    if (!limits) return text;
    var cps = Array.from(text);
    return cps.length > limits.chars ? cps.slice(0, limits.chars).join('') : text;
  }
  /** Whether `text` is longer than a query may be (crates/gongkai-search/src/tokenize.rs `over_limits`). */
  function overLimits(text, limits) {
    if (Array.from(text).length > limits.chars) return true;
    return new Set(cut(text, false).map(function (t) { return t.text; })).size > limits.terms;
  }
  // ---- engine ----
  /** Whether `a` and `b` differ by one insertion, deletion, replacement or swap of two
   * neighbours (crates/gongkai-search/src/index.rs `one_edit`; ASCII words). */
  function oneEdit(a, b) {
    var s = a.length <= b.length ? a : b, l = a.length <= b.length ? b : a;
    if (l.length - s.length > 1 || a === b) return false;
    var h = 0;
    while (h < s.length && s[h] === l[h]) h++;
    if (s.length === l.length) {
      return s.slice(h + 1) === l.slice(h + 1) ||
        (h + 1 < s.length && s[h] === l[h + 1] && s[h + 1] === l[h] && s.slice(h + 2) === l.slice(h + 2));
    }
    return s.slice(h) === l.slice(h + 1);
  }
  /** Compares strings by code point, as the build sorts terms (UTF-16 order differs). */
  function cmp(a, b) {
    var ia = a[Symbol.iterator](), ib = b[Symbol.iterator]();
    for (;;) {
      var x = ia.next(), y = ib.next();
      if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
      var d = x.value.codePointAt(0) - y.value.codePointAt(0);
      if (d) return d;
    }
  }
  function startsWith(s, p) { return s.slice(0, p.length) === p; }

  /** Searches one language's export. `load(path)` fetches a JSON file relative to the
   * manifest (`fresh` asks to bypass caches). */
  var FORMAT = 5;
  function Engine(manifest, load) {
    if (manifest.v !== FORMAT) throw new Error('search index format ' + manifest.v + ', this client reads ' + FORMAT);
    var inline = manifest.inline || {};
    this.m = manifest;
    this.limits = manifest.limits;
    setTok(manifest.tok);
    setFold(manifest.fold);
    setSynonyms(manifest.syn);
    this.dict = makeDict(manifest);
    // a small site's files come inside the manifest
    this.load = function (path, fresh) {
      return Object.prototype.hasOwnProperty.call(inline, path) ? Promise.resolve(inline[path]) : load(path, fresh);
    };
    // groups: runs of documents {a: agency, y: year, n: count} → {a, y, first: document}
    var g = [], start = 0;
    manifest.groups.forEach(function (r) { g.push({ a: r.a, y: r.y, first: start }); start += r.n; });
    this.groups = g;
    this.shards = {};
    this.chunks = {};
    this.bytes = 0;
  }
  Engine.prototype.shard = function (i) {
    var name = this.m.shards[i].f;
    if (!this.shards[name]) this.shards[name] = this.load(name, false);
    return this.shards[name];
  };
  /** Index of the shard that would hold `term`, or -1. */
  Engine.prototype.shardFor = function (term) {
    var s = this.m.shards, lo = 0, hi = s.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (cmp(s[mid].t, term) <= 0) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  };
  /** Every indexed term `p` begins, with its postings, in code-point order. */
  Engine.prototype.allWithPrefix = async function (p) {
    var first = Math.max(this.shardFor(p), 0), idx = [];
    for (var i = first; i < this.m.shards.length; i++) {
      if (i > first && !startsWith(this.m.shards[i].t, p)) break;
      idx.push(i);
    }
    var shards = await Promise.all(idx.map(this.shard, this));
    var terms = [];
    shards.forEach(function (sh) { for (var t in sh) if (startsWith(t, p)) terms.push([t, sh[t]]); });
    return terms.sort(function (a, b) { return cmp(a[0], b[0]); });
  };
  /** The indexed word one edit from `word` that most documents hold (crates/gongkai-search/src/index.rs
   * `correction`), or null. */
  Engine.prototype.correction = async function (word) {
    if (!word || word.length < this.m.tok.typo_min || !/^[a-z]+$/.test(word)) return null;
    var best = null, bestN = -1;
    (await this.allWithPrefix(word.slice(0, 2))).forEach(function (tp) {
      if (!/^[a-z]+$/.test(tp[0]) || !oneEdit(word, tp[0])) return;
      var n = tp[1].length / 2;
      if (n > bestN || (n === bestN && cmp(tp[0], best) < 0)) { best = tp[0]; bestN = n; }
    });
    return best;
  };
  Engine.prototype.slot = async function (q) {
    var first = this.shardFor(q.text);
    if (!q.prefix) {
      if (first < 0) return [];
      var sh = await this.shard(first);
      return Object.prototype.hasOwnProperty.call(sh, q.text) ? [[q.text, sh[q.text]]] : [];
    }
    var idx = [];
    for (var i = Math.max(first, 0); i < this.m.shards.length; i++) {
      if (i > Math.max(first, 0) && !startsWith(this.m.shards[i].t, q.text)) break;
      idx.push(i);
    }
    var shards = await Promise.all(idx.map(this.shard, this));
    var terms = [];
    shards.forEach(function (sh) {
      for (var t in sh) if (startsWith(t, q.text)) terms.push([t, sh[t]]);
    });
    terms.sort(function (a, b) { return cmp(a[0], b[0]); });
    return terms.slice(0, MAX_EXPANSIONS);
  };
  /** The group (agency, year range) of document `d`. */
  Engine.prototype.group = function (d) {
    var g = this.groups, lo = 0, hi = g.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (g[mid].first <= d) lo = mid; else hi = mid - 1;
    }
    return g[lo];
  };
  /** Status bits of document `d`. */
  Engine.prototype.flags = function (d) { return this.m.flags.charCodeAt(d) - 48; };
  /** Answers a query: {terms, total, hits: [{doc, score}], agencies: {index: n}, years:
   * {year: n}, statuses: {index: n}, partial, missing, named, namedStatus, corrections}.
   * `agency` is an agency index or -1; `year` a year or 0; `status` a status index or -1;
   * `typing`: the last word is still being typed. Counts per agency, year and status each
   * honour the other filters. Mirrors crates/gongkai-search/src/index.rs `run` (words.rs, rank.rs). */
  Engine.prototype.search = async function (text, agency, year, status, typing) {
    if (status === undefined) status = -1;
    var out = { terms: [], total: 0, hits: [], agencies: {}, years: {}, statuses: {}, partial: false, missing: [], named: [], namedStatus: [], corrections: [] };
    // past the limits the query was cut: say so (crates/gongkai-search/src/tokenize.rs `over_limits`)
    out.limited = overLimits(text, this.limits);
    return this.rankWords(await this.words(text, typing), agency, year, status, out);
  };
  /** The words of `text` (crates/gongkai-search/src/index.rs `Lookups::analyze`): by its own words first;
   * when some are not found, again with the related terms (their table fetched now) and near
   * matches. */
  Engine.prototype.words = async function (text, typing) {
    var t = bounded(text, this.limits);
    var a = await this.analyze(t, !!typing, this.dict, false);
    if (await this.wanting(a)) a = await this.analyze(t, !!typing, this.m.related ? await this.relatedDict() : this.dict, true);
    return a;
  };
  /** Whether analysis `a` leaves some of the query's own text not found: Han text not found
   * whole, a word no plan holds, or words no one plan holds together (rank.rs `wanting`). */
  Engine.prototype.wanting = async function (a) {
    if (a.incomplete) return true;
    var all = null;
    for (var w of a.words) {
      var bits = new Uint8Array(this.m.n);
      for (var h of await this.holding(w)) h[1].forEach(function (x, d) { bits[d] |= x; });
      if (bits.indexOf(1) < 0) return true;
      all = all === null ? bits : all.map(function (x, d) { return x & bits[d]; });
    }
    // words no one plan holds together (rank.rs `wanting`)
    return a.words.length > 1 && all.indexOf(1) < 0;
  };
  Engine.prototype.relatedDict = function () {
    var self = this;
    if (!this.rel) {
      this.rel = this.load(this.m.related, false).then(function (r) {
        // the fold pairs of the lay words' characters (crates/gongkai-search/src/export.rs `write_related`)
        setFold(r.f, true);
        var d = makeDict(self.m, r.r);
        d.phrases = r.p.map(function (x) { return [x.m.split(' '), x.t.split(' ')]; });
        return d;
      });
    }
    return this.rel;
  };
  /** Per document, the quarters of its quarterly findings (crates/gongkai-search/src/status.rs `quarters`),
   * fetched once, by a query asking a finding in a quarter; zeros when the index has none. */
  Engine.prototype.quarterBits = function () {
    var n = this.m.n;
    if (!this.qb) {
      this.qb = !this.m.quarters ? Promise.resolve(new Uint16Array(n)) : this.load(this.m.quarters, false).then(function (lists) {
        var bits = new Uint16Array(n);
        lists.forEach(function (l, b) { var d = 0; l.forEach(function (x) { d += x; bits[d] |= 1 << b; }); });
        return bits;
      });
    }
    return this.qb;
  };
  /** The quarter word `w` is (1 to 4, from Q3 or 第 3 季), or 0 (crates/gongkai-search/src/rank.rs `quarter_of`). */
  function quarterOf(w) {
    if (w.alts.length !== 1 || w.alts[0].related || w.alts[0].slots.length !== 1 || w.alts[0].slots[0].length !== 1) return 0;
    var t = w.alts[0].slots[0][0];
    return t.length === 2 && t[0] === QUARTER.letter && quarterDigit(t[1]) ? t.charCodeAt(1) - QUARTER.first.charCodeAt(0) + 1 : 0;
  }
  /** The quarters a query asks its statuses in, as bits (crates/gongkai-search/src/rank.rs `asked_quarters`). */
  function askedQuarters(a, quarterly) {
    if (((a.named | a.negated) & ((1 << quarterly) - 1)) === 0) return 0;
    return a.words.reduce(function (m, w) { var q = quarterOf(w); return q ? m | 1 << (q - 1) : m; }, 0);
  }
  /** `us` with each mainland phrase put in Taiwan's words (crates/gongkai-search/src/phrases.rs `convert`). */
  function convertPhrases(us, table) {
    if (!table || !table.length) return us;
    var out = [], i = 0, shift = 0;
    while (i < us.length) {
      var hit = isHan(us[i].text.codePointAt(0)) ? table.find(function (p) { return fits(us, i, p[0]); }) : null;
      if (!hit) { out.push({ text: us[i].text, position: us[i].position + shift, from: us[i].from, to: us[i].to }); i++; continue; }
      var from = us[i].from, to = us[i + hit[0].length - 1].to, start = us[i].position + shift;
      hit[1].forEach(function (t, n) { out.push({ text: t, position: start + n, from: from, to: to }); });
      shift += hit[1].length - hit[0].length;
      i += hit[0].length;
    }
    return out;
  }
  Engine.prototype.rankWords = async function (a, agency, year, status, out) {
    var self = this, m = this.m, n = m.n, held = [], weights = [], live = [], d, w;
    out.corrections = a.corrections;
    a.words.forEach(function (x) { x.alts.forEach(function (alt) { alt.slots.forEach(function (s) { s.forEach(function (t) { if (out.terms.indexOf(t) < 0) out.terms.push(t); }); }); }); });
    m.status.forEach(function (st, s) { if (a.named & (1 << s)) out.namedStatus.push(s); });
    for (w of a.words) held.push(await this.holding(w));
    // crates/gongkai-search/src/rank.rs `Weighing`: live words select plans (beside a status or
    // text no plan holds, not those most plans hold)
    var dfs = held.map(function (h) { var df = 0; for (var x = 0; x < n; x++) if (strength(h, x) > 0) df++; return df; });
    var statusNamed = (a.named | a.negated) !== 0, totalW = 0;
    // a quarter the query asks a status in narrows the status, it selects nothing itself
    var qs = askedQuarters(a, m.tok.quarterly), qbits = qs ? await this.quarterBits() : null;
    var common = statusNamed || a.incomplete || dfs.indexOf(0) >= 0;
    dfs.forEach(function (df, wi) {
      weights.push(idf(df, n));
      if (df && !(common && 2 * df > n) && !(qs && quarterOf(a.words[wi]))) live.push(wi);
      if (!df && !(qs && quarterOf(a.words[wi]))) {
        out.missing.push(a.words[wi].typed);
        // rank.rs `specific`: a subject no plan is about weighs as a word no plan holds
        if (specific(a.words[wi].typed, m.lang, m.tok)) totalW += idf(0, n);
      }
      if (live.indexOf(wi) >= 0) totalW += weights[wi];
    });
    function full(x) { return live.every(function (v) { return strength(held[v], x) > 0; }); }
    var exact = false;
    for (d = 0; d < n && !exact; d++) exact = full(d);
    function weight(x) { return live.reduce(function (t, v) { return t + weights[v] * strength(held[v], x); }, 0); }
    // the quorum counts a word held either way; the order prefers the word itself
    function quorum(x) { return live.reduce(function (t, v) { return t + (strength(held[v], x) > 0 ? weights[v] : 0); }, 0); }
    function taken(x) { var h = quorum(x); return !(exact && !full(x)) && h > 0 && 3 * h >= totalW; }
    // a plan holding less than half the weight the best one holds, or scoring less than
    // 1 / SCORE_FLOOR of the best score among those, is noise
    var best = 0, top = 0, scoreOf = new Map();
    for (d = 0; d < n; d++) if (taken(d)) best = Math.max(best, weight(d));
    for (d = 0; d < n; d++) {
      if (!taken(d) || 2 * weight(d) < best) continue;
      var sc = 0;
      for (w of live) sc += await this.wordScore(held[w], d);
      scoreOf.set(d, sc);
      top = Math.max(top, sc);
    }
    // a query found whole by its own words keeps every plan holding them
    if (exact && !out.missing.length && !a.incomplete && a.words.every(function (x) { return x.alts.length <= 1; })) top = 0;
    function take(x) { return scoreOf.has(x) && scoreOf.get(x) * m.tok.floor >= top; }
    var filter = status >= 0 ? 1 << status : 0;
    // crates/gongkai-search/src/rank.rs `has_status`: a quarterly status, when quarters are asked, in one of them
    function has(x, mask) {
      if (!qs) return (self.flags(x) & mask) !== 0;
      var quarterly = (1 << m.tok.quarterly) - 1;
      for (var st = 0; st < m.tok.quarterly; st++) {
        if (!(mask & (1 << st))) continue;
        for (var q = 0; q < 4; q++) if (qs & (1 << q) && qbits[x] & (1 << (4 * st + q))) return true;
      }
      return (self.flags(x) & mask & ~quarterly) !== 0;
    }
    function flagged(x) { return has(x, a.named); }
    function lacking(x) { return !has(x, a.negated); }
    var listed = a.negated !== 0 || (a.named === 0 && !a.words.length && (agency >= 0 || !!year || filter !== 0));
    // a status named beside words: the plans having both, when some do (rank.rs `Lists::both`)
    var first = [], rest = [], both = false;
    if (a.named !== 0 && live.length) for (d = 0; d < n && !both; d++) both = flagged(d) && take(d);
    for (d = 0; d < n; d++) {
      var isFlagged = a.named !== 0 && flagged(d) && (!both || take(d));
      var hit = live.length ? take(d) && !both : listed && lacking(d) && !flagged(d);
      if (!isFlagged && !hit) continue;
      var g = this.group(d), f = this.flags(d);
      var inAgency = agency < 0 || g.a === agency, inYear = !year || g.y === year, inStatus = !filter || (f & filter) !== 0;
      if (inYear && inStatus) out.agencies[g.a] = (out.agencies[g.a] || 0) + 1;
      if (inAgency && inStatus) out.years[g.y] = (out.years[g.y] || 0) + 1;
      if (inAgency && inYear) for (var s = 0; s < m.status.length; s++) if (f & (1 << s)) out.statuses[s] = (out.statuses[s] || 0) + 1;
      if (!(inAgency && inYear && inStatus)) continue;
      var score = 0;
      if (isFlagged) {
        for (w of held) score += await this.wordScore(w, d);
        first.push({ doc: d, score: score });
      } else if (live.length) {
        rest.push({ doc: d, score: scoreOf.get(d), weight: weight(d) });
      } else rest.push({ doc: d, score: 0, weight: 0 });
    }
    first.sort(function (x, y) { return y.score - x.score || x.doc - y.doc; });
    rest.sort(function (x, y) { return y.weight - x.weight || y.score - x.score || x.doc - y.doc; });
    if (a.negated) rest = rest.filter(function (h) { return lacking(h.doc); }).concat(rest.filter(function (h) { return !lacking(h.doc); }));
    out.hits = first.concat(rest).map(function (h) { return { doc: h.doc, score: h.score }; });
    out.total = out.hits.length;
    out.partial = !exact && live.length >= 2;
    // agencies the query names (full or short name, either language): their group's key is
    // a term of its own words, not of their related terms (words.rs `own_terms`)
    var own = [];
    a.words.forEach(function (x) { x.alts.forEach(function (alt) { if (!alt.related) alt.slots.forEach(function (s) { own.push.apply(own, s); }); }); });
    m.agencies.forEach(function (ag, i) { if (ag.k && own.indexOf(ag.k) >= 0) out.named.push(i); });
    return out;
  };
  // ---- query words (mirror of crates/gongkai-search/src/dict.rs and crates/gongkai-search/src/words.rs) ----
  // entries of the phrase table, in the order crates/gongkai-search/src/dict.rs `Entry` sorts them
  var SYNONYM = 0, RELATED = 1, STATUS = 2, STOP = 3, CONTEXT = 4, OPPOSITE = 5;
  /** The phrases a query is segmented against: {first unit: [[units, kind, index]]}, each
   * list longest first, then by kind and index (stable). */
  function makeDict(m, related) {
    var by = new Map();
    var near = [];
    function add(units, kind, idx) {
      if (!units.length) return;
      if ((kind === SYNONYM || kind === RELATED) && units.length >= 2 && units.every(function (u) { return Array.from(u).every(function (c) { return isHan(c.codePointAt(0)); }); })) near.push([units, kind, idx]);
      if (!by.has(units[0])) by.set(units[0], []);
      by.get(units[0]).push([units, kind, idx]);
    }
    SYN.groups.forEach(function (g, gi) { g.m.forEach(function (u) { add(u, SYNONYM, gi); }); });
    (related || []).forEach(function (r, ri) { add(r.w.split(' '), RELATED, ri); });
    m.status.forEach(function (st, s) {
      st.w.forEach(function (w) { add(w.split(' '), STATUS, s); });
      (st.o || []).forEach(function (w) { add(w.split(' '), OPPOSITE, s); });
    });
    m.stop.forEach(function (w) { add(w.split(' '), STOP, 0); });
    (m.ctx || []).forEach(function (w) { add(w.split(' '), CONTEXT, 0); });
    by.forEach(function (l) { l.sort(function (a, b) { return b[0].length - a[0].length || a[1] - b[1] || a[2] - b[2]; }); });
    by.related = related || [];
    by.near = near;
    // the agencies' groups, in agency order (crates/gongkai-search/src/dict.rs `agencies`)
    by.agencies = [];
    m.agencies.forEach(function (a) {
      var gi = a.k ? SYN.groups.findIndex(function (g) { return g.k === a.k; }) : -1;
      if (gi >= 0) by.agencies.push(gi);
    });
    return by;
  }
  function hanUnit(u) { return isHan(u.text.codePointAt(0)); }
  /** Whether unit lists `a` and `b` differ by one unit replaced, added or dropped. */
  function oneUnitEdit(a, b) {
    var s = a.length <= b.length ? a : b, l = a.length <= b.length ? b : a, h = 0;
    if (l.length - s.length > 1 || a.join('\u0000') === b.join('\u0000')) return false;
    while (h < s.length && s[h] === l[h]) h++;
    var rest = s.length === l.length ? [s.slice(h + 1), l.slice(h + 1)] : [s.slice(h), l.slice(h + 1)];
    return rest[0].join('\u0000') === rest[1].join('\u0000');
  }
  /** Whether `name` holds `chunk`'s units in order, both ending alike, all Han. */
  function inOrder(chunk, name) {
    if (!name.every(function (u) { return Array.from(u).every(function (c) { return isHan(c.codePointAt(0)); }); })) return false;
    if (chunk[chunk.length - 1] !== name[name.length - 1]) return false;
    var at = 0;
    for (var u of chunk) { var k = name.indexOf(u, at); if (k < 0) return false; at = k + 1; }
    return true;
  }
  /** A Han stretch no plan holds whole, mended (crates/gongkai-search/src/words.rs `mended`): an agency by
   * characters of its name in order, or a word of the table one character away. */
  function mended(dict, text, us, at, out) {
    var chunk = at.map(function (i) { return us[i].text; }), typed = text.slice(us[at[0]].from, us[at[at.length - 1]].to), hit = null;
    if (chunk.length >= 3) {
      for (var gi of dict.agencies) {
        var name = SYN.groups[gi].m.find(function (mm) { return mm.length > chunk.length && inOrder(chunk, mm); });
        if (!name) continue;
        if (hit) { hit = null; break; }
        hit = [name, SYNONYM, gi];
      }
    }
    if (!hit && chunk.length >= 3) hit = dict.near.find(function (e) { return oneUnitEdit(chunk, e[0]); }) || null;
    if (!hit) return false;
    phraseWord(dict, typed, hit[1], hit[2], out);
    out.corrections.push([typed, hit[0].join('')]);
    return true;
  }
  function phraseWord(dict, typed, kind, idx, out) {
    if (kind === SYNONYM) out.words.push({ typed: typed, alts: [{ related: false, slots: [[SYN.groups[idx].k]] }] });
    if (kind === RELATED) out.words.push({ typed: typed, alts: dict.related[idx].a.map(function (slots, i) { return { related: i > 0, slots: slots }; }) });
  }
  /** `a` has document `d` (a Uint8Array of 0/1 per document). */
  /** The quarter written out from unit `i` (第三季, "third quarter"): [units, 1 to 4] or null (words.rs `spelled_quarter`). */
  function spelledQuarter(us, i) {
    function text(k) { var u = us[i + k]; return u && u.position === us[i].position + k ? u.text : null; }
    function digit(t) { return t !== null && quarterDigit(t) ? t.charCodeAt(0) - QUARTER.first.charCodeAt(0) + 1 : 0; }
    var first = text(0), word = function (k) { return text(k) === SPELLED.word; }, n;
    if (first === null) return null;
    if (first === QUARTER.before && text(2) === QUARTER.after && text(1) !== null) {
      n = digit(text(1)) || SPELLED.han.indexOf(text(1)) + 1;
      return n ? [3, n] : null;
    }
    n = SPELLED.ordinals.indexOf(first) + 1;
    if (n && word(1)) return [2, n];
    n = digit(first);
    return n && text(1) !== null && SPELLED.suffixes.indexOf(text(1)) >= 0 && word(2) ? [3, n] : null;
  }
  /** A query as content words (crates/gongkai-search/src/words.rs `analyze`): {words: [{typed, alts:
   * [{related, slots: [[term]]}]}], corrections, named, negated, incomplete}. */
  Engine.prototype.analyze = async function (text, typing, dict, near) {
    var us = units(text), self = this, i;
    if (near) us = convertPhrases(us, dict.phrases);
    var out = { words: [], corrections: [], named: 0, negated: 0, incomplete: false };
    var glued = us.map(function () { return false; });
    for (i = 1; i < us.length; i++) {
      var a = us[i - 1], b = us[i];
      if (hanUnit(a) && hanUnit(b) && b.position === a.position + 1 && (await this.termDocs(a.text + b.text)).length) glued[i - 1] = glued[i] = true;
    }
    var free = [], context = [];
    async function flush() { if (free.length) await self.chunk(text, us, free, typing, out, dict, near); free = []; }
    for (i = 0; i < us.length; ) {
      // a quarter written out: the quarter's term
      var sq = spelledQuarter(us, i);
      if (sq) {
        await flush();
        var qd = String.fromCharCode(QUARTER.first.charCodeAt(0) + sq[1] - 1);
        out.words.push({ typed: text.slice(us[i].from, us[i + sq[0] - 1].to), alts: [{ related: false, slots: [[QUARTER.letter + qd]] }] });
        i += sq[0];
        continue;
      }
      var f = null, list = dict.get(us[i].text) || [];
      for (var j = 0; j < list.length && !f; j++) {
        var e = list[j];
        if (fits(us, i, e[0]) && !(e[1] === STOP && e[0].length === 1 && glued[i])) f = { kind: e[1], idx: e[2], start: i, len: e[0].length };
      }
      if (f) {
        await flush();
        if (f.kind === CONTEXT) context.push(f);
        this.phrase(text, us, f, out, dict);
        i += f.len;
        continue;
      }
      var p = free[free.length - 1];
      if (free.length && !(hanUnit(us[p]) && hanUnit(us[i]) && us[i].position === us[p].position + 1 && us[i].from === us[p].to)) await flush();
      free.push(i++);
    }
    await flush();
    // the ministry's name, a word only when nothing else is (crates/gongkai-search/src/words.rs)
    if (!out.words.length && !(out.named | out.negated)) {
      for (var c of context) { for (var k = c.start; k < c.start + c.len; k++) free.push(k); await flush(); }
    }
    out.words = out.words.slice(0, this.limits.terms);
    return out;
  };
  Engine.prototype.phrase = function (text, us, f, out, dict) {
    var typed = text.slice(us[f.start].from, us[f.start + f.len - 1].to), m = this.m;
    phraseWord(dict, typed, f.kind, f.idx, out);
    // "on schedule" asks what "not behind" does (words.rs `Entry::Opposite`)
    if (f.kind === OPPOSITE) out.negated |= 1 << f.idx;
    if (f.kind === STATUS) {
      var pos = us[f.start].position, neg = false;
      for (var k = Math.max(0, f.start - m.tok.reach); k < f.start; k++) {
        if (us[k].position + m.tok.reach >= pos && m.neg.indexOf(us[k].text) >= 0) neg = true;
      }
      if (neg) {
        out.negated |= 1 << f.idx;
        // the negation is the status's (words.rs `is_negation`)
        for (var ws = out.words; ws.length && m.neg.indexOf(ws[ws.length - 1].typed.toLowerCase().replace(/有$/, '')) >= 0; ) ws.pop();
      } else out.named |= 1 << f.idx;
    }
  };
  Engine.prototype.chunk = async function (text, us, at, typing, out, dict, near) {
    var first = us[at[0]];
    function typed(a, b) { return text.slice(us[at[a]].from, us[at[b]].to); }
    function lit(t, slots) { out.words.push({ typed: t, alts: [{ related: false, slots: slots }] }); }
    if (!hanUnit(first)) return this.word(text, first, typing, out);
    if (at.length === 1) {
      lit(typed(0, 0), [(await this.slot({ text: first.text, prefix: true })).map(function (tp) { return tp[0]; })]);
      return;
    }
    var bigrams = [];
    for (var k = 0; k + 1 < at.length; k++) bigrams.push(us[at[k]].text + us[at[k + 1]].text);
    if ((await this.together(bigrams)).length) {
      lit(typed(0, at.length - 1), bigrams.map(function (x) { return [x]; }));
      return;
    }
    out.incomplete = true;
    if (near && mended(dict, text, us, at, out)) return;
    var held = [];
    for (k = 0; k < bigrams.length; k++) held.push((await this.termDocs(bigrams[k])).length > 0);
    for (var s = 0; s < held.length; ) {
      var e = s;
      while (e + 1 < held.length && held[e + 1] === held[s]) e++;
      var from = held[s] ? s : s + (s > 0 ? 1 : 0), to = held[s] ? e + 1 : e + (e + 1 === held.length ? 1 : 0);
      // words.rs `held_pieces`
      for (var x = from, y; x < to; x = y + 1) {
        for (y = x + 1; held[s] && y < to && (await this.together(bigrams.slice(x, y + 1))).length; ) y++;
        if (!held[s]) y = to;
        lit(typed(x, y), bigrams.slice(x, y).map(function (b) { return [b]; }));
      }
      s = e + 1;
    }
  };
  Engine.prototype.word = async function (text, u, typing, out) {
    var term = stem(u.text), slot;
    if (typing && u.to === text.length) slot = (await this.slot({ text: term, prefix: true })).map(function (tp) { return tp[0]; });
    else slot = (await this.termDocs(term)).length ? [term] : /^[0-9]+$/.test(term) ? (await this.slot({ text: term + '.', prefix: true })).map(function (tp) { return tp[0]; }) : [];
    if (!slot.length) {
      var c = await this.correction(u.text);
      // an indexed stem the word begins with is its own form, no slip (words.rs `word`)
      if (c !== null) { slot = [stem(c)]; if (u.text.indexOf(c) !== 0) out.corrections.push([u.text, c]); } else slot = [term];
    }
    out.words.push({ typed: text.slice(u.from, u.to), alts: [{ related: false, slots: [slot] }] });
  };
  /** Term → {docs: [document], score: Map(document → score)}, from its postings. */
  Engine.prototype.postings = async function (t) {
    this.posts = this.posts || new Map();
    if (!this.posts.has(t)) {
      var p = await this.slot({ text: t, prefix: false }), docs = [], score = new Map();
      if (p.length) {
        var x = p[0][1], n = x.length / 2, d = 0;
        for (var i = 0; i < n; i++) { d += x[i]; docs.push(d); score.set(d, x[n + i]); }
      }
      this.posts.set(t, { docs: docs, score: score });
    }
    return this.posts.get(t);
  };
  Engine.prototype.termDocs = async function (t) { return (await this.postings(t)).docs; };
  Engine.prototype.together = async function (terms) {
    var out = null;
    for (var t of terms) {
      var d = new Set(await this.termDocs(t));
      out = out === null ? Array.from(d) : out.filter(function (x) { return d.has(x); });
    }
    return out || [];
  };

  // ---- ranking (mirror of crates/gongkai-search/src/rank.rs) ----
  /** Whether `typed`, a word no plan holds, names a subject no plan is about (rank.rs
   * `specific`): in the index's script, and long enough (`tok`'s specific_han, specific_letters). */
  function specific(typed, lang, tok) {
    var han = 0, letters = 0;
    for (var c of typed) { if (isHan(c.codePointAt(0))) han++; else if (/[A-Za-z]/.test(c)) letters++; }
    return lang === 'zh' ? han >= tok.specific_han : han === 0 && letters >= tok.specific_letters;
  }
  function idf(df, n) { return Math.max(1, Math.round(Math.log(1 + (n - df + 0.5) / (df + 0.5)) * 1000)); }
  /** Per alternative of `w`, its documents (0/1 per document). */
  Engine.prototype.holding = async function (w) {
    var n = this.m.n, alts = [];
    for (var alt of w.alts) {
      var every = new Uint8Array(n).fill(alt.slots.length ? 1 : 0);
      for (var slot of alt.slots) {
        var any = new Uint8Array(n);
        for (var t of slot) (await this.termDocs(t)).forEach(function (d) { any[d] = 1; });
        for (var d = 0; d < n; d++) every[d] &= any[d];
      }
      alts.push([alt, every]);
    }
    // a word no record says is read by its related terms alone, at its own strength (rank.rs `Holding::sole`)
    alts.sole = !alts.some(function (x) { return !x[0].related && x[1].indexOf(1) >= 0; });
    return alts;
  };
  /** Whether alternative `x` holds word `h` in full, or at half its strength and score (rank.rs `Holding::in_full`). */
  function inFull(h, x) { return !x[0].related || h.sole; }
  function strength(h, d) {
    var s = 0;
    h.forEach(function (x) { if (x[1][d]) s = Math.max(s, inFull(h, x) ? 2 : 1); });
    return s;
  }
  Engine.prototype.wordScore = async function (h, d) {
    var best = 0;
    for (var x of h) {
      if (!x[1][d]) continue;
      var sum = 0;
      for (var slot of x[0].slots) for (var t of slot) sum += (await this.postings(t)).score.get(d) || 0;
      if (!inFull(h, x)) sum /= 2;
      if (!x[0].related) return sum;
      best = Math.max(best, sum);
    }
    return best;
  };
  /** The page of agency `a`. */
  Engine.prototype.agencyUrl = function (a) {
    var x = this.m.agencies[a];
    return x.u || this.m.agency_url.replace('{slug}', x.s);
  };
  /** Number of documents of agency `a`. */
  Engine.prototype.agencyCount = function (a) {
    var g = this.groups, n = 0;
    for (var i = 0; i < g.length; i++) {
      if (g[i].a === a) n += (i + 1 < g.length ? g[i + 1].first : this.m.n) - g[i].first;
    }
    return n;
  };
  /** Document `d`: {url, title, agency, year, body}. */
  Engine.prototype.doc = async function (d) {
    var c = Math.floor(d / this.m.k);
    var self = this;
    if (!this.chunks[c]) {
      this.chunks[c] = this.load('d/' + c + '.json', false).then(function (chunk) {
        // a chunk cached from before the index changed is fetched again
        return chunk.g === self.m.g ? chunk : self.load('d/' + c + '.json', true);
      });
    }
    var x = (await this.chunks[c]).d[d % this.m.k];
    return { url: x.u, title: x.t, agency: x.a, year: x.y, body: x.b };
  };

  /** The snippet of `text` for `terms`: [{text, mark}] (as crates/gongkai-search/src/snippet.rs); with
   * `whole`, all of `text` with every match marked. */
  function snippet(text, terms, whole) {
    var set = new Set(terms);
    var matches = analyze(text).filter(function (t) { return set.has(t.text); });
    var starts = [];
    for (var i = 0, at = 0; ; ) {
      starts.push(at);
      var cp = text.codePointAt(at);
      if (cp === undefined) break;
      at += cp > 0xFFFF ? 2 : 1;
      i++;
    }
    var nChars = starts.length - 1;
    function charOf(u) { var lo = 0, hi = nChars; while (lo < hi) { var m = (lo + hi) >> 1; if (starts[m] < u) lo = m + 1; else hi = m; } return lo; }
    // the best place (crates/gongkai-search/src/snippet.rs): most distinct terms within the window
    var lead = Math.floor(WINDOW_CHARS / 6), first = 0, best = 0;
    for (var mi = 0; mi < Math.min(matches.length, MAX_MATCHES); mi++) {
      var at0 = charOf(matches[mi].from);
      var reach = Math.max(0, at0 - lead) + WINDOW_CHARS;
      var seen = [];
      for (var ni = mi; ni < Math.min(matches.length, mi + MAX_MATCHES); ni++) {
        if (charOf(matches[ni].to) > reach) break;
        if (seen.indexOf(matches[ni].text) < 0) seen.push(matches[ni].text);
      }
      if (seen.length > best) { best = seen.length; first = at0; }
    }
    function word(c) { return c < nChars && /[A-Za-z0-9]/.test(text[starts[c]]); }
    var start = whole ? 0 : Math.max(0, first - lead);
    // not from the middle of an English word or number, nor to the middle of one
    while (!whole && start > 0 && start < first && word(start - 1) && word(start)) start++;
    var end = whole ? nChars : Math.min(start + WINDOW_CHARS, nChars);
    while (!whole && end < nChars && end > first + 1 && word(end - 1) && word(end)) end--;
    var from = starts[start], to = starts[end];
    var pieces = [];
    function push(s, mark) {
      if (!s) return;
      var last = pieces[pieces.length - 1];
      if (last && last.mark === mark) last.text += s; else pieces.push({ text: s, mark: mark });
    }
    if (start > 0) push('…', false);
    var pos = from;
    matches.forEach(function (m) {
      var a = Math.max(m.from, pos), b = Math.min(m.to, to);
      if (b <= pos || a >= to) return;
      push(text.slice(pos, a), false);
      push(text.slice(a, b), true);
      pos = b;
    });
    push(text.slice(pos, to), false);
    if (end < nChars) push('…', false);
    return pieces;
  }

  // js/search-suggest.js (loaded when a query finds nothing or part) reads these too
  var api = { setStemmer: setStemmer, normalizeChar: normalizeChar, tokenize: tokenize, runs: runs, units: units, synInQuery: synInQuery, synGroups: function () { return SYN.groups; }, bounded: bounded, isHan: isHan, analyze: analyze, setFold: setFold, setTok: setTok, setSynonyms: setSynonyms, overLimits: overLimits, stem: stem, Engine: Engine, snippet: snippet, cmp: cmp, FORMAT: FORMAT };
  if (typeof module === 'object' && module && module.exports) module.exports = api;
  if (typeof document === 'undefined' || !document.currentScript) return;
  window.gongkaiSearch = api;

  // ---- page ----
  var script = document.currentScript;
  var PAGE = 10;
  var manifestUrl = script.getAttribute('data-manifest');
  var base = manifestUrl.slice(0, manifestUrl.lastIndexOf('/') + 1);
  var form = document.getElementById('search-form');
  var input = document.getElementById('search-q');
  var agencySel = document.getElementById('search-agency');
  var yearSel = document.getElementById('search-year');
  var statusSel = document.getElementById('search-status-filter');
  var help = document.getElementById('search-help');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  if (!form || !input || !status || !list) return;
  // "show more" sits after the list, so the list holds only results
  var moreWrap = el('p', 'more');
  list.parentNode.insertBefore(moreWrap, list.nextSibling);
  // agencies the query names come above the plans
  var agencyList = el('ul', 'search-agencies');
  agencyList.id = 'search-agencies';
  list.parentNode.insertBefore(agencyList, list);
  var say = function (key, n) { return (status.getAttribute('data-' + key) || '').replace('{n}', n); };
  // typing: the query is being typed (its last word stands for the words it begins)
  var engine = null, runId = 0, timer = 0, typing = false;

  function load(path, fresh) {
    return fetch(base + path, { cache: fresh ? 'reload' : 'default' }).then(function (r) {
      if (!r.ok) throw new Error(path + ': ' + r.status);
      return r.json();
    });
  }
  function getEngine() {
    if (!engine) {
      engine = fetch(manifestUrl, { cache: 'no-cache' }).then(function (r) {
        if (!r.ok) throw new Error('manifest: ' + r.status);
        return r.json();
      }).then(function (m) { return new Engine(m, load); });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }
  // the stemmer, fetched for a query holding Latin letters (full-width ones fold to them)
  var LATIN = /[A-Za-z\u00C0-\u024F\uFF21-\uFF3A\uFF41-\uFF5A]/;
  var stemScript = null;
  function loadStem() {
    if (!stemScript) {
      stemScript = new Promise(function (ok, fail) {
        var sc = document.createElement('script');
        sc.src = script.getAttribute('data-stem');
        sc.onload = ok;
        sc.onerror = function () { stemScript = null; fail(new Error('stemmer')); };
        document.head.appendChild(sc);
      });
    }
    return stemScript;
  }
  var suggestScript = null;
  function loadSuggest() {
    if (!suggestScript) {
      suggestScript = new Promise(function (ok, fail) {
        var sc = document.createElement('script');
        sc.src = script.getAttribute('data-suggest');
        sc.onload = ok;
        sc.onerror = function () { suggestScript = null; fail(); };
        document.head.appendChild(sc);
      });
    }
    return suggestScript;
  }
  function state() {
    return { q: input.value.trim(), agency: agencySel ? agencySel.value : '', year: yearSel ? yearSel.value : '', status: statusSel ? statusSel.value : '' };
  }
  function toUrl(s) {
    var p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    if (s.agency) p.set('agency', s.agency);
    if (s.year) p.set('year', s.year);
    if (s.status) p.set('status', s.status);
    var qs = p.toString();
    return location.pathname + (qs ? '?' + qs : '');
  }
  function fromUrl() {
    var p = new URLSearchParams(location.search);
    input.value = p.get('q') || '';
    if (agencySel) agencySel.value = p.get('agency') || '';
    if (yearSel) yearSel.value = p.get('year') || '';
    if (statusSel) statusSel.value = p.get('status') || '';
    if (statusSel && statusSel.selectedIndex < 0) statusSel.value = '';
    if (agencySel && agencySel.selectedIndex < 0) agencySel.value = '';
    if (yearSel && yearSel.selectedIndex < 0) yearSel.value = '';
  }
  function labelCounts(sel, counts, key) {
    if (!sel) return;
    Array.prototype.forEach.call(sel.options, function (o, i) {
      if (!o.value) return;
      if (!o.hasAttribute('data-label')) o.setAttribute('data-label', o.textContent);
      var n = counts ? counts[key(o.value, i)] || 0 : null;
      o.textContent = o.getAttribute('data-label') + (n === null ? '' : ' (' + n + ')');
    });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  /** `text` with the query's matches marked, as DOM nodes appended to `parent`. */
  function appendMarked(parent, pieces) {
    pieces.forEach(function (piece) {
      parent.appendChild(piece.mark ? el('mark', null, piece.text) : document.createTextNode(piece.text));
    });
    return parent;
  }
  async function showMore(res, from, m) {
    var eng = await engine;
    var docs = await Promise.all(res.hits.slice(from, from + PAGE).map(function (h) { return engine.then(function (e) { return e.doc(h.doc); }); }));
    moreWrap.textContent = '';
    docs.forEach(function (d) {
      var li = el('li');
      var h = el('h2', 'result-title');
      var a = appendMarked(el('a'), snippet(d.title, res.terms, true));
      a.href = d.url;
      h.appendChild(a);
      li.appendChild(h);
      var ag = m.agencies[d.agency];
      var yearLabel = (m.years.find(function (y) { return y.y === d.year; }) || { l: String(d.year) }).l;
      // the agency and year are searched too: a match there is marked like one in the text;
      // the agency links to its page
      var meta = el('p', 'meta');
      var agencyLink = appendMarked(el('a'), snippet(ag ? ag.n : '', res.terms, true));
      if (ag) agencyLink.href = eng.agencyUrl(d.agency);
      meta.appendChild(agencyLink);
      appendMarked(meta, snippet(' · ' + yearLabel, res.terms, true));
      li.appendChild(meta);
      li.appendChild(appendMarked(el('p', 'snippet'), snippet(d.body, res.terms)));
      list.appendChild(li);
    });
    if (from + PAGE < res.hits.length) {
      var b = el('button', null, say('more', res.hits.length - from - PAGE));
      b.type = 'button';
      b.addEventListener('click', function () {
        showMore(res, from + PAGE, m).then(function () {
          // keyboard users land on the first new result, not at the top
          var link = list.children[from + PAGE] && list.children[from + PAGE].querySelector('a');
          if (link) link.focus();
        });
      });
      moreWrap.appendChild(b);
    }
  }
  async function run() {
    var s = state(), id = ++runId;
    // what the rendered results answer (the status only when set, so older keys stay valid)
    var done = s.q + '|' + s.agency + '|' + s.year + (s.status ? '|' + s.status : '');
    if (help) { help.textContent = ''; help.hidden = true; }
    list.setAttribute('aria-busy', 'true');
    // no words and no filter: nothing to show (a filter alone lists its plans)
    if (!s.q && !s.agency && !s.year && !s.status) {
      list.textContent = '';
      agencyList.textContent = '';
      moreWrap.textContent = '';
      status.textContent = '';
      labelCounts(agencySel, null);
      labelCounts(yearSel, null);
      labelCounts(statusSel, null);
      list.setAttribute('aria-busy', 'false');
      list.setAttribute('data-done', done);
      return;
    }
    try {
      var e = await getEngine();
      var m = e.m;
      var agency = s.agency ? m.agencies.findIndex(function (a) { return a.s === s.agency; }) : -1;
      var st = s.status ? m.status.findIndex(function (x) { return x.k === s.status; }) : -1;
      if (LATIN.test(s.q) && script.getAttribute('data-stem')) await loadStem();
      var res = await e.search(s.q, agency, s.year ? Number(s.year) : 0, st, typing);
      if (id !== runId) return;
      list.textContent = '';
      agencyList.textContent = '';
      res.named.forEach(function (a) {
        var li = el('li');
        var link = el('a', null, m.agencies[a].n);
        link.href = e.agencyUrl(a);
        li.appendChild(link);
        var count = e.agencyCount(a);
        li.appendChild(document.createTextNode(' ' + (count === 1 ? say('agencyone') : say('agencyplans', count))));
        agencyList.appendChild(li);
      });
      await showMore(res, 0, m);
      if (id !== runId) return;
      labelCounts(agencySel, res.agencies, function (v) { return m.agencies.findIndex(function (a) { return a.s === v; }); });
      labelCounts(yearSel, res.years, function (v) { return v; });
      labelCounts(statusSel, res.statuses, function (v) { return m.status.findIndex(function (x) { return x.k === v; }); });
      // nothing found, or only part, or words no plan is about: queries that find plans, from
      // the suggestions script
      var sugs = (!res.total || res.partial || res.missing.length) && script.getAttribute('data-suggest') ? await loadSuggest().then(function () {
        return e.suggest(s.q, agency, s.year ? Number(s.year) : 0, st, res);
      }, function () { return []; }) : [];
      if (id !== runId) return;
      offerHelp(res, s, m, sugs);
      var parts = [];
      if (res.limited) parts.push(say('limited').replace('{chars}', e.limits.chars).replace('{terms}', e.limits.terms));
      if (res.corrections.length) parts.push(say('didyoumean').replace('{words}', res.corrections.map(function (c) { return c[1]; }).join(' ')));
      // the words no plan is about, as typed, first: plainly, before any plan
      if (res.missing.length) parts.push(say(res.total ? 'missingrest' : 'missing').replace('{words}', res.missing.join(' ')));
      if (!s.q.trim() && res.total) parts.push(say(res.total === 1 ? 'filteredone' : 'filtered', res.total));
      else if (res.partial && res.total) parts.push(res.total === 1 ? say('partialone') : say('partial', res.total));
      else parts.push(res.total === 0 ? say('none') : say(res.total === 1 ? 'one' : 'many', res.total));
      status.textContent = parts.join(' ');
    } catch (err) {
      if (id !== runId) return;
      list.textContent = '';
      agencyList.textContent = '';
      moreWrap.textContent = '';
      status.textContent = say('error');
    }
    list.setAttribute('aria-busy', 'false');
    list.setAttribute('data-done', done);
  }
  /** Suggestions: queries that find plans when this one found nothing or only part (each
   * with its number of plans), the status filter a query's words name, and clearing filters
   * when a filtered query finds nothing. Buttons, so the keyboard reaches them. */
  function offerHelp(res, s, m, sugs) {
    if (!help) return;
    function offer(text, act) {
      var b = el('button', null, text);
      b.type = 'button';
      // an offer is submitted whole, as its count was made: no word of it is being typed
      b.addEventListener('click', function () { act(); typing = false; commit(true); input.focus(); });
      help.appendChild(b);
    }
    if (sugs.length) help.appendChild(el('span', null, say('try')));
    sugs.forEach(function (x) {
      offer(say('suggestion', x.plans).replace('{q}', x.query), function () { input.value = x.query; });
    });
    if (statusSel && !s.status) {
      res.namedStatus.forEach(function (k) {
        var key = m.status[k].k;
        var opt = statusSel.querySelector('option[value="' + key + '"]');
        var n = res.statuses[k] || 0;
        if (!opt || !n) return;
        offer(say('offer', n).replace('{label}', opt.getAttribute('data-label') || opt.textContent), function () { statusSel.value = key; });
      });
    }
    if (!res.total && (s.agency || s.year || s.status)) {
      offer(say('clear'), function () {
        [agencySel, yearSel, statusSel].forEach(function (sel) { if (sel) sel.value = ''; });
      });
    }
    help.hidden = !help.firstChild;
  }
  function commit(push) {
    var url = toUrl(state());
    if (url !== location.pathname + location.search) history[push ? 'pushState' : 'replaceState'](null, '', url);
    run();
  }
  form.addEventListener('submit', function (ev) { ev.preventDefault(); clearTimeout(timer); typing = false; commit(true); });
  input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(function () { typing = true; commit(false); }, 150); });
  [agencySel, yearSel, statusSel].forEach(function (sel) { if (sel) sel.addEventListener('change', function () { typing = false; commit(true); }); });
  window.addEventListener('popstate', function () { typing = false; fromUrl(); run(); });
  fromUrl();
  if (input.value) run();
})();

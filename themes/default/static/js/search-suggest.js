/* gongkai search suggestions: what a query that finds nothing, or only part of what it asks,
 * is offered instead; a mirror of crates/gongkai-search/src/suggest.rs (tests/search_parity.rs checks both
 * agree). js/search.js loads it only then, so a query that finds its plans does not fetch it.
 * It adds `suggest` to the engine of js/search.js, whose internals it reads from `api`. */
(function (api) {
  'use strict';
  var Engine = api.Engine, isHan = api.isHan, cmp = api.cmp, stem = api.stem, units = api.units;
  var synInQuery = api.synInQuery, runs = api.runs, bounded = api.bounded;
  var KINDS = ['near', 'synonym', 'piece'];
  /** Whether lower-case ASCII words `a` and `b` are at most `max` edits apart (insert, delete,
   * replace, swap neighbours). */
  function withinEdits(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return false;
    var r0 = [], r1 = [], r2 = [];
    for (var j = 0; j <= b.length; j++) r1.push(j);
    for (var i = 1; i <= a.length; i++) {
      r2 = [i];
      for (j = 1; j <= b.length; j++) {
        var d = Math.min(r1[j] + 1, r2[j - 1] + 1, r1[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, r0[j - 2] + 1);
        r2.push(d);
      }
      r0 = r1; r1 = r2;
    }
    return r1[b.length] <= max;
  }
  function memberText(m) {
    return m.reduce(function (s, u) {
      var prev = Array.from(s).pop();
      return s + (s && !(isHan(prev.codePointAt(0)) && isHan(u.codePointAt(0))) ? ' ' : '') + u;
    }, '');
  }
  function runText(r) { return r.chars.map(function (c) { return c[0]; }).join(''); }
  function runEnd(r) { return r.chars[r.chars.length - 1][2]; }
  function postingDocs(p) {
    var n = p.length / 2, d = 0, out = [];
    for (var i = 0; i < n; i++) out.push(d += p[i]);
    return out;
  }
  Engine.prototype.docsOf = async function (term) {
    var t = await this.slot({ text: term, prefix: false });
    return t.length ? postingDocs(t[0][1]) : [];
  };
  Engine.prototype.holds = async function (term) { return (await this.docsOf(term)).length > 0; };
  Engine.prototype.wordHeld = async function (w) { return (await this.holds(stem(w))) || this.holds(w); };
  /** Indexed terms starting with `prefix` that `keep` accepts, at most `n`, those the most
   * documents (of `ctx`, a Set, when given) hold first, then in code-point order. */
  Engine.prototype.best = async function (prefix, keep, n, ctx) {
    var found = [];
    (await this.allWithPrefix(prefix)).forEach(function (tp) {
      if (!keep(tp[0])) return;
      var d = postingDocs(tp[1]);
      var score = ctx ? d.filter(function (x) { return ctx.has(x); }).length : d.length;
      if (score > 0) found.push([score, tp[0]]);
    });
    found.sort(function (a, b) { return b[0] - a[0] || cmp(a[1], b[1]); });
    return found.slice(0, n).map(function (f) { return f[1]; });
  };
  Engine.prototype.followers = async function (a, except, ctx) {
    var t = await this.best(a, function (x) {
      var cs = Array.from(x);
      return cs.length === 2 && isHan(cs[1].codePointAt(0)) && cs[1] !== except;
    }, this.m.tok.suggest.per_place, ctx);
    return t.map(function (x) { return Array.from(x)[1]; });
  };
  Engine.prototype.hanNear = async function (text, run, out) {
    var c = run.chars.map(function (x) { return x[0]; }), l = c.length, miss = [], ctx = null, i, x;
    // two characters mended would share one with the query: no suggestion shares only one
    if (l < 3) return;
    for (var k = 0; k + 1 < l; k++) {
      var docs = await this.docsOf(c[k] + c[k + 1]);
      if (!docs.length) miss.push(k);
      else ctx = new Set(ctx ? docs.filter(function (d) { return ctx.has(d); }) : docs);
    }
    if (!miss.length) return;
    function within(a, b) { return miss.every(function (k) { return k === a || k === b; }); }
    function push(e) { out.push([0, text.slice(0, run.chars[0][1]) + e.join('') + text.slice(runEnd(run))]); }
    for (var g = 0; g + 1 < l; g++) {
      if (miss.length !== 1 || miss[0] !== g) continue;
      for (x of await this.followers(c[g], null, ctx)) {
        if (await this.holds(x + c[g + 1])) push(c.slice(0, g + 1).concat([x], c.slice(g + 1)));
      }
    }
    for (i = 1; i < l; i++) {
      if (!within(i - 1, i)) continue;
      for (x of await this.followers(c[i - 1], c[i], ctx)) {
        if (i + 1 === l || await this.holds(x + c[i + 1])) push(c.slice(0, i).concat([x], c.slice(i + 1)));
      }
    }
    for (i = 1; i + 1 < l; i++) {
      if (within(i - 1, i) && await this.holds(c[i - 1] + c[i + 1])) push(c.slice(0, i).concat(c.slice(i + 1)));
    }
  };
  Engine.prototype.wordNear = async function (text, run, out) {
    var w = runText(run), t = this.m.tok.suggest;
    if (w.length < t.near_min || !/^[a-z]+$/.test(w) || await this.wordHeld(w)) return;
    var max = w.length >= t.two_edits ? 2 : 1;
    (await this.best(w.slice(0, 2), function (x) { return x !== w && /^[a-z]+$/.test(x) && withinEdits(w, x, max); }, t.near_words, null)).forEach(function (x) {
      out.push([0, text.slice(0, run.chars[0][1]) + x + text.slice(runEnd(run))]);
    });
  };
  Engine.prototype.pieces = async function (text, rs, out) {
    var stops = new Set(this.m.stop.map(function (w) { return w.split(' ').join(''); }));
    function isStop(t) { return stops.has(t); }
    var us = units(text), fixes = rs.map(function () { return null; });
    var covered = synInQuery(us).map(function (f) { return [us[f.start].position, us[f.start + f.len - 1].position]; });
    function inside(a, b) { return covered.some(function (s) { return s[0] <= a && b <= s[1]; }); }
    function word(r) { return fixes[r] === null ? text.slice(rs[r].chars[0][1], runEnd(rs[r])) : fixes[r]; }
    // words as one piece (a corrected word as its correction), and each alone when several
    function wordPiece(w) {
      var piece = '', at = rs[w[0]].chars[0][1];
      for (var r = w[0]; r <= w[1]; r++) {
        // a run that begins inside the character the run before ends with (¼ is 1⁄4, ㎧ is
        // m∕s): that character is in already, and the rest of the run goes in as typed
        if (rs[r].chars[0][1] < at) {
          if (runEnd(rs[r]) > at) { piece += text.slice(at, runEnd(rs[r])); at = runEnd(rs[r]); }
          continue;
        }
        piece += text.slice(at, rs[r].chars[0][1]) + word(r);
        at = runEnd(rs[r]);
      }
      out.push([2, piece]);
      for (r = w[0]; w[1] > w[0] && r <= w[1]; r++) out.push([2, word(r)]);
    }
    var words = null;
    for (var r = 0; r < rs.length; r++) {
      var run = rs[r], c = run.chars, start = -1;
      // a stop word holds no topic: it ends a piece and is never one
      var stop = !run.han && isStop(runText(run));
      var held = !run.han && !stop && ((await this.wordHeld(runText(run))) || inside(run.position, run.position));
      if (!run.han && !held && !stop) held = (fixes[r] = await this.correction(runText(run))) !== null;
      if (held) words = [words ? words[0] : r, r];
      else if (words) { wordPiece(words); words = null; }
      for (var k = 0; run.han && c.length >= 2 && k < c.length; k++) {
        var h = k + 1 < c.length && ((await this.holds(c[k][0] + c[k + 1][0])) || inside(run.position + k, run.position + k + 1));
        if (h && start < 0) start = k;
        else if (!h && start >= 0) {
          var piece = text.slice(c[start][1], c[k][2]);
          if (!isStop(Array.from(piece).map(api.normalizeChar).join(''))) out.push([2, piece]);
          start = -1;
        }
      }
    }
    if (words) wordPiece(words);
  };
  /** What a query that found nothing, or only part (`res`, its answer), is offered:
   * [{query, kind, plans}], each run under the same filters (crates/gongkai-search/src/suggest.rs). */
  Engine.prototype.suggest = async function (text, agency, year, status, res) {
    text = bounded(text, this.limits);
    if (!text.trim() || (res.total > 0 && !res.partial && !res.missing.length)) return [];
    var rs = runs(text), offered = [], us = units(text), out = [], seen = new Set([text.trim()]);
    for (var r of rs) await (r.han ? this.hanNear(text, r, offered) : this.wordNear(text, r, offered));
    synInQuery(us).forEach(function (f) {
      var typed = us.slice(f.start, f.start + f.len).map(function (u) { return u.text; }).join('\u0000');
      api.synGroups()[f.group].m.forEach(function (m) { if (m.join('\u0000') !== typed) offered.push([1, memberText(m)]); });
    });
    await this.pieces(text, rs, offered);
    for (var o of offered) {
      var s = o[1].trim();
      if (!s || seen.has(s)) continue;
      seen.add(s);
      var a = await this.search(s, agency, year, status);
      if (!a.total || a.partial || a.missing.length || (o[0] === 2 && a.total >= this.m.n)) continue;
      out.push({ query: s, kind: KINDS[o[0]], plans: a.total, k: o[0] });
    }
    out.sort(function (a, b) { return a.k - b.k || b.plans - a.plans; });
    return out.slice(0, this.m.tok.suggest.max).map(function (x) { return { query: x.query, kind: x.kind, plans: x.plans }; });
  };
})(typeof module === 'object' && module && module.exports ? module.exports : window.gongkaiSearch);

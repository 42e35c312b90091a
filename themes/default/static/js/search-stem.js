/*! gongkai search: the Snowball English stemmer (Porter2), the `porter2` npm package 1.1.0 by
 * eilvelia, as published (vendor/porter2/index.js, pinned in vendor/package.json; the build
 * puts each `//@vendor` line's file in: src/render/vendor.rs), under this licence:
//@vendor porter2/LICENSE
 * crates/gongkai-search/src/tokenize.rs uses rust-stemmers' English, and tests/search_parity.rs checks both
 * agree on every word of the content. js/search.js loads this script only for a query holding
 * Latin letters: a Chinese query stems nothing. */
(function (api) {
  'use strict';
  // the package is CommonJS: it puts its `stem` on `exports`
  var exports = {};
//@vendor porter2/index.js
  api.setStemmer(exports.stem);
})(typeof module === 'object' && module && module.exports ? module.exports : window.gongkaiSearch);

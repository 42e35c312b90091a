// Sortable, filterable plan tables. The table is complete without this script; it adds sort
// buttons to the headers (aria-sort on the sorted one), a name filter and a status filter
// above each table, says what is shown in a live region, keeps the filter and the sort in the
// page's address (so a view can be shared, and survives a reload), and offers the rows shown
// as a CSV file. No framework.
(function () {
  "use strict";
  var doc = document.documentElement;
  // the interface strings come from the theme's i18n.yaml, through the table's data-t-* attributes
  var KEYS = ["sort", "shown", "sorted", "asc", "desc", "name", "status", "all", "behind", "late", "returned", "special", "download", "link"];
  var STATUSES = ["behind", "late", "returned", "special"];
  function fill(s, m) { return s.replace(/\{(\w)\}/g, function (_, k) { return m[k]; }); }
  // a cell's own text, without its sort button, spaces collapsed
  function text(el) {
    var out = "";
    var walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (var n = walk.nextNode(); n; n = walk.nextNode()) {
      if (!n.parentElement.closest("button")) out += n.data;
    }
    return out.replace(/\s+/g, " ").trim();
  }

  // One CSV cell: a spreadsheet runs a cell starting like a formula, so such a cell gets a ' first
  // (as the site's open data does); quoted when it holds a comma, a quote or a line break.
  function csvCell(s) {
    if (/^[=+\-@\t\r']/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  // UTF-8 with a byte-order mark, so that Excel reads the Chinese; CRLF line ends
  function csv(lines) {
    return "\ufeff" + lines.map(function (l) { return l.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  // the leaf headers in column order (the first row's single columns and, under a group, the
  // second row's), each with its name for a CSV header: a group's name before its own
  function leafColumns(head) {
    var cols = [], names = [];
    var r0 = head.rows[0].cells, r1 = head.rows[1] ? head.rows[1].cells : [];
    var q = 0;
    for (var i = 0; i < r0.length; i++) {
      if (r0[i].colSpan > 1) {
        for (var j = 0; j < r0[i].colSpan; j++) {
          var leaf = r1[q++];
          cols.push(leaf);
          names.push(text(r0[i]) + " " + (leaf ? text(leaf) : ""));
        }
      } else {
        cols.push(r0[i]);
        names.push(text(r0[i]));
      }
    }
    return { cols: cols, names: names };
  }

  function setup(table, k, prefix) {
    var T = {};
    KEYS.forEach(function (key) { T[key] = table.getAttribute("data-t-" + key) || ""; });
    var body = table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    var total = rows.length;
    var leaves = leafColumns(table.tHead);
    var cols = leaves.cols;
    var tools = document.createElement("div");
    tools.className = "table-tools";
    var id = table.id || ("t" + k);
    var l1 = document.createElement("label");
    l1.appendChild(document.createTextNode(T.name));
    var input = document.createElement("input");
    input.type = "search"; input.id = id + "-name"; l1.appendChild(input);
    var l2 = document.createElement("label");
    l2.appendChild(document.createTextNode(T.status));
    var select = document.createElement("select");
    select.id = id + "-status";
    [""].concat(STATUSES).forEach(function (v) {
      var opt = document.createElement("option"); opt.value = v; opt.textContent = v ? T[v] : T.all; select.appendChild(opt);
    });
    l2.appendChild(select);
    var download = document.createElement("a");
    download.className = "download-view";
    download.href = "#";
    download.textContent = T.download;
    var file = location.pathname.replace(/^\/+|\/+$/g, "").replace(/\//g, "-") || "plans";
    download.setAttribute("download", file + (prefix ? "-" + id : "") + ".csv");
    var status = document.createElement("p");
    status.className = "table-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    tools.appendChild(l1); tools.appendChild(l2); tools.appendChild(download);
    var region = table.closest(".table-scroll") || table;
    var hint = region.previousElementSibling;
    var anchor = hint && hint.classList.contains("scroll-hint") ? hint : region;
    anchor.parentNode.insertBefore(tools, anchor);
    region.parentNode.insertBefore(status, region.nextSibling);

    var sortMsg = "";
    var sorted = null; // { c: column, asc: bool }
    function announce() {
      var n = rows.filter(function (r) { return !r.hidden; }).length;
      status.textContent = fill(T.shown, { n: n, t: total }) + (sortMsg ? " " + sortMsg : "");
    }
    // the view in the page's address (replacing it: a filter typed is no step back), other
    // parameters and the fragment kept
    function remember() {
      var params = new URLSearchParams(location.search);
      var own = { q: input.value.trim(), status: select.value, sort: sorted ? String(sorted.c + 1) : "", order: sorted ? (sorted.asc ? "asc" : "desc") : "" };
      Object.keys(own).forEach(function (key) {
        if (own[key]) params.set(prefix + key, own[key]); else params.delete(prefix + key);
      });
      var query = params.toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
    function filter() {
      var words = input.value.trim().toLowerCase();
      var st = select.value;
      rows.forEach(function (r) {
        var name = (r.querySelector("th") || r).textContent.toLowerCase();
        r.hidden = !((!words || name.indexOf(words) >= 0) && (!st || r.getAttribute("data-" + st) === "1"));
      });
      announce();
    }
    function sortBy(c, asc) {
      var th = cols[c];
      cols.forEach(function (o) { if (o) o.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var num = th.getAttribute("data-type") === "num";
      var key = function (r) {
        var cell = r.cells[c];
        if (!cell) return "";
        var v = cell.getAttribute("data-sort");
        if (v === null) v = cell.textContent.trim();
        return num ? parseFloat(v) || 0 : v;
      };
      var order = rows.slice().sort(function (a, b2) {
        var x = key(a), y = key(b2);
        var d = num ? x - y : String(x).localeCompare(String(y), doc.lang || undefined);
        return (asc ? d : -d) || rows.indexOf(a) - rows.indexOf(b2);
      });
      order.forEach(function (r) { body.appendChild(r); });
      sorted = { c: c, asc: asc };
      sortMsg = fill(T.sorted, { c: leaves.names[c], o: asc ? T.asc : T.desc });
      announce();
    }
    input.addEventListener("input", function () { filter(); remember(); });
    select.addEventListener("change", function () { filter(); remember(); });

    cols.forEach(function (th, c) {
      if (!th) return;
      var b = document.createElement("button");
      b.type = "button"; b.className = "sort";
      b.setAttribute("aria-label", fill(T.sort, { c: text(th) }));
      b.textContent = "⇅";
      th.appendChild(b);
      b.addEventListener("click", function () {
        sortBy(c, th.getAttribute("aria-sort") !== "ascending");
        remember();
      });
    });

    // the rows shown, in the order shown, as a CSV file made here: a column per leaf header,
    // and the address of the page each row's name links to
    download.addEventListener("click", function () {
      var lines = [leaves.names.concat([T.link])];
      Array.prototype.forEach.call(body.rows, function (r) {
        if (r.hidden) return;
        var link = r.querySelector("th a[href]");
        var cells = Array.prototype.map.call(r.cells, text);
        lines.push(cells.concat([link ? link.href : ""]));
      });
      if (download.href.indexOf("blob:") === 0) URL.revokeObjectURL(download.href);
      // the link follows this address once the click is handled
      download.href = URL.createObjectURL(new Blob([csv(lines)], { type: "text/csv;charset=utf-8" }));
    });

    // the view the address names, if any
    var params = new URLSearchParams(location.search);
    var q = params.get(prefix + "q");
    if (q) input.value = q;
    var st = params.get(prefix + "status");
    if (st && STATUSES.indexOf(st) >= 0) select.value = st;
    if (q || st) filter();
    var c = parseInt(params.get(prefix + "sort"), 10) - 1;
    if (cols[c]) sortBy(c, params.get(prefix + "order") !== "desc");
  }
  var tables = document.querySelectorAll("table[data-sortable]");
  // one table's view is `?q=…&status=…&sort=…&order=…`; where a page has several, each
  // table's parameters start with its id (`compare-111-table.sort=3`)
  for (var k = 0; k < tables.length; k++) {
    setup(tables[k], k, tables.length > 1 ? (tables[k].id || "t" + k) + "." : "");
  }
})();

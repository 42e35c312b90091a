// Sortable, filterable plan tables. The table is complete without this script; it adds sort
// buttons to the headers (aria-sort on the sorted one), a name filter and a status filter
// above each table, and says what is shown in a live region. No framework.
(function () {
  "use strict";
  var doc = document.documentElement;
  // the interface strings come from the theme's i18n.yaml, through the table's data-t-* attributes
  var KEYS = ["sort", "shown", "sorted", "asc", "desc", "name", "status", "all", "behind", "late", "returned", "special"];
  function fill(s, m) { return s.replace(/\{(\w)\}/g, function (_, k) { return m[k]; }); }
  function label(th) { return (th.textContent || "").trim(); }

  function setup(table, k) {
    var T = {};
    KEYS.forEach(function (key) { T[key] = table.getAttribute("data-t-" + key) || ""; });
    var body = table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    var total = rows.length;
    var head = table.tHead;
    // leaf headers in column order: the first row's single columns and the second row's quarters
    var cols = [];
    var r0 = head.rows[0].cells, r1 = head.rows[1] ? head.rows[1].cells : [];
    var q = 0;
    for (var i = 0; i < r0.length; i++) {
      if (r0[i].colSpan > 1) { for (var j = 0; j < r0[i].colSpan; j++) cols.push(r1[q++]); }
      else cols.push(r0[i]);
    }
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
    [["", T.all], ["behind", T.behind], ["late", T.late], ["returned", T.returned], ["special", T.special]].forEach(function (o) {
      var opt = document.createElement("option"); opt.value = o[0]; opt.textContent = o[1]; select.appendChild(opt);
    });
    l2.appendChild(select);
    var status = document.createElement("p");
    status.className = "table-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    tools.appendChild(l1); tools.appendChild(l2);
    var region = table.closest(".table-scroll") || table;
    var hint = region.previousElementSibling;
    var anchor = hint && hint.classList.contains("scroll-hint") ? hint : region;
    anchor.parentNode.insertBefore(tools, anchor);
    region.parentNode.insertBefore(status, region.nextSibling);

    var sortMsg = "";
    function announce() {
      var n = rows.filter(function (r) { return !r.hidden; }).length;
      status.textContent = fill(T.shown, { n: n, t: total }) + (sortMsg ? " " + sortMsg : "");
    }
    function filter() {
      var text = input.value.trim().toLowerCase();
      var st = select.value;
      rows.forEach(function (r) {
        var name = (r.querySelector("th") || r).textContent.toLowerCase();
        r.hidden = !((!text || name.indexOf(text) >= 0) && (!st || r.getAttribute("data-" + st) === "1"));
      });
      announce();
    }
    input.addEventListener("input", filter);
    select.addEventListener("change", filter);

    cols.forEach(function (th, c) {
      if (!th) return;
      var name = label(th);
      var b = document.createElement("button");
      b.type = "button"; b.className = "sort";
      b.setAttribute("aria-label", fill(T.sort, { c: name }));
      b.textContent = "⇅";
      th.appendChild(b);
      b.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
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
        var sorted = rows.slice().sort(function (a, b2) {
          var x = key(a), y = key(b2);
          var d = num ? x - y : String(x).localeCompare(String(y), doc.lang || undefined);
          return (asc ? d : -d) || rows.indexOf(a) - rows.indexOf(b2);
        });
        sorted.forEach(function (r) { body.appendChild(r); });
        sortMsg = fill(T.sorted, { c: name, o: asc ? T.asc : T.desc });
        announce();
      });
    });
  }
  var tables = document.querySelectorAll("table[data-sortable]");
  for (var k = 0; k < tables.length; k++) setup(tables[k], k);
})();

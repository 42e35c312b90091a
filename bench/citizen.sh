#!/usr/bin/env bash
# Citizen queries: does the search answer what people actually type? gongkai against Pagefind
# on the real site (content/).
#
#   bench/citizen.sh          (GONGKAI=path/to/binary skips the release build; WORK=DIR keeps
#                              the work folder; QUERIES=FILE another query set)
#
# It builds content/ with gongkai, runs every query of bench/citizen-queries.json through
# gongkai's client under Node (tests/js/client.mjs: a fresh engine per query, JSON gzipped as a
# static host would serve it), then indexes a copy of the same built site with Pagefind (no
# configuration) and runs the same queries in headless Chromium (bench/search_pagefind.mjs: a
# fresh browser context per query, from a page of the query's language). Each query lists the
# plans (and the agency it names) a person asking it would want, judged by reading the records;
# bench/citizen-report.mjs prints, per class and overall, the queries answered in the top 3,
# the zero-result queries and the bytes and requests of a cold query, and the queries gongkai
# does not answer but offers a query that does (a suggestion whose first results hold a page
# the query lists), and writes one row per query to WORK/citizen-rows.tsv. Figures only, no thresholds. It installs its peers itself
# (Pagefind from bench/package-lock.json, playwright-core from tests/package-lock.json; Chromium is
# /usr/bin/chromium or $CHROMIUM).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${WORK:-$(mktemp -d)}
QUERIES=${QUERIES:-bench/citizen-queries.json}
mkdir -p "$WORK"

[ -x bench/node_modules/.bin/pagefind ] || (cd bench && npm ci --no-audit --no-fund --silent)
[ -d tests/node_modules/playwright-core ] || (cd tests && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --silent)
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "Chromium not found at ${CHROMIUM:-/usr/bin/chromium} (apt-get install -y chromium)" >&2; exit 1; }
if [ -z "${GONGKAI:-}" ]; then
  cargo build --release --quiet --bin gongkai
  GONGKAI=${CARGO_TARGET_DIR:-target}/release/gongkai
fi

site="$WORK/site"; copy="$WORK/pagefind-site"
"$GONGKAI" build --root . --output "$site" >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
rm -rf "$copy"; cp -r "$site" "$copy"
bench/node_modules/.bin/pagefind --site "$copy" >"$WORK/pagefind.log" 2>&1 || { cat "$WORK/pagefind.log" >&2; exit 1; }

# the page's search script, as a host serves it (fingerprinted, gzipped)
script=$(find "$site/static/js" -name 'search.*js' | head -n 1)
[ -n "$script" ] || { echo "no search script under $site/static/js" >&2; exit 1; }
cat > "$WORK/figures" <<EOF
gongkai_script_gzip=$(gzip -9c "$script" | wc -c)
pagefind_version=$(bench/node_modules/.bin/pagefind --version 2>/dev/null | awk '{print $NF}')
EOF

for lang in zh en; do
  # the language's queries, NUL-separated (a query may hold spaces)
  mapfile -d '' QS < <(node -e '
    const set = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const q of set.queries) if (q.lang === process.argv[2]) process.stdout.write(q.q + "\0");' "$QUERIES" "$lang")
  node tests/js/client.mjs "$site" "$lang" --follow "${QS[@]}" > "$WORK/gongkai-$lang.jsonl"
  node bench/search_pagefind.mjs "$copy" "$lang" "${QS[@]}" > "$WORK/pagefind-$lang.jsonl"
done

node bench/citizen-report.mjs "$QUERIES" content "$WORK"
echo "(work folder $WORK)"

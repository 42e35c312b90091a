#!/usr/bin/env bash
# Build speed and memory of gongkai against Zola and against Hugo + Pagefind on the same
# records.
#
#   ZOLA=/path/to/zola bench/run.sh [N ...]   (default: 1000 10000 100000; RUNS=3 runs per size)
#
# For each N it generates a corpus (examples/gen_corpus), builds it with gongkai (both
# languages, every page kind, search export, minified), exports the same records to a Zola site
# (examples/zola_export: both languages, agencies and years as taxonomies, its Fuse search
# index, minified) and builds that with Zola, and exports them to a Hugo site
# (examples/hugo_export), builds that with Hugo and indexes Hugo's output with Pagefind. The
# three run one after the other within each run (interleaved). It prints wall time, CPU time
# and peak memory (medians over the runs) and gongkai's wall time as a ratio of each peer's,
# taken run by run. It installs Hugo (Debian) and Pagefind (npm, bench/package-lock.json)
# itself.
#
# Zola is taken from $ZOLA and skipped, with a message, when it is not set. To get Zola 0.22.1:
#   git clone --branch v0.22.1 --depth 1 https://github.com/getzola/zola && cd zola &&
#   cargo build --release --locked        # then ZOLA=$PWD/target/release/zola
#
# Every run's outputs are kept until the end (see the comment in the loop), so the work folder
# needs room for all of them: about 3.5 GB for 1,000 and 10,000 records, 20 GB more for
# 100,000.
#
# MINIFY=0 builds every tool without minifying (gongkai's `minify: false`, Zola's
# `minify_html = false`, Hugo without `--minify`); by default all three minify. After the
# table, the bytes of gongkai's pages at each size, minified and not (one more build, not
# timed, with the other setting), raw and gzipped: what minify-html saves.
#
# The peers run with their address space capped at PEER_MEM_GB (default 20) so that one that
# needs more than the machine has fails on its own instead of bringing the machine down; its
# row then says so.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@"); [ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000 100000)
RUNS=${RUNS:-3}
MINIFY=${MINIFY:-1}
PEER_MEM_GB=${PEER_MEM_GB:-20}
WORK=${WORK:-$(mktemp -d)}
command -v hugo >/dev/null || { apt-get update -qq && apt-get install -y -qq hugo >/dev/null; }
[ -x bench/node_modules/.bin/pagefind ] || (cd bench && npm ci --no-audit --no-fund --silent)
cargo build --release --quiet --bin gongkai --example gen_corpus --example hugo_export \
  --example zola_export
T=target/release
ZOLA=${ZOLA:-}
if [ -z "$ZOLA" ]; then
  echo "Zola skipped: set ZOLA=/path/to/zola (Zola 0.22.1, see the top of bench/run.sh)" >&2
elif ! "$ZOLA" --version >/dev/null 2>&1; then
  echo "ZOLA=$ZOLA does not run" >&2; exit 1
fi

# measure LABEL CMD...: appends "wall cpu peak_kb" to $WORK/LABEL; returns 1 (and says why on
# stderr) when the command fails
measure() {
  local label=$1; shift
  # the previous build's files reach the disk first, so no build pays for another's writes
  sync
  if ! /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/err.txt"; then
    echo "$label failed: $(tail -n 3 "$WORK/err.txt" | tr '\n' ' ')" >&2
    return 1
  fi
  awk '{printf "%.3f %.3f %d\n", $1, $2 + $3, $4}' "$WORK/time.txt" >> "$WORK/$label"
}
# settle: waits until files deleted before the benchmark no longer slow the making of new ones
# (see below)
settle() { sync; sleep "${SETTLE_SECONDS:-65}"; }
# a peer runs under the address-space cap
PEER=(bash -c "ulimit -v $((PEER_MEM_GB * 1024 * 1024)) && exec \"\$@\"" peer)
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
col() { awk -v c="$2" '{print $c}' "$WORK/$1" | median; }

# page_bytes DIR: the raw and the gzipped (level 6, file by file) bytes of DIR's HTML pages
page_bytes() {
  python3 - "$1" <<'PY'
import os, sys, zlib
raw = gz = 0
for d, _, files in os.walk(sys.argv[1]):
    for f in files:
        if f.endswith(".html"):
            b = open(os.path.join(d, f), "rb").read()
            raw += len(b); gz += len(zlib.compress(b, 6))
print(raw, gz)
PY
}

# zola_row N: Zola's medians and the run-by-run ratio, or why there are none
zola_row() {
  if [ -z "$ZOLA" ]; then echo "skipped (ZOLA not set)"; return; fi
  if [ ! -s "$WORK/z-$1" ]; then echo "failed (see above)"; return; fi
  local ratio
  ratio=$(paste -d' ' "$WORK/g-$1" "$WORK/z-$1" | awk 'NF == 6 {print $1 / $4}' | median)
  printf '%.2f s %.2f s %d MB, ratio %.2f' "$(col "z-$1" 1)" "$(col "z-$1" 2)" \
    $(($(col "z-$1" 3) / 1024)) "$ratio"
}

bytes_lines=()
settle
printf '\n%-8s | %-28s | %-38s | %-28s | %s\n' "records" "gongkai: wall  cpu  peak" "Zola: wall  cpu  peak, gongkai / Zola" "Hugo + Pagefind: wall  cpu  peak" "gongkai / (Hugo + Pagefind)"
printf '%s\n' "---------|------------------------------|----------------------------------------|------------------------------|-------------"
for N in "${SIZES[@]}"; do
  site="$WORK/site-$N"; hugo_site="$WORK/hugo-$N"; zola_site="$WORK/zola-$N"
  # a work folder given again (WORK=...) keeps its generated sites
  [ -d "$site/content" ] || $T/examples/gen_corpus "$N" "$site" . 2>/dev/null
  [ -d "$hugo_site/content" ] || $T/examples/hugo_export "$site" "$hugo_site" 2>/dev/null
  [ -z "$ZOLA" ] || [ -d "$zola_site/content" ] ||
    $T/examples/zola_export "$site" "$zola_site" 2>/dev/null
  if [ "$MINIFY" = 0 ]; then
    grep -q '^minify: false' "$site/content/site.yaml" ||
      printf '\nminify: false\n' >>"$site/content/site.yaml"
    [ -z "$ZOLA" ] || sed -i 's/^minify_html = true/minify_html = false/' "$zola_site/config.toml"
    sed -i 's/minifyOutput = true/minifyOutput = false/' "$hugo_site"/config.toml
  fi
  rm -f "$WORK"/{g,z,h,p}-"$N"
  peers_ok=1; zola_ok=1
  # One tool's build of this size; the tools take turns going first (see below).
  build_with() {
    case $1 in
      gongkai) measure "g-$N" $T/gongkai build --root "$site" --output "$WORK/out-$N" || exit 1 ;;
      zola)
        if [ -n "$ZOLA" ] && [ $zola_ok = 1 ]; then
          measure "z-$N" "${PEER[@]}" "$ZOLA" --root "$zola_site" build \
            --output-dir "$WORK/zola-out-$N" --force || zola_ok=0
        fi ;;
      hugo)
        if [ $peers_ok = 1 ]; then
          measure "h-$N" "${PEER[@]}" hugo --quiet -s "$hugo_site" -d "$WORK/hugo-out-$N" &&
            measure "p-$N" "${PEER[@]}" bench/node_modules/.bin/pagefind --site "$WORK/hugo-out-$N" ||
            peers_ok=0
        fi ;;
    esac
  }
  # aside SUFFIX: this size's outputs moved aside, to be deleted once every size is measured
  aside() {
    mkdir -p "$WORK/aside-$N"
    for out in "out-$N" "hugo-out-$N" "zola-out-$N"; do
      [ ! -e "$WORK/$out" ] || mv "$WORK/$out" "$WORK/aside-$N/$out-$1"
    done
  }
  # the pages' bytes with the other minify setting, built once more (not timed), for the
  # bytes minify-html saves
  bytes_other() {
    local yaml="$site/content/site.yaml"
    cp "$yaml" "$WORK/site.yaml.kept"
    if [ "$MINIFY" = 0 ]; then sed -i '/^minify: false$/d' "$yaml"; else printf '\nminify: false\n' >>"$yaml"; fi
    $T/gongkai build --root "$site" --output "$WORK/bytes-$N" >/dev/null 2>&1
    cp "$WORK/site.yaml.kept" "$yaml"
    page_bytes "$WORK/bytes-$N"
  }
  tools=(gongkai zola hugo)
  for run in $(seq "$RUNS"); do
    # Every build starts from an empty output folder; the last run's outputs are moved aside,
    # not deleted, until this size is done. On ext4 without a journal (this machine's), making
    # a file skips every inode freed in the last 60 s, or 360 s once its inode-table block is
    # written again, as the build itself does (`recently_deleted` in fs/ext4/ialloc.c), each
    # skip a buffer lookup: right after the deletion of a 100,000-record site, that check took
    # 40 % of a 10,000-record build's CPU. A build made after a deletion pays for it, so none
    # is made within the runs, and the tools take turns going first.
    aside "$run"
    sync
    for k in 0 1 2; do build_with "${tools[$(( (run - 1 + k) % 3 ))]}"; done
  done
  aside last
  read -r b_this b_this_gz < <(page_bytes "$WORK/aside-$N/out-$N-last")
  read -r b_other b_other_gz < <(bytes_other)
  mv "$WORK/bytes-$N" "$WORK/aside-$N/bytes"
  if [ "$MINIFY" = 0 ]; then b_min=$b_other; b_min_gz=$b_other_gz; b_raw=$b_this; b_raw_gz=$b_this_gz
  else b_min=$b_this; b_min_gz=$b_this_gz; b_raw=$b_other; b_raw_gz=$b_other_gz; fi
  bytes_lines+=("$(awk -v n="$N" -v m="$b_min" -v mg="$b_min_gz" -v r="$b_raw" -v rg="$b_raw_gz" 'BEGIN {
    printf "%-8s | %9.1f MB %8.1f MB | %9.1f MB %8.1f MB | %5.1f %%  %5.1f %%", n, r/1e6, rg/1e6, m/1e6, mg/1e6, 100*(r-m)/r, 100*(rg-mg)/rg }')")
  zr=$(zola_row "$N")
  gw=$(col "g-$N" 1); gc=$(col "g-$N" 2); gm=$(col "g-$N" 3)
  if [ $peers_ok = 0 ]; then
    if [ -s "$WORK/h-$N" ] && [ ! -s "$WORK/p-$N" ]; then
      # Hugo built, Pagefind failed: the pair took longer than Hugo alone
      hw=$(col "h-$N" 1); hc=$(col "h-$N" 2); hm=$(col "h-$N" 3)
      printf '%-8s | %7.2f s %7.2f s %6d MB | %-38s | Hugo alone %7.2f s %7.2f s %6d MB, Pagefind failed | < %.2f\n' "$N" "$gw" "$gc" $((gm / 1024)) "$zr" "$hw" "$hc" $((hm / 1024)) "$(echo "$gw / $hw" | bc -l)"
    else
      printf '%-8s | %7.2f s %7.2f s %6d MB | %-38s | %-28s | %s\n' "$N" "$gw" "$gc" $((gm / 1024)) "$zr" "failed (see above)" "–"
    fi
    continue
  fi
  # the pair's wall and CPU add up per run; its peak is the larger of the two
  paste -d' ' "$WORK/h-$N" "$WORK/p-$N" | awk '{print $1+$4, $2+$5, ($3>$6)?$3:$6}' > "$WORK/hp-$N"
  hw=$(col "hp-$N" 1); hc=$(col "hp-$N" 2); hm=$(col "hp-$N" 3)
  # the ratio pair by pair: each run's gongkai time over the same run's Hugo + Pagefind time
  ratio=$(paste -d' ' "$WORK/g-$N" "$WORK/hp-$N" | awk '{print $1 / $4}' | median)
  printf '%-8s | %7.2f s %7.2f s %6d MB | %-38s | %7.2f s %7.2f s %6d MB | %.2f\n' "$N" "$gw" "$gc" $((gm / 1024)) "$zr" "$hw" "$hc" $((hm / 1024)) "$ratio"
done
[ "$MINIFY" = 0 ] && echo "(no tool minified its pages)" || echo "(every tool minified its pages)"
printf '\ngongkai'"'"'s HTML pages, not minified and minified by minify-html (raw, gzipped), and what it saves:\n'
printf '%-8s | %-24s | %-24s | %s\n' "records" "not minified: raw  gzip" "minified: raw  gzip" "saved: raw  gzip"
for l in "${bytes_lines[@]}"; do echo "$l"; done
echo
echo "(medians of $RUNS runs; ratio = median of each run's gongkai wall time / the peer's in the same run;"
echo " peak = maximum resident set size; work folder $WORK)"
rm -rf "$WORK"/aside-*

#!/usr/bin/env bash
# A build's writing against the floor of writing the same files on the same disk.
#
#   bench/write_floor.sh ROOT [RUNS]      (ROOT holds content/; RUNS defaults to 5)
#
# Each run builds ROOT with `gongkai build --timings` into a new folder under WORK (default: a
# new temporary folder; give one on the disk to be measured) and writes the same files again
# with a trivial writer (examples/write_floor: folders first, then std::fs::write on every
# core) into another new folder, the order of the two turned from run to run. Outputs are
# deleted only at the end: on this machine's disk, making files in the minute after a mass
# deletion is slow (docs/performance.md). It prints the medians of the build's wall time, its
# writing summed over threads (the `(write)` step less minifying), and the floor's wall time
# and writing summed over threads. It waits a minute first (SETTLE_SECONDS). A benchmark:
# figures only, no thresholds.
set -euo pipefail
root="$(realpath "$1")"
runs="${2:-5}"
cd "$(dirname "$0")/.."
WORK=$(realpath -m "${WORK:-$(mktemp -d)}")
rm -rf "$WORK"/g-* "$WORK"/f-*
mkdir -p "$WORK"
# files deleted a moment ago (these, a build's, another benchmark's) slow the making of new
# ones for about a minute on this disk: wait that out first
sync; sleep "${SETTLE_SECONDS:-65}"
cargo build --release --quiet --bin gongkai --example write_floor
T=${CARGO_TARGET_DIR:-target}/release

# the figures of each run, one line per tool: "build WALL WRITE" or "floor WALL WRITE" (ms)
rows="$WORK/rows.txt"
: >"$rows"
gongkai() {
  sync
  "$T/gongkai" build --root "$root" --output "$WORK/g-$1" --timings >"$WORK/g-$1.log" 2>&1
  awk '/^Built/ {for (i = 1; i <= NF; i++) if ($i == "ms") wall = $(i - 1)}
       /\(write\)/ {write = $1}
       /^Pages minified/ {for (i = 1; i <= NF; i++) if ($i == "ms") minify = $(i - 1)}
       END {printf "build %s %.1f\n", wall, write - minify}' "$WORK/g-$1.log" >>"$rows"
}
floor() {
  sync
  "$T/examples/write_floor" "$WORK/g-1" "$WORK/f-$1" |
    awk '{for (i = 1; i <= NF; i++) { if ($i == "wall,") wall = $(i - 2); if ($i == "summed") w = $(i - 2) }
          print "floor", wall, w}' >>"$rows"
}
gongkai 1 # the floor's files: the first build's output
for run in $(seq 2 $((runs + 1))); do
  if [ $((run % 2)) -eq 0 ]; then floor "$run"; gongkai "$run"; else gongkai "$run"; floor "$run"; fi
done
# the first build is the floor's source, not a measured run
sed -i '1d' "$rows"
files=$(find "$WORK/g-1" -type f | wc -l)
bytes=$(du -sb "$WORK/g-1" | cut -f1)
echo "$runs runs, $files files, $bytes bytes (medians, ms):"
# median COLUMN TOOL: the median of a column of a tool's rows
median() { awk -v t="$2" -v c="$1" '$1 == t {print $c}' "$rows" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
for tool in build floor; do
  echo "  $tool: wall $(median 2 $tool), writing summed over threads $(median 3 $tool)"
done
rm -rf "$WORK"/g-* "$WORK"/f-*

#!/usr/bin/env bash
# What minifying pages costs and saves: `bench/minify.sh ROOT [OUT]` builds the site in ROOT
# (a folder holding content/: `.` for this repository's site) with pages minified and with `minify: false`, RUNS times each,
# interleaved, each into a fresh folder under OUT (default: a temporary folder; give one on
# tmpfs, e.g. /dev/shm/x, to leave the disk out), then rebuilds the minified site unchanged
# RUNS times. It prints each build's wall time (gongkai's own), CPU time (user + system) and
# the minifying time summed over threads, then the bytes of the whole output and of the
# pages, raw and gzipped (gzip -9, file by file, as a host compresses them).
# GONGKAI: the binary (default: cargo's release build, built first).
set -euo pipefail
root="$(realpath "$1")"
out="$(realpath -m "${2:-$(mktemp -d)}")"
cd "$(dirname "$0")/.."
runs="${RUNS:-3}"
if [ -z "${GONGKAI:-}" ]; then
  cargo build --release --quiet --bin gongkai
  GONGKAI="${CARGO_TARGET_DIR:-target}/release/gongkai"
fi
mkdir -p "$out"
# the same content with `minify: false`
off="$out/root-off"
rm -rf "$off" && mkdir -p "$off" && cp -r "$root/content" "$off/"
printf '\nminify: false\n' >>"$off/content/site.yaml"

# one build of $1 into $2: wall, CPU, minifying time
build() {
  local log="$out/build.log"
  /usr/bin/time -f "cpu %U %S" "$GONGKAI" build --root "$1" --output "$2" --timings >"$log" 2>&1
  awk '/^Built/ {for (i = 1; i <= NF; i++) if ($i == "ms") w = $(i - 1)}
       /^cpu/ {c = $2 + $3}
       /^Pages minified/ {m = ", minified " $3 " " $4 " " $5}
       END {printf "wall %s ms, cpu %.2f s%s\n", w, c, m}' "$log"
}

for i in $(seq "$runs"); do
  rm -rf "$out/on" "$out/off"
  echo "run $i, minified:   $(build "$root" "$out/on")"
  echo "run $i, unminified: $(build "$off" "$out/off")"
done
for i in $(seq "$runs"); do
  echo "rebuild $i, minified, nothing changed: $(build "$root" "$out/on")"
done

# bytes: every file, and the pages (HTML outside static/)
for side in on off; do
  python3 - "$out/$side" "$side" <<'PY'
import gzip, os, sys
top, side = sys.argv[1], sys.argv[2]
all_, pages, n = [0, 0], [0, 0], 0
for d, _, files in os.walk(top):
    for f in files:
        path = os.path.join(d, f)
        rel = os.path.relpath(path, top)
        data = open(path, "rb").read()
        z = len(gzip.compress(data, 9, mtime=0))
        all_[0] += len(data); all_[1] += z
        if rel.endswith(".html") and not rel.startswith("static/"):
            pages[0] += len(data); pages[1] += z; n += 1
print(f"{'minified' if side == 'on' else 'unminified'}: all files {all_[0]:,} B raw, "
      f"{all_[1]:,} B gzipped; {n} pages {pages[0]:,} B raw, {pages[1]:,} B gzipped")
PY
done

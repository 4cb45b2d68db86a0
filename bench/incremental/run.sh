#!/usr/bin/env bash
# Measures Hyperbake's incremental builds of the live image on this machine and reports medians:
#   full       ./build.sh --target=LiveImage from an empty task cache and dist/ (downloaded packages
#              and the docker base image already present, as on a developer's machine)
#   no-change  the same build again with nothing changed              (goal: under 1.5 s)
#   one-file   after appending a line to recipes/files/live/init       (goal: under 10% of full)
#   memory     peak resident set of the full builds                    (goal: under 300 MB)
#
# The measures are taken in rounds: each round is one full build, then no-change builds, then
# one-file builds. A shared virtual machine's speed drifts by a fifth over minutes; measured in
# rounds, the full and one-file medians see the same machine, so their ratio does not depend on
# which of them ran while a neighbour was busy. Every build runs with the checkout as the inner
# loop has it (recipes/files/live/init changed), so all of them use the same dist/ folder.
#
# Settings: ROUNDS (5), NOCHANGE_PER_ROUND (2), ONEFILE_PER_ROUND (3), BENCH_DIR (bench/out/incremental).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
rounds="${ROUNDS:-5}"
nochange_per_round="${NOCHANGE_PER_ROUND:-2}"
onefile_per_round="${ONEFILE_PER_ROUND:-3}"
out="${BENCH_DIR:-$root/bench/out/incremental}"
cache="$out/cache"
dist="$out/dist"
downloads="${XDG_CACHE_HOME:-$HOME/.cache}/hyperbake"
init="$root/recipes/files/live/init"
mkdir -p "$out"
: > "$out/times.txt"

build=(./build.sh --target=LiveImage "--cache_path=$cache" "--paths_dist=$dist" "--cache_downloads=$downloads")

# The file the one-file runs change is restored however the script ends.
cp -p "$init" "$out/init.orig"
trap 'cp -p "$out/init.orig" "$init"' EXIT
change() { echo "# bench $(date +%s%N)" >> "$init"; }

# run NAME: one build, timed; appends "NAME wall_s cpu_s maxrss_kb" to times.txt.
run() {
  local name="$1" stats
  stats="$(mktemp)"
  if ! /usr/bin/time -o "$stats" -f '%e %U %S %M' "${build[@]}" >>"$out/$name.log" 2>&1; then
    tail -30 "$out/$name.log" >&2
    exit 1
  fi
  # %e has 10 ms steps: the wall time comes from the shell's clock instead.
  read -r _ user sys rss < "$stats"
  rm -f "$stats"
  echo "$name $(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }') $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') $rss" >> "$out/times.txt"
}
timed() { t0=$(date +%s%N); run "$1"; }

echo "== warm-up: compiles the build host, fetches packages and toolchain images once" >&2
rm -f "$out"/*.log
change
rm -rf "$cache" "$dist"
timed warmup

for r in $(seq "$rounds"); do
  echo "== round $r of $rounds: full, ${nochange_per_round}x no-change, ${onefile_per_round}x one-file" >&2
  change
  rm -rf "$cache" "$dist"
  timed full
  for _ in $(seq "$nochange_per_round"); do timed nochange; done
  for _ in $(seq "$onefile_per_round"); do change; timed onefile; done
done

# median NAME COLUMN (2 wall, 3 cpu, 4 rss)
median() {
  awk -v n="$1" -v c="$2" '$1 == n { print $c }' "$out/times.txt" | sort -n |
    awk '{a[NR]=$1} END {if (NR==0) {print "nan"} else if (NR%2) {print a[(NR+1)/2]} else {print (a[NR/2]+a[NR/2+1])/2}}'
}
count() { awk -v n="$1" '$1 == n' "$out/times.txt" | wc -l; }
full=$(median full 2); full_cpu=$(median full 3)
nochange=$(median nochange 2); nochange_cpu=$(median nochange 3)
onefile=$(median onefile 2); onefile_cpu=$(median onefile 3)
peak_kb=$(median full 4)
max_kb=$(awk '$1 == "full" { print $4 }' "$out/times.txt" | sort -n | tail -1)

report() {
  printf 'Hyperbake incremental build benchmark (%s, %s cores, load %s, %s rounds)\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$rounds"
  printf '%-34s %10s %12s\n' "measure (median of runs)" "wall" "cpu/run"
  printf '%-34s %9.2fs %11.2fs\n' "full build ($(count full) runs)" "$full" "$full_cpu"
  printf '%-34s %9.2fs %11.2fs   goal < 1.5 s\n' "no-change build ($(count nochange) runs)" "$nochange" "$nochange_cpu"
  printf '%-34s %9.2fs %11.2fs\n' "one-file change ($(count onefile) runs)" "$onefile" "$onefile_cpu"
  awk -v a="$onefile" -v b="$full" -v c="$onefile_cpu" -v d="$full_cpu" \
    'BEGIN { printf "%-34s %9.1f%% %11.1f%%   goal < 10%%\n", "one-file / full", 100*a/b, (d > 0 ? 100*c/d : 0) }'
  awk -v m="$peak_kb" -v x="$max_kb" 'BEGIN { printf "%-34s %7.0f MB (max %.0f MB)   goal < 300 MB\n", "peak memory of a full build", m/1024, x/1024 }'
  echo "every run: $out/times.txt"
}
report | tee "$out/report.txt"

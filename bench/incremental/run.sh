#!/usr/bin/env bash
# Measures Hyperbake's incremental builds of the live image on this machine and reports medians:
#   full       ./build.sh --target=LiveImage from an empty task cache and dist/ (downloaded packages
#              and the docker base image already present, as on a developer's machine)
#   no-change  the same build again with nothing changed              (goal: under 1.5 s)
#   one-file   after appending a line to recipes/files/live/init       (goal: under 10% of full)
#   memory     peak resident set of the full builds                    (goal: under 300 MB)
# Uses hyperfine when installed (apt-get install hyperfine), else a plain loop.
# Settings: RUNS_FULL (3), RUNS_NOCHANGE (7), RUNS_ONEFILE (5), BENCH_DIR (bench/out/incremental).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
runs_full="${RUNS_FULL:-3}"
runs_nochange="${RUNS_NOCHANGE:-7}"
runs_onefile="${RUNS_ONEFILE:-5}"
out="${BENCH_DIR:-$root/bench/out/incremental}"
cache="$out/cache"
dist="$out/dist"
downloads="${XDG_CACHE_HOME:-$HOME/.cache}/hyperbake"
init="$root/recipes/files/live/init"
mkdir -p "$out"
rm -f "$out"/mem-*.txt

build="./build.sh --target=LiveImage --cache_path=$cache --paths_dist=$dist --cache_downloads=$downloads"
full_prepare="rm -rf '$cache' '$dist'"
change_prepare="echo '# bench $(date +%s) '\$(date +%s%N) >> '$init'"

# The file the one-file runs change is restored however the script ends.
cp -p "$init" "$out/init.orig"
trap 'cp -p "$out/init.orig" "$init"' EXIT

echo "== warm-up: compiles the build host, fetches packages and toolchain images once" >&2
eval "$full_prepare"
$build >"$out/warmup.log" 2>&1 || { tail -30 "$out/warmup.log" >&2; exit 1; }

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) {print "nan"} else if (NR%2) {print a[(NR+1)/2]} else {print (a[NR/2]+a[NR/2+1])/2}}'; }

# bench NAME RUNS PREPARE: prints "median_seconds cpu_seconds" (cpu = user+system, mean per run).
bench() {
  local name="$1" runs="$2" prepare="$3"
  local cmd="/usr/bin/time -a -o '$out/mem-$name.txt' -f %M $build >>'$out/$name.log' 2>&1"
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --runs "$runs" --prepare "$prepare" --export-json "$out/$name.json" --style basic "$cmd" >&2
    python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(r['median'], r['user']+r['system'])" "$out/$name.json"
  else
    local times=()
    for _ in $(seq "$runs"); do
      eval "$prepare"
      local t0 t1
      t0=$(date +%s%N)
      eval "$cmd"
      t1=$(date +%s%N)
      times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print (b - a) / 1e9 }')")
    done
    printf '%s\n' "${times[@]}" | median | tr '\n' ' '
    echo 0
  fi
}

echo "== full build x$runs_full" >&2
read -r full full_cpu < <(bench full "$runs_full" "$full_prepare")
echo "== no-change build x$runs_nochange" >&2
read -r nochange nochange_cpu < <(bench nochange "$runs_nochange" "true")
echo "== one-file change x$runs_onefile" >&2
read -r onefile onefile_cpu < <(bench onefile "$runs_onefile" "$change_prepare")
peak_kb=$(median < "$out/mem-full.txt")
max_kb=$(sort -n "$out/mem-full.txt" | tail -1)

report() {
  printf 'Hyperbake incremental build benchmark (%s, %s cores, load %s)\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%-34s %10s %12s\n' "measure (median of runs)" "wall" "cpu/run"
  printf '%-34s %9.2fs %11.2fs\n' "full build ($runs_full runs)" "$full" "$full_cpu"
  printf '%-34s %9.2fs %11.2fs   goal < 1.5 s\n' "no-change build ($runs_nochange runs)" "$nochange" "$nochange_cpu"
  printf '%-34s %9.2fs %11.2fs\n' "one-file change ($runs_onefile runs)" "$onefile" "$onefile_cpu"
  awk -v a="$onefile" -v b="$full" -v c="$onefile_cpu" -v d="$full_cpu" \
    'BEGIN { printf "%-34s %9.1f%% %11.1f%%   goal < 10%%\n", "one-file / full", 100*a/b, (d > 0 ? 100*c/d : 0) }'
  awk -v m="$peak_kb" -v x="$max_kb" 'BEGIN { printf "%-34s %7.0f MB (max %.0f MB)   goal < 300 MB\n", "peak memory of a full build", m/1024, x/1024 }'
}
report | tee "$out/report.txt"

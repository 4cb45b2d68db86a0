#!/usr/bin/env bash
# Full LiveImage build time against the reference pipeline built from standard Debian tools
# (../shared/oracles/reference-live-image.sh, `build`: kernel, initramfs, rootfs, efi, disk,
# convert, iso), in the same run, package downloads cached for both, medians of RUNS runs.
#
#   bench/live/compare-with-reference.sh [RUNS]       (default 3)
#
# Each of our runs starts from an empty dist/ and an empty stage cache; only the .deb downloads
# and the docker toolchain images are kept (as the reference keeps its apt-get download cache).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
oracle="${ORACLE:-$root/../shared/oracles/reference-live-image.sh}"
runs="${1:-3}"
work="$(mktemp -d /tmp/hyperbake-bench-live.XXXXXX)"
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1700000000
downloads="${XDG_CACHE_HOME:-$HOME/.cache}/hyperbake"

"$root/build.sh" --target=LiveImage --img-format=all --paths_dist="$work/warm-dist" --cache_path="$work/warm-cache" --cache_downloads="$downloads" -v quiet >/dev/null  # host built, debs fetched
W="$work/ref" bash "$oracle" build >/dev/null 2>&1                                                          # reference kernel downloaded

ours=(); theirs=()
for i in $(seq 1 "$runs"); do
  rm -rf "$work/dist" "$work/cache"
  s=$(date +%s.%N)
  "$root/build.sh" --target=LiveImage --img-format=all --paths_dist="$work/dist" --cache_path="$work/cache" --cache_downloads="$downloads" -v quiet >/dev/null
  ours+=("$(echo "$(date +%s.%N) - $s" | bc)")
  rm -rf "$work/ref/out" "$work/ref/rootfs" "$work/ref/efi" "$work/ref/initramfs" "$work/ref/isotree" "$work/ref/conf"
  s=$(date +%s.%N)
  W="$work/ref" bash "$oracle" build >/dev/null 2>&1
  theirs+=("$(echo "$(date +%s.%N) - $s" | bc)")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
m_ours=$(median "${ours[@]}"); m_theirs=$(median "${theirs[@]}")
echo "hyperbake LiveImage runs (s): ${ours[*]}"
echo "reference build runs (s):     ${theirs[*]}"
printf 'median: hyperbake %.2f s, reference %.2f s, ratio %.2f (target <= 1.0)\n' "$m_ours" "$m_theirs" "$(echo "$m_ours / $m_theirs" | bc -l)"

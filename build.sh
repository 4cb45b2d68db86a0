#!/usr/bin/env bash
# Hyperbake entry point: finds or installs the pinned .NET SDK, rebuilds the build host only when
# its sources changed, then runs it with every argument forwarded.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$root/build/.out"
stamp="$out/sources.sha256"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export HYPERBAKE_ROOT="$root"

# The fingerprint of everything the host is compiled from: names, sizes and mtimes (cheap),
# so a no-op start pays neither a restore nor a compile.
# This script is part of it: it says how the host is built.
fingerprint() {
  (cd "$root" && find build global.json Directory.Build.props build.sh \
      -path build/.out -prune -o \( -path '*/bin' -o -path '*/obj' \) -prune -o \
      -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' -o -name build.sh \) \
      -printf '%p %s %T@\n' | LC_ALL=C sort | sha256sum)
}

sdk_version() { sed -n 's/.*"version" *: *"\([^"]*\)".*/\1/p' "$root/global.json" | head -n1; }

# A dotnet satisfies global.json (latestPatch) when it has an SDK of the same feature band, same or newer patch.
satisfies() {
  local want band have
  want="$(sdk_version)"; band="${want%??}"
  while read -r have _; do
    if [[ "$have" == "$band"* ]] && [ "${have##*.}" -ge "${want##*.}" ] 2>/dev/null; then return 0; fi
  done < <("$1" --list-sdks 2>/dev/null)
  return 1
}

find_dotnet() {
  if command -v dotnet >/dev/null 2>&1 && satisfies dotnet; then command -v dotnet; return; fi
  if [ -x "$root/.dotnet/dotnet" ] && satisfies "$root/.dotnet/dotnet"; then echo "$root/.dotnet/dotnet"; return; fi
  echo "build.sh: no .NET SDK $(sdk_version) (or a newer patch) on PATH; installing it into ./.dotnet" >&2
  curl -fsSL https://dot.net/v1/dotnet-install.sh -o "$root/.dotnet-install.sh"
  bash "$root/.dotnet-install.sh" --jsonfile "$root/global.json" --install-dir "$root/.dotnet" >&2
  rm -f "$root/.dotnet-install.sh"
  echo "$root/.dotnet/dotnet"
}

# Files are read with $(<file), not cat: every start forks as few processes as it can.
read -r current _ < <(fingerprint)
if [ ! -f "$out/launcher" ] || [ ! -f "$stamp" ] || [ "$(<"$stamp")" != "$current" ]; then
  dotnet_exe="$(find_dotnet)"
  echo "build.sh: building the build host" >&2
  publish() {
    rm -rf "$out"
    "$dotnet_exe" publish "$root/build/Build/Build.csproj" -c Release --use-current-runtime -o "$out" --nologo -v quiet -clp:ErrorsOnly "$@" >&2
  }
  # Compiled ahead of time for this machine, together with the .NET runtime it runs on, into one
  # ReadyToRun composite image: every start, the inner loop's included, then skips almost all of
  # the JIT (the generic code the runtime instantiates for the host's types too). Where the
  # runtime pack cannot be restored, the host alone ahead of time; where crossgen cannot be
  # either, a plain build.
  if publish --self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true; then
    launcher=apphost
  elif echo "build.sh: self-contained publish failed; compiling the host alone ahead of time" >&2 &&
      publish --self-contained false -p:PublishReadyToRun=true; then
    launcher=dotnet
  else
    echo "build.sh: ReadyToRun publish failed; building the host without it" >&2
    rm -rf "$out"
    "$dotnet_exe" build "$root/build/Build/Build.csproj" -c Release -o "$out" --nologo -v quiet -clp:ErrorsOnly >&2
    launcher=dotnet
  fi
  echo "$dotnet_exe" > "$out/dotnet-path"
  echo "$launcher" > "$out/launcher"
  echo "$current" > "$stamp"
fi
# The SDK, for targets that run it (Test); the host itself may run on its own runtime.
HYPERBAKE_DOTNET=dotnet
[ -f "$out/dotnet-path" ] && HYPERBAKE_DOTNET="$(<"$out/dotnet-path")"
export HYPERBAKE_DOTNET
if [ "$(<"$out/launcher")" = apphost ]; then
  exec "$out/Build" "$@"
fi
exec "$HYPERBAKE_DOTNET" "$out/Build.dll" "$@"

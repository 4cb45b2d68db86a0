# Hyperbake entry point for PowerShell: finds or installs the pinned .NET SDK, rebuilds the build
# host only when its sources changed, then runs it with every argument forwarded.
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$out = Join-Path $root 'build/.out'
$stamp = Join-Path $out 'sources.sha256'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:HYPERBAKE_ROOT = $root

function Get-Fingerprint {
    $files = @(Get-Item (Join-Path $root 'global.json'), (Join-Path $root 'Directory.Build.props'), (Join-Path $root 'build.ps1'))
    $files += Get-ChildItem (Join-Path $root 'build') -Recurse -File -Include *.cs, *.csproj, *.props, *.json |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj|\.out)[\\/]' }
    $text = ($files | Sort-Object FullName | ForEach-Object {
        "$([IO.Path]::GetRelativePath($root, $_.FullName).Replace('\', '/')) $($_.Length) $($_.LastWriteTimeUtc.Ticks)" }) -join "`n"
    $sha = [Security.Cryptography.SHA256]::Create()
    [BitConverter]::ToString($sha.ComputeHash([Text.Encoding]::UTF8.GetBytes($text))).Replace('-', '').ToLowerInvariant()
}

function Test-Sdk([string]$exe) {
    $want = (Get-Content (Join-Path $root 'global.json') | ConvertFrom-Json).sdk.version
    $band = $want.Substring(0, $want.Length - 2)
    try { $sdks = & $exe --list-sdks 2>$null } catch { return $false }
    foreach ($line in $sdks) {
        $have = ($line -split ' ')[0]
        if ($have.StartsWith($band) -and [int]($have.Split('.')[-1]) -ge [int]($want.Split('.')[-1])) { return $true }
    }
    return $false
}

function Find-Dotnet {
    $onPath = Get-Command dotnet -ErrorAction SilentlyContinue
    if ($onPath -and (Test-Sdk $onPath.Source)) { return $onPath.Source }
    $local = Join-Path $root '.dotnet/dotnet'
    if ($IsWindows) { $local += '.exe' }
    if ((Test-Path $local) -and (Test-Sdk $local)) { return $local }
    Write-Host 'build.ps1: no matching .NET SDK on PATH; installing it into ./.dotnet'
    $script = Join-Path $root '.dotnet-install.ps1'
    Invoke-WebRequest 'https://dot.net/v1/dotnet-install.ps1' -OutFile $script
    & $script -JsonFile (Join-Path $root 'global.json') -InstallDir (Join-Path $root '.dotnet')
    Remove-Item $script
    return $local
}

$current = Get-Fingerprint
$dll = Join-Path $out 'Build.dll'
if (-not (Test-Path $dll) -or -not (Test-Path $stamp) -or ((Get-Content $stamp -Raw).Trim() -ne $current)) {
    $dotnet = Find-Dotnet
    Write-Host 'build.ps1: building the build host'
    if (Test-Path $stamp) { Remove-Item $stamp }
    # Compiled ahead of time (ReadyToRun) for this machine, so each start skips most of the JIT; a plain build where that cannot be restored.
    & $dotnet publish (Join-Path $root 'build/Build/Build.csproj') -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o $out --nologo -v quiet -clp:ErrorsOnly
    if ($LASTEXITCODE -ne 0) {
        Write-Host 'build.ps1: ReadyToRun publish failed; building the host without it'
        & $dotnet build (Join-Path $root 'build/Build/Build.csproj') -c Release -o $out --nologo -v quiet -clp:ErrorsOnly
    }
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    Set-Content -Path $stamp -Value $current
    Set-Content -Path (Join-Path $out 'dotnet-path') -Value $dotnet
}
$dotnet = (Get-Content (Join-Path $out 'dotnet-path') -ErrorAction SilentlyContinue)
if (-not $dotnet) { $dotnet = 'dotnet' }
& $dotnet $dll @args
exit $LASTEXITCODE

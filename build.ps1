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
$launcherFile = Join-Path $out 'launcher'
if (-not (Test-Path $launcherFile) -or -not (Test-Path $stamp) -or ((Get-Content $stamp -Raw).Trim() -ne $current)) {
    $dotnet = Find-Dotnet
    Write-Host 'build.ps1: building the build host'
    function Publish([string[]]$extra) {
        if (Test-Path $out) { Remove-Item $out -Recurse -Force }
        & $dotnet publish (Join-Path $root 'build/Build/Build.csproj') -c Release --use-current-runtime -o $out --nologo -v quiet -clp:ErrorsOnly @extra | Out-Host
        return $LASTEXITCODE -eq 0
    }
    # Compiled ahead of time together with the .NET runtime into one ReadyToRun composite image, so each
    # start skips almost all of the JIT; else the host alone ahead of time; else a plain build (see build.sh).
    if (Publish @('--self-contained', 'true', '-p:PublishReadyToRun=true', '-p:PublishReadyToRunComposite=true')) {
        $launcher = 'apphost'
    }
    elseif (Publish @('--self-contained', 'false', '-p:PublishReadyToRun=true')) {
        Write-Host 'build.ps1: self-contained publish failed; compiled the host alone ahead of time'
        $launcher = 'dotnet'
    }
    else {
        Write-Host 'build.ps1: ReadyToRun publish failed; building the host without it'
        if (Test-Path $out) { Remove-Item $out -Recurse -Force }
        & $dotnet build (Join-Path $root 'build/Build/Build.csproj') -c Release -o $out --nologo -v quiet -clp:ErrorsOnly
        if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
        $launcher = 'dotnet'
    }
    Set-Content -Path (Join-Path $out 'dotnet-path') -Value $dotnet
    Set-Content -Path $launcherFile -Value $launcher
    Set-Content -Path $stamp -Value $current
}
# The SDK, for targets that run it (Test); the host itself may run on its own runtime.
$env:HYPERBAKE_DOTNET = (Get-Content (Join-Path $out 'dotnet-path') -ErrorAction SilentlyContinue)
if (-not $env:HYPERBAKE_DOTNET) { $env:HYPERBAKE_DOTNET = 'dotnet' }
if ((Get-Content $launcherFile -Raw).Trim() -eq 'apphost') {
    $apphost = Join-Path $out 'Build'
    if ($IsWindows -or $env:OS -eq 'Windows_NT') { $apphost += '.exe' }
    & $apphost @args
}
else {
    & $env:HYPERBAKE_DOTNET (Join-Path $out 'Build.dll') @args
}
exit $LASTEXITCODE

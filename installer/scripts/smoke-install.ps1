# Smoke test of a freshly built Windows installer (.msi): install it silently, start the installed headless
# room server on free ports, check GET /health, stop it, uninstall silently and check the files are gone.
# Run by .github/workflows/installers.yml on GitHub's Windows runner; it cannot run on this project's Linux CI.
#   ./installer/scripts/smoke-install.ps1 -Packages installer/target/jpackage/packages
param(
    [Parameter(Mandatory = $true)]
    [string] $Packages
)
$ErrorActionPreference = 'Stop'
$msi = Get-ChildItem -Path (Join-Path $Packages '*.msi') | Select-Object -First 1
if (-not $msi) { throw "no .msi in $Packages" }
$work = Join-Path ([System.IO.Path]::GetTempPath()) ("parley-smoke-" + [guid]::NewGuid())
New-Item -ItemType Directory -Path $work | Out-Null

function Invoke-Msiexec([string[]] $Arguments) {
    $process = Start-Process -FilePath 'msiexec.exe' -ArgumentList $Arguments -Wait -PassThru
    return $process.ExitCode
}

Write-Output "smoke-install: installing $($msi.Name)"
$installLog = Join-Path $work 'install.log'
$code = Invoke-Msiexec @('/i', "`"$($msi.FullName)`"", '/qn', '/norestart', '/l*v', "`"$installLog`"")
if ($code -ne 0) { Get-Content $installLog -Tail 40; throw "install failed with exit code $code" }
$server = Join-Path $env:ProgramFiles 'Parley\parley-server.exe'
if (-not (Test-Path $server)) { throw "$server was not installed" }

Write-Output 'smoke-install: starting the installed server'
$out = Join-Path $work 'server.out'
$err = Join-Path $work 'server.err'
$serverArgs = @('--host', '127.0.0.1', '--port', '0', '--http-port', '0', '--data', "`"$(Join-Path $work 'data')`"")
$process = Start-Process -FilePath $server -ArgumentList $serverArgs -RedirectStandardOutput $out `
    -RedirectStandardError $err -PassThru -NoNewWindow
try {
    $deadline = (Get-Date).AddSeconds(120)
    $port = $null
    while (-not $port) {
        $text = ((Get-Content -Path $out, $err -Raw -ErrorAction SilentlyContinue) -join "`n")
        if ($text -match 'health http://[^:]+:(\d+)/health') {
            $port = $Matches[1]
        } elseif ($process.HasExited) {
            throw "the server stopped: $text"
        } elseif ((Get-Date) -gt $deadline) {
            throw "no health address within 120 s: $text"
        } else {
            Start-Sleep -Milliseconds 500
        }
    }
    $health = Invoke-WebRequest -UseBasicParsing -Uri "http://127.0.0.1:$port/health"
    if ($health.StatusCode -ne 200) { throw "GET /health answered $($health.StatusCode)" }
    Write-Output "smoke-install: GET /health: $($health.Content)"
} finally {
    if (-not $process.HasExited) { Stop-Process -Id $process.Id -Force }
}

Write-Output 'smoke-install: uninstalling'
$code = Invoke-Msiexec @('/x', "`"$($msi.FullName)`"", '/qn', '/norestart')
if ($code -ne 0) { throw "uninstall failed with exit code $code" }
if (Test-Path $server) { throw "$server is still there after uninstalling" }
Remove-Item -Recurse -Force $work
Write-Output 'smoke-install: ok: installed, served /health, uninstalled'

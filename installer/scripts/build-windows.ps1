# Builds Parley's Windows installer (.msi) and app image. NOT built or tested on the Linux CI: run it on
# Windows 10/11 with JDK 17 (jpackage on PATH), Maven 3.8+ and WiX Toolset 3.x (candle.exe/light.exe
# on PATH; jpackage 17 needs WiX 3, not 4+).
#   powershell -ExecutionPolicy Bypass -File installer\scripts\build-windows.ps1
# Output: installer\target\jpackage\image\Parley\ (app image) and installer\target\jpackage\packages\Parley-<version>.msi
# The os-windows profile in installer\pom.xml picks the win JavaFX jars, webrtc-java's windows natives,
# parley.ico and src\jpackage\windows (overrides.wxi registers the parley:// URL scheme).
$ErrorActionPreference = 'Stop'
$root = Resolve-Path (Join-Path $PSScriptRoot '..\..')
foreach ($tool in 'java', 'jpackage', 'mvn', 'candle', 'light') {
    if (-not (Get-Command $tool -ErrorAction SilentlyContinue)) { throw "$tool is not on PATH" }
}
Push-Location $root
try {
    mvn -B -Pinstaller -DskipTests -pl installer -am package
    if ($LASTEXITCODE -ne 0) { throw "maven failed ($LASTEXITCODE)" }
    Get-ChildItem installer\target\jpackage\packages\*.msi | ForEach-Object { "{0}  {1:N1} MB" -f $_.Name, ($_.Length / 1MB) }
} finally {
    Pop-Location
}

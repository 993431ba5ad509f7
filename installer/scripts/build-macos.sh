#!/usr/bin/env bash
# Builds Parley's macOS disk image (.dmg) and Parley.app. NOT built or tested on the Linux CI: run it on
# macOS 12+ (Intel or Apple silicon) with JDK 17 for that CPU, Maven 3.8+ and the Xcode command line tools.
#   installer/scripts/build-macos.sh
# Output: installer/target/jpackage/image/Parley.app and installer/target/jpackage/packages/Parley-<version>.dmg
# The os-mac-* profiles in installer/pom.xml pick the mac/mac-aarch64 JavaFX jars, webrtc-java's macOS
# natives, parley.icns and src/jpackage/macos (Info.plist declares the parley:// URL scheme).
# Unsigned: Gatekeeper asks on first open (right-click > Open). Signing/notarising needs an Apple
# Developer ID: add <macSign>true</macSign> and <macSigningKeyUserName> to the native-package execution.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
for tool in java jpackage mvn hdiutil; do command -v "$tool" >/dev/null || { echo "$tool not found" >&2; exit 1; }; done
cd "$root"
mvn -B -Pinstaller -DskipTests -pl installer -am package
ls -lh installer/target/jpackage/packages/*.dmg
du -sh installer/target/jpackage/image/Parley.app

#!/usr/bin/env bash
# Builds the client for every platform profile in client-app/pom.xml on this one machine and checks that
# each build carries exactly that platform's natives (PlatformNativesTest on the runtime class path,
# PlatformNativesIT on the shaded jar). Only jars are inspected: nothing is run for another OS.
#   scripts/check-natives.sh                 every profile
#   scripts/check-natives.sh windows-x64     just one
# Plain `./mvnw verify` already runs both checks for the machine's own profile.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
all=(linux-x64 linux-arm64 windows-x64 macos-x64 macos-arm64)
if [[ $# -gt 0 ]]; then wanted=("$@"); else wanted=("${all[@]}"); fi

failed=0
for platform in "${wanted[@]}"; do
    # Name the wanted profile and switch every other one off: the host's own is on by OS activation.
    profiles="platform-$platform"
    for other in "${all[@]}"; do
        [[ "$other" != "$platform" ]] && profiles+=",!platform-$other"
    done
    log="$root/client-app/target/check-natives-$platform.log"
    mkdir -p "$(dirname "$log")"
    echo "== $platform"
    if (cd "$root" && ./mvnw -B -q -Dstyle.color=never -pl client-app -am verify -P "$profiles" \
            -Dparley.crossPlatform=true -Dtest=PlatformNativesTest -Dit.test=PlatformNativesIT \
            -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false) >"$log" 2>&1; then
        echo "   ok: runtime class path and parley-client.jar carry only $platform natives"
    else
        echo "   FAILED (see $log)"
        failed=1
    fi
done
exit "$failed"

#!/usr/bin/env bash
# Prints the JDK/JavaFX modules the app's jars use, per jdeps, to keep parley.modules in installer/pom.xml
# current. Needs the jars from `./mvnw -Pinstaller -DskipTests package` (target/jpackage/input, .../javafx).
# jdeps cannot see reflection: keep jdk.unsupported, jdk.crypto.ec and jdk.zipfs in the pom by hand.
set -euo pipefail
dir="$(cd "$(dirname "$0")/.." && pwd)/target/jpackage"
cd "$dir/input"
for jar in *.jar; do
    jdeps --print-module-deps --ignore-missing-deps --multi-release 17 -q \
        --module-path "$dir/javafx:$dir/input" "$jar" 2>/dev/null | tail -1
done | tr ',' '\n' | grep -E '^(java|jdk|javafx)\.' | sort -u | paste -sd, -

#!/usr/bin/env bash
# Screenshot of the main window in a populated room, under Xvfb: writes docs/screenshot.png.
# Needs: apt-get install -y xvfb xauth imagemagick xdotool libgtk-3-0
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -B -q -Dstyle.color=never -pl client-app -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >&2
cp="client-app/target/test-classes:client-app/target/classes:shared-protocol/target/classes:embedded-server/target/classes:$(cat client-app/target/test-classpath.txt)"
display=":${SCREENSHOT_DISPLAY:-99}"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp &
xvfb=$!
java_pid=""
cleanup() {
    [[ -n "$java_pid" ]] && kill "$java_pid" 2>/dev/null || true
    kill "$xvfb" 2>/dev/null || true
}
trap cleanup EXIT
sleep 1
DISPLAY="$display" java -Dprism.order=sw -Dparley.noGlobalKeys=true -cp "$cp" dev.parley.client.ui.app.ScreenshotDemo &
java_pid=$!
window="$(DISPLAY="$display" timeout "${SCREENSHOT_WAIT:-60}" xdotool search --sync --name '^Parley — ')"
sleep "${SCREENSHOT_SETTLE:-8}"
DISPLAY="$display" import -window "$window" docs/screenshot.png

echo "wrote docs/screenshot.png" >&2

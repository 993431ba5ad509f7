#!/usr/bin/env bash
# Installs the Parley .deb into THIS machine and checks that the installed app works on its own:
#   1. apt-get install of the file (pulls its dependencies), files and menu entry in place, parley:// registered;
#   2. the installed parley-server launcher hosts a room, with its data in the usual app-data folder;
#   3. the installed desktop app, started under Xvfb with a parley:// link, shows its window and joins;
#   4. a headless client joins the same room;
#   5. both installed processes run on the bundled runtime: no java on their PATH, /proc/<pid>/exe is
#      the installed launcher and the JVM they mapped is /opt/parley-chat/lib/runtime/lib/server/libjvm.so;
#   6. the room's systemd unit passes systemd-analyze verify, is not enabled, and its command runs as the
#      parley system user with /etc/parley/server.properties; purge takes the unit and /etc/parley away.
# Removes the package (dpkg --purge) at the end, pass or fail. Needs root, Xvfb, xdotool, curl, systemd-analyze.
#
#   check-deb.sh <dir-with-the-.deb-or-the-.deb> [parley-client.jar for the headless client]
# Maven runs it in the integration-test phase of the installer-check profile (CI=true on Linux).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
deb="$1"
[[ -d "$deb" ]] && deb="$(ls "$deb"/parley-chat_*.deb | head -1)"
deb="$(realpath "$deb")"
client_jar="${2:-$here/../../client-app/target/parley-client.jar}"
install_dir=/opt/parley-chat
timeout_s=90

say() { echo "[check-deb] $*"; }
fail() { echo "[check-deb] FAIL: $*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || fail "run as root (it installs a package)"
[[ -f "$deb" ]] || fail "no .deb at $1"
[[ -f "$client_jar" ]] || fail "no headless client jar at $client_jar"
for tool in Xvfb xdotool curl; do command -v "$tool" >/dev/null || fail "$tool is missing (.ci/run installs it)"; done

work="$(mktemp -d /tmp/parley-check.XXXXXX)"
pids=()
cleanup() {
    local status=$?
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [[ $status -ne 0 ]]; then
        for log in "$work"/*.log; do [[ -f "$log" ]] && { echo "--- $log"; tail -40 "$log"; }; done
    fi
    dpkg --purge parley-chat >/dev/null 2>&1 || true
    [[ ! -e $install_dir/bin/Parley ]] || echo "[check-deb] WARN: $install_dir still there after dpkg --purge" >&2
    if [[ -e /lib/systemd/system/parley-server.service || -e /etc/parley ]]; then
        echo "[check-deb] FAIL: the service unit or /etc/parley is still there after dpkg --purge" >&2
        [[ $status -ne 0 ]] || status=1
    fi
    rm -rf "$work"
    exit $status
}
trap cleanup EXIT

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
    local deadline=$((SECONDS + $1)) what="$2"; shift 2
    until "$@" >/dev/null 2>&1; do
        (( SECONDS < deadline )) || fail "timed out after ${timeout_s}s waiting for: $what"
        sleep 0.5
    done
}
users_online() { curl -fsS "http://127.0.0.1:$http_port/metrics" | awk '$1=="parley_users_online"{print $2}'; }
users_online_is() { [[ "$(users_online)" == "$1" ]]; }
# The process must be the installed launcher and must have mapped the bundled JVM, not a system one.
runs_on_bundled_runtime() { # PID LAUNCHER
    local exe; exe="$(readlink "/proc/$1/exe")"
    [[ "$exe" == "$2" ]] || fail "pid $1 runs $exe, expected $2"
    grep -q "$install_dir/lib/runtime/lib/server/libjvm.so" "/proc/$1/maps" || fail "pid $1 did not map the bundled libjvm.so"
    if grep -E '/usr/lib/jvm/|/libjvm\.so' "/proc/$1/maps" | grep -qv "$install_dir/"; then
        fail "pid $1 also mapped a JVM outside the install"
    fi
    local path dir
    path="$(tr '\0' '\n' < "/proc/$1/environ" | sed -n 's/^PATH=//p')"
    IFS=: read -ra dirs <<< "$path"
    for dir in "${dirs[@]}"; do [[ ! -x "$dir/java" ]] || fail "pid $1 has a java on its PATH ($dir)"; done
}

say "installing $(basename "$deb") ($(du -h "$deb" | cut -f1))"
export DEBIAN_FRONTEND=noninteractive
# apt-get with the file path installs exactly this file plus its dependencies (xdg-utils, GTK); never
# "dpkg -i; apt-get -f install", which may resolve a failure by pulling another package of the name.
apt-get install -y -qq --no-install-recommends "$deb" >"$work/dpkg.log" 2>&1 || fail "apt-get install of the .deb failed"
want="$(dpkg-deb -f "$deb" Version)"
[[ "$(dpkg-query -W -f '${Status} ${Version}' parley-chat)" == "install ok installed $want" ]] || fail "parley-chat $want not installed"
[[ -x $install_dir/bin/Parley && -x $install_dir/bin/parley-server ]] || fail "launchers missing in $install_dir/bin"
[[ ! -e $install_dir/lib/runtime/bin/java ]] || say "note: the bundled runtime carries a java binary"
desktop=/usr/share/applications/parley-chat-Parley.desktop
[[ -f $desktop ]] || fail "menu entry $desktop not installed"
grep -q '^MimeType=x-scheme-handler/parley;' $desktop || fail "menu entry does not claim parley:// links"
grep -q '^Exec=/opt/parley-chat/bin/Parley %u' $desktop || fail "menu entry does not pass the link to the app"
if command -v xdg-mime >/dev/null; then
    say "xdg-mime: parley:// opens with '$(xdg-mime query default x-scheme-handler/parley 2>/dev/null || true)'"
fi
say "installed: $(du -sh $install_dir | cut -f1) in $install_dir"

say "the room as a system service: unit, user and config in place, the unit valid, nothing enabled"
unit=/lib/systemd/system/parley-server.service
[[ -f $unit ]] || fail "$unit not installed"
getent passwd parley >/dev/null || fail "no parley system user"
[[ "$(stat -c '%a %U:%G' /etc/parley/server.properties)" == "640 root:parley" ]] || fail "/etc/parley/server.properties missing or not 640 root:parley"
if command -v systemd-analyze >/dev/null; then
    # --man=no: the check must not depend on man pages being installed.
    systemd-analyze verify --man=no "$unit" >"$work/systemd-analyze.log" 2>&1 \
        || fail "systemd-analyze verify $unit: $(cat "$work/systemd-analyze.log")"
    # It only warns about an unknown or misspelt directive; a warning is a failure here.
    [[ ! -s "$work/systemd-analyze.log" ]] || fail "systemd-analyze verify warned: $(cat "$work/systemd-analyze.log")"
elif [[ "${CI:-}" == true ]]; then
    fail "systemd-analyze is missing (.ci/run installs systemd)"
fi
[[ "$(systemctl is-enabled parley-server.service 2>/dev/null || true)" != enabled ]] || fail "the package enabled the service"
# The unit's own command line, as its user, with its config (on free loopback ports and a scratch data folder).
service_data="$(mktemp -d /tmp/parley-service.XXXXXX)"
chown parley:parley "$service_data"
exec_start="$(sed -n 's/^ExecStart=//p' "$unit")"
[[ "$exec_start" == "$install_dir/bin/parley-server --data /var/lib/parley" ]] || fail "unexpected ExecStart: $exec_start"
runuser -u parley -- env PARLEY_CONFIG=/etc/parley/server.properties "$install_dir/bin/parley-server" --data "$service_data" \
    --host 127.0.0.1 --port 0 --voice-port 0 --http-port 0 --no-announce >"$work/service.log" 2>&1 &
service_pid=$!
pids+=("$service_pid")
wait_for $timeout_s "the service's room to start as user parley" grep -q 'Options read from /etc/parley/server.properties' "$work/service.log"
[[ -f "$service_data/logs/parley-server.log" ]] || fail "the service's room wrote no log file in its data folder"
kill "$service_pid"
wait "$service_pid" 2>/dev/null || true
rm -rf "$service_data"
say "service: unit verified, runs as parley with /etc/parley/server.properties, logs in its data folder"

# A clean environment: own HOME (so data lands in a fresh app-data folder), no JDK anywhere on PATH.
mkdir -p "$work/home" "$work/nojava"
# Java takes user.home from the password file, not $HOME: point it (and XDG_DATA_HOME) at the fresh HOME.
clean_env=(env -i "HOME=$work/home" "XDG_DATA_HOME=$work/home/.local/share" "PATH=$work/nojava" "LANG=C.UTF-8"
    "JAVA_TOOL_OPTIONS=-Duser.home=$work/home")

say "starting the installed parley-server (free ports)"
"${clean_env[@]}" $install_dir/bin/parley-server --host 127.0.0.1 --port 0 --http-port 0 --name "CI room" \
    >"$work/server.log" 2>&1 &
server_pid=$!
pids+=("$server_pid")
wait_for $timeout_s "the room's start line" grep -Eq 'is up: wss?://' "$work/server.log"
control_port="$(sed -n 's|.*is up: wss\?://[^:]*:\([0-9]*\)/\?,.*|\1|p' "$work/server.log")"
# Rooms speak TLS: the desktop app and the CLI trust exactly the fingerprint this room printed.
fingerprint="$(sed -n 's|^Certificate fingerprint (SHA-256): \([0-9A-Fa-f:]*\).*|\1|p' "$work/server.log")"
[[ -n "$fingerprint" ]] || fail "the room printed no certificate fingerprint: $(cat "$work/server.log")"
http_port="$(sed -n 's|.*health http://[^:]*:\([0-9]*\)/health.*|\1|p' "$work/server.log")"
[[ -n "$control_port" && -n "$http_port" ]] || fail "could not read the ports from: $(cat "$work/server.log")"
wait_for $timeout_s "room health on port $http_port" curl -fsS "http://127.0.0.1:$http_port/health"
runs_on_bundled_runtime "$server_pid" "$install_dir/bin/parley-server"
[[ -d "$work/home/.local/share/parley/server" ]] || fail "room data not in ~/.local/share/parley/server"
say "room is up (pid $server_pid, bundled runtime, data in ~/.local/share/parley/server)"
# One logging configuration: with two logback.xml on the class path logback prints its whole status at every start.
! grep -q 'ch.qos.logback' "$work/server.log" || fail "the room printed logback's own status: $(head -20 "$work/server.log")"
# The bundled runtime has the modules the room's libraries look for (Lucene: jdk.management).
! grep -q 'Lucene cannot optimize' "$work/server.log" || fail "the room's runtime lacks jdk.management: $(head -20 "$work/server.log")"
# The launcher's options took: the JVM's native-heap trimmer (TrimNativeHeapInterval) runs in the room.
grep -qx 'Native Heap Tri.*' /proc/"$server_pid"/task/*/comm || fail "the room runs without the native heap trimmer"
say "the room logs with its own configuration and trims its native heap"

"${clean_env[@]}" $install_dir/bin/Parley --server --help >"$work/server-flag.log" 2>&1 || fail "Parley --server --help failed"
grep -q -- '--port' "$work/server-flag.log" || fail "Parley --server did not run the room server"
say "Parley --server runs the room server"

display=":$(( (RANDOM % 400) + 100 ))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=("$!")
wait_for 20 "Xvfb on $display" env "DISPLAY=$display" xdotool getmouselocation
link="parley://ci-desktop@127.0.0.1:$control_port/Lobby"
# What a user's "trust this room" answer leaves behind, so the app joins without a dialog.
mkdir -p "$work/home/.local/share/parley"
printf '{"version":1,"servers":{"127.0.0.1:%s":"%s"}}\n' "$control_port" "$fingerprint" \
    >"$work/home/.local/share/parley/known-servers.json"
say "starting the installed desktop app under Xvfb $display with $link"
"${clean_env[@]}" "DISPLAY=$display" "JAVA_TOOL_OPTIONS=-Duser.home=$work/home -Dparley.noGlobalKeys=true -Dparley.noLan=true -Dprism.order=sw" \
    $install_dir/bin/Parley "$link" >"$work/desktop.log" 2>&1 &
desktop_pid=$!
pids+=("$desktop_pid")
window="$(DISPLAY=$display timeout $timeout_s xdotool search --sync --onlyvisible --name 'Parley' | head -1)" \
    || fail "no Parley window within ${timeout_s}s"
say "window $window is up: '$(DISPLAY=$display xdotool getwindowname "$window")'"
runs_on_bundled_runtime "$desktop_pid" "$install_dir/bin/Parley"
! grep -q 'ch.qos.logback' "$work/desktop.log" || fail "the app printed logback's own status: $(head -20 "$work/desktop.log")"
wait_for $timeout_s "the desktop app to join from the link (users online = 1)" users_online_is 1
say "the desktop app joined the room from the parley:// link"

say "joining with the headless client"
timeout $timeout_s java -cp "$client_jar" dev.parley.client.cli.HeadlessClient --host 127.0.0.1 --port "$control_port" \
    --trust "$fingerprint" --known-servers "$work/cli-known-servers.json" \
    --guest ci-cli --say "hello from CI" --seconds 3 >"$work/cli.log" 2>&1 || fail "headless client failed"
grep -q '^Signed in as ci-cli' "$work/cli.log" || fail "headless client did not sign in"
say "headless client: $(grep '^Signed in as' "$work/cli.log")"

kill "$desktop_pid"
wait "$desktop_pid" 2>/dev/null || true
say "PASS"

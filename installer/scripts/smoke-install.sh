#!/usr/bin/env bash
# Smoke test of a freshly built installer on Linux (.deb) or macOS (.dmg): install it as a user would,
# start the installed headless room server on free ports, check GET /health, stop it, uninstall and check
# that the files are gone. Run by .github/workflows/installers.yml on GitHub's Ubuntu and macOS runners;
# NOT by this project's Linux CI (.ci/run), where scripts/check-deb.sh checks the .deb more deeply.
# The Windows twin is smoke-install.ps1.
#   installer/scripts/smoke-install.sh installer/target/jpackage/packages
set -euo pipefail
packages="${1:?usage: smoke-install.sh PACKAGES_DIR}"
timeout_s=120
work="$(mktemp -d)"
server_pid=""

say() { echo "smoke-install: $*"; }
fail() { echo "smoke-install: FAILED: $*" >&2; exit 1; }

case "$(uname -s)" in
    Linux)
        found=("$packages"/*.deb)
        server=/opt/parley-chat/bin/parley-server
        install_it() { sudo apt-get install -y -q "$(realpath "${found[0]}")"; }
        uninstall_it() { sudo apt-get remove -y -q parley-chat; }
        ;;
    Darwin)
        found=("$packages"/*.dmg)
        server=/Applications/Parley.app/Contents/MacOS/parley-server
        install_it() {
            hdiutil attach "${found[0]}" -nobrowse -readonly -mountpoint "$work/mnt" >/dev/null
            cp -R "$work/mnt/Parley.app" /Applications/
            hdiutil detach "$work/mnt" >/dev/null
        }
        uninstall_it() { rm -rf /Applications/Parley.app; }
        ;;
    *) fail "run smoke-install.ps1 on Windows" ;;
esac
[[ -f "${found[0]}" ]] || fail "no installer in $packages"

cleanup() {
    if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

say "installing ${found[0]}"
install_it
[[ -x "$server" ]] || fail "$server was not installed"

say "starting the installed server"
"$server" --host 127.0.0.1 --port 0 --http-port 0 --data "$work/data" >"$work/server.log" 2>&1 &
server_pid=$!
http_port=""
for _ in $(seq 1 $((timeout_s * 2))); do
    http_port="$(sed -n 's|.*health http://[^:]*:\([0-9]*\)/health.*|\1|p' "$work/server.log" | head -n 1)"
    [[ -n "$http_port" ]] && break
    kill -0 "$server_pid" 2>/dev/null || fail "the server stopped: $(cat "$work/server.log")"
    sleep 0.5
done
[[ -n "$http_port" ]] || fail "no health address within ${timeout_s}s: $(cat "$work/server.log")"
health="$(curl -fsS --retry 10 --retry-delay 1 --retry-connrefused "http://127.0.0.1:$http_port/health")" \
    || fail "GET /health failed"
say "GET /health: $health"
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""

say "uninstalling"
uninstall_it
[[ ! -e "$server" ]] || fail "$server is still there after uninstalling"
say "ok: installed, served /health, uninstalled"

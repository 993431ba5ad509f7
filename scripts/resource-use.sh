#!/usr/bin/env bash
# Resource use of the desktop app idle in a room: launch to window, CPU and memory while nobody talks,
# and the time Ctrl+Q takes to quit. A benchmark that prints figures (nothing is asserted).
#
#   scripts/resource-use.sh [IDLE_SECONDS (60)] [WARMUP_SECONDS (20)]
#
# Starts a headless room on loopback, then the app through ./parley (same JVM options a user gets) under
# Xvfb, joined with a parley:// link. Traffic stays on 127.0.0.1; LAN discovery and the global key hook
# are off. Needs: apt-get install -y xvfb xauth xdotool libgtk-3-0 (no sound card: the app runs without
# devices, which is the case the idle figures are about).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
idle="${1:-60}"
warmup="${2:-20}"
work="$(mktemp -d)"
display=":$(( 90 + RANDOM % 60 ))"
server_pid="" xvfb_pid="" app_pid=""
cleanup() {
    status=$?
    if [[ $status -ne 0 ]]; then
        echo "failed (exit $status); app log:" >&2
        tail -60 "$work/app.log" >&2 2>/dev/null || true
    fi
    for pid in $app_pid $server_pid $xvfb_pid; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

"$root/parley" server --help >/dev/null 2>&1 || true   # builds when the sources changed
"$root/parley" server --port 0 --http-port -1 --host 127.0.0.1 --no-announce --data "$work/room" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 240); do grep -q "is up" "$work/server.log" && break; sleep 0.25; done
port="$(grep -o 'wss://127.0.0.1:[0-9]*' "$work/server.log" | head -1 | cut -d: -f3)"
fingerprint="$(grep '^Certificate fingerprint' "$work/server.log" | awk '{print $NF}' | tr -d ':')"
[[ -n "$port" && -n "$fingerprint" ]] || { echo "room did not start:" >&2; cat "$work/server.log" >&2; exit 1; }

Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 40); do DISPLAY="$display" xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.25; done

ms() { date +%s%3N; }
started="$(ms)"
DISPLAY="$display" PRISM_ORDER=sw \
    JAVA_TOOL_OPTIONS="-Dparley.home=$work/home -Dparley.noLan=true -Dparley.noGlobalKeys=true" \
    "$root/parley" desktop "parley://idle@127.0.0.1:$port/Lobby?fp=$fingerprint" >"$work/app.log" 2>&1 &
app_pid=$!
DISPLAY="$display" timeout 60 xdotool search --sync --name '^Parley' >/dev/null
window_ms=$(( $(ms) - started ))
window="$(DISPLAY="$display" timeout 60 xdotool search --sync --onlyvisible --name '^Parley — ' | tail -1)"
in_room_ms=$(( $(ms) - started ))

sleep "$warmup"
ticks_per_second="$(getconf CLK_TCK)"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
# Per thread: CPU time in ns (schedstat: finer than the 10 ms ticks of stat) and voluntary context switches,
# i.e. how often the thread went to sleep: its wake-ups.
thread_stats() {
    for t in /proc/"$1"/task/*; do
        echo "$(basename "$t")|$(cut -d' ' -f1 "$t/schedstat")|$(awk '/^voluntary_ctxt_switches/ {print $2}' "$t/status")|$(cat "$t/comm")"
    done | sort
}
threads_before="$(thread_stats "$app_pid")"
app_before="$(cpu_ticks "$app_pid")"
server_before="$(cpu_ticks "$server_pid")"
rss_samples=()
for _ in $(seq 1 "$idle"); do
    rss_samples+=("$(rss_kib "$app_pid")")
    sleep 1
done
app_cpu="$(echo "scale=2; ($(cpu_ticks "$app_pid") - $app_before) * 100 / $ticks_per_second / $idle" | bc)"
thread_deltas="$(join -t'|' <(echo "$threads_before") <(thread_stats "$app_pid") \
    | awk -F'|' -v s="$idle" '{printf "%.3f|%.1f|%s\n", ($5 - $2) / 1e7 / s, ($6 - $3) / s, $4}')"
busiest="$(echo "$thread_deltas" | sort -t'|' -k1,1 -rn | head -"${BUSIEST:-8}" \
    | awk -F'|' '{printf "%5.2f %%  %5.1f wake-ups/s  %s\n", $1, $2, $3}')"
wakeups="$(echo "$thread_deltas" | awk -F'|' '{w += $2} END {printf "%.0f", w}')"
server_cpu="$(echo "scale=2; ($(cpu_ticks "$server_pid") - $server_before) * 100 / $ticks_per_second / $idle" | bc)"
rss_median="$(printf '%s\n' "${rss_samples[@]}" | sort -n | awk '{a[NR]=$1} END {print int(a[int((NR+1)/2)] / 1024)}')"
rss_max="$(printf '%s\n' "${rss_samples[@]}" | sort -n | tail -1 | awk '{print int($1 / 1024)}')"
server_rss="$(( $(rss_kib "$server_pid") / 1024 ))"
threads="$(ls "/proc/$app_pid/task" | wc -l)"

quit_started="$(ms)"
DISPLAY="$display" xdotool windowfocus --sync "$window" key ctrl+q
while kill -0 "$app_pid" 2>/dev/null; do sleep 0.02; done
quit_ms=$(( $(ms) - quit_started ))
app_pid=""

echo "Desktop client idle in a room (no sound device, ${idle} s after ${warmup} s warm-up; load $(cut -d' ' -f1-3 /proc/loadavg)):"
echo "  launch to window      ${window_ms} ms (in the room after ${in_room_ms} ms)"
echo "  CPU                   ${app_cpu} % of one core   (the room server: ${server_cpu} %)"
echo "  RSS                   median ${rss_median} MiB, max ${rss_max} MiB   (the room server: ${server_rss} MiB)"
echo "  threads               ${threads} (together ${wakeups} wake-ups a second); busiest:"
echo "${busiest:-    (none measurable)}" | sed 's/^/      /'
echo "  quit (Ctrl+Q)         ${quit_ms} ms to process exit"

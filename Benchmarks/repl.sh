#!/usr/bin/env bash
# REPL benchmark (not a test): time to first prompt, and resident memory of an idle REPL, for
#   jacobi                          (release build)
#   python3                         (the plain Python REPL)
#   python3 -i -c 'import sympy'    (a Python REPL with SymPy loaded, ready for symbolic work)
# each started in a real pseudo-terminal (a private tmux server), measured in the same run,
# interleaved. Memory is VmRSS from /proc/PID/status one second after the prompt appears.
# Target: Jacobi's idle REPL under 30 MB.
#
#   Benchmarks/repl.sh [RUNS]          default 10 runs of each
#
# Time to first prompt is measured from just before tmux starts the program to the first screen
# capture that shows the prompt, polling every few milliseconds, so it includes tmux's own start-up
# (the same for every program) and is coarser than a timer inside the program would be.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
runs=${1:-10}

command -v tmux >/dev/null || { echo "tmux is needed: apt-get install tmux" >&2; exit 1; }

echo "== swift build -c release --product jacobi" >&2
swift build -c release --product jacobi >&2
jacobi="$root/.build/release/jacobi"
# The interpreter itself, not a pyenv shim or wrapper script, so its start-up and memory are measured.
python=$(python3 -c 'import sys; print(sys.executable)')
python3 -c 'import sympy' || { echo "SymPy is needed for the comparison: python3 -m pip install sympy" >&2; exit 1; }

work=$(mktemp -d)
socket="jacobi-bench-$$"
cleanup() {
    tmux -L "$socket" kill-server 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

now_ms() { date +%s%N | awk '{ printf "%.1f", $1 / 1e6 }'; }

# measure NAME PROMPT COMMAND… prints "milliseconds-to-prompt kilobytes-resident"
measure() {
    local prompt=$1
    shift
    local session="s$RANDOM$RANDOM"
    local command
    command="exec env -i HOME='$work' XDG_STATE_HOME='$work/state' TERM=xterm-256color LANG=C.UTF-8 PATH=/usr/bin:/bin $*"
    local start end pid rss
    start=$(now_ms)
    tmux -L "$socket" -f /dev/null new-session -d -s "$session" -x 100 -y 30 "$command"
    for _ in $(seq 1 5000); do
        if tmux -L "$socket" capture-pane -p -t "$session" 2>/dev/null | grep -q -- "$prompt"; then break; fi
        sleep 0.002
    done
    end=$(now_ms)
    pid=$(tmux -L "$socket" display-message -p -t "$session" '#{pane_pid}')
    sleep 1
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
    tmux -L "$socket" kill-session -t "$session"
    echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') $rss"
}

declare -A times memory
names=("jacobi" "python3" "python3 + sympy")
for ((run = 1; run <= runs; run++)); do
    echo "== run $run of $runs" >&2
    read -r t m < <(measure 'jacobi>' "'$jacobi'")
    times[jacobi]+="$t "; memory[jacobi]+="$m "
    read -r t m < <(measure '>>>' "'$python'" -q)
    times[python3]+="$t "; memory[python3]+="$m "
    read -r t m < <(measure '>>>' "'$python'" -q -i -c "'import sympy'")
    times["python3 + sympy"]+="$t "; memory["python3 + sympy"]+="$m "
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

printf '\n%-18s %22s %22s\n' "" "first prompt (median)" "idle RSS (median)"
for name in "${names[@]}"; do
    t=$(echo "${times[$name]}" | median)
    m=$(echo "${memory[$name]}" | median)
    printf '%-18s %19.0f ms %19.1f MB\n' "$name" "$t" "$(awk -v k="$m" 'BEGIN { print k / 1024 }')"
done
echo
echo "$(swift --version 2>/dev/null | head -n 1); $("$python" --version); sympy $("$python" -c 'import sympy; print(sympy.__version__)'); $runs runs each"

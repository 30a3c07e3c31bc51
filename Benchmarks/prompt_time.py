"""Time to the first prompt in a pseudo-terminal: jacobi beside a shell script and IPython.

    python3 Benchmarks/prompt_time.py JACOBI [RUNS [OTHER_JACOBI]]

Each program is started with pty.fork in a fresh 100x30 terminal, with its own empty HOME and state
folder; the clock runs from just before the fork until the prompt's text has been read from the
terminal, after which the program is killed. A terminal query (IPython's prompt_toolkit asks where
the cursor is) is answered, as a terminal would. Medians of RUNS runs each, interleaved, after two
warm-up runs each. Startup.sh runs this after its -e measurement; OTHER_JACOBI, another build (an
earlier commit's), is timed beside it as "jacobi (other)".
"""
import fcntl, os, pty, re, select, shutil, signal, statistics, struct, sys, tempfile, termios, time

jacobi = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 30
home = tempfile.mkdtemp(prefix="jacobi-prompt-")
base_env = {"HOME": home, "XDG_STATE_HOME": home + "/state", "TERM": "xterm-256color",
            "LANG": "C.UTF-8", "PATH": "/usr/local/bin:/usr/bin:/bin", "JACOBI_HISTORY": home + "/history"}

programs = {
    "jacobi": ([jacobi], b"jacobi>"),
    **({"jacobi (other)": ([sys.argv[3]], b"jacobi>")} if len(sys.argv) > 3 else {}),
    "sh script": (["/bin/sh", "-c", "printf 'jacobi> '; read x"], b"jacobi>"),
}
ipython = shutil.which("ipython")
if ipython:
    programs["ipython"] = ([ipython, "--no-banner", "--colors=NoColor"], re.compile(rb"In \[.*?1.*?\]"))


def once(argv, prompt, extra_env=None):
    """Seconds to the prompt, and everything read before it."""
    env = dict(base_env, **(extra_env or {}))
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    seen = b""
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], 10)
            if not ready:
                raise SystemExit(f"{argv[0]}: no prompt after 10 s; it wrote {seen[-200:]!r}")
            chunk = os.read(fd, 4096)
            seen += chunk
            if b"\x1b[6n" in chunk:  # cursor position report, asked by prompt_toolkit
                os.write(fd, b"\x1b[1;1R")
            found = prompt.search(seen) if isinstance(prompt, re.Pattern) else prompt in seen
            if found:
                return time.perf_counter() - start, seen
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


for _ in range(2):
    for argv, prompt in programs.values():
        once(argv, prompt)
times = {name: [] for name in programs}
for _ in range(runs):
    for name, (argv, prompt) in programs.items():
        times[name].append(once(argv, prompt)[0] * 1000)

_, seen = once(programs["jacobi"][0], programs["jacobi"][1], {"JACOBI_STARTUP_TRACE": "1"})
trace = [line for line in seen.decode(errors="replace").splitlines() if "startup:" in line]

print(f"time to first prompt in a pty (median of {runs}, ms; min, max)")
median = {}
for name, ms in times.items():
    median[name] = statistics.median(ms)
    print(f"  {name:14} {median[name]:7.2f}   ({min(ms):.2f}, {max(ms):.2f})")
print(f"  jacobi / sh script = {median['jacobi'] / median['sh script']:.2f}")
if "jacobi (other)" in median:
    print(f"  jacobi (other) / jacobi = {median['jacobi (other)'] / median['jacobi']:.2f}")
if "ipython" in median:
    print(f"  ipython / jacobi   = {median['ipython'] / median['jacobi']:.1f}")
else:
    print("  (ipython not found on PATH: not compared)")
if trace:
    print("  in-process, one run: " + trace[0].strip().removeprefix("jacobi: startup: "))
shutil.rmtree(home, ignore_errors=True)

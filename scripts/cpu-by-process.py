#!/usr/bin/env python3
"""Runs a command and says where the machine's CPU went while it ran.

    scripts/cpu-by-process.py bash scripts/test.sh

Every half second it reads each process's CPU time from /proc, so it counts
what `times` in a shell cannot: grandchildren such as Chromium's renderers
and daemons such as a PostgreSQL cluster. At the end it prints, after the
command's own output, the seconds elapsed, the share of the machine left
idle and the share taken by the hypervisor for other guests (steal, from
/proc/stat), the CPU-seconds of each kind of process, most first (Chromium's processes by their --type; a process that lives less than
half a second is missed), and the processor time of a fixed loop of
Python, run just before and just after the command: a baseline that says
how fast the machine was, since its speed changes from one run to the next
(compare two runs' figures by it). Exits with the command's status. Linux only.
"""
import collections
import os
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def machine():
    """(all ticks, idle ticks, stolen ticks) of the machine so far."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return sum(v), v[3] + v[4], v[7] if len(v) > 7 else 0


def loop_seconds():
    """Processor seconds of a fixed loop (ten million additions): the
    machine's speed now, lower is faster."""
    start = time.process_time()
    total = 0
    for i in range(10_000_000):
        total += i * i
    return time.process_time() - start


def kind(pid, comm):
    """What to count process `pid` (named `comm`) as."""
    if comm.startswith("kworker"):
        return "kworker"
    if not comm.startswith("chrom"):
        return comm
    try:
        with open(f"/proc/{pid}/cmdline") as f:
            # Chromium rewrites its command line with spaces, not NULs.
            args = f.read().replace("\0", " ").split()
    except OSError:
        return comm
    t = [a[len("--type="):] for a in args if a.startswith("--type=")]
    sub = [a[len("--utility-sub-type="):] for a in args if a.startswith("--utility-sub-type=")]
    return " ".join(["chromium", t[0] if t else "browser", *sub[:1]])


def processes():
    """{pid: (kind, CPU ticks so far)} of every process now."""
    out = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                s = f.read()
        except OSError:
            continue
        comm = s[s.index("(") + 1 : s.rindex(")")]
        fields = s[s.rindex(")") + 2 :].split()
        out[pid] = (kind(pid, comm), int(fields[11]) + int(fields[12]))
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    total = collections.Counter()
    before = loop_seconds()
    last = processes()  # what ran before the command is not counted
    all0, idle0, steal0 = machine()
    start = time.time()
    child = subprocess.Popen(sys.argv[1:])
    while True:
        done = child.poll() is not None
        now = processes()
        for pid, (k, ticks) in now.items():
            total[k] += ticks - last.get(pid, (k, 0))[1]
        last = now
        if done:
            break
        time.sleep(0.5)
    all1, idle1, steal1 = machine()
    elapsed = time.time() - start
    after = loop_seconds()
    ticks = max(all1 - all0, 1)
    print(
        f"==> {elapsed:.0f} s, the machine {100 * (idle1 - idle0) / ticks:.0f} % idle, "
        f"{100 * (steal1 - steal0) / ticks:.0f} % stolen; "
        f"the baseline loop took {before:.2f} s before, {after:.2f} s after; "
        "CPU-seconds by process:",
        file=sys.stderr,
    )
    for k, ticks in total.most_common(20):
        if ticks / TICK >= 0.5:
            print(f"{ticks / TICK:8.1f}  {k}", file=sys.stderr)
    sys.exit(child.returncode)


if __name__ == "__main__":
    main()

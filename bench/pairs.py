#!/usr/bin/env python3
"""Times whole commands: each run's wall time and its CPU (user + sys of the process and the children it reaped,
from the kernel's accounting via wait4), several runs after warm-ups, min / median / max of each; with --vs a second
command run in turn with the first (A B A B ...) and the ratio A/B taken pair by pair, so a comparison holds while a
shared machine's speed drifts. Output lines start with the figure's name ("A cpu s", "B wall s", "A/B cpu", ...).

Usage: python3 bench/pairs.py [-n RUNS] [--warmup N] [--vs 'COMMAND B'] -- COMMAND A [ARG ...]
A is taken as given; B is one string split as a shell splits words. Neither is given a shell: write sh -c '...' for
one. A command's output is thrown away (redirect inside sh -c to keep it); its exit code is reported, not acted on.
"""
import argparse
import os
import shlex
import statistics
import subprocess
import sys
import time


def run(argv):
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    return {"user s": usage.ru_utime, "sys s": usage.ru_stime, "cpu s": usage.ru_utime + usage.ru_stime,
            "wall s": wall, "exit": p.returncode}


def row(label, values, fmt="{:12.3f}"):
    print(f"{label:14s}" + "".join(fmt.format(v) for v in (min(values), statistics.median(values), max(values))))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=5, help="counted runs of each command")
    ap.add_argument("--warmup", type=int, default=1, help="runs of each command not counted, first")
    ap.add_argument("--vs", help="a second command, one string split as a shell splits words")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    a = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not a or args.n < 1:
        ap.error("a command after --, and -n of at least 1")
    b = shlex.split(args.vs) if args.vs else None
    for _ in range(args.warmup):
        run(a)
        if b:
            run(b)
    ra, rb = [], []
    for _ in range(args.n):
        ra.append(run(a))
        if b:
            rb.append(run(b))
    load = open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else ["?"]
    print(f"A = {shlex.join(a)}")
    if b:
        print(f"B = {shlex.join(b)}")
    print(f"runs counted: {args.n} each{', in turn (A B A B ...)' if b else ''}; warm-up runs: {args.warmup}; "
          f"load average after: {' '.join(load)}")
    for name, rs in (("A", ra), ("B", rb)):
        if not rs:
            continue
        codes = sorted({r["exit"] for r in rs})
        print(f"{name} exit {', '.join(map(str, codes))}")
    print(f"{'':14s}{'min':>12s}{'median':>12s}{'max':>12s}")
    for name, rs in (("A", ra), ("B", rb)):
        for key in ("user s", "sys s", "cpu s", "wall s"):
            if rs:
                row(f"{name} {key}", [r[key] for r in rs])
    if b:
        for key in ("cpu", "wall"):
            ratios = [x[key + " s"] / y[key + " s"] for x, y in zip(ra, rb) if y[key + " s"] > 0]
            if ratios:
                row(f"A/B {key}", ratios, "{:12.4f}")
            else:
                print(f"A/B {key}      n/a: B's {key} time was 0")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""CPU per thread of a JVM command, old against new in turn: each run's threads read from /proc/PID/task/*/stat every
5 ms while it lives (user + sys ticks, kept per thread id, named by the thread's name), then grouped as the main
thread, the C1 compiler, backstep-engine and the rest, plus the whole process's user + sys from wait4. CPU counts
hold on a loaded machine where wall times do not. The command must exec the JVM in its own process (the launcher
bin/backstep does), so that the PID read is the JVM's.

Usage: python3 bench/thread_cpu.py -n PAIRS [--prep 'SHELL COMMAND'] --vs 'COMMAND B' -- COMMAND A [ARG ...]
--prep runs (through sh) before every run of either side, not counted (e.g. dropdb and createdb of a fresh
database). Prints each group's median for A and B and the median of the ratios A/B taken pair by pair.
"""
import argparse
import os
import shlex
import statistics
import subprocess
import time

TICK = os.sysconf("SC_CLK_TCK")


def group(name, tid, pid):
    if name == "java" and tid != pid:
        return "main"
    if name.startswith("C1 CompilerThre") or name.startswith("C2 CompilerThre"):
        return "compiler"
    if name.startswith("backstep-engine"):
        return "engine"
    return "other"


def run(argv):
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen = {}
    usage = None
    while True:
        pid, _, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            usage = ru
            break
        try:
            for tid in os.listdir(f"/proc/{p.pid}/task"):
                with open(f"/proc/{p.pid}/task/{tid}/stat") as f:
                    s = f.read()
                name = s[s.index("(") + 1:s.rindex(")")]
                fields = s[s.rindex(")") + 2:].split()
                seen[int(tid)] = (name, int(fields[11]) + int(fields[12]))
        except (FileNotFoundError, ProcessLookupError, ValueError):
            pass
        time.sleep(0.005)
    groups = {"main": 0.0, "compiler": 0.0, "engine": 0.0, "other": 0.0}
    for tid, (name, ticks) in seen.items():
        groups[group(name, tid, p.pid)] += ticks / TICK
    groups["process"] = usage.ru_utime + usage.ru_stime
    return groups


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=6)
    ap.add_argument("--prep")
    ap.add_argument("--vs", required=True)
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    a = args.command[1:] if args.command[:1] == ["--"] else args.command
    b = shlex.split(args.vs)
    runs = {"A": [], "B": []}
    for i in range(args.n + 1):  # the first pair warms the page cache and is not counted
        for side, argv in (("A", a), ("B", b)):
            if args.prep:
                subprocess.run(args.prep, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            r = run(argv)
            if i > 0:
                runs[side].append(r)
    print(f"{'CPU s':10s}{'A median':>10s}{'B median':>10s}{'A/B':>8s}{'(min-max)':>14s}")
    for g in ("main", "compiler", "engine", "other", "process"):
        ratios = [x[g] / y[g] for x, y in zip(runs["A"], runs["B"]) if y[g] > 0]
        am = statistics.median(r[g] for r in runs["A"])
        bm = statistics.median(r[g] for r in runs["B"])
        span = f"{min(ratios):.2f}-{max(ratios):.2f}" if ratios else "-"
        print(f"{g:10s}{am:10.3f}{bm:10.3f}{statistics.median(ratios) if ratios else 0:8.2f}{span:>14s}")


if __name__ == "__main__":
    main()

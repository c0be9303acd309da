#!/usr/bin/env python3
"""CPU seconds per IT class of a failsafe lane, read while the lane runs: every 0.5 s the forked test JVMs of one
tree (their working directory is the tree) and the processes they started (walked by parent id, so the CLI
children, initdb, pg_ctl, pgbench; a server that pg_ctl or mysqld_safe detach is not counted) are read from
/proc/PID/stat (user + sys, plus what they reaped), and the lane's log is followed for failsafe's
"Running backstep.X" and "Tests run: ... in backstep.X" lines. A class's CPU is what its JVM and that JVM's
children spent between its "Running" line and the next one of the same JVM (each fork prints its classes in turn;
with two forks the lines of both interleave, so a class's CPU is only right when the lane runs one JVM; the last
line, every fork's CPU added up, holds either way).

Usage: python3 bench/lane_cpu.py TREE LOG   (start it before or while `mvn ... > LOG` runs in TREE; it ends when the
log says BUILD SUCCESS/FAILURE). Prints one line a class: wall s (from the log's own "Tests run" line), CPU s, and
CPU/wall. The CPU of the shared PostgreSQL and MariaDB servers is not in it (other clients use them too).
"""
import os
import re
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")
RUNNING = re.compile(r"Running (backstep\.\S+)")
DONE = re.compile(r"Tests run: .*Time elapsed: ([\d.,]+) s.* in (backstep\.\S+)")


def procs():
    out = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                s = f.read()
            rest = s[s.rindex(")") + 2:].split()
            ppid = int(rest[1])
            cpu = sum(int(x) for x in rest[11:15]) / TICK  # utime stime cutime cstime
            out[int(d)] = (ppid, cpu)
        except (OSError, ValueError):
            pass
    return out


def forks(tree, table):
    """The lane's forked JVMs, less the CLI children they start with their class path (which name the booter too)."""
    found = []
    for pid in table:
        try:
            if os.readlink(f"/proc/{pid}/cwd") != tree:
                continue
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read()
            if b"surefirebooter" in cmd or b"surefire/booter" in cmd or b"ForkedBooter" in cmd:
                found.append(pid)
        except OSError:
            pass
    inside = set(found)

    def under_another(pid):
        p = table.get(pid, (0, 0))[0]
        while p > 1:
            if p in inside:
                return True
            p = table.get(p, (0, 0))[0]
        return False
    return sorted(p for p in found if not under_another(p))


def tree_cpu(root, table):
    kids = {}
    for pid, (ppid, _) in table.items():
        kids.setdefault(ppid, []).append(pid)
    total, todo = 0.0, [root]
    while todo:
        p = todo.pop()
        total += table.get(p, (0, 0.0))[1]
        todo.extend(kids.get(p, []))
    return total


def main():
    tree, log = os.path.realpath(sys.argv[1]), sys.argv[2]
    while not os.path.exists(log):
        time.sleep(0.5)
    f = open(log, errors="replace")
    last_cpu = {}  # fork pid -> its tree's CPU at the last reading
    seen_max = {}  # fork pid -> the most its tree's CPU has been (children that end take their CPU with them
    # unless reaped; the JVM reaps its children, so its cutime holds them)
    current = None
    start_cpu = 0.0
    results = []
    walls = {}
    fork = None
    done = False
    while not done:
        table = procs()
        fs = forks(tree, table)
        for pid in fs:
            seen_max[pid] = max(seen_max.get(pid, 0.0), tree_cpu(pid, table))
        if fs:
            fork = fs[0]
        for line in f.readlines():
            m = DONE.search(line)
            if m:
                walls[m.group(2)] = float(m.group(1).replace(",", ""))
            m = RUNNING.search(line)
            if m:
                now = seen_max.get(fork, 0.0)
                if current:
                    results.append((current, now - start_cpu))
                current, start_cpu = m.group(1), now
            if "BUILD SUCCESS" in line or "BUILD FAILURE" in line:
                done = True
        time.sleep(0.5)
    if current:
        results.append((current, seen_max.get(fork, 0.0) - start_cpu))
    total_w = total_c = 0.0
    for name, cpu in results:
        w = walls.get(name, float("nan"))
        total_w += 0 if w != w else w
        total_c += cpu
        print(f"{name:60s} wall {w:7.1f} s  cpu {cpu:6.1f} s  cpu/wall {cpu / w if w else 0:4.2f}")
    print(f"{'total':60s} wall {total_w:7.1f} s  cpu {total_c:6.1f} s")
    print(f"{'all forks (JVMs and their children)':60s} {len(seen_max)} JVMs, cpu {sum(seen_max.values()):6.1f} s")


if __name__ == "__main__":
    main()

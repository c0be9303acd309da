#!/usr/bin/env python3
"""The CPU a command costs the machine's PostgreSQL: runs COMMAND and, every --every seconds while it lives, finds the
server backends whose client is a process of the command's tree (the test JVM, the CLI JVMs it starts, its pg_dumps)
by the client's TCP port, and reads each such backend's user + sys ticks from /proc/PID/stat, keeping the last value
seen per backend. Other users of the same server (other JVMs, other helpers) are not counted, so the figure holds on
a shared, loaded server where the server's total does not. A backend that lives less than one interval, and a
backend's work after the last look, are missed: the figure is a lower bound (an interval of 0.2 s misses little of
the tests' connections, which a pool keeps for a whole command). Processes the server starts on its own
(autovacuum, checkpointer, WAL writer) are not counted.

Usage: python3 bench/pg_backend_cpu.py [--every 0.2] [--out FILE] -- COMMAND [ARG ...]
Prints the backends counted and their CPU seconds, and the command's own CPU (its children's, from wait4).
"""
import argparse
import os
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def children_map():
    kids = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    s = f.read()
                ppid = int(s[s.rindex(")") + 2:].split()[1])
                kids.setdefault(ppid, []).append(int(d))
            except (OSError, ValueError):
                pass
    return kids


def tree(root):
    kids, out, todo = children_map(), set(), [root]
    while todo:
        p = todo.pop()
        out.add(p)
        todo.extend(kids.get(p, []))
    return out


def socket_inodes(pids):
    inodes = set()
    for p in pids:
        try:
            for fd in os.listdir(f"/proc/{p}/fd"):
                try:
                    link = os.readlink(f"/proc/{p}/fd/{fd}")
                except OSError:
                    continue
                if link.startswith("socket:["):
                    inodes.add(link[8:-1])
        except OSError:
            pass
    return inodes


def client_ports(inodes):
    """Local ports of the tree's TCP connections to port 5432 (IPv4 and IPv6)."""
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    parts = line.split()
                    local, remote, inode = parts[1], parts[2], parts[9]
                    if remote.endswith(":1538") and inode in inodes:  # 0x1538 = 5432
                        ports.add(int(local.rsplit(":", 1)[1], 16))
        except OSError:
            pass
    return ports


def backends_of(ports):
    if not ports:
        return []
    sql = "SELECT pid FROM pg_stat_activity WHERE client_port IN (%s)" % ",".join(str(p) for p in ports)
    r = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-Atc", sql],
                       capture_output=True, text=True)
    return [int(x) for x in r.stdout.split()]


def ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            s = f.read()
        fields = s[s.rindex(")") + 2:].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, ValueError):
        return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--every", type=float, default=0.2)
    ap.add_argument("--out")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.command[1:] if a.command and a.command[0] == "--" else a.command
    p = subprocess.Popen(cmd)
    seen = {}
    usage = None
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            usage, code = ru, os.waitstatus_to_exitcode(status)
            break
        for b in backends_of(client_ports(socket_inodes(tree(p.pid)))):
            seen[b] = None
        for b in list(seen):
            t = ticks(b)
            if t is not None:
                seen[b] = t
        time.sleep(a.every)
    total = sum(t for t in seen.values() if t) / TICK
    line = "backends %d, PostgreSQL backend CPU %.1f s, command's CPU (user+sys of its tree) %.1f s, exit %d" % (
        len(seen), total, usage.ru_utime + usage.ru_stime, code)
    print(line)
    if a.out:
        with open(a.out, "a") as f:
            f.write(" ".join(cmd) + "\n" + line + "\n")
    sys.exit(0)


if __name__ == "__main__":
    main()

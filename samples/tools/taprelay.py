#!/usr/bin/python3
"""Join two network namespaces by a path with a fixed one-way delay.

  taprelay.py [--delay S] NS_A:DEV_A NS_B:DEV_B

This kernel has no netem (nor fq, fq_codel, sfq), so a delay between two
namespaces is made in user space: the relay creates a tap device DEV_A in
network namespace NS_A and DEV_B in NS_B (it opens /dev/net/tun after
setns() into each; the devices stay where they were made and vanish when
the relay exits), then reads every Ethernet frame the kernel sends out of
one tap and writes it into the other S seconds later (default 0.015), in
both directions, in order. Nothing is dropped, reordered or changed; the
rate is limited only by the relay (thousands of frames per second). The
caller gives addresses to the devices and brings them up (frames written
to a device that is down are dropped). Prints "ready" on stdout once both
devices exist; stops on SIGTERM/SIGINT. Standard library only.
"""
import argparse
import collections
import ctypes
import errno
import fcntl
import os
import select
import signal
import struct
import sys
import time

TUNSETIFF = 0x400454CA
IFF_TAP = 0x0002
IFF_NO_PI = 0x1000
CLONE_NEWNET = 0x40000000

libc = ctypes.CDLL(None, use_errno=True)


def setns(fd):
    if libc.setns(fd, CLONE_NEWNET) != 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e))


def open_tap(ns, dev):
    """Create tap device DEV inside namespace NS; returns its fd."""
    home = os.open("/proc/self/ns/net", os.O_RDONLY)
    nsfd = os.open("/run/netns/" + ns, os.O_RDONLY)
    try:
        setns(nsfd)
        fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
        fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", dev.encode(), IFF_TAP | IFF_NO_PI))
    finally:
        setns(home)
        os.close(nsfd)
        os.close(home)
    return fd


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--delay", type=float, default=0.015, help="one-way delay in seconds")
    ap.add_argument("a", help="NS:DEV")
    ap.add_argument("b", help="NS:DEV")
    args = ap.parse_args()

    fds = [open_tap(*args.a.split(":", 1)), open_tap(*args.b.split(":", 1))]
    queues = [collections.deque(), collections.deque()]  # frames waiting to go OUT of fds[i]
    counts = [0, 0]
    dropped = [0, 0]
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    print("ready", flush=True)

    while not stop:
        now = time.monotonic()
        for i in (0, 1):
            q = queues[i]
            while q and q[0][0] <= now:
                _, frame = q.popleft()
                try:
                    os.write(fds[i], frame)
                    counts[i] += 1
                except OSError as e:   # device down (EIO) or full: the frame is lost
                    if e.errno not in (errno.EIO, errno.EAGAIN, errno.EINVAL):
                        raise
                    dropped[i] += 1
        due = [q[0][0] for q in queues if q]
        timeout = max(0.0, min(due) - time.monotonic()) if due else 0.2
        try:
            ready, _, _ = select.select(fds, [], [], timeout)
        except InterruptedError:
            continue
        for fd in ready:
            other = 1 if fd == fds[0] else 0
            for _ in range(64):
                try:
                    frame = os.read(fd, 65536)
                except BlockingIOError:
                    break
                queues[other].append((time.monotonic() + args.delay, frame))
    sys.stderr.write("taprelay: %d frames to %s, %d to %s, %d dropped\n"
                     % (counts[0], args.a, counts[1], args.b, sum(dropped)))


if __name__ == "__main__":
    main()

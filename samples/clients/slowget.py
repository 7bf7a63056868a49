#!/usr/bin/python3
"""HTTP/1.1 GET client that reads the response at a chosen pace.

  slowget.py HOST PORT PATH [--rcvbuf N] [--chunk N] [--pause S] [--first-pause S]

--rcvbuf sets SO_RCVBUF before connect() (so the window scale and the
initial window are computed from it); --chunk bytes are read per recv()
and --pause seconds are slept between reads. Closes after Content-Length
bytes of body (the client sends the first FIN).
"""
import argparse
import socket
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("host")
    ap.add_argument("port", type=int)
    ap.add_argument("path")
    ap.add_argument("--rcvbuf", type=int, default=0)
    ap.add_argument("--chunk", type=int, default=65536)
    ap.add_argument("--pause", type=float, default=0.0)
    ap.add_argument("--first-pause", type=float, default=0.0,
                    help="sleep after sending the request, before the first read")
    a = ap.parse_args()

    fam = socket.AF_INET6 if ":" in a.host else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_STREAM)
    if a.rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, a.rcvbuf)
    s.connect((a.host, a.port))
    s.sendall(b"GET " + a.path.encode() + b" HTTP/1.1\r\nHost: " + a.host.encode() +
              b":" + str(a.port).encode() + b"\r\nUser-Agent: slowget.py\r\nAccept: */*\r\n\r\n")
    time.sleep(a.first_pause)
    buf = b""
    total = None
    got = 0
    while True:
        data = s.recv(a.chunk)
        if not data:
            break
        if total is None:
            buf += data
            if b"\r\n\r\n" in buf:
                head, body = buf.split(b"\r\n\r\n", 1)
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        total = int(line.split(b":")[1])
                got = len(body)
        else:
            got += len(data)
        if total is not None and got >= total:
            break
        time.sleep(a.pause)
    s.close()
    print(f"read {got} body bytes")


if __name__ == "__main__":
    main()

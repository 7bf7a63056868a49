#!/usr/bin/python3
"""HTTP/1.1 pipelining client (standard library only).

  pipeline.py HOST PORT PATH...

Connects, writes one GET per PATH back to back in a single send() (the
requests leave in one TCP segment), then reads the responses in order
(each must have a Content-Length or be chunked), prints their status lines
and closes the connection (the client sends the first FIN).
"""
import socket
import sys


def recv_more(s):
    data = s.recv(65536)
    if not data:
        raise ConnectionError("server closed the connection early")
    return data


def read_response(s, buf):
    """Read one response from buf + socket. Returns (status_line, body, rest)."""
    while b"\r\n\r\n" not in buf:
        buf += recv_more(s)
    head, buf = buf.split(b"\r\n\r\n", 1)
    lines = head.split(b"\r\n")
    headers = {}
    for line in lines[1:]:
        k, v = line.split(b":", 1)
        headers[k.strip().lower()] = v.strip()
    if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
        body = b""
        while True:
            while b"\r\n" not in buf:
                buf += recv_more(s)
            size_line, buf = buf.split(b"\r\n", 1)
            n = int(size_line.split(b";")[0], 16)
            while len(buf) < n + 2:
                buf += recv_more(s)
            body += buf[:n]
            buf = buf[n + 2:]
            if n == 0:
                break
    else:
        n = int(headers.get(b"content-length", b"0"))
        while len(buf) < n:
            buf += recv_more(s)
        body, buf = buf[:n], buf[n:]
    return lines[0], body, buf


def main():
    host, port, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    s = socket.create_connection((host, port))
    reqs = b"".join(b"GET " + p.encode() + b" HTTP/1.1\r\n"
                    b"Host: shop.example\r\n"
                    b"User-Agent: pipeline.py\r\n"
                    b"Accept: */*\r\n\r\n" for p in paths)
    s.sendall(reqs)                    # all requests in one write
    buf = b""
    for p in paths:
        status, body, buf = read_response(s, buf)
        print(p, status.decode(), len(body), "body bytes")
    s.close()


if __name__ == "__main__":
    main()

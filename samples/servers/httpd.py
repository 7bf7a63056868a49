#!/usr/bin/python3
"""Tiny HTTP/1.1 server for the tcpview sample captures (standard library only).

Modes (--mode):
  hello     answers every request on the connection (keep-alive) and closes only
            after the client has closed (like Go's net/http "Hello world" example
            in the seed article): the client sends the first FIN.
            GET /bytes/N answers N bytes of body instead of "Hello world"
            (--send-chunk/--send-pause: written in paced pieces).
  noread    accept, wait --delay seconds (so the request has arrived), write the
            response and close WITHOUT reading the request: the unread bytes make
            close() send RST (RFC 1122 4.2.2.13).
  partial   like noread but reads only 10 bytes of the request first: RST again.
  fullread  reads the whole request, answers and closes: clean FIN.
  (noread/partial/fullread answer with "Connection: close" and no
  Content-Length, so the client reads until the server has closed.)
"""
import argparse
import email.utils
import socket
import threading
import time

BODY = b"Hello world"


def response(body, until_close=False):
    """until_close: no Content-Length, the body ends when the server closes."""
    length = (b"Connection: close\r\n" if until_close else
              b"Content-Length: " + str(len(body)).encode() + b"\r\n")
    return (b"HTTP/1.1 200 OK\r\n"
            b"Date: " + email.utils.formatdate(usegmt=True).encode() + b"\r\n" +
            length +
            b"Content-Type: text/plain; charset=utf-8\r\n"
            b"\r\n" + body)


def body_for(path):
    if path.startswith(b"/bytes/"):
        n = int(path[len(b"/bytes/"):])
        pattern = b"tcpview sample payload 0123456789abcdefghijklmnopqrstuvwxyz\n"
        return (pattern * (n // len(pattern) + 1))[:n]
    return BODY


def read_request(conn, buf):
    """Read one request head (no request bodies are used here). Returns (path, rest) or None at EOF."""
    while b"\r\n\r\n" not in buf:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        buf += chunk
    head, rest = buf.split(b"\r\n\r\n", 1)
    path = head.split(b"\r\n", 1)[0].split(b" ")[1]
    return path, rest


def send_paced(conn, data, chunk, pause):
    """Write data in chunk-byte writes with pause seconds between them."""
    if not chunk:
        conn.sendall(data)
        return
    for i in range(0, len(data), chunk):
        conn.sendall(data[i:i + chunk])
        time.sleep(pause)


def serve_hello(conn, chunk=0, pause=0.0):
    buf = b""
    while True:
        r = read_request(conn, buf)
        if r is None:
            break          # client closed: now we close too (second FIN)
        path, buf = r
        send_paced(conn, response(body_for(path)), chunk, pause)
    conn.close()


def serve_close(conn, mode, delay):
    time.sleep(delay)      # the request is in our receive queue by now
    if mode == "partial":
        conn.recv(10)
    elif mode == "fullread":
        read_request(conn, b"")
    # No Content-Length: the client (curl) reads until the connection ends, so
    # it does not close first and the order of the packets is always the same.
    conn.sendall(response(BODY, until_close=True))
    conn.close()           # noread/partial: unread data -> RST instead of FIN


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--mode", default="hello", choices=["hello", "noread", "partial", "fullread"])
    ap.add_argument("--delay", type=float, default=0.1)
    ap.add_argument("--sndbuf", type=int, default=0, help="SO_SNDBUF for accepted sockets")
    ap.add_argument("--send-chunk", type=int, default=0, help="hello mode: write responses in pieces of N bytes")
    ap.add_argument("--nodelay", action="store_true", help="TCP_NODELAY (no Nagle) on accepted sockets")
    ap.add_argument("--send-pause", type=float, default=0.0, help="hello mode: sleep S seconds after each piece")
    args = ap.parse_args()

    fam = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    ls = socket.socket(fam, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((args.host, args.port))
    ls.listen(16)
    while True:
        conn, _ = ls.accept()
        if args.nodelay:
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if args.sndbuf:
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, args.sndbuf)
        if args.mode == "hello":
            target, targs = serve_hello, (conn, args.send_chunk, args.send_pause)
        else:
            target, targs = serve_close, (conn, args.mode, args.delay)
        threading.Thread(target=target, args=targs, daemon=True).start()


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""HTTP/1.1 server with chunked transfer coding both ways (standard library only).

  chunked.py --port N [--host H] [--pause S]

Keep-alive: answers every request on the connection and closes after the
client has closed. A request body may come with Content-Length or with
Transfer-Encoding: chunked (chunk extensions and trailer fields are read
and ignored); "Expect: 100-continue" gets an interim "100 Continue" first.

  request body chunked      -> 200, response chunked: announces
                               "Trailer: X-Checksum, Server-Timing", writes
                               three data chunks (one write each, --pause
                               seconds apart), then the last chunk with the
                               trailer fields X-Checksum (sha256 of the
                               request body) and Server-Timing
  otherwise                 -> 200 with Content-Length
TCP_NODELAY is set, so each write leaves as its own segment.
"""
import argparse
import email.utils
import hashlib
import socket
import threading
import time


class Conn:
    def __init__(self, sock):
        self.s = sock
        self.buf = b""

    def fill(self):
        data = self.s.recv(65536)
        if not data:
            raise EOFError
        self.buf += data

    def line(self):
        while b"\r\n" not in self.buf:
            self.fill()
        ln, self.buf = self.buf.split(b"\r\n", 1)
        return ln

    def exactly(self, n):
        while len(self.buf) < n:
            self.fill()
        data, self.buf = self.buf[:n], self.buf[n:]
        return data


def read_head(c):
    request_line = c.line()
    headers = {}
    while True:
        ln = c.line()
        if not ln:
            break
        k, v = ln.split(b":", 1)
        headers[k.strip().lower().decode()] = v.strip().decode()
    return request_line.decode(), headers


def read_chunked(c):
    body, sizes = b"", []
    while True:
        n = int(c.line().split(b";")[0], 16)
        if n == 0:
            while c.line():            # trailer section, ends with an empty line
                pass
            return body, sizes
        body += c.exactly(n)
        sizes.append(n)
        if c.exactly(2) != b"\r\n":
            raise ValueError("chunk not followed by CRLF")


def head(status, fields):
    return (f"HTTP/1.1 {status}\r\n"
            f"Date: {email.utils.formatdate(usegmt=True)}\r\n"
            "Server: chunked.py\r\n" +
            "".join(f"{k}: {v}\r\n" for k, v in fields) + "\r\n").encode()


def serve(sock, pause):
    c = Conn(sock)
    try:
        while True:
            start = time.monotonic()
            request_line, h = read_head(c)
            if h.get("expect", "").lower() == "100-continue":
                sock.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
            chunked = "chunked" in h.get("transfer-encoding", "").lower()
            if chunked:
                body, sizes = read_chunked(c)
            else:
                body, sizes = c.exactly(int(h.get("content-length", "0"))), []
            if chunked:
                sock.sendall(head("200 OK", [
                    ("Content-Type", "text/plain; charset=utf-8"),
                    ("Transfer-Encoding", "chunked"),
                    ("Trailer", "X-Checksum, Server-Timing")]))
                parts = [f"{request_line.split()[0]} {request_line.split()[1]}: "
                         f"{len(body)} bytes in {len(sizes)} chunks\n",
                         "chunk sizes: " + " ".join(map(str, sizes)) + "\n",
                         "checksum in the trailer\n"]
                for p in parts:
                    time.sleep(pause)
                    data = p.encode()
                    sock.sendall(b"%x\r\n%s\r\n" % (len(data), data))
                time.sleep(pause)
                dur = (time.monotonic() - start) * 1000
                sock.sendall(b"0\r\n"
                             b"X-Checksum: sha256=" +
                             hashlib.sha256(body).hexdigest().encode() + b"\r\n"
                             b"Server-Timing: total;dur=%.1f\r\n"
                             b"\r\n" % dur)
            else:
                data = (f"{request_line.split()[0]} {request_line.split()[1]}: "
                        f"{len(body)} bytes\n").encode()
                sock.sendall(head("200 OK", [
                    ("Content-Type", "text/plain; charset=utf-8"),
                    ("Content-Length", str(len(data)))]) + data)
    except EOFError:
        pass                           # client closed: close too
    sock.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--pause", type=float, default=0.02,
                    help="seconds before each response chunk")
    args = ap.parse_args()
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((args.host, args.port))
    ls.listen(16)
    while True:
        conn, _ = ls.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=serve, args=(conn, args.pause), daemon=True).start()


if __name__ == "__main__":
    main()

"""Accepts one connection on 127.0.0.1:PORT and reads one request head.

For the inline servers of make-app-limited.sh and make-reset-after-idle.sh:
each answers that request its own way (slowly, or then idles and resets).
"""
import socket
import sys


def accept_request(port):
    """Returns (connection, request head bytes); exits 1 if the peer closes first."""
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(1)
    c, _ = s.accept()
    req = b""
    while b"\r\n\r\n" not in req:
        b = c.recv(4096)
        if not b:
            sys.exit(1)
        req += b
    return c, req

#!/usr/bin/python3
"""WebSocket echo server and client for websocket.pcap (Debian python3-websockets).

  ws.py server HOST PORT      echo every message back
  ws.py client URI MSG...     send each message, wait for its echo, then close
"""
import asyncio
import sys

import websockets


async def echo(ws, path=None):
    async for msg in ws:
        await ws.send(msg)


async def server(host, port):
    # no compression extension and no keepalive pings: only the frames we send
    async with websockets.serve(echo, host, port, compression=None, ping_interval=None):
        await asyncio.Future()


async def client(uri, msgs):
    async with websockets.connect(uri, compression=None, ping_interval=None) as ws:
        for m in msgs:
            await ws.send(m)
            reply = await ws.recv()
            assert reply == m, (reply, m)
            print("echoed:", reply)
    # leaving the block runs the closing handshake (close frame both ways),
    # then the server closes the TCP connection first (RFC 6455 7.1.1)


if __name__ == "__main__":
    if sys.argv[1] == "server":
        asyncio.run(server(sys.argv[2], int(sys.argv[3])))
    else:
        asyncio.run(client(sys.argv[2], sys.argv[3:]))

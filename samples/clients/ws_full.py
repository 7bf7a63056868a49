#!/usr/bin/python3
"""WebSocket client for websocket-full.pcap (Debian python3-websockets).

  ws_full.py URI [CLOSE_CODE [REASON]]

Against the echo server of servers/ws.py, in this order, each step waiting
for the server's answer before the next:
  1. a text message                              (opcode 1, echoed)
  2. a binary message                            (opcode 2, echoed)
  3. a ping with application data                (opcode 9, the server's
                                                  library answers a pong, 10)
  4. a text message sent in three fragments      (opcode 1 FIN=0, 0 FIN=0,
                                                  0 FIN=0, then websockets
                                                  ends the message with an
                                                  empty 0 FIN=1; echoed whole)
  5. close with CLOSE_CODE (default 4000) and REASON (opcode 8; the server
     echoes the close frame, then closes the TCP connection first)
No compression extension, no automatic keepalive pings.
"""
import asyncio
import sys

import websockets


async def main(uri, code, reason):
    async with websockets.connect(uri, compression=None, ping_interval=None) as ws:
        await ws.send("Hello from tcpview")
        print("text echoed:", await ws.recv())

        blob = bytes(range(0, 256, 17)) + b"\x00\xff"
        await ws.send(blob)
        echoed = await ws.recv()
        assert echoed == blob, echoed
        print("binary echoed:", echoed.hex())

        pong = await ws.ping(b"tcpview-ping")
        await pong
        print("pong received")

        # an iterable of str: one message in several frames (fragmentation)
        await ws.send(["fragment one, ", "fragment two, ", "fragment three"])
        print("fragmented message echoed:", await ws.recv())

        await ws.close(code=code, reason=reason)
        print("closed:", ws.close_code, ws.close_reason)


if __name__ == "__main__":
    code = int(sys.argv[2]) if len(sys.argv) > 2 else 4000
    reason = sys.argv[3] if len(sys.argv) > 3 else "tcpview: session over"
    asyncio.run(main(sys.argv[1], code, reason))

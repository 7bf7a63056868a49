/*
 * names.c - the names of WebSocket opcodes and close status codes (see
 * ws.h).
 *
 * Opcodes by the words of RFC 6455 §5.2 and the WebSocket Opcode Registry
 * (§11.8), lower-case, stable tokens for JSON; status codes by the meaning
 * §7.4.1 and the IANA WebSocket Close Code Number Registry give them, as
 * lower-case English phrases.  Reserved and unassigned numbers have no
 * name (NULL): callers print the number.
 */
#include "config.h"

#include <stddef.h>

#include "tcpview/app/ws.h"

const char *ws_opcode_name(uint8_t op)
{
	switch (op) {
	case WS_OP_CONTINUATION: return "continuation";
	case WS_OP_TEXT: return "text";
	case WS_OP_BINARY: return "binary";
	case WS_OP_CLOSE: return "close";
	case WS_OP_PING: return "ping";
	case WS_OP_PONG: return "pong";
	default: return NULL;	/* 0x3-0x7, 0xB-0xF: reserved */
	}
}

const char *ws_close_code_name(uint16_t code)
{
	switch (code) {
	case 1000: return "normal closure";
	case 1001: return "going away";
	case 1002: return "protocol error";
	case 1003: return "unsupported data";
	/* 1004: reserved, no meaning yet (§7.4.1). */
	case 1005: return "no status received";	/* for APIs, never sent */
	case 1006: return "abnormal closure";		/* for APIs, never sent */
	case 1007: return "invalid frame payload data";
	case 1008: return "policy violation";
	case 1009: return "message too big";
	case 1010: return "mandatory extension";
	case 1011: return "internal error";
	/* 1012-1014: registered with IANA after RFC 6455. */
	case 1012: return "service restart";
	case 1013: return "try again later";
	case 1014: return "bad gateway";
	case 1015: return "TLS handshake";		/* for APIs, never sent */
	default: break;
	}
	/* §7.4.2: ranges whose codes are registered one by one elsewhere. */
	if (code >= 3000 && code <= 3999)
		return "registered by IANA for libraries";
	if (code >= 4000 && code <= 4999)
		return "private use";
	return NULL;
}

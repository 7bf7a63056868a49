/*
 * names.c - the names of HTTP/2 frame types, flags, settings and error
 * codes (see h2.h).
 *
 * They are the stable tokens of tcpview's output: the RFC 9113 registry
 * names (§11), as Wireshark's http2 dissector shows frame types and error
 * codes, and with the extension frame types and settings people meet on
 * the wire today.
 */
#include "config.h"

#include "tcpview/app/h2.h"

const char *h2_frame_type_name(uint8_t type)
{
	switch (type) {
	case H2_DATA: return "DATA";
	case H2_HEADERS: return "HEADERS";
	case H2_PRIORITY: return "PRIORITY";
	case H2_RST_STREAM: return "RST_STREAM";
	case H2_SETTINGS: return "SETTINGS";
	case H2_PUSH_PROMISE: return "PUSH_PROMISE";
	case H2_PING: return "PING";
	case H2_GOAWAY: return "GOAWAY";
	case H2_WINDOW_UPDATE: return "WINDOW_UPDATE";
	case H2_CONTINUATION: return "CONTINUATION";
	case 0xa: return "ALTSVC";		/* RFC 7838 §4 */
	case 0xc: return "ORIGIN";		/* RFC 8336 §2 */
	case 0x10: return "PRIORITY_UPDATE";	/* RFC 9218 §7.1 */
	default: return NULL;
	}
}

const char *h2_settings_name(uint16_t id)
{
	switch (id) {
	case H2_SETTINGS_HEADER_TABLE_SIZE: return "SETTINGS_HEADER_TABLE_SIZE";
	case H2_SETTINGS_ENABLE_PUSH: return "SETTINGS_ENABLE_PUSH";
	case H2_SETTINGS_MAX_CONCURRENT_STREAMS: return "SETTINGS_MAX_CONCURRENT_STREAMS";
	case H2_SETTINGS_INITIAL_WINDOW_SIZE: return "SETTINGS_INITIAL_WINDOW_SIZE";
	case H2_SETTINGS_MAX_FRAME_SIZE: return "SETTINGS_MAX_FRAME_SIZE";
	case H2_SETTINGS_MAX_HEADER_LIST_SIZE: return "SETTINGS_MAX_HEADER_LIST_SIZE";
	case H2_SETTINGS_ENABLE_CONNECT_PROTOCOL: return "SETTINGS_ENABLE_CONNECT_PROTOCOL";
	case H2_SETTINGS_NO_RFC7540_PRIORITIES: return "SETTINGS_NO_RFC7540_PRIORITIES";
	default: return NULL;
	}
}

const char *h2_error_name(uint32_t code)
{
	static const char *const names[] = {
		"NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR",
		"SETTINGS_TIMEOUT", "STREAM_CLOSED", "FRAME_SIZE_ERROR", "REFUSED_STREAM",
		"CANCEL", "COMPRESSION_ERROR", "CONNECT_ERROR", "ENHANCE_YOUR_CALM",
		"INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED",
	};
	return code < sizeof(names) / sizeof(names[0]) ? names[code] : NULL;
}

/* Which flags each type defines (RFC 9113 §6.1-§6.10). */
static uint8_t defined_flags(uint8_t type)
{
	switch (type) {
	case H2_DATA:
		return H2_FLAG_END_STREAM | H2_FLAG_PADDED;
	case H2_HEADERS:
		return H2_FLAG_END_STREAM | H2_FLAG_END_HEADERS | H2_FLAG_PADDED |
		       H2_FLAG_PRIORITY;
	case H2_PUSH_PROMISE:
		return H2_FLAG_END_HEADERS | H2_FLAG_PADDED;
	case H2_CONTINUATION:
		return H2_FLAG_END_HEADERS;
	case H2_SETTINGS:
	case H2_PING:
		return H2_FLAG_ACK;
	default:
		return 0;
	}
}

size_t h2_flag_names(uint8_t type, uint8_t flags, const char *out[], size_t max)
{
	bool ack = type == H2_SETTINGS || type == H2_PING;
	uint8_t set = flags & defined_flags(type);
	size_t n = 0;
	for (unsigned bit = 1; bit < 0x100; bit <<= 1) {
		if (!(set & bit))
			continue;
		const char *name;
		switch (bit) {
		case 0x01: name = ack ? "ACK" : "END_STREAM"; break;
		case H2_FLAG_END_HEADERS: name = "END_HEADERS"; break;
		case H2_FLAG_PADDED: name = "PADDED"; break;
		default: name = "PRIORITY"; break;	/* H2_FLAG_PRIORITY */
		}
		if (n < max)
			out[n] = name;
		n++;
	}
	return n;
}

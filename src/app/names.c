/*
 * names.c - the stable names of the application records' enums (JSON values).
 */
#include "config.h"

#include "tcpview/app/record.h"

const char *app_proto_name(enum tv_app_proto p)
{
	static const char *const names[AP_COUNT] = {
		[AP_NONE] = "none",
		[AP_HTTP] = "http",
		[AP_WEBSOCKET] = "websocket",
		[AP_HTTP2] = "http2",
		[AP_TLS] = "tls",
		[AP_DNS] = "dns",
		[AP_TUNNEL] = "tunnel",
	};
	return (unsigned)p < AP_COUNT ? names[p] : "none";
}

const char *app_kind_name(enum tv_app_kind k)
{
	static const char *const names[AK_COUNT] = {
		[AK_HTTP_REQUEST] = "http_request",
		[AK_HTTP_RESPONSE] = "http_response",
		[AK_WS_FRAME] = "websocket_frame",
		[AK_H2_FRAME] = "http2_frame",
		[AK_H2_STREAM] = "http2_stream",
		[AK_TLS_CLIENT_HELLO] = "tls_client_hello",
		[AK_TLS_SERVER_HELLO] = "tls_server_hello",
		[AK_TLS_ALERT] = "tls_alert",
		[AK_TLS_ENCRYPTED] = "tls_encrypted",
		[AK_DNS] = "dns",
		[AK_SWITCH] = "switch",
		[AK_STOP] = "stop",
		[AK_RESET] = "reset",
		[AK_WS_END] = "websocket_tcp_end",
	};
	return (unsigned)k < AK_COUNT ? names[k] : "stop";
}

#!/bin/bash
# Run Debian's nginx in the foreground for a tcpview sample capture, with a
# configuration of its own (nothing under /etc/nginx or /var/log/nginx is
# read or written except mime.types and the echo module).
#
#   nginx.sh DIR PORT [LOCATIONS_FILE]
#
# DIR is a private working directory (the script's temp dir): nginx's prefix,
# logs, temp paths and pid file go there, files are served from DIR/htdocs.
# LOCATIONS_FILE, if given, is included inside the server {} block (extra
# location blocks). The echo module (libnginx-mod-http-echo) is loaded when
# it is installed. One worker process, running as root (DIR is private to
# root). The pid of this script is nginx's master process (exec), so
# SIGTERM stops it (fast shutdown).
set -euo pipefail
dir=$1 port=$2 extra=${3:-}
mkdir -p "$dir/logs" "$dir/tmp" "$dir/htdocs"
conf="$dir/nginx.conf"
{
    if [ -e /usr/lib/nginx/modules/ngx_http_echo_module.so ]; then
        echo "load_module /usr/lib/nginx/modules/ngx_http_echo_module.so;"
    fi
    cat <<EOF
daemon off;
user root;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log info;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $dir/logs/access.log;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    sendfile on;
    tcp_nodelay on;
    keepalive_timeout 30s;
    server {
        listen 127.0.0.1:$port;
        server_name shop.example;
        root $dir/htdocs;
EOF
    if [ -n "$extra" ]; then echo "        include $extra;"; fi
    cat <<EOF
    }
}
EOF
} >"$conf"
exec nginx -p "$dir" -e "$dir/logs/error.log" -c "$conf"

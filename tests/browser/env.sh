# Shared settings for the browser checks; sourced by setup.sh and the
# *-check.sh scripts (POSIX sh).  Defines:
#   BROWSER_DIR   this directory
#   NPM_CACHE     directory for the pinned npm packages ($TCPVIEW_NPM_CACHE,
#                 default node_modules/ beside this file)
#   NPM_PREFIX    $NPM_CACHE/npm, npm's --prefix: not NPM_CACHE itself, because
#                 node never looks in a node_modules directly inside a
#                 directory named node_modules (hoisted dependencies would
#                 not be found)
#   NODE_MODULES  $NPM_PREFIX/node_modules
#   CHROMIUM      Debian's chromium (/usr/bin/chromium)
#   CHROMIUM_ARGS flags for a headless run on a machine with no network
BROWSER_DIR=$(cd "$(dirname "$0")" && pwd)
NPM_CACHE=${TCPVIEW_NPM_CACHE:-$BROWSER_DIR/node_modules}
NPM_PREFIX=$NPM_CACHE/npm
NODE_MODULES=$NPM_PREFIX/node_modules
CHROMIUM=${TCPVIEW_CHROMIUM:-/usr/bin/chromium}
# Without the background-networking flags chromium keeps trying to reach
# Google's hosts, which this machine's closed network refuses.
CHROMIUM_ARGS="--no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --disable-default-apps --hide-scrollbars --mute-audio"
# Debian's python3: the stdlib is all the checks need.
PY3=/usr/bin/python3
[ -x "$PY3" ] || PY3=python3

#!/bin/sh
# Installs what the browser checks need, if it is missing:
#   Debian: chromium (/usr/bin/chromium), librsvg2-bin (rsvg-convert)
#   npm:    the pinned packages below, into $TCPVIEW_NPM_CACHE
#           (default: node_modules/ beside this script), with npm's
#           --prefix $TCPVIEW_NPM_CACHE/npm: the packages land in
#           $TCPVIEW_NPM_CACHE/npm/node_modules.
# No browser is ever downloaded: everything drives Debian's chromium.
#
# Idempotent.  Prints one line per thing it installed and nothing else on
# success.  Exit 0: all available.  Exit 77 (automake's SKIP): something
# could not be installed (no network, not root, no node...), with a message.
set -eu
. "$(cd "$(dirname "$0")" && pwd)/env.sh"

# Exact versions, chosen to run on Node 20 (mermaid-cli 12 and puppeteer 25
# need Node 22).  puppeteer is mermaid-cli's peer dependency; mermaid is
# pinned so mermaid-cli's ^11 range cannot drift.
NPM_PINS="@mermaid-js/mermaid-cli@11.17.0 mermaid@11.17.2 puppeteer@24.43.1 playwright-core@1.65.1"
DEB_PKGS="chromium librsvg2-bin"

skip() { echo "SKIP (tests/browser/setup.sh): $*" >&2; exit 77; }

LOG=$(mktemp "${TMPDIR:-/tmp}/tcpview-setup.XXXXXX")
trap 'rm -f "$LOG"' EXIT HUP INT TERM
showlog() { sed -e 's/^/  | /' "$LOG" | tail -n 15 >&2; }

# ---- Debian packages -------------------------------------------------------
deb_missing() {
	deb_missing=""
	for p in $DEB_PKGS; do
		case $p in
		chromium) [ -x /usr/bin/chromium ] || deb_missing="$deb_missing $p" ;;
		librsvg2-bin) command -v rsvg-convert >/dev/null 2>&1 || deb_missing="$deb_missing $p" ;;
		esac
	done
}
deb_missing
if [ -n "$deb_missing" ] && command -v flock >/dev/null 2>&1; then
	# one apt-get at a time when several tests start together (make -j)
	exec 8>"${TMPDIR:-/tmp}/tcpview-browser-apt.lock"
	flock -w 900 8 || skip "timed out waiting for another setup.sh"
	deb_missing
fi
if [ -n "$deb_missing" ]; then
	command -v apt-get >/dev/null 2>&1 || skip "missing$deb_missing and no apt-get"
	SUDO=""
	if [ "$(id -u)" != 0 ]; then
		if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
			SUDO="sudo -n"
		else
			skip "missing$deb_missing; need root to apt-get install it"
		fi
	fi
	# apt-get holds its own lock; wait for a concurrent install (another
	# test running setup.sh) instead of failing on it.
	APT_OPTS="-y -qq -o DPkg::Lock::Timeout=300"
	if ! $SUDO env DEBIAN_FRONTEND=noninteractive apt-get $APT_OPTS install $deb_missing >"$LOG" 2>&1; then
		# A new machine may have stale or no package lists.
		if ! { $SUDO apt-get -qq -o DPkg::Lock::Timeout=300 update &&
			$SUDO env DEBIAN_FRONTEND=noninteractive apt-get $APT_OPTS install $deb_missing; } >"$LOG" 2>&1; then
			showlog
			skip "apt-get install$deb_missing failed"
		fi
	fi
	for p in $deb_missing; do echo "installed $p (Debian)"; done
fi
[ -x /usr/bin/chromium ] || skip "/usr/bin/chromium still missing"
command -v rsvg-convert >/dev/null 2>&1 || skip "rsvg-convert still missing"

# ---- npm packages ----------------------------------------------------------
command -v node >/dev/null 2>&1 || skip "node is not installed"
command -v npm >/dev/null 2>&1 || skip "npm is not installed"
node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' ||
	skip "node $(node -v) is too old: the pinned packages need Node >= 20"

npm_missing() { # prints the pins not installed at their exact version
	for pin in $NPM_PINS; do
		name=${pin%@*}
		want=${pin##*@}
		have=$(node -e 'try{process.stdout.write(require(process.argv[1]).version)}catch(e){}' \
			"$NODE_MODULES/$name/package.json" 2>/dev/null || true)
		[ "$have" = "$want" ] || printf '%s\n' "$pin"
	done
}

missing=$(npm_missing)
if [ -n "$missing" ]; then
	mkdir -p "$NPM_CACHE" 2>/dev/null || skip "cannot create $NPM_CACHE (set TCPVIEW_NPM_CACHE)"
	[ -w "$NPM_CACHE" ] || skip "$NPM_CACHE is not writable (set TCPVIEW_NPM_CACHE)"
	# Several tests may run setup.sh at once (make -j): one installs, the
	# others wait and then find everything there.
	if command -v flock >/dev/null 2>&1; then
		exec 9>"$NPM_CACHE/.setup.lock"
		flock -w 600 9 || skip "timed out waiting for another setup.sh"
		missing=$(npm_missing)
	fi
	if [ -n "$missing" ]; then
		# All pins at once, so npm resolves them together.
		# shellcheck disable=SC2086
		if ! PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 \
			PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm_config_update_notifier=false \
			npm install --no-audit --no-fund --save-exact --ignore-scripts \
			--loglevel=error --prefix "$NPM_PREFIX" $NPM_PINS >"$LOG" 2>&1; then
			showlog
			skip "npm install into $NPM_CACHE failed (no network?)"
		fi
		still=$(npm_missing)
		[ -z "$still" ] || skip "npm did not install:" $still
		# prove the install works, not only that it is there
		"$NODE_MODULES/.bin/mmdc" --version >"$LOG" 2>&1 || { showlog; skip "mmdc does not run"; }
		node -e 'require(process.argv[1])' "$NODE_MODULES/playwright-core" >"$LOG" 2>&1 ||
			{ showlog; skip "playwright-core does not load"; }
		for pin in $missing; do echo "installed $pin (npm)"; done
	fi
fi
[ -x "$NODE_MODULES/.bin/mmdc" ] || skip "$NODE_MODULES/.bin/mmdc missing"
exit 0

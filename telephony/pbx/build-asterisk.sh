#!/usr/bin/env bash
# Builds the Asterisk the live telephony tests run against, once, into a cache outside the
# checkout; a second run with the same tarball and options reuses it.
#
#   build-asterisk.sh [tarball]      prints the install prefix on its last line
#
# The tarball defaults to $ASTERISK_TARBALL, then ../shared/vendor/asterisk/ beside the
# checkout. The cache key is the tarball's sha256 plus a hash of this script (the configure
# flags and the module list live here), so a change of either builds anew. Debian's build
# packages are installed with apt-get when missing and we run as root (as for redis-server).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
tarball="${1:-${ASTERISK_TARBALL:-}}"
if [ -z "$tarball" ]; then
  for candidate in "$repo/../shared/vendor/asterisk" /work/shared/vendor/asterisk; do
    found=$(ls "$candidate"/asterisk-*.tar.gz 2>/dev/null | head -n1 || true)
    if [ -n "$found" ]; then tarball="$found"; break; fi
  done
fi
if [ -z "$tarball" ] || [ ! -f "$tarball" ]; then
  echo "build-asterisk: no Asterisk source tarball (set ASTERISK_TARBALL to asterisk-22.x.tar.gz)" >&2
  exit 2
fi

DEBIAN_PACKAGES=(build-essential libedit-dev libjansson-dev libxml2-dev uuid-dev libsqlite3-dev
  libssl-dev libcurl4-openssl-dev libxslt1-dev pkg-config libpq-dev)

# What the tests never use; switched off so the build takes about a minute, not eight.
DISABLED_MODULES=(
  chan_iax2 chan_unistim chan_audiosocket chan_websocket chan_rtp chan_mobile
  pbx_dundi pbx_ael pbx_realtime res_ael_share
  res_geolocation res_prometheus res_calendar res_hep res_hep_rtcp res_phoneprov res_smdi
  res_statsd res_fax res_xmpp res_snmp res_stir_shaken res_config_ldap res_config_mysql
  res_config_curl func_curl res_http_media_cache res_websocket_client res_aeap res_speech
  res_speech_aeap app_speech_utils
  app_minivm app_festival app_sms app_alarmreceiver app_adsiprog app_getcpeid app_directory
  app_followme app_sla app_mp3 app_morsecode app_amd app_externalivr app_dictate
  app_zapateller app_test app_agent_pool app_audiosocket app_sf app_mf app_broadcast
  app_signal app_talkdetect
  codec_ilbc codec_lpc10 format_ilbc res_format_attr_ilbc
  CORE-SOUNDS-EN-GSM MOH-OPSOUND-WAV
)

tar_sum=$(sha256sum "$tarball" | cut -c1-16)
script_sum=$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-8)
cache_root="${YIXIAN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/yixian}/asterisk"
prefix="$cache_root/$tar_sum-$script_sum"

if [ -x "$prefix/sbin/asterisk" ] && [ -f "$prefix/.complete" ]; then
  echo "$prefix"
  exit 0
fi

missing=()
for package in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "build-asterisk: installing Debian build packages: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
      || { apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2; }
  else
    echo "build-asterisk: missing Debian packages: ${missing[*]} (sudo apt-get install -y ${missing[*]})" >&2
    exit 2
  fi
fi

mkdir -p "$cache_root"
exec 9>"$cache_root/.build.lock"
flock 9
if [ -x "$prefix/sbin/asterisk" ] && [ -f "$prefix/.complete" ]; then
  echo "$prefix"
  exit 0
fi

work=$(mktemp -d "$cache_root/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
rm -rf "$prefix"
echo "build-asterisk: building $(basename "$tarball") into $prefix (about 1-8 minutes) …" >&2
log="$cache_root/build.log"
{
  tar -xzf "$tarball" -C "$work" --strip-components=1
  cd "$work"
  ./configure --prefix="$prefix" --without-pjproject-bundled --with-jansson-bundled=no
  make menuselect.makeopts
  menuselect/menuselect $(printf -- '--disable %s ' "${DISABLED_MODULES[@]}") menuselect.makeopts
  make -j"$(nproc)"
  make install
  make samples
} >"$log" 2>&1 || { echo "build-asterisk: build failed; last lines of $log:" >&2; tail -n 30 "$log" >&2; exit 1; }
touch "$prefix/.complete"
echo "build-asterisk: done" >&2
echo "$prefix"

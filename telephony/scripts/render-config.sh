#!/usr/bin/env bash
# Renders telephony/asterisk/*.conf into an output folder, filling secrets and deployment values
# from the environment. Refuses to run when a required variable is unset or unsafe; never prints
# a secret (messages name the variable, never its value; values reach awk through ENVIRON, not argv).
#
#   AMI_SECRET=… AGENT_SECRET=… TRUNK_HOST=… TRUNK_USERNAME=… TRUNK_PASSWORD=… \
#   POLICE_DESK_HOST=… VOICEMAIL_PIN=… AGENT_EXTENSIONS="8001-8040 6001-6010" \
#     telephony/scripts/render-config.sh /tmp/yixian-asterisk
#
# Required: AMI_SECRET (≥16 chars), AMI_CONFIG_SECRET (≥16 chars, the bridge's AstDB login), AGENT_SECRET (≥16 chars), TRUNK_HOST, TRUNK_USERNAME,
#   TRUNK_PASSWORD, POLICE_DESK_HOST, VOICEMAIL_PIN (4-12 digits), AGENT_EXTENSIONS.
#   ACCOUNTING_DB_HOST, ACCOUNTING_DB_NAME, ACCOUNTING_DB_USER, ACCOUNTING_DB_PASSWORD (CDR and
#   queue_log into PostgreSQL; ACCOUNTING_DB_PORT defaults to 5432).
# Optional: TRUNK_MATCH (default: TRUNK_HOST without port), TRUNK_CLI (default: TRUNK_USERNAME),
#   POLICE_DESK_MATCH (default: POLICE_DESK_HOST without port), SHIFT_LEAD_EXTENSIONS,
#   AGENT_PHONE_TEMPLATE (agent-endpoint | agent-webrtc; default agent-endpoint).
# Extension lists: space- or comma-separated numbers (3-6 digits) and ranges, e.g. "8001-8040,6001".
# Each phone's SIP password is derived from AGENT_SECRET and its extension (see README).
set -euo pipefail
set +x   # never trace: values would be echoed

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$(cd "$here/../asterisk" && pwd)"

fail() { printf 'render-config: %s\n' "$1" >&2; exit 1; }

[ $# -eq 1 ] || fail "usage: render-config.sh <output-dir>"
out="$1"
mkdir -p "$out" || fail "cannot create output folder $out"
out="$(cd "$out" && pwd)"
[ "$out" != "$src" ] || fail "the output folder must not be the template folder $src"
command -v awk >/dev/null || fail "awk is required"
command -v sha256sum >/dev/null || fail "sha256sum is required"

# --- check the environment -----------------------------------------------------------------
require() {   # name [min-length]
  local name="$1" min="${2:-1}"
  [ -n "${!name+x}" ] || fail "$name is not set"
  check_value "$name" "$min"
}
check_value() {
  local name="$1" min="${2:-1}" value="${!1}"
  [ "${#value}" -ge "$min" ] || fail "$name must be at least $min characters long"
  case "$value" in
    *$'\n'* | *$'\r'*) fail "$name must not contain a line break" ;;
    *';'*) fail "$name must not contain ';' (Asterisk reads it as a comment)" ;;
    *'${'*) fail "$name must not contain '\${'" ;;
    ' '* | *' ') fail "$name must not start or end with a space" ;;
  esac
}
strip_port() { local v="$1"; v="${v#sip:}"; printf '%s' "${v%%:*}"; }

require AMI_SECRET 16
require AMI_CONFIG_SECRET 16
require AGENT_SECRET 16
require TRUNK_HOST
require TRUNK_USERNAME
require TRUNK_PASSWORD
require POLICE_DESK_HOST
require VOICEMAIL_PIN
require AGENT_EXTENSIONS
# The PBX's own accounting (CDR, queue_log) goes to PostgreSQL for Yixian's reconciler.
require ACCOUNTING_DB_HOST
require ACCOUNTING_DB_NAME
require ACCOUNTING_DB_USER
require ACCOUNTING_DB_PASSWORD
export ACCOUNTING_DB_PORT="${ACCOUNTING_DB_PORT:-5432}"
[[ "$ACCOUNTING_DB_PORT" =~ ^[0-9]{1,5}$ ]] || fail "ACCOUNTING_DB_PORT must be a port number"
[[ "$ACCOUNTING_DB_HOST" =~ ^[A-Za-z0-9.:-]+$ ]] || fail "ACCOUNTING_DB_HOST must be a host name or address"
[[ "$ACCOUNTING_DB_NAME" =~ ^[A-Za-z0-9_]+$ ]] || fail "ACCOUNTING_DB_NAME may hold only letters, digits and _"
[[ "$ACCOUNTING_DB_USER" =~ ^[A-Za-z0-9_]+$ ]] || fail "ACCOUNTING_DB_USER may hold only letters, digits and _"
[[ "$VOICEMAIL_PIN" =~ ^[0-9]{4,12}$ ]] || fail "VOICEMAIL_PIN must be 4 to 12 digits"
for host_var in TRUNK_HOST POLICE_DESK_HOST; do
  [[ "${!host_var}" =~ ^[A-Za-z0-9.-]+(:[0-9]{1,5})?$ ]] || fail "$host_var must be host or host:port"
done
[[ "$TRUNK_USERNAME" =~ ^[A-Za-z0-9+._-]+$ ]] || fail "TRUNK_USERNAME may hold only letters, digits and + . _ -"

export TRUNK_MATCH="${TRUNK_MATCH:-$(strip_port "$TRUNK_HOST")}"
export TRUNK_CLI="${TRUNK_CLI:-$TRUNK_USERNAME}"
export POLICE_DESK_MATCH="${POLICE_DESK_MATCH:-$(strip_port "$POLICE_DESK_HOST")}"
check_value TRUNK_MATCH
check_value TRUNK_CLI
check_value POLICE_DESK_MATCH
[[ "$TRUNK_CLI" =~ ^\+?[0-9]+$ ]] || fail "TRUNK_CLI must be a phone number (digits, optional leading +)"
agent_template="${AGENT_PHONE_TEMPLATE:-agent-endpoint}"
case "$agent_template" in agent-endpoint | agent-webrtc) ;; *) fail "AGENT_PHONE_TEMPLATE must be agent-endpoint or agent-webrtc" ;; esac

# --- expand extension lists ----------------------------------------------------------------
expand_extensions() {   # name → one extension per line
  local name="$1" item from to n
  for item in ${!name//,/ }; do
    if [[ "$item" =~ ^([0-9]{3,6})-([0-9]{3,6})$ ]]; then
      from="${BASH_REMATCH[1]}"; to="${BASH_REMATCH[2]}"
      [ "${#from}" -eq "${#to}" ] && [ "$((10#$from))" -le "$((10#$to))" ] || fail "$name: bad range $item"
      [ "$((10#$to - 10#$from))" -lt 1000 ] || fail "$name: range $item is longer than 1000"
      for ((n = 10#$from; n <= 10#$to; n++)); do printf '%0*d\n' "${#from}" "$n"; done
    elif [[ "$item" =~ ^[0-9]{3,6}$ ]]; then
      printf '%s\n' "$item"
    else
      fail "$name: '$item' is not an extension (3-6 digits) or a range"
    fi
  done
}
agents="$(expand_extensions AGENT_EXTENSIONS)"
leads=""
[ -z "${SHIFT_LEAD_EXTENSIONS:-}" ] || leads="$(expand_extensions SHIFT_LEAD_EXTENSIONS)"
[ -n "$agents" ] || fail "AGENT_EXTENSIONS lists no extension"
dupes="$(printf '%s\n%s\n' "$agents" "$leads" | grep -v '^$' | sort | uniq -d | head -n 3 | tr '\n' ' ')"
[ -z "$dupes" ] || fail "extensions listed twice: $dupes"

# --- substitution: only the names below, literally (no regex, no shell evaluation) ------------
# Dialplan variables such as ${HOTLINE} or ${EXTEN} are left alone.
PLACEHOLDERS="ACCOUNTING_DB_HOST ACCOUNTING_DB_PORT ACCOUNTING_DB_NAME ACCOUNTING_DB_USER ACCOUNTING_DB_PASSWORD AMI_SECRET AMI_CONFIG_SECRET AGENT_SECRET TRUNK_HOST TRUNK_USERNAME TRUNK_PASSWORD TRUNK_MATCH TRUNK_CLI POLICE_DESK_HOST POLICE_DESK_MATCH VOICEMAIL_PIN PHONE_EXT PHONE_PASSWORD PHONE_TEMPLATE"
export ACCOUNTING_DB_HOST ACCOUNTING_DB_NAME ACCOUNTING_DB_USER ACCOUNTING_DB_PASSWORD AMI_SECRET AMI_CONFIG_SECRET AGENT_SECRET TRUNK_HOST TRUNK_USERNAME TRUNK_PASSWORD POLICE_DESK_HOST VOICEMAIL_PIN
fill() {   # template → stdout
  PLACEHOLDERS="$PLACEHOLDERS" awk '
    BEGIN { n = split(ENVIRON["PLACEHOLDERS"], names, " ") }
    {
      line = $0
      for (i = 1; i <= n; i++) {
        token = "${" names[i] "}"
        if (index(line, token) == 0) continue
        value = ENVIRON[names[i]]; result = ""
        while ((p = index(line, token)) > 0) {
          result = result substr(line, 1, p - 1) value
          line = substr(line, p + length(token))
        }
        line = result line
      }
      print line
    }' "$1"
}

umask 027   # rendered files hold secrets: owner and group (asterisk) only
for file in extensions.conf manager.conf queues.conf pjsip.conf voicemail.conf confbridge.conf \
    cdr.conf cdr_pgsql.conf res_pgsql.conf extconfig.conf logger.conf modules.conf features.conf; do
  fill "$src/$file" > "$out/$file.tmp"
  mv "$out/$file.tmp" "$out/$file"
done

# Phone password: first 24 hex digits of SHA-256("yixian-phone:<AGENT_SECRET>:<ext>").
# printf is a shell builtin, so the secret never appears in a process's arguments.
phone_password() { printf 'yixian-phone:%s:%s' "$AGENT_SECRET" "$1" | sha256sum | cut -c1-24; }
{
  printf '; Generated by telephony/scripts/render-config.sh — do not edit; re-render instead.\n\n'
  render_phones() {   # list template
    local ext
    while IFS= read -r ext; do
      [ -n "$ext" ] || continue
      PHONE_EXT="$ext" PHONE_TEMPLATE="$2" PHONE_PASSWORD="$(phone_password "$ext")" fill "$src/pjsip_phone.conf.in"
    done <<<"$1"
  }
  render_phones "$agents" "$agent_template"
  [ -z "$leads" ] || render_phones "$leads" shift-lead-endpoint
} > "$out/pjsip_phones.conf.tmp"
mv "$out/pjsip_phones.conf.tmp" "$out/pjsip_phones.conf"

# --- nothing left unfilled ---------------------------------------------------------------
for name in $PLACEHOLDERS; do
  if grep -lF "\${$name}" "$out"/*.conf >/dev/null 2>&1; then fail "placeholder \${$name} left in $(grep -lF "\${$name}" "$out"/*.conf | head -n 1)"; fi
done

count="$(printf '%s\n%s\n' "$agents" "$leads" | grep -c .)"
printf 'render-config: wrote %s (%s phones). Check it: %s/check-config.sh --rendered %s\n' "$out" "$count" "$here" "$out"

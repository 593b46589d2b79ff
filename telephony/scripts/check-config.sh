#!/usr/bin/env bash
# Lints the Yixian Asterisk configuration offline (no Asterisk needed): 110 and every number of
# AstDB family yixian-hotline routed into queue `hotline`, 110 first, unknown numbers rejected, AMI on loopback with least privilege, queue settings the
# bridge and the figures rely on, and no secret committed.
#
#   telephony/scripts/check-config.sh                      # the templates in telephony/asterisk
#   telephony/scripts/check-config.sh --rendered /tmp/out  # a render-config.sh output folder
#
# Prints one line per problem and exits 1 if there is any; prints "check-config: ok" otherwise.
set -uo pipefail
# grep that reads its whole input: `producer | grep -q` under pipefail fails at random when grep exits at
# the first match and the producer, still writing, dies of SIGPIPE (a DID was reported missing under load).
quiet_grep() { grep "$@" >/dev/null; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mode=template
dir="$here/../asterisk"
while [ $# -gt 0 ]; do
  case "$1" in
    --rendered) mode=rendered; dir="${2:?--rendered needs a folder}"; shift 2 ;;
    -h | --help) sed -n '2,10p' "$0"; exit 0 ;;
    *) dir="$1"; shift ;;
  esac
done

problems=0
problem() { printf 'check-config: %s\n' "$1" >&2; problems=$((problems + 1)); }

for file in extensions.conf manager.conf queues.conf pjsip.conf voicemail.conf confbridge.conf; do
  [ -f "$dir/$file" ] || { problem "$dir/$file is missing"; }
done
[ "$problems" -eq 0 ] || exit 1
[ "$mode" = template ] || [ -f "$dir/pjsip_phones.conf" ] || problem "pjsip_phones.conf is missing (pjsip.conf includes it)"

# section FILE NAME → the section's lines, comments and blanks removed, "key => v" → "key = v".
# A name may appear several times (pjsip: endpoint, aor, identify share one); all are printed.
section() {
  awk -v want="$2" '
    { line = $0; sub(/(^|[^\\]);.*$/, "", line); gsub(/^[ \t]+|[ \t]+$/, "", line) }
    line == "" { next }
    /^\[/ { name = line; sub(/^\[/, "", name); sub(/\].*$/, "", name); on = (name == want); next }
    on { sub(/[ \t]*=>[ \t]*/, " = ", line); sub(/[ \t]*=[ \t]*/, " = ", line); print line }' "$1"
}
# value FILE SECTION KEY → values of KEY in SECTION, one per line
value() { section "$1" "$2" | awk -v k="$3" 'index($0, k " = ") == 1 { print substr($0, length(k) + 4) }'; }
has_context() { grep -qE "^\[$2\]" "$1"; }

ext="$dir/extensions.conf"
inbound="$(section "$ext" hotline-inbound)"
[ -n "$inbound" ] || problem "extensions.conf: no [hotline-inbound] context"

# --- the numbers: 110 fixed, every other one read from AstDB (yixian-hotline) or rejected -------
block110="$(printf '%s\n' "$inbound" | awk '/^exten = /{ split(substr($0, 9), f, ","); on = (f[1] == "110") } on')"
if [ -z "$block110" ]; then problem "extensions.conf: 110 has no extension of its own in [hotline-inbound]"; else
  printf '%s\n' "$block110" | quiet_grep -F 'Set(__HOTLINE=110)' || problem "extensions.conf: DID 110 does not Set(__HOTLINE=110)"
  printf '%s\n' "$block110" | quiet_grep -F 'Gosub(yixian-hotline,s,1(24h))' || problem "extensions.conf: DID 110 is not always open (Gosub(yixian-hotline,s,1(24h)))"
fi
patterns="$(printf '%s\n' "$inbound" | grep -E '^exten = _' | awk '{ split(substr($0, 9), f, ","); print f[1] }')"
[ "$patterns" = "_X." ] || problem "extensions.conf: [hotline-inbound] must have exactly one pattern, _X., the AstDB lookup (found: $(printf '%s' "$patterns" | tr '\n' ' '))"
dbblock="$(printf '%s\n' "$inbound" | awk '/^exten = /{ split(substr($0, 9), f, ","); on = (f[1] == "_X.") } on')"
printf '%s\n' "$dbblock" | quiet_grep -F 'DB(yixian-hotline/${EXTEN})' || problem "extensions.conf: [hotline-inbound] _X. does not read DB(yixian-hotline/\${EXTEN})"
printf '%s\n' "$dbblock" | quiet_grep -F 'Set(__HOTLINE=${EXTEN})' || problem "extensions.conf: [hotline-inbound] _X. does not Set(__HOTLINE=\${EXTEN})"
printf '%s\n' "$dbblock" | quiet_grep -E 'Gosub\(yixian-hotline,' || problem "extensions.conf: [hotline-inbound] _X. does not enter the queue through Gosub(yixian-hotline,…)"
printf '%s\n' "$dbblock" | quiet_grep -E '^same = n\(unallocated\),Hangup\(1\)' || problem "extensions.conf: [hotline-inbound] _X. does not reject a number without a key (n(unallocated),Hangup(1))"
section "$ext" yixian-hotline | quiet_grep -E 'Queue\(hotline,' || problem "extensions.conf: [yixian-hotline] does not call Queue(hotline,…)"
section "$ext" yixian-hotline | quiet_grep -E 'GotoIfTime|Gosub\(yixian-office-hours' || problem "extensions.conf: no after-hours branch in [yixian-hotline]"
section "$ext" yixian-office-hours | quiet_grep 'GotoIfTime(' || problem "extensions.conf: [yixian-office-hours] has no GotoIfTime"

prio110="$(printf '%s\n' "$inbound" | awk '/^exten = /{ split(substr($0, 9), f, ","); on = (f[1] == "110") } on' | grep -oE 'Set\(QUEUE_PRIO=[0-9]+\)' | grep -oE '[0-9]+' | head -n 1)"
[ -n "$prio110" ] && [ "$prio110" -gt 0 ] || problem "extensions.conf: 110 does not Set(QUEUE_PRIO=<n > 0>)"
others="$(printf '%s\n' "$inbound" | awk '/^exten = /{ split(substr($0, 9), f, ","); on = (f[1] != "110") } on' | grep -oE 'Set\(QUEUE_PRIO=[0-9]+\)' | grep -oE '[0-9]+' | sort -n | tail -n 1)"
[ -z "$others" ] || [ -z "$prio110" ] || [ "$others" -lt "$prio110" ] || problem "extensions.conf: another DID has QUEUE_PRIO $others ≥ 110's $prio110"

for ctx in yixian-transfer yixian-linkage agents yixian-overflow; do
  has_context "$ext" "$ctx" || problem "extensions.conf: context [$ctx] is missing"
done
section "$ext" yixian-transfer | quiet_grep -E '^exten = 110,' || problem "extensions.conf: [yixian-transfer] has no 110 (police desk)"
section "$ext" yixian-linkage | quiet_grep 'ConfBridge(' || problem "extensions.conf: [yixian-linkage] does not use ConfBridge"
awk '/^\[/{ ctx = $0 } /MixMonitor\(/{ mm[ctx] = 1 } /linkedid/{ li[ctx] = 1 } END { for (c in mm) if (li[c]) exit 0; exit 1 }' "$ext" || problem "extensions.conf: no MixMonitor named after the Linkedid"
section "$ext" from-carrier | quiet_grep -iE 'yixian-transfer|include' && problem "extensions.conf: [from-carrier] must reach only [hotline-inbound] (toll fraud)"

# --- queue ------------------------------------------------------------------------------------
q="$dir/queues.conf"
expect_queue() { [ "$(value "$q" hotline "$1" | tail -n 1)" = "$2" ] || problem "queues.conf: [hotline] $1 must be $2"; }
expect_queue strategy rrmemory
expect_queue timeout 15
expect_queue retry 2
expect_queue wrapuptime 5
expect_queue ringinuse no
expect_queue announce-position no
expect_queue servicelevel 15
expect_queue setinterfacevar yes
expect_queue setqueueentryvar yes
value "$q" hotline member | quiet_grep . && problem "queues.conf: [hotline] lists static members; the bridge adds them with QueueAdd"
gosub="$(value "$q" hotline membergosub | tail -n 1)"
[ -z "$gosub" ] || has_context "$ext" "$gosub" || problem "queues.conf: membergosub $gosub is not a context in extensions.conf"

# --- manager ----------------------------------------------------------------------------------
m="$dir/manager.conf"
[ "$(value "$m" general bindaddr | tail -n 1)" = 127.0.0.1 ] || problem "manager.conf: bindaddr must be 127.0.0.1"
[ "$(value "$m" general channelvars | tail -n 1)" = HOTLINE ] || problem "manager.conf: channelvars must be HOTLINE"
[ "$(value "$m" general timestampevents | tail -n 1)" = yes ] || problem "manager.conf: timestampevents must be yes"
has_context "$m" yixian || problem "manager.conf: no [yixian] user"
users="$(grep -E '^\[' "$m" | tr -d '[]' | grep -vx general)"
[ "$(printf '%s\n' "$users" | sort | tr '\n' ' ')" = "yixian yixian-config " ] || problem "manager.conf: users must be exactly yixian and yixian-config, found: $(printf '%s' "$users" | tr '\n' ' ')"
# yixian-config writes AstDB only (system); it reads no events and can originate nothing.
[ "$(value "$m" yixian-config write | tail -n 1 | tr -d ' ')" = system ] || problem "manager.conf: yixian-config write must be exactly system"
[ -z "$(value "$m" yixian-config read | tail -n 1 | tr -d ' ')" ] || problem "manager.conf: yixian-config must read no events"
value "$m" yixian-config permit | quiet_grep -vx '127.0.0.1/255.255.255.255' && problem "manager.conf: yixian-config must be permitted from 127.0.0.1 only"
# read: `system` is needed (FullyBooted, Shutdown); `dialplan` would bring VarSet/Newexten back.
# write: `system`/`command`/`config` would allow restarts, CLI commands and reading secrets.
for bad in all dialplan; do
  value "$m" yixian read | tr ',' '\n' | tr -d ' ' | quiet_grep -x "$bad" && problem "manager.conf: yixian read must not include $bad"
done
for bad in all system command config; do
  value "$m" yixian write | tr ',' '\n' | tr -d ' ' | quiet_grep -x "$bad" && problem "manager.conf: yixian write must not include $bad"
done
value "$m" yixian permit | quiet_grep -vE '^127\.0\.0\.1(/255\.255\.255\.255|/32)?$' && problem "manager.conf: yixian permits more than 127.0.0.1"
value "$m" yixian permit | quiet_grep . || problem "manager.conf: yixian has no permit = 127.0.0.1"
for event in VarSet Newexten; do
  section "$m" yixian | quiet_grep -E "^eventfilter\(action\(exclude\),name\($event\)\) =|^eventfilter = !Event: $event" \
    || problem "manager.conf: no eventfilter drops $event"
done

# --- secrets ----------------------------------------------------------------------------------
secret_lines() {   # file → "key = value" lines of secret/password keys and voicemail PINs
  section_all() { awk '{ line = $0; sub(/(^|[^\\]);.*$/, "", line); gsub(/^[ \t]+|[ \t]+$/, "", line) } line != "" && line !~ /^\[/ { print line }' "$1"; }
  section_all "$1" | grep -iE '^(secret|password|md5_cred)[ \t]*=' || true
}
for file in manager.conf pjsip.conf voicemail.conf; do
  [ -f "$dir/$file" ] || continue
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    val="$(printf '%s' "$line" | sed -E 's/^[^=]*=[ \t]*//')"
    if [ "$mode" = template ]; then
      [[ "$val" =~ ^\$\{[A-Z_]+\}$ ]] || problem "$file: a secret is written literally (${line%%=*}); use a \${PLACEHOLDER}"
    else
      [[ "$val" =~ \$\{ ]] && problem "$file: placeholder left unfilled in ${line%%=*}"
    fi
  done < <(secret_lines "$dir/$file")
done
pin="$(section "$dir/voicemail.conf" yixian | sed -nE 's/^[0-9]+ = ([^,]*),.*/\1/p')"
if [ "$mode" = template ]; then
  printf '%s\n' "$pin" | quiet_grep -vE '^(\$\{[A-Z_]+\})?$' && problem "voicemail.conf: a mailbox PIN is written literally; use \${VOICEMAIL_PIN}"
  for file in pjsip_phones.conf; do [ ! -f "$dir/$file" ] || problem "$file is generated with secrets; it must not be in the template folder"; done
else
  grep -lE '\$\{(AMI_SECRET|AMI_CONFIG_SECRET|AGENT_SECRET|TRUNK_[A-Z]+|POLICE_DESK_[A-Z]+|VOICEMAIL_PIN|PHONE_[A-Z]+)\}' "$dir"/*.conf 2>/dev/null \
    | while IFS= read -r f; do printf 'check-config: placeholder left unfilled in %s\n' "$f" >&2; done
  grep -qE '\$\{(AMI_SECRET|AMI_CONFIG_SECRET|AGENT_SECRET|TRUNK_[A-Z]+|POLICE_DESK_[A-Z]+|VOICEMAIL_PIN|PHONE_[A-Z]+)\}' "$dir"/*.conf 2>/dev/null && problems=$((problems + 1))
fi

if [ "$problems" -gt 0 ]; then printf 'check-config: %d problem(s) in %s\n' "$problems" "$dir" >&2; exit 1; fi
printf 'check-config: ok (%s; 110 fixed, the other numbers from AstDB)\n' "$dir"

/**
 * What the tests add to the shipped configuration, and never ship: agents and department desks
 * as Local channels (no SIP phones here) whose behaviour the test scripts through AstDB, and an
 * AMI user with full rights for the test's own callers.
 */

/**
 * Appended to the rendered extensions.conf.
 * Agent `Local/<ext>@yixian-test-agents/n` (the queue member's interface), scripted per extension
 * in AstDB family `yxtest`:
 *   ring/<ext>   seconds the phone rings before it answers, or `never` (default 1)
 *   talk/<ext>   seconds of talk before the agent hangs up (default 3600: the test ends the call)
 * Department desks `Local/<ext>@yixian-test-desks/n` answer after 1 s and stay (the transfer and
 * conference targets; 110 is the police desk). [yixian-transfer] gains 7XXX for them (Asterisk
 * merges a context defined twice).
 * Citizens for call-backs: [yixian-callback-carrier] gains exact numbers (an exact extension beats
 * the shipped `_X.` that dials the carrier) that reach `Local/<who>@yixian-test-citizens/n`:
 *   13800000001 answers after 1 s and hangs up after 2 s of talk
 *   13800000002 never answers (the shipped Dial times out: NOANSWER)
 *   13800000003 is busy
 * Alert calls' on-duty phones: [yixian-alert-carrier] gains exact numbers that reach
 * `Local/<who>@yixian-test-alertees/n`, ringing for the command's ring time (YIXIAN_ALERT_RING):
 *   13900000011 answers after 1 s and presses 1 (again 6 s later, in case the first was early)
 *   13900000012 answers after 1 s and presses nothing
 *   13900000013 never answers
 *   13900000014 is busy
 *   13900000015 and 13900000016 answer after 1 s and stay (conference parties)
 */
export function testDialplan(): string {
  return `
; ---- test-only (telephony/pbx/test-include.ts) ------------------------------------------------
[yixian-test-agents]
exten => _X.,1,Set(YXTEST_RING=\${DB(yxtest/ring/\${EXTEN})})
 same => n,GotoIf($["\${YXTEST_RING}" = "never"]?never)
 same => n,Wait(\${IF($["\${YXTEST_RING}" = ""]?1:\${YXTEST_RING})})
 same => n,Answer()
 same => n,Set(YXTEST_TALK=\${DB(yxtest/talk/\${EXTEN})})
 same => n,Wait(\${IF($["\${YXTEST_TALK}" = ""]?3600:\${YXTEST_TALK})})
 same => n,Hangup()
 same => n(never),Wait(3600)
 same => n,Hangup()

[yixian-test-desks]
exten => _X.,1,Wait(1)
 same => n,Answer()
 same => n,Wait(3600)
 same => n,Hangup()

[yixian-transfer]
exten => _7XXX,1,Dial(Local/\${EXTEN}@yixian-test-desks/n,60)
 same => n,Hangup()

[yixian-test-citizens]
exten => answer,1,Wait(1)
 same => n,Answer()
 same => n,Wait(2)
 same => n,Hangup()
exten => noanswer,1,Wait(3600)
 same => n,Hangup()
exten => busy,1,Busy(5)

[yixian-callback-carrier]
exten => 13800000001,1,Dial(Local/answer@yixian-test-citizens/n,30)
 same => n,Hangup()
exten => 13800000002,1,Dial(Local/noanswer@yixian-test-citizens/n,30)
 same => n,Hangup()
exten => 13800000003,1,Dial(Local/busy@yixian-test-citizens/n,30)
 same => n,Hangup()

[yixian-test-alertees]
exten => ack,1,Wait(1)
 same => n,Answer()
 same => n,Wait(1.5)
 same => n,SendDTMF(1)
 same => n,Wait(6)
 same => n,SendDTMF(1)
 same => n,Wait(30)
 same => n,Hangup()
exten => silent,1,Wait(1)
 same => n,Answer()
 same => n,Wait(120)
 same => n,Hangup()
exten => noanswer,1,Wait(3600)
 same => n,Hangup()
exten => busy,1,Busy(5)
exten => stay,1,Wait(1)
 same => n,Answer()
 same => n,Wait(3600)
 same => n,Hangup()

[yixian-alert-carrier]
exten => 13900000011,1,Dial(Local/ack@yixian-test-alertees/n,\${YIXIAN_ALERT_RING})
 same => n,Hangup()
exten => 13900000012,1,Dial(Local/silent@yixian-test-alertees/n,\${YIXIAN_ALERT_RING})
 same => n,Hangup()
exten => 13900000013,1,Dial(Local/noanswer@yixian-test-alertees/n,\${YIXIAN_ALERT_RING})
 same => n,Hangup()
exten => 13900000014,1,Dial(Local/busy@yixian-test-alertees/n,\${YIXIAN_ALERT_RING})
 same => n,Hangup()
exten => 13900000015,1,Dial(Local/stay@yixian-test-alertees/n,\${YIXIAN_ALERT_RING})
 same => n,Hangup()
exten => 13900000016,1,Dial(Local/stay@yixian-test-alertees/n,\${YIXIAN_ALERT_RING})
 same => n,Hangup()
`;
}

/** Appended to the rendered manager.conf: the test's own user (callers, AstDB, restarts). */
export function testManagerUser(secret: string): string {
  return `
; ---- test-only (telephony/pbx/test-include.ts) ------------------------------------------------
[yxtest]
secret = ${secret}
deny = 0.0.0.0/0.0.0.0
permit = 127.0.0.1/255.255.255.255
read = all
write = all
`;
}

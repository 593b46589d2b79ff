/**
 * The warnings' handler of alert-call results (purpose `warning`), registered when the worker
 * loads the warnings queue: DTMF 1 acknowledges the recipient by phone; any outcome is a change
 * the centre's screens reload for (the call's outcome shows on the recipient's row).
 */
import { onAlertCallResult } from '../alert-calls/index.js';
import { acknowledgeByPhone } from './acknowledge-by-phone.js';
import { pushWarningChanged } from './warning-live.js';

export function registerWarningCallResults(): () => void {
  return onAlertCallResult('warning', async ({ tx, context, alertCall }) => {
    const acknowledged = await acknowledgeByPhone(tx, alertCall, context.clock.now());
    const recipient = acknowledged ? null : await tx.warningRecipient.findUnique({ where: { id: alertCall.warningRecipientId ?? '' }, select: { warningId: true } });
    const warningId = acknowledged ?? recipient?.warningId;
    // Before the commit: a screen reloading this instant may still see the call as placed; the next push or load corrects it.
    if (warningId) await pushWarningChanged(context.redis, context.config.redisPrefix, warningId);
  });
}

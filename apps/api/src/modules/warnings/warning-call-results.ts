/**
 * The warnings' handler of alert-call results (purpose `warning`), registered when the worker
 * loads the warnings queue: DTMF 1 acknowledges the recipient by phone; any outcome is a change
 * the centre's screens reload for once it commits (the call's outcome shows on the recipient's row).
 */
import { onAlertCallResult } from '../alert-calls/index.js';
import { acknowledgeByPhone } from './acknowledge-by-phone.js';
import { pushWarningChangedAfterCommit } from './warning-live.js';

export function registerWarningCallResults(): () => void {
  return onAlertCallResult('warning', async ({ tx, context, alertCall }) => {
    const acknowledged = await acknowledgeByPhone(tx, alertCall, context.clock.now());
    const recipient = acknowledged ? null : await tx.warningRecipient.findUnique({ where: { id: alertCall.warningRecipientId ?? '' }, select: { warningId: true } });
    const warningId = acknowledged ?? recipient?.warningId;
    if (warningId) await pushWarningChangedAfterCommit(tx, warningId, `call-${alertCall.id}`);
  });
}

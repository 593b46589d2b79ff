import { hasValue, isAmiTrue, type ActionHandler } from './action-context';

const queueName = (ctx: Parameters<ActionHandler>[0]) => ctx.engine.core.options.queue;

/** QueuePause (app_queue manager_pause_queue_member): Queue optional, Interface and Paused required. */
export const onQueuePause: ActionHandler = (ctx) => {
  const iface = ctx.action.get('Interface');
  const paused = ctx.action.get('Paused');
  if (!hasValue(iface) || !hasValue(paused)) return ctx.error("Need 'Interface' and 'Paused' parameters.");
  const queue = ctx.action.get('Queue');
  const isPaused = isAmiTrue(paused);
  const known = (!hasValue(queue) || queue === queueName(ctx)) && ctx.engine.core.members.some((m) => m.interface === iface);
  if (!known) return ctx.error('Interface not found');
  // Asterisk replies before the DeviceStateChange/QueueMemberPause events: reply, then change.
  ctx.success(isPaused ? 'Interface paused successfully' : 'Interface unpaused successfully');
  ctx.engine.pauseMember(iface, isPaused, ctx.action.get('Reason') ?? '');
};

/** QueueAdd: adds a dynamic member; a duplicate gets "Unable to add interface: Already there". */
export const onQueueAdd: ActionHandler = (ctx) => {
  const queue = ctx.action.get('Queue');
  const iface = ctx.action.get('Interface');
  if (!hasValue(queue)) return ctx.error("'Queue' not specified.");
  if (!hasValue(iface)) return ctx.error("'Interface' not specified.");
  if (queue !== queueName(ctx)) return ctx.error('Unable to add interface to queue: No such queue');
  const penaltyText = ctx.action.get('Penalty');
  const penalty = hasValue(penaltyText) && /^\d+$/.test(penaltyText.trim()) ? Number(penaltyText) : 0;
  const stateInterface = ctx.action.get('StateInterface');
  // Asterisk answers before it emits QueueMemberAdded: reply first, then run the change.
  if (ctx.engine.core.members.some((m) => m.interface === iface)) return ctx.error('Unable to add interface: Already there');
  ctx.success('Added interface to queue');
  ctx.engine.addMember({
    interface: iface,
    memberName: ctx.action.get('MemberName') || undefined,
    stateInterface: hasValue(stateInterface) ? stateInterface : undefined,
    penalty,
    paused: isAmiTrue(ctx.action.get('Paused')),
    reason: ctx.action.get('Reason') ?? '',
  });
};

/** QueueRemove: static members cannot be removed ("Member not dynamic"), as in app_queue. */
export const onQueueRemove: ActionHandler = (ctx) => {
  const queue = ctx.action.get('Queue');
  const iface = ctx.action.get('Interface');
  if (!hasValue(queue) || !hasValue(iface)) return ctx.error("Need 'Queue' and 'Interface' parameters.");
  if (queue !== queueName(ctx)) return ctx.error('Unable to remove interface from queue: No such queue');
  const member = ctx.engine.core.members.find((m) => m.interface === iface);
  if (!member) return ctx.error('Unable to remove interface: Not there');
  if (member.membership !== 'dynamic') return ctx.error('Member not dynamic');
  ctx.success('Removed interface from queue');
  ctx.engine.removeMember(iface);
};

/** QueuePenalty: Interface and Penalty required; Queue optional. */
export const onQueuePenalty: ActionHandler = (ctx) => {
  const iface = ctx.action.get('Interface');
  const penaltyText = ctx.action.get('Penalty');
  if (!hasValue(iface) || !hasValue(penaltyText)) return ctx.error("Need 'Interface' and 'Penalty' parameters.");
  if (!/^\d+$/.test(penaltyText.trim())) return ctx.error('Invalid penalty');
  const queue = ctx.action.get('Queue');
  if (hasValue(queue) && queue !== queueName(ctx)) return ctx.error('Invalid interface, queuename or penalty');
  if (!ctx.engine.core.members.some((m) => m.interface === iface)) return ctx.error('Invalid interface, queuename or penalty');
  ctx.success('Interface penalty set successfully');
  ctx.engine.setPenalty(iface, Number(penaltyText));
};

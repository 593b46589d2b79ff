import { onScopeDispose, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { type AttentionHandle, useAttention } from '#/composables/use-attention';
import { CALL_PHASES } from '#/stores/active-call';
import { useAgentStore } from '#/stores/agent.store';

/**
 * The desk rings while a call rings at this agent: the ring sound (unless muted) and, when the
 * tab is hidden, a desktop notification naming the hotline. Both stop when the call is
 * answered, taken by someone else, rings out, or the desk is left.
 */
export function useRingAttention(): void {
  const agent = useAgentStore();
  const attention = useAttention();
  const { t } = useI18n();
  let ringing: { linkedid: string; handle: AttentionHandle } | null = null;

  function stop(): void {
    ringing?.handle.stop();
    ringing = null;
  }

  watch(
    () => (agent.call?.phase === CALL_PHASES.ringing ? agent.call : null),
    (call) => {
      if (call && ringing?.linkedid === call.linkedid) return;
      stop();
      if (!call) return;
      const handle = attention.alert({
        sound: 'ring',
        title: t('attention.ringTitle'),
        body: t('attention.ringBody', { hotline: call.hotline ?? '' }),
        tag: `call-${call.linkedid}`,
      });
      ringing = { linkedid: call.linkedid, handle };
    },
    { immediate: true },
  );
  onScopeDispose(stop);
}

// @vitest-environment happy-dom
/**
 * The phone's action sheet: one tap opened it, one confirms; a missing field is said in the
 * sheet before any request, in the user's language.
 */
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { TicketDetail } from '#/api/tickets';
import { i18n, setLocale } from '#/locales';
import { toPhoneActions } from '../data';
import ActionSheet from './action-sheet.vue';

const ticket = { id: 't1', code: 'GD202612050001', state: 'in_progress', allowedActions: ['reply', 'return', 'request-extension'], trail: [], extensionCount: 0 } as unknown as TicketDetail;
const buttonFor = (action: string) => toPhoneActions(ticket).find((b) => b.action === action) ?? null;
const mountSheet = (action: string) => mount(ActionSheet, { global: { plugins: [i18n] }, props: { ticket, button: buttonFor(action) }, attachTo: document.body });

afterEach(() => {
  setLocale('zh-CN');
  document.body.innerHTML = '';
});

describe('the action sheet', () => {
  it('opens the reply form titled with the ticket and stops an empty reply in words', async () => {
    const wrapper = mountSheet('reply');
    await flushPromises();
    const sheet = document.querySelector('[data-testid="m-sheet"]');
    expect(sheet?.textContent).toContain('回复工单 GD202612050001');
    (document.querySelector('[data-testid="m-sheet-confirm"]') as HTMLButtonElement).click();
    await flushPromises();
    expect(sheet?.textContent).toContain('请填写回复内容');
    expect(wrapper.emitted('done')).toBeUndefined();
    // Typing clears the message.
    const content = document.querySelector('[data-testid="m-form-content"]') as HTMLTextAreaElement;
    content.value = '已清运';
    content.dispatchEvent(new Event('input'));
    await flushPromises();
    expect(sheet?.textContent).not.toContain('请填写回复内容');
    wrapper.unmount();
  });

  it('asks for a return reason first, in English too', async () => {
    setLocale('en');
    const wrapper = mountSheet('return');
    await flushPromises();
    (document.querySelector('[data-testid="m-sheet-confirm"]') as HTMLButtonElement).click();
    await flushPromises();
    expect(document.querySelector('[data-testid="m-sheet"]')?.textContent).toMatch(/return reason/i);
    (document.querySelector('[data-testid="m-sheet-cancel"]') as HTMLButtonElement).click();
    expect(wrapper.emitted('close')).toHaveLength(1);
    wrapper.unmount();
  });
});

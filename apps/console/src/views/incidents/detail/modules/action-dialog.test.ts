// @vitest-environment happy-dom
/**
 * The incident act dialog as the centre sees it (zh-CN), against a small server speaking the
 * API's shapes: filing sends the chosen level with the detail's version; a dismissal needs a
 * reason; a stale version and a close without a final report are said in words.
 */
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requestClient } from '#/api/client';
import type { IncidentDetail } from '#/api/incidents';
import { i18n, setLocale } from '#/locales';
import { startDeskTestServer, type DeskTestServer, waitFor } from '#/stores/desk-test-server';
import ActionDialog from './action-dialog.vue';

let server: DeskTestServer;
const INCIDENT = { id: 'i1', code: 'SJ202612050001', level: 'IV', version: 3, state: 'verified' } as IncidentDetail;

function mountDialog(action: string) {
  return mount(ActionDialog, {
    props: { modelValue: false, incident: INCIDENT, action: action as never },
    global: { plugins: [i18n, ElementPlus] },
    attachTo: document.body,
  });
}

async function openAndSubmit(wrapper: ReturnType<typeof mountDialog>, fill?: () => Promise<void>): Promise<void> {
  await wrapper.setProps({ modelValue: true });
  await flushPromises();
  if (fill) await fill();
  (document.querySelector('[data-testid="action-submit"]') as HTMLButtonElement).click();
  await waitFor(() => Boolean(document.querySelector('[data-testid="action-error"]')) || wrapper.emitted('done') !== undefined);
}


beforeAll(async () => {
  server = await startDeskTestServer();
  setLocale('zh-CN');
});
afterAll(() => server.close());
beforeEach(() => {
  document.body.innerHTML = '';
  server.routes.clear();
  server.requests.length = 0;
  requestClient.configure({ baseUrl: server.baseUrl, fetch: (...args) => globalThis.fetch(...args), onError: () => {} });
});

describe('incident act dialog', () => {
  it('files at the chosen level with the version it was opened at', async () => {
    server.routes.set('POST /incidents/i1/actions/file', [200, { ...INCIDENT, state: 'filed', level: 'III', version: 4 }]);
    const wrapper = mountDialog('file');
    await openAndSubmit(wrapper, async () => {
      expect(document.body.textContent).toContain('立案后按适用预案启动联动单位');
      (document.querySelector('[data-testid="action-level-III"] input') as HTMLInputElement).click();
      await flushPromises();
    });
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', path: '/incidents/i1/actions/file', body: { version: 3, level: 'III' } });
    expect(wrapper.emitted('done')?.[0]?.[0]).toMatchObject({ state: 'filed' });
  });

  it('asks for a reason before dismissing, and sends nothing without one', async () => {
    const wrapper = mountDialog('dismiss');
    await openAndSubmit(wrapper);
    expect(document.querySelector('[data-testid="action-error"]')?.textContent).toBe('请填写理由');
    expect(server.requests).toHaveLength(0);
  });

  it('says a stale version in words and asks the page to reload', async () => {
    server.routes.set('POST /incidents/i1/actions/verify', [409, { code: 'stale', message: 'stale version' }]);
    const wrapper = mountDialog('verify');
    await openAndSubmit(wrapper);
    expect(document.querySelector('[data-testid="action-error"]')?.textContent).toBe('该事件已被他人更新，已重新载入，请确认后再操作');
    expect(wrapper.emitted('stale')).toHaveLength(1);
  });

  it('refuses a close without a final report in words', async () => {
    server.routes.set('POST /incidents/i1/actions/close', [409, { code: 'final_report_missing', message: 'no final report' }]);
    const wrapper = mountDialog('close');
    await openAndSubmit(wrapper, async () => {
      const summary = document.querySelector('textarea[data-testid="action-summary"], [data-testid="action-summary"] textarea') as HTMLTextAreaElement;
      summary.value = '道路已恢复通行';
      summary.dispatchEvent(new Event('input'));
      await flushPromises();
    });
    expect(server.requests.at(-1)?.body).toEqual({ version: 3, summary: '道路已恢复通行' });
    expect(document.querySelector('[data-testid="action-error"]')?.textContent).toBe('尚未报送终报，不能结案');
  });
});

// @vitest-environment happy-dom
/**
 * The desk's ticket form submitting against a small server speaking the API's shapes: each
 * submission carries an Idempotency-Key, the same one when the agent clicks again after a 502 (the
 * API copy behind the proxy died mid-request, the ticket perhaps filed), a new one once the ticket
 * is filed or the form is cleared; a changed intake under a used key is explained in words.
 */
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requestClient } from '#/api/client';
import CategoryPicker from '#/components/category-picker.vue';
import { clearCatalogueCache } from '#/components/pickers/use-catalogue';
import { i18n, setLocale } from '#/locales';
import { startDeskTestServer, type DeskTestServer, waitFor } from '#/stores/desk-test-server';
import TicketForm from './ticket-form.vue';

let server: DeskTestServer;

const category = (over: Record<string, unknown>) => ({
  code: '', nameEn: '', parentId: null, isLeaf: true, defaultKind: 'complaint', isPolice: false, level: 'grid',
  defaultUnitId: null, handleLimitDays: null, requiredFields: [], ...over,
});
const CATEGORIES = [category({ id: 'env', name: '环境保护', isLeaf: false }), category({ id: 'env.noise', name: '噪音扰民', parentId: 'env' })];
const BAD_GATEWAY = [502, { statusCode: 502, code: 'bad_gateway', message: 'The API copy serving this request stopped' }] as [number, unknown];
const filed = (code: string) => [201, {
  ticket: { id: `id-${code}`, code, state: 'dispatched' }, classification: { ticketClass: 'non_police' }, duplicates: [], replayed: false,
}] as [number, unknown];

beforeAll(async () => {
  server = await startDeskTestServer();
  setLocale('zh-CN');
});
afterAll(() => server.close());
beforeEach(() => {
  setActivePinia(createPinia());
  clearCatalogueCache();
  server.routes.clear();
  server.requests.length = 0;
  server.routes.set('GET /categories', [200, CATEGORIES]);
  server.routes.set('GET /areas', [200, []]);
  server.routes.set('GET /areas?level=grid&withBoundary=true', [200, []]);
  requestClient.configure({ baseUrl: server.baseUrl, fetch: (...args) => globalThis.fetch(...args), onError: () => {} });
});

async function mountForm() {
  const wrapper = mount(TicketForm, { props: { call: null, callLabel: '' }, global: { plugins: [i18n, ElementPlus] } });
  await waitFor(() => wrapper.find('[data-testid="ticket-dispatch"]').exists());
  return wrapper;
}

/** Fills what a dispatch needs: a category, a title, a description and an address. */
async function fill(wrapper: Awaited<ReturnType<typeof mountForm>>, title: string): Promise<void> {
  wrapper.getComponent(CategoryPicker).vm.$emit('update:modelValue', 'env.noise');
  await wrapper.get('[data-testid="ticket-title"] input').setValue(title);
  await wrapper.get('[data-testid="ticket-description"] textarea').setValue('工地夜间施工，噪音扰民');
  await wrapper.get('[data-testid="ticket-address"] input').setValue('高塘岭街道幸福路 12 号');
}

const creates = () => server.requests.filter((request) => request.method === 'POST' && request.path === '/tickets');

/** Clicks 派单 and waits until the form has the answer (it is no longer sending). */
async function dispatch(wrapper: Awaited<ReturnType<typeof mountForm>>): Promise<void> {
  const sent = creates().length;
  await wrapper.get('[data-testid="ticket-dispatch"]').trigger('click');
  await waitFor(() => creates().length > sent && wrapper.find('[data-testid="ticket-dispatch"].is-loading').exists() === false);
  await flushPromises();
}

describe('ticket form submission', () => {
  it('resends the same Idempotency-Key after a 502, and a new one for the next ticket', async () => {
    const wrapper = await mountForm();
    await fill(wrapper, '夜间施工噪音');
    server.routes.set('POST /tickets', BAD_GATEWAY);
    await dispatch(wrapper);
    expect(wrapper.find('[data-testid="ticket-problems"]').exists()).toBe(true);
    expect(wrapper.emitted('created')).toBeUndefined();
    // The agent clicks again: the same submission, the same key, the same body.
    server.routes.set('POST /tickets', filed('YX20260302-00001'));
    await dispatch(wrapper);
    const [failed, retried] = creates();
    expect(failed!.headers['idempotency-key']).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
    expect(retried!.headers['idempotency-key']).toBe(failed!.headers['idempotency-key']);
    expect(retried!.body).toEqual(failed!.body);
    expect(wrapper.emitted('created')).toHaveLength(1);
    expect((wrapper.get('[data-testid="ticket-title"] input').element as HTMLInputElement).value).toBe('');
    // The next ticket on the form is a new submission.
    await fill(wrapper, '另一件事');
    server.routes.set('POST /tickets', filed('YX20260302-00002'));
    await dispatch(wrapper);
    const next = creates()[2]!;
    expect(next.headers['idempotency-key']).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
    expect(next.headers['idempotency-key']).not.toBe(failed!.headers['idempotency-key']);
  });

  it('starts a new submission when the form is cleared, and says in words when a changed intake reuses a used key', async () => {
    const wrapper = await mountForm();
    await fill(wrapper, '夜间施工噪音');
    server.routes.set('POST /tickets', BAD_GATEWAY);
    await dispatch(wrapper);
    // Changed after the lost answer: the server refuses the key for a different request.
    await wrapper.get('[data-testid="ticket-title"] input').setValue('夜间施工噪音（补充）');
    server.routes.set('POST /tickets', [409, { statusCode: 409, code: 'conflict', field: 'Idempotency-Key', message: 'Idempotency-Key x was used for a different request' }]);
    await dispatch(wrapper);
    expect(creates()[1]!.headers['idempotency-key']).toBe(creates()[0]!.headers['idempotency-key']);
    expect(wrapper.get('[data-testid="ticket-problems"]').text()).toContain('内容改过后不能再作为同一次提交发送');
    // 清空 ends the submission: what is filled next goes under a new key.
    await wrapper.findAll('.actions button')[0]!.trigger('click');
    await fill(wrapper, '重新填写');
    server.routes.set('POST /tickets', filed('YX20260302-00003'));
    await dispatch(wrapper);
    expect(creates()[2]!.headers['idempotency-key']).not.toBe(creates()[0]!.headers['idempotency-key']);
    expect(wrapper.emitted('created')).toHaveLength(1);
  });
});

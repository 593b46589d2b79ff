// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, h, reactive } from 'vue';
import { clearAllFormDrafts, clearFormDraft, saveFormDrafts, useFormDraft } from './use-form-draft';

function mountForm(key: string, initial: { summary: string; address: string }, owner = 'user-a') {
  let restored = false;
  const state = reactive({ ...initial });
  const wrapper = mount(
    defineComponent({
      setup() {
        restored = useFormDraft(key, state, owner);
        return () => h('div', state.summary);
      },
    }),
  );
  return { wrapper, state, wasRestored: () => restored };
}

describe('form drafts across a session expiry', () => {
  beforeEach(() => sessionStorage.clear());

  it('saves open forms and restores them once on the next mount', () => {
    const first = mountForm('ticket-create', { summary: '', address: '' });
    first.state.summary = '路灯不亮';
    first.state.address = '幸福路 12 号';
    expect(saveFormDrafts('user-a')).toBe(1);
    first.wrapper.unmount();

    const second = mountForm('ticket-create', { summary: '', address: '' });
    expect(second.wasRestored()).toBe(true);
    expect(second.state).toEqual({ summary: '路灯不亮', address: '幸福路 12 号' });
    second.wrapper.unmount();

    const third = mountForm('ticket-create', { summary: '', address: '' });
    expect(third.wasRestored()).toBe(false);
    expect(third.state.summary).toBe('');
    third.wrapper.unmount();
  });

  it('forgets unmounted forms and cleared drafts', () => {
    const form = mountForm('reply', { summary: 'x', address: '' });
    form.wrapper.unmount();
    expect(saveFormDrafts('user-a')).toBe(0);

    const again = mountForm('reply', { summary: 'y', address: '' });
    saveFormDrafts('user-a');
    clearFormDraft('reply');
    again.wrapper.unmount();
    expect(mountForm('reply', { summary: '', address: '' }).wasRestored()).toBe(false);
  });

  it('ignores a corrupt draft and copies only the form\'s own fields', () => {
    sessionStorage.setItem('yixian.draft:bad', '{not json');
    expect(mountForm('bad', { summary: '', address: '' }).wasRestored()).toBe(false);
    sessionStorage.setItem('yixian.draft:extra', JSON.stringify({ owner: 'user-a', values: { summary: 's', injected: 1 } }));
    const form = mountForm('extra', { summary: '', address: 'a' });
    expect(form.state).toEqual({ summary: 's', address: 'a' });
  });

  it('never restores one user\'s draft into the next user\'s form in the same tab, and drops it', () => {
    const first = mountForm('desk-ticket', { summary: '', address: '' }, 'user-a');
    first.state.summary = '举报内容';
    saveFormDrafts('user-a');
    first.wrapper.unmount();

    const other = mountForm('desk-ticket', { summary: '', address: '' }, 'user-b');
    expect(other.wasRestored()).toBe(false);
    expect(other.state.summary).toBe('');
    other.wrapper.unmount();
    expect(sessionStorage.getItem('yixian.draft:desk-ticket')).toBeNull();
  });

  it('saves nothing without a signed-in owner, and sign-out clears every draft', () => {
    const form = mountForm('desk-ticket', { summary: 'x', address: '' });
    expect(saveFormDrafts(null)).toBe(0);
    saveFormDrafts('user-a');
    form.wrapper.unmount();
    sessionStorage.setItem('unrelated', '1');
    clearAllFormDrafts();
    expect(sessionStorage.getItem('yixian.draft:desk-ticket')).toBeNull();
    expect(sessionStorage.getItem('unrelated')).toBe('1');
  });
});

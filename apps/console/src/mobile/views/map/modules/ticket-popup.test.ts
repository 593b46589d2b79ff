// @vitest-environment happy-dom
/** A ticket's popup on the map: the citizen's words stay words (never HTML), and its link opens the ticket through the router. */
import { describe, expect, it } from 'vitest';
import { buildTicketPopup } from './ticket-popup';

const TEXT = { code: 'YX20260302-00001', title: '<img src=x onerror="alert(1)">路灯不亮', category: '分类：路灯', state: '已派单', tone: '紧急', open: '打开工单' };

describe('buildTicketPopup', () => {
  it('writes every line as text, the title included', () => {
    const popup = buildTicketPopup(TEXT, '/m/tickets/t1', () => {});
    expect(popup.querySelector('img')).toBeNull();
    expect(popup.querySelector('[data-testid="m-map-popup-title"]')?.textContent).toBe(TEXT.title);
    expect([...popup.querySelectorAll('[data-testid]')].map((element) => element.textContent)).toEqual([
      'YX20260302-00001', '紧急', TEXT.title, '分类：路灯', '已派单', '打开工单',
    ]);
  });

  it('leaves out the tone line for an ordinary ticket', () => {
    expect(buildTicketPopup({ ...TEXT, tone: null }, '/m/tickets/t1', () => {}).querySelector('[data-testid="m-map-popup-tone"]')).toBeNull();
  });

  it('opens the ticket through the callback, not a page load, and keeps a real link for a long press', () => {
    let opened = 0;
    const popup = buildTicketPopup(TEXT, '/m/tickets/t1', () => { opened += 1; });
    const link = popup.querySelector<HTMLAnchorElement>('[data-testid="m-map-popup-open"]')!;
    expect(link.getAttribute('href')).toBe('/m/tickets/t1');
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(click);
    expect(opened).toBe(1);
    expect(click.defaultPrevented).toBe(true);
  });
});

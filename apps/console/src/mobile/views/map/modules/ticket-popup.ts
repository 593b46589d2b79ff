/**
 * A ticket's popup on the map, built as DOM nodes (never HTML strings: a title is the citizen's
 * words). The link goes to the phone's ticket page through the router, not a page load.
 */
export interface TicketPopupText {
  code: string;
  title: string;
  /** "分类：路灯" */
  category: string;
  /** The state in words. */
  state: string;
  /** 已超时 / 紧急, or null for a ticket with neither. */
  tone: string | null;
  open: string;
}

function line(className: string, text: string, testId: string): HTMLElement {
  const element = document.createElement('div');
  element.className = className;
  element.textContent = text;
  element.dataset.testid = testId;
  return element;
}

export function buildTicketPopup(text: TicketPopupText, href: string, onOpen: () => void): HTMLElement {
  const root = document.createElement('div');
  root.className = 'map-popup';
  root.dataset.testid = 'm-map-popup';
  const head = document.createElement('div');
  head.className = 'map-popup__head';
  head.append(line('map-popup__code', text.code, 'm-map-popup-code'));
  if (text.tone) head.append(line('map-popup__tone', text.tone, 'm-map-popup-tone'));
  root.append(
    head,
    line('map-popup__title', text.title, 'm-map-popup-title'),
    line('map-popup__meta', text.category, 'm-map-popup-category'),
    line('map-popup__meta', text.state, 'm-map-popup-state'),
  );
  const link = document.createElement('a');
  link.className = 'button button--primary button--block map-popup__open';
  link.href = href;
  link.textContent = text.open;
  link.dataset.testid = 'm-map-popup-open';
  link.addEventListener('click', (event) => {
    event.preventDefault();
    onOpen();
  });
  root.append(link);
  return root;
}

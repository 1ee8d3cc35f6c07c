import { onApiFailure, storeApiKey, storedApiKey } from './api.js';
import { h } from './dom.js';

/**
 * The API key box in the page header. A server bound beyond loopback requires a key (Authorization: Bearer);
 * the key is kept in sessionStorage for this tab only and is never shown back. The box shows only once the server
 * asks for a key (an UNAUTHENTICATED answer) or a key is already set: on a loopback server nobody needs one.
 */
export function mountAuth(container: HTMLElement, onChange: () => void): void {
  const state = h('span', { class: 'auth-state', attrs: { id: 'auth-state' } });
  const toggle = h(
    'button',
    { attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'auth-form' } },
    'API key',
  );
  const input = h('input', {
    attrs: {
      id: 'api-key',
      name: 'api-key',
      type: 'password',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': 'auth-state',
    },
  });
  const forget = h('button', { attrs: { type: 'button' } }, 'Forget key');
  const form = h(
    'form',
    { class: 'auth-form', attrs: { id: 'auth-form', 'aria-label': 'API key' } },
    h('label', { attrs: { for: 'api-key' } }, 'API key'),
    input,
    h('button', { attrs: { type: 'submit' } }, 'Use key'),
    forget,
  );
  form.hidden = true;

  const refresh = (note?: string) => {
    state.textContent = note ?? (storedApiKey() ? 'Key set for this tab.' : 'No key set.');
  };
  const open = (expanded: boolean) => {
    form.hidden = !expanded;
    toggle.setAttribute('aria-expanded', String(expanded));
  };
  toggle.addEventListener('click', () => {
    open(form.hidden);
    if (!form.hidden) input.focus();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = input.value.trim();
    input.value = '';
    storeApiKey(key || null);
    refresh();
    open(false);
    toggle.focus();
    onChange();
  });
  forget.addEventListener('click', () => {
    storeApiKey(null);
    refresh();
    onChange();
  });
  onApiFailure((error) => {
    if (error.code !== 'UNAUTHENTICATED') return;
    container.hidden = false;
    refresh(storedApiKey() ? 'The key was not accepted.' : 'This server requires an API key.');
    open(true);
  });
  refresh();
  container.hidden = storedApiKey() === null;
  container.replaceChildren(toggle, ' ', state, form);
}

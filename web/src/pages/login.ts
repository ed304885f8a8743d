import type { Api } from '../api/endpoints';
import type { Language, User } from '../api/types';
import { t } from '../i18n/i18n';
import { h } from '../ui/dom';
import { errorText } from '../ui/labels';
import { languageSelect } from '../ui/language_select';

export interface LoginHandlers {
  api: Api;
  onLoggedIn: (user: User) => void;
  /** Before login the language is only this browser's choice; the user's setting wins after. */
  onLanguage: (language: Language) => void;
}

/** The login form. The session cookie is set by the server; the page only sees the user. */
export function mountLogin(root: HTMLElement, handlers: LoginHandlers): () => void {
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, autofocus: true, dir: 'ltr' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, dir: 'ltr' });
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'login-error' });
  const submit = h('button', { type: 'submit' }, t('login.submit'));
  const form = h(
    'form',
    { class: 'login-form', 'data-testid': 'login-form' },
    h('h1', {}, t('app.name')),
    h('p', { class: 'subtitle' }, t('login.subtitle')),
    h('label', { for: 'username' }, t('login.username')),
    username,
    h('label', { for: 'password' }, t('login.password')),
    password,
    error,
    submit,
    h('div', { class: 'login-language' }, languageSelect(handlers.onLanguage)),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    try {
      const { user } = await handlers.api.login(username.value.trim(), password.value);
      handlers.onLoggedIn(user);
    } catch (cause) {
      error.textContent = errorText(cause);
      password.select();
    } finally {
      submit.disabled = false;
    }
  });
  root.append(h('main', { class: 'login-page' }, form));
  return () => undefined;
}

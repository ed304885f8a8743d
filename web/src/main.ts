import 'vazirmatn/Vazirmatn-Variable-font-face.css';
import './styles/main.css';

import { createApi } from './api/endpoints';
import { createRequest } from './api/http';
import { App, kLanguageStorageKey } from './app';
import { initialLanguage } from './i18n/languages';

const root = document.getElementById('app');
if (root) {
  const api = createApi(createRequest({ fetch: window.fetch.bind(window), cookies: () => document.cookie }));
  const app = new App(root, api);
  app.applyLanguage(initialLanguage(localStorage.getItem(kLanguageStorageKey), navigator.languages));
  void app.start();
}

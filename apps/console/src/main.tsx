// Entry point of the operator console: loads the current language, then mounts the app into index.html's #root.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { loadLanguage, readStoredLocale } from './lib/i18n';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const locale = readStoredLocale();
loadLanguage(locale).then(
  (pack) =>
    createRoot(root).render(
      <StrictMode>
        <App language={{ locale, pack }} />
      </StrictMode>,
    ),
  // The language chunk did not arrive (network, a deploy replaced it): say so in both languages, without React.
  () => {
    root.textContent = '加载失败，请刷新页面。 Loading failed: reload the page.';
  },
);

import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import { useState, type ReactNode } from 'react';
import { I18nProvider, useI18n, type LoadedLanguage } from '../lib/i18n';
import { createQueryClient } from '../lib/query-client';

const THEME = { token: { colorPrimary: '#1668dc', borderRadius: 6 } };
/** antd spaces out two-character Chinese labels ("编 辑"); next to four-character ones that reads unevenly. */
const BUTTON = { autoInsertSpace: false };

/**
 * antd's own texts (pagination, confirm buttons, empty states) follow the console's language. antd's `App` (the
 * message, modal and notification hooks) is in the signed-in frame: the login page needs none of them.
 */
function LocalizedAntd({ children }: { children: ReactNode }) {
  const { antdLocale } = useI18n();
  return (
    <ConfigProvider locale={antdLocale} theme={THEME} button={BUTTON}>
      {children}
    </ConfigProvider>
  );
}

/** Every context the pages need: language (loaded before the first render), antd configuration, the query cache. */
export function AppProviders({ language, children }: { language: LoadedLanguage; children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <I18nProvider initial={language}>
      <LocalizedAntd>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </LocalizedAntd>
    </I18nProvider>
  );
}

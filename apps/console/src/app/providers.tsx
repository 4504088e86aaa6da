import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useState, type ReactNode } from 'react';
import { I18nProvider, useI18n } from '../lib/i18n';
import { createQueryClient } from '../lib/query-client';

const THEME = { token: { colorPrimary: '#1668dc', borderRadius: 6 } };
/** antd spaces out two-character Chinese labels ("编 辑"); next to four-character ones that reads unevenly. */
const BUTTON = { autoInsertSpace: false };

/** antd's own texts (pagination, confirm buttons, empty states) and dayjs follow the console's language. */
function LocalizedAntd({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  // dayjs keeps its locale globally; setting it during render keeps antd's date texts in step on the same render.
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={THEME} button={BUTTON}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** Every context the pages need: language, antd configuration and the query cache. */
export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <I18nProvider>
      <LocalizedAntd>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </LocalizedAntd>
    </I18nProvider>
  );
}

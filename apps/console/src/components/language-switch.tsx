import { Segmented } from 'antd';
import { isLocale, useI18n, type Locale } from '../lib/i18n';

/** Each language is named in itself, so a reader of either can find theirs. */
const OPTIONS: { label: string; value: Locale }[] = [
  { label: '中文', value: 'zh-CN' },
  { label: 'English', value: 'en' },
];

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Segmented<Locale>
      aria-label={t('header.language')}
      data-testid="language-switch"
      size="small"
      options={OPTIONS}
      value={locale}
      onChange={(value) => {
        if (isLocale(value)) setLocale(value);
      }}
    />
  );
}

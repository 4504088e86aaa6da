import { useI18n, type Locale } from '../lib/i18n';

/** Each language is named in itself, so a reader of either can find theirs. */
const OPTIONS: readonly { label: string; value: Locale }[] = [
  { label: '中文', value: 'zh-CN' },
  { label: 'English', value: 'en' },
];

/**
 * The language switch of the header and the login page: two plain buttons styled as a segmented control (antd's
 * Segmented would add its motion library to the login page for two words).
 */
export function LanguageSwitch({ tone = 'light' }: { tone?: 'light' | 'dark' }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <div
      role="radiogroup"
      aria-label={t('header.language')}
      data-testid="language-switch"
      className={`language-switch language-switch-${tone}`}
    >
      {OPTIONS.map((option) => (
        <button
          key={option.value}
          type="button"
          role="radio"
          aria-checked={option.value === locale}
          lang={option.value}
          onClick={() => setLocale(option.value)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}

import type { LanguagePack } from './language-pack';
import type { Locale } from './locale';

const loaders: Readonly<Record<Locale, () => Promise<{ languagePack: LanguagePack }>>> = {
  'zh-CN': () => import('./language-zh-cn'),
  en: () => import('./language-en'),
};

/**
 * The pack of one language, fetched on first use as its own chunk: the console loads only the language it shows,
 * and the other one when the user switches. The browser keeps the module, so a second call is immediate.
 * @example const { dictionary } = await loadLanguage('en');
 */
export async function loadLanguage(locale: Locale): Promise<LanguagePack> {
  return (await loaders[locale]()).languagePack;
}

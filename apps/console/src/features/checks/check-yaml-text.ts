import {
  checkInputSchema,
  checksToYaml,
  readCheckYaml,
  type CheckInput,
  type CheckYamlIssue,
} from '@ganzhi/contracts';
import type { Locale, Translate } from '../../lib/i18n';
import { toCheckInput, toFormValues, type CheckFormValues } from './check-form-values';

/**
 * The YAML view's text for the editor's values: what `ganzhi export` writes for the check once it is saved (the
 * same function writes both). A check the schema still refuses (no name yet) is written as the form holds it,
 * without defaults, so it can be finished in YAML.
 */
export function checkYamlOf(values: CheckFormValues): string {
  const input = toCheckInput(values);
  const parsed = checkInputSchema.safeParse(input);
  return checksToYaml([parsed.success ? parsed.data : input]);
}

export type CheckYamlValues =
  | { readonly ok: true; readonly input: CheckInput; readonly values: CheckFormValues }
  | { readonly ok: false; readonly issues: readonly CheckYamlIssue[] };

/**
 * Reads the YAML view's text with the schema `ganzhi apply` uses, and gives the editor's values for it; the schema's
 * generic messages are in the user's language.
 */
export function readCheckYamlValues(text: string, locale: Locale): CheckYamlValues {
  const reading = readCheckYaml(text, { language: locale });
  if (!reading.ok) return reading;
  return { ok: true, input: reading.check, values: toFormValues(reading.check) };
}

/**
 * One problem in the user's language where the console adds words (a syntax error, more than one check); the
 * schema's and the server's own messages are shown as written, as `ganzhi apply` shows them.
 */
export function describeYamlIssue(issue: CheckYamlIssue, t: Translate): string {
  switch (issue.kind) {
    case 'syntax':
      return t('yaml.syntax', { message: issue.message });
    case 'count':
      return t('yaml.count', { count: issue.checks ?? 0 });
    default:
      return issue.message;
  }
}

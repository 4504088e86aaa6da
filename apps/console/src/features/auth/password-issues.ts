import type { FieldIssue } from '../../lib/api-error';
import type { Translate } from '../../lib/i18n';

/**
 * The server's password-policy texts in the user's language; any other text is shown as the server wrote it.
 * The server's wording is fixed by its policy (`password-policy.ts`): at least 10 characters, not the username,
 * not a common password.
 */
export function passwordIssueMessage(issue: FieldIssue, t: Translate): string {
  const tooShort = /^at least (\d+) characters$/.exec(issue.message);
  if (tooShort) return t('password.tooShort', { count: tooShort[1] ?? '10' });
  if (issue.message === 'must not be or contain the username') return t('password.containsUsername');
  if (issue.message.startsWith('too common')) return t('password.tooCommon');
  if (issue.message === 'wrong password') return t('password.wrongCurrent');
  if (issue.message === 'must differ from the current password') return t('password.sameAsCurrent');
  return issue.message;
}

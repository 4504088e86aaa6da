import { Alert, Button } from 'antd';
import { useI18n } from '../../../lib/i18n';
import type { FieldPath, FormIssue } from '../check-form-issues';
import type { CheckFormValues } from '../check-form-values';
import { describeIssueLocation } from '../issue-location';

export interface FormIssueSummaryProps {
  readonly issues: readonly FormIssue[];
  readonly values: CheckFormValues;
  /** Other form-wide messages (a failed save), shown first. */
  readonly messages: readonly string[];
  readonly onReveal: (field: FieldPath) => void;
}

/** Every problem at the top of the editor, each naming its place; a click scrolls to the field. */
export function FormIssueSummary({ issues, values, messages, onReveal }: FormIssueSummaryProps) {
  const { t } = useI18n();
  if (issues.length === 0 && messages.length === 0) return null;
  // The same text at the same place is one problem, even when two rules report it.
  const unique = issues.filter(
    (issue, index) =>
      issues.findIndex((other) => other.path === issue.path && other.message === issue.message) === index,
  );
  return (
    <Alert
      type="error"
      showIcon
      className="load-error issue-summary"
      data-testid="check-form-error"
      message={issues.length > 0 ? t('issues.title', { count: unique.length }) : messages[0]}
      description={
        <>
          {(issues.length > 0 ? messages : messages.slice(1)).map((text) => (
            <div key={text}>{text}</div>
          ))}
          {unique.length > 0 && (
            <ul className="issue-list" data-testid="issue-list">
              {unique.map((issue) => {
                const { field } = issue;
                const location = describeIssueLocation(issue.path, values, t);
                return (
                  <li key={`${issue.path}:${issue.message}`} data-path={issue.path}>
                    {field ? (
                      <Button type="link" size="small" className="issue-link" onClick={() => onReveal(field)}>
                        {location}
                      </Button>
                    ) : (
                      <strong>{location}</strong>
                    )}
                    {t('issues.colon')}
                    {issue.message}
                  </li>
                );
              })}
            </ul>
          )}
        </>
      }
    />
  );
}

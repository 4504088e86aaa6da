import type { CheckYamlIssue } from '@ganzhi/contracts';
import { Alert, Button, Card, Input, Typography, type GetRef } from 'antd';
import { useRef } from 'react';
import { useI18n } from '../../../lib/i18n';
import { describeYamlIssue } from '../check-yaml-text';

export interface CheckYamlEditorProps {
  readonly text: string;
  readonly issues: readonly CheckYamlIssue[];
  readonly onChange: (text: string) => void;
}

/** Offsets of the start and end of a 1-based line of `text`. */
function lineRange(text: string, line: number): [number, number] {
  let start = 0;
  for (let current = 1; current < line; current += 1) {
    const next = text.indexOf('\n', start);
    if (next < 0) break;
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return [start, end < 0 ? text.length : end];
}

/**
 * The check as YAML, exactly as `ganzhi export` writes it, in a monospace text area (no code editor ships with the
 * console). Problems list their line and field path; a click selects the line.
 */
export function CheckYamlEditor({ text, issues, onChange }: CheckYamlEditorProps) {
  const { t } = useI18n();
  const area = useRef<GetRef<typeof Input.TextArea>>(null);

  const selectLine = (line: number) => {
    const element = area.current?.resizableTextArea?.textArea;
    if (!element) return;
    const [start, end] = lineRange(text, line);
    element.focus();
    element.setSelectionRange(start, end);
    // Focus alone does not scroll a long text area to the selection in every browser.
    const lineHeight = Number.parseFloat(getComputedStyle(element).lineHeight) || 20;
    element.scrollTop = Math.max(0, (line - 3) * lineHeight);
  };

  return (
    <Card title={t('yaml.title')} size="small" className="section-card" data-testid="check-yaml-view">
      <Typography.Paragraph type="secondary">{t('yaml.help')}</Typography.Paragraph>
      {issues.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="load-error issue-summary"
          data-testid="yaml-issues"
          message={t('yaml.issuesTitle', { count: issues.length })}
          description={
            <ul className="issue-list">
              {issues.map((issue, index) => (
                <li key={`${index}:${issue.path}`} data-line={issue.line} data-path={issue.path}>
                  <Button
                    type="link"
                    size="small"
                    className="issue-link"
                    onClick={() => selectLine(issue.line)}
                  >
                    {t('yaml.line', { line: issue.line })}
                    {issue.path === '' ? '' : ` · ${issue.path}`}
                  </Button>
                  {t('issues.colon')}
                  {describeYamlIssue(issue, t)}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Input.TextArea
        ref={area}
        className="code-input"
        value={text}
        onChange={(event) => onChange(event.target.value)}
        autoSize={{ minRows: 16, maxRows: 48 }}
        spellCheck={false}
        status={issues.length > 0 ? 'error' : undefined}
        aria-label={t('yaml.title')}
        data-testid="check-yaml"
      />
    </Card>
  );
}

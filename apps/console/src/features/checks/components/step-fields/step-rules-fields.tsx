import { comparisonSchema, type StepKind } from '@ganzhi/contracts';
import { Button, Checkbox, Form, Input, Select, Tooltip, Typography } from 'antd';
import { useI18n } from '../../../../lib/i18n';
import {
  needsExpression,
  needsValue,
  newAssertRow,
  newExtractRow,
  RULE_SOURCES,
  type AssertSubject,
  type ExtractSource,
} from '../../step-forms';
import { stepPath, type StepFieldsProps } from './step-fields-props';

/** Examples of each expression, the same in every language. */
const EXPRESSION_EXAMPLES: Readonly<Record<ExtractSource | AssertSubject, string>> = {
  jsonPath: '$.data.token',
  regex: 'balance=(\\d+)',
  header: 'Content-Type',
  cookie: 'session',
  css: '#balance',
  text: '#welcome',
  element: '#login-button',
  status: '',
  body: '',
  latencyMs: '',
};

interface RuleProps extends StepFieldsProps {
  readonly kind: StepKind;
}

interface RowProps extends RuleProps {
  readonly row: number;
  readonly remove: (index: number) => void;
}

function ExtractRowFields({ index, testId, kind, row, remove }: RowProps) {
  const { t } = useI18n();
  const from = Form.useWatch<ExtractSource | undefined>(stepPath(index, 'extract', row, 'from'));
  const rowTestId = `${testId}-extract-${row}`;
  return (
    <div className="row-list-row">
      <Form.Item name={[row, 'variable']} className="row-cell row-cell-name">
        <Input
          placeholder={t('rules.variable')}
          addonBefore="{{"
          addonAfter="}}"
          data-testid={`${rowTestId}-variable`}
        />
      </Form.Item>
      <Form.Item name={[row, 'from']} className="row-cell row-cell-select">
        <Select
          options={RULE_SOURCES[kind].extract.map((source) => ({
            value: source,
            label: t(`source.${source}`),
            title: source,
          }))}
          popupMatchSelectWidth={false}
          // Short lists: all options rendered, so each can be found and clicked without scrolling.
          virtual={false}
          data-testid={`${rowTestId}-from`}
        />
      </Form.Item>
      <Form.Item name={[row, 'expression']} className="row-cell row-cell-grow">
        <Input
          className="code-input"
          disabled={from !== undefined && !needsExpression(from)}
          placeholder={from ? EXPRESSION_EXAMPLES[from] || t('rules.noExpression') : ''}
          data-testid={`${rowTestId}-expression`}
        />
      </Form.Item>
      <Form.Item name={[row, 'secret']} valuePropName="checked" className="row-cell">
        <Checkbox data-testid={`${rowTestId}-secret`}>
          <Tooltip title={t('rules.secretHelp')}>
            <span>{t('rules.secret')}</span>
          </Tooltip>
        </Checkbox>
      </Form.Item>
      <Button type="link" danger size="small" onClick={() => remove(row)} className="row-remove">
        {t('common.remove')}
      </Button>
    </div>
  );
}

const COMPARISONS = comparisonSchema.options;

function AssertRowFields({ index, testId, kind, row, remove }: RowProps) {
  const { t } = useI18n();
  const subject = Form.useWatch<AssertSubject | undefined>(stepPath(index, 'assert', row, 'subject'));
  const comparison = Form.useWatch<(typeof COMPARISONS)[number] | undefined>(
    stepPath(index, 'assert', row, 'comparison'),
  );
  const rowTestId = `${testId}-assert-${row}`;
  return (
    <div className="row-list-row">
      <Form.Item name={[row, 'subject']} className="row-cell row-cell-select">
        <Select
          options={RULE_SOURCES[kind].assert.map((source) => ({
            value: source,
            label: t(`source.${source}`),
            title: source,
          }))}
          popupMatchSelectWidth={false}
          // Short lists: all options rendered, so each can be found and clicked without scrolling.
          virtual={false}
          data-testid={`${rowTestId}-subject`}
        />
      </Form.Item>
      <Form.Item name={[row, 'expression']} className="row-cell row-cell-grow">
        <Input
          className="code-input"
          disabled={subject !== undefined && !needsExpression(subject)}
          placeholder={subject ? EXPRESSION_EXAMPLES[subject] || t('rules.noExpression') : ''}
          data-testid={`${rowTestId}-expression`}
        />
      </Form.Item>
      <Form.Item name={[row, 'comparison']} className="row-cell row-cell-select">
        <Select
          options={COMPARISONS.map((value) => ({ value, label: t(`comparison.${value}`), title: value }))}
          popupMatchSelectWidth={false}
          // Short lists: all options rendered, so each can be found and clicked without scrolling.
          virtual={false}
          data-testid={`${rowTestId}-comparison`}
        />
      </Form.Item>
      <Form.Item name={[row, 'value']} className="row-cell row-cell-value">
        <Input
          disabled={comparison !== undefined && !needsValue(comparison)}
          placeholder={t('rules.value')}
          data-testid={`${rowTestId}-value`}
        />
      </Form.Item>
      <Button type="link" danger size="small" onClick={() => remove(row)} className="row-remove">
        {t('common.remove')}
      </Button>
    </div>
  );
}

/** Values taken from the step's response into variables for later steps. */
export function ExtractFields(props: RuleProps) {
  const { t } = useI18n();
  const { index, testId, kind } = props;
  return (
    <Form.Item label={t('rules.extract')} tooltip={t('rules.extractHelp')}>
      <Form.List name={[index, 'extract']}>
        {(fields, { add, remove }) => (
          <div className="row-list">
            {fields.length === 0 && (
              <Typography.Text type="secondary">{t('rules.noExtract')}</Typography.Text>
            )}
            {fields.map((field) => (
              <ExtractRowFields key={field.key} {...props} row={field.name} remove={remove} />
            ))}
            <Button
              type="dashed"
              size="small"
              onClick={() => add(newExtractRow(kind))}
              data-testid={`${testId}-add-extract`}
            >
              + {t('rules.addExtract')}
            </Button>
          </div>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** Checks on what the step observed, beyond the kind's own expectations. */
export function AssertFields(props: RuleProps) {
  const { t } = useI18n();
  const { index, testId, kind } = props;
  return (
    <Form.Item label={t('rules.assert')}>
      <Form.List name={[index, 'assert']}>
        {(fields, { add, remove }) => (
          <div className="row-list">
            {fields.length === 0 && <Typography.Text type="secondary">{t('rules.noAssert')}</Typography.Text>}
            {fields.map((field) => (
              <AssertRowFields key={field.key} {...props} row={field.name} remove={remove} />
            ))}
            <Button
              type="dashed"
              size="small"
              onClick={() => add(newAssertRow(kind))}
              data-testid={`${testId}-add-assert`}
            >
              + {t('rules.addAssert')}
            </Button>
          </div>
        )}
      </Form.List>
    </Form.Item>
  );
}

import { Button, Col, Form, Input, InputNumber, Row, Select, Switch, Tooltip } from 'antd';
import { useI18n, type Translate } from '../../../../lib/i18n';
import {
  BROWSER_ACTION_FIELDS,
  BROWSER_ACTION_TYPES,
  WAIT_STATES,
  type BrowserActionField,
  type BrowserActionRow,
  type BrowserActionType,
} from '../../step-forms';
import { stepPath, type StepFieldsProps } from './step-fields-props';
import { TimeoutField } from './timeout-field';

const FIELD_PLACEHOLDERS: Readonly<Record<BrowserActionField, string>> = {
  url: 'https://www.example.com/',
  selector: '#login-button',
  value: '{{phone}}',
  key: 'Enter',
  state: '',
  text: '',
};

function actionFieldInput(
  field: BrowserActionField,
  context: { t: Translate; testId: string; optional: boolean },
) {
  const { t, testId, optional } = context;
  if (field === 'state') {
    return (
      <Select
        options={WAIT_STATES.map((state) => ({ value: state, label: t(`waitState.${state}`) }))}
        data-testid={testId}
      />
    );
  }
  const placeholder = optional
    ? t('field.optional', { field: t(`field.${field}`) })
    : FIELD_PLACEHOLDERS[field] || t(`field.${field}`);
  return (
    <Input
      placeholder={placeholder}
      className={field === 'text' ? undefined : 'code-input'}
      data-testid={testId}
    />
  );
}

interface ActionRowProps extends StepFieldsProps {
  readonly actionIndex: number;
  readonly count: number;
  readonly move: (from: number, to: number) => void;
  readonly remove: (index: number) => void;
}

/** One action: its type, then the fields that type takes. */
function ActionRow({ index, testId, actionIndex, count, move, remove }: ActionRowProps) {
  const { t } = useI18n();
  const action = Form.useWatch<BrowserActionType | undefined>(
    stepPath(index, 'actions', actionIndex, 'action'),
  );
  const rowTestId = `${testId}-action-${actionIndex}`;
  return (
    <div className="row-list-row" data-testid={rowTestId}>
      <span className="row-number">{actionIndex + 1}</span>
      <Form.Item name={[actionIndex, 'action']} className="row-cell row-cell-action">
        <Select
          options={BROWSER_ACTION_TYPES.map((type) => ({
            value: type,
            label: t(`action.${type}`),
            title: type,
          }))}
          popupMatchSelectWidth={false}
          virtual={false}
          data-testid={`${rowTestId}-type`}
        />
      </Form.Item>
      {(action ? BROWSER_ACTION_FIELDS[action] : []).map(({ field, optional = false }) => (
        <Form.Item
          key={field}
          name={[actionIndex, field]}
          className={
            field === 'state' || field === 'key' ? 'row-cell row-cell-small' : 'row-cell row-cell-grow'
          }
        >
          {actionFieldInput(field, { t, testId: `${rowTestId}-${field}`, optional })}
        </Form.Item>
      ))}
      {action === 'waitForNavigation' && <span className="row-cell-grow" />}
      <span className="row-buttons">
        <Tooltip title={t('flow.moveUp')}>
          <Button
            size="small"
            type="text"
            aria-label={t('flow.moveUp')}
            disabled={actionIndex === 0}
            onClick={() => move(actionIndex, actionIndex - 1)}
          >
            ↑
          </Button>
        </Tooltip>
        <Tooltip title={t('flow.moveDown')}>
          <Button
            size="small"
            type="text"
            aria-label={t('flow.moveDown')}
            disabled={actionIndex === count - 1}
            onClick={() => move(actionIndex, actionIndex + 1)}
          >
            ↓
          </Button>
        </Tooltip>
        <Button size="small" type="link" danger onClick={() => remove(actionIndex)}>
          {t('common.remove')}
        </Button>
      </span>
    </div>
  );
}

function ActionList(props: StepFieldsProps) {
  const { t } = useI18n();
  const { index, testId } = props;
  const newAction: BrowserActionRow = { action: 'click', selector: '' };
  return (
    <Form.Item label={t('field.actions')} required>
      <Form.List name={[index, 'actions']}>
        {(fields, { add, remove, move }) => (
          <div className="row-list">
            {fields.map((field) => (
              <ActionRow
                key={field.key}
                {...props}
                actionIndex={field.name}
                count={fields.length}
                move={move}
                remove={remove}
              />
            ))}
            <Button
              type="dashed"
              size="small"
              onClick={() => add(newAction)}
              data-testid={`${testId}-add-action`}
            >
              + {t('field.addAction')}
            </Button>
          </div>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** A real-browser journey: ordered actions, the window size, and whether to keep a screenshot on success. */
export function BrowserStepFields(props: StepFieldsProps) {
  const { t } = useI18n();
  const { index, testId } = props;
  return (
    <>
      <ActionList {...props} />
      <Row gutter={16}>
        <Col xs={12} md={5}>
          <Form.Item name={[index, 'viewport', 'width']} label={t('field.viewportWidth')}>
            <InputNumber
              min={320}
              max={3840}
              precision={0}
              className="full-width"
              data-testid={`${testId}-viewport-width`}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={5}>
          <Form.Item name={[index, 'viewport', 'height']} label={t('field.viewportHeight')}>
            <InputNumber
              min={240}
              max={2160}
              precision={0}
              className="full-width"
              data-testid={`${testId}-viewport-height`}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <TimeoutField {...props} />
        </Col>
        <Col xs={12} md={8}>
          <Form.Item
            name={[index, 'screenshotOnSuccess']}
            label={t('field.screenshotOnSuccess')}
            valuePropName="checked"
          >
            <Switch size="small" data-testid={`${testId}-screenshot-on-success`} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

import { Button, Form, Input, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../../lib/i18n';

export interface KeyValueListProps {
  /** The list's name, relative to the enclosing Form.List field when inside one. */
  readonly name: (string | number)[] | string;
  readonly label: ReactNode;
  readonly addLabel: string;
  readonly namePlaceholder: string;
  readonly valuePlaceholder: string;
  /** Prefix of each cell's test id: `<prefix>-name-0`, `<prefix>-value-0`, `<prefix>-add`. */
  readonly testId: string;
  readonly emptyText?: string;
  readonly extra?: ReactNode;
}

/** Name/value rows (headers, form fields, variables): add, edit, remove; rows without a name are ignored. */
export function KeyValueList(props: KeyValueListProps) {
  const { t } = useI18n();
  return (
    <Form.Item label={props.label} extra={props.extra}>
      <Form.List name={props.name}>
        {(fields, { add, remove }) => (
          <div className="row-list">
            {fields.length === 0 && props.emptyText && (
              <Typography.Text type="secondary" className="row-list-empty">
                {props.emptyText}
              </Typography.Text>
            )}
            {fields.map((field) => (
              <div key={field.key} className="row-list-row">
                <Form.Item name={[field.name, 'name']} className="row-cell row-cell-name">
                  <Input
                    placeholder={props.namePlaceholder}
                    data-testid={`${props.testId}-name-${field.name}`}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'value']} className="row-cell row-cell-grow">
                  <Input
                    placeholder={props.valuePlaceholder}
                    data-testid={`${props.testId}-value-${field.name}`}
                  />
                </Form.Item>
                <Button type="link" danger onClick={() => remove(field.name)} className="row-remove">
                  {t('common.remove')}
                </Button>
              </div>
            ))}
            <Button
              type="dashed"
              size="small"
              onClick={() => add({ name: '', value: '' })}
              data-testid={`${props.testId}-add`}
            >
              + {props.addLabel}
            </Button>
          </div>
        )}
      </Form.List>
    </Form.Item>
  );
}

import { Button, Drawer, Space } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n';

export interface FormDrawerProps {
  readonly open: boolean;
  readonly title: string;
  readonly width: number;
  readonly onClose: () => void;
  readonly onSubmit: () => void;
  readonly submitting: boolean;
  readonly submitLabel: string;
  /** `data-testid` of the submit button. */
  readonly submitTestId: string;
  /** Unmount the form when closed (default), so the next opening starts fresh. */
  readonly destroyOnHidden?: boolean;
  readonly children: ReactNode;
}

/**
 * The editor drawer of the console: cancel and submit at the top right, the form below.
 * @example <FormDrawer open title="新建角色" width={640} … submitLabel={t('common.save')}>{form}</FormDrawer>
 */
export function FormDrawer(props: FormDrawerProps) {
  const { t } = useI18n();
  return (
    <Drawer
      open={props.open}
      onClose={props.onClose}
      width={props.width}
      title={props.title}
      destroyOnHidden={props.destroyOnHidden ?? true}
      extra={
        <Space>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={props.submitting}
            onClick={props.onSubmit}
            data-testid={props.submitTestId}
          >
            {props.submitLabel}
          </Button>
        </Space>
      }
    >
      {props.children}
    </Drawer>
  );
}

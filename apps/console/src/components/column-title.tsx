import { QuestionCircleOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import type { ReactNode } from 'react';

/**
 * A table column title with its explanation in a tooltip behind a question mark, for columns whose meaning or unit
 * is not obvious from the title alone.
 * @example <ColumnTitle title="P / A (tpmC)" help="Planned / configured TPC-C capacity" />
 */
export function ColumnTitle({ title, help }: { readonly title: ReactNode; readonly help: ReactNode }) {
  return (
    <Tooltip title={help}>
      <span className="nowrap">
        {title} <QuestionCircleOutlined style={{ color: 'rgba(0, 0, 0, 0.45)', fontSize: 12 }} />
      </span>
    </Tooltip>
  );
}

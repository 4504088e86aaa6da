import { Spin } from 'antd';
import { ConfigContext } from 'antd/es/config-provider/context';
import DefaultRenderEmpty from 'antd/es/config-provider/defaultRenderEmpty';
import useCSSVarCls from 'antd/es/config-provider/hooks/useCSSVarCls';
import RcTable from 'antd/es/table/RcTable';
import useStyle from 'antd/es/table/style';
import type { ColumnsType, TableProps } from 'rc-table';
import { useContext, type HTMLAttributes } from 'react';

export interface LightTableProps<Row> {
  readonly columns: ColumnsType<Row>;
  readonly dataSource: readonly Row[];
  readonly rowKey: (row: Row) => string;
  /** Only `small` is drawn; antd's default size is not needed by any light table yet. */
  readonly size: 'small';
  readonly loading?: boolean;
  /** Set on the wrapper, as antd's Table does (the console's CSS targets `.nowrap-table` and `.keep-words-table`). */
  readonly className?: string;
  readonly onRow?: (row: Row) => HTMLAttributes<HTMLElement>;
  readonly 'data-testid'?: string;
}

/**
 * antd's Table as it draws a short read-only list (no pagination, sorting, filtering, selection or expansion): the
 * same rc-table, the same styles and the same markup (wrapper, spinner, empty state), without the code for those
 * features. antd's Table imports its pagination (with a select), filter menus (with a tree, checkboxes and radios,
 * which bring the form library) and virtual scrolling on every page that shows one table, about 90 KiB of gzip;
 * the quality overview, where sign-in leads, draws only lists like this. Pages with paged or sorted lists keep
 * antd's Table.
 * @example <LightTable size="small" rowKey={(row) => row.id} dataSource={rows} columns={[{ title: 'Name', dataIndex: 'name' }]} />
 */
export function LightTable<Row extends object>({
  columns,
  dataSource,
  rowKey,
  size,
  loading = false,
  className,
  onRow,
  'data-testid': testId,
}: LightTableProps<Row>) {
  const { getPrefixCls, direction, renderEmpty } = useContext(ConfigContext);
  const prefixCls = getPrefixCls('table');
  const rootCls = useCSSVarCls(prefixCls);
  const [wrapCSSVar, hashId, cssVarCls] = useStyle(prefixCls, rootCls);
  const classes = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ');
  const tableProps: TableProps<Row> = {
    prefixCls,
    direction,
    columns,
    data: dataSource,
    rowKey,
    onRow,
    emptyText: renderEmpty?.('Table') ?? <DefaultRenderEmpty componentName="Table" />,
    className: classes(
      size === 'small' && `${prefixCls}-small`,
      dataSource.length === 0 && `${prefixCls}-empty`,
      cssVarCls,
      rootCls,
      hashId,
    ),
  };
  return wrapCSSVar(
    <div className={classes(cssVarCls, rootCls, `${prefixCls}-wrapper`, className, hashId)}>
      <Spin spinning={loading}>
        <RcTable<Row> {...tableProps} data-testid={testId} />
      </Spin>
    </div>,
  );
}

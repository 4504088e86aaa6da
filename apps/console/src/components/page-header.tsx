import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

export interface PageHeaderProps {
  readonly title: ReactNode;
  readonly subTitle?: ReactNode;
  readonly extra?: ReactNode;
}

/** Page title with actions on the right (antd 5 dropped its PageHeader). */
export function PageHeader({ title, subTitle, extra }: PageHeaderProps) {
  return (
    <Flex className="page-header" justify="space-between" align="flex-start" gap={16} wrap>
      <div className="page-header-text">
        <Typography.Title level={3} className="page-title">
          {title}
        </Typography.Title>
        {subTitle && <div className="page-subtitle">{subTitle}</div>}
      </div>
      {extra && (
        <Flex gap={8} wrap align="center">
          {extra}
        </Flex>
      )}
    </Flex>
  );
}

import { Space, Tag } from 'antd';

/** Variables as `name = value` tags; secret values arrive masked from the probe and are shown as they came. */
export function VariableTags({ variables }: { variables: Readonly<Record<string, string>> }) {
  return (
    <Space size={[6, 6]} wrap>
      {Object.entries(variables).map(([name, value]) => (
        <Tag key={name} className="variable-tag" data-testid={`variable-${name}`}>
          <code>{`{{${name}}}`}</code> = <code>{value}</code>
        </Tag>
      ))}
    </Space>
  );
}

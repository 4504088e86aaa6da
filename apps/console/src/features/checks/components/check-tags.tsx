import { Tag } from 'antd';

/** A check's free-form tags. */
export function CheckTags({ tags }: { tags: readonly string[] }) {
  return (
    <>
      {tags.map((tag) => (
        <Tag key={tag}>{tag}</Tag>
      ))}
    </>
  );
}

import { Button, Flex, Input, Tag, TreeSelect } from 'antd';
import { useI18n } from '../../../lib/i18n';
import type { ListParamsControl } from '../../../lib/use-list-params';
import { regionTreeOptions, useDimensions } from '../../dimensions';

/**
 * The checks list's filters that are not column filters: name text, a region (with everything below it, as the
 * server selects it), a tag, and the location a link may have set. Each one is a URL parameter.
 */
export function CheckListFilters({ list }: { list: ListParamsControl }) {
  const { t, locale } = useI18n();
  const dimensions = useDimensions();
  const { filters } = list.params;
  const hasFilters = Object.keys(filters).length > 0;
  return (
    <Flex gap="small" wrap className="list-filter" data-testid="checks-filters">
      <Input.Search
        allowClear
        placeholder={t('checks.filter.text')}
        defaultValue={filters.text}
        // Remounted when the URL changes elsewhere (clear filters, back button), so the box shows what is applied.
        key={`text-${filters.text ?? ''}`}
        onSearch={(value) => list.setFilters({ text: value.trim() })}
        style={{ width: 240 }}
        data-testid="checks-filter-text"
      />
      <TreeSelect
        allowClear
        showSearch
        treeNodeFilterProp="title"
        placeholder={t('checks.filter.region')}
        value={filters.region}
        treeData={regionTreeOptions(dimensions.data, locale)}
        onChange={(value: string | undefined) => list.setFilters({ region: value ?? null })}
        style={{ width: 220 }}
        data-testid="checks-filter-region"
      />
      <Input.Search
        allowClear
        placeholder={t('checks.filter.tag')}
        defaultValue={filters.tag}
        key={`tag-${filters.tag ?? ''}`}
        onSearch={(value) => list.setFilters({ tag: value.trim() })}
        style={{ width: 160 }}
        data-testid="checks-filter-tag"
      />
      {filters.location !== undefined && (
        <Tag
          closable
          onClose={() => list.setFilters({ location: null })}
          color="blue"
          data-testid="checks-location-filter"
        >
          {t('checks.locationFilter', { location: filters.location })}
        </Tag>
      )}
      {hasFilters && (
        <Button
          type="link"
          onClick={() =>
            list.setFilters(Object.fromEntries(Object.keys(filters).map((name) => [name, null])))
          }
        >
          {t('list.clearFilters')}
        </Button>
      )}
    </Flex>
  );
}

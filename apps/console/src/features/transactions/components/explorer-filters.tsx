import type { Dimensions } from '@ganzhi/contracts';
import { Button, Card, Flex, Segmented, Select, TreeSelect, Typography } from 'antd';
import { useI18n } from '../../../lib/i18n';
import { dimensionOptions, regionTreeOptions } from '../../dimensions';
import {
  COMPARE_OPTIONS,
  FILTER_KEYS,
  hasFilters,
  type ExplorerState,
  type FilterKey,
} from '../explorer-state';

export interface ExplorerFiltersProps {
  readonly state: ExplorerState;
  readonly onChange: (next: Partial<ExplorerState>) => void;
  readonly dimensions: Dimensions | undefined;
}

const SELECT_STYLE = { minWidth: 170, maxWidth: 300 };

/** Channel, business, region (the city tree) and segment filters, and what to compare side by side. */
export function ExplorerFilters({ state, onChange, dimensions }: ExplorerFiltersProps) {
  const { t, locale } = useI18n();
  const filter = (key: FilterKey) =>
    key === 'region' ? (
      <TreeSelect
        key={key}
        multiple
        allowClear
        showSearch
        treeDefaultExpandAll
        treeNodeFilterProp="title"
        maxTagCount="responsive"
        style={SELECT_STYLE}
        popupMatchSelectWidth={240}
        placeholder={t('transactions.filter.region')}
        value={[...state.region]}
        onChange={(values: string[]) => onChange({ region: values })}
        treeData={regionTreeOptions(dimensions, locale)}
        data-testid="transactions-filter-region"
      />
    ) : (
      <Select
        key={key}
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        optionFilterProp="label"
        style={SELECT_STYLE}
        placeholder={t(`transactions.filter.${key}`)}
        value={[...state[key]]}
        onChange={(values: string[]) => onChange({ [key]: values })}
        options={dimensionOptions(dimensions, key, locale).map((option) => ({
          value: option.value,
          label: option.label,
        }))}
        data-testid={`transactions-filter-${key}`}
      />
    );
  return (
    <Card size="small" className="section-card">
      <Flex wrap gap={12} align="center" justify="space-between">
        <Flex wrap gap={8} align="center">
          {FILTER_KEYS.map(filter)}
          {hasFilters(state) && (
            <Button
              type="link"
              onClick={() => onChange({ channel: [], business: [], region: [], segment: [] })}
              data-testid="transactions-clear-filters"
            >
              {t('transactions.filter.clear')}
            </Button>
          )}
        </Flex>
        <Flex gap={8} align="center">
          <Typography.Text type="secondary">{t('transactions.compareBy')}</Typography.Text>
          <Segmented
            value={state.compare}
            onChange={(compare) => onChange({ compare })}
            options={COMPARE_OPTIONS.map((value) => ({
              value,
              label: (
                <span data-testid={`transactions-compare-${value}`}>
                  {t(`transactions.compare.${value}`)}
                </span>
              ),
            }))}
            data-testid="transactions-compare"
          />
        </Flex>
      </Flex>
    </Card>
  );
}

import { TreeSelect } from 'antd';
import { useI18n } from '../../../lib/i18n';
import { usePermissions } from '../../auth';
import { regionTreeOptions, scopedRegionTreeOptions, useDimensions } from '../../dimensions';

export interface RegionScopeSelectProps {
  readonly value?: string[];
  readonly onChange?: (value: string[]) => void;
  readonly testId: string;
}

/**
 * Picks a region scope from the region tree: a region includes everything under it, and nothing picked means the
 * whole province. Only the regions inside the signed-in user's own scope are offered.
 */
export function RegionScopeSelect({ value, onChange, testId }: RegionScopeSelectProps) {
  const { t, locale } = useI18n();
  const dimensions = useDimensions();
  const { regions } = usePermissions();
  return (
    <TreeSelect
      multiple
      allowClear
      treeDefaultExpandAll
      showSearch
      treeNodeFilterProp="title"
      loading={dimensions.isPending}
      value={value}
      onChange={(next: string[]) => onChange?.(next)}
      treeData={scopedRegionTreeOptions(regionTreeOptions(dimensions.data, locale), regions)}
      placeholder={regions.length === 0 ? t('access.wholeProvince') : t('admin.regionsPlaceholder')}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}

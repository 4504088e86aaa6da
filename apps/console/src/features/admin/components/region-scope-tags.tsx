import { Tag } from 'antd';
import { useI18n } from '../../../lib/i18n';
import { regionScopeNames, useDimensions } from '../../dimensions';

/** A region scope by name: one tag per region, or one "whole province" tag for an empty scope. */
export function RegionScopeTags({ regions }: { regions: readonly string[] }) {
  const { t, locale } = useI18n();
  const dimensions = useDimensions();
  if (regions.length === 0) return <Tag color="geekblue">{t('access.wholeProvince')}</Tag>;
  return (
    <>
      {regionScopeNames(dimensions.data, regions, locale).map((name, index) => (
        <Tag key={regions[index] ?? name} color="blue">
          {name}
        </Tag>
      ))}
    </>
  );
}

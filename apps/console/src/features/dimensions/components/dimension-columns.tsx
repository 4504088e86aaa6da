import type { Dimensions } from '@ganzhi/contracts';
import type { ColumnsType } from 'antd/es/table';
import type { Locale, Translate } from '../../../lib/i18n';
import type { DimensionItem, DimensionList } from '../dimension-fields';
import { nameOfCode } from '../dimension-names';

interface ColumnContext {
  readonly t: Translate;
  readonly locale: Locale;
  readonly dimensions: Dimensions | undefined;
}

/** The columns a list has besides code and name: business type, systems and SLA; region level; utilisation. */
export function extraColumnsOf(list: DimensionList, context: ColumnContext): ColumnsType<DimensionItem> {
  const { t, locale, dimensions } = context;
  if (list === 'businesses')
    return [
      {
        title: t('dimensions.type'),
        key: 'type',
        render: (_, item) => ('type' in item ? t(`dimensions.type.${item.type}`) : ''),
      },
      {
        title: t('dimensions.systems'),
        key: 'systems',
        render: (_, item) =>
          'systems' in item
            ? item.systems.map((code) => nameOfCode(dimensions, { kind: 'system', code, locale })).join('、')
            : '',
      },
      {
        title: t('dimensions.slaSeconds'),
        key: 'sla',
        align: 'right',
        render: (_, item) =>
          'slaMs' in item && item.slaMs !== null ? t('unit.seconds', { value: item.slaMs / 1000 }) : '—',
      },
    ];
  if (list === 'regions')
    return [
      {
        title: t('dimensions.level'),
        key: 'level',
        render: (_, item) => ('level' in item ? t(`dimensions.level.${item.level}`) : ''),
      },
    ];
  if (list === 'systems')
    return [
      {
        title: t('dimensions.plannedPercent'),
        key: 'u',
        align: 'right',
        render: (_, item) =>
          'plannedUtilisation' in item ? `${Math.round(item.plannedUtilisation * 1000) / 10} %` : '',
      },
    ];
  return [];
}

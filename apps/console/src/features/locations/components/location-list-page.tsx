import type { Location } from '@ganzhi/contracts';
import { Card, Flex, Input, Tag } from 'antd';
import { useState } from 'react';
import { LoadError } from '../../../components/load-error';
import { PageHeader } from '../../../components/page-header';
import { useI18n } from '../../../lib/i18n';
import type { ListParamOptions } from '../../../lib/list-params';
import { useListParams } from '../../../lib/use-list-params';
import { useServerTable } from '../../../lib/use-server-table';
import { nameOfCode, useDimensions } from '../../dimensions';
import { useLocationPage, useLocations } from '../api/location-api';
import { cityOfLocation } from '../city-points';
import { LocationEditModal } from './location-edit-modal';
import { LocationMapCard } from './location-map-card';
import { LocationTable } from './location-table';

/** The locations list's URL parameters; a city clicked on the map is its `region` filter. */
const LIST_OPTIONS: ListParamOptions = {
  filterNames: ['text', 'region'],
  defaultPageSize: 20,
  pageSizes: [20, 50, 100],
};

export function LocationListPage() {
  const { t, locale } = useI18n();
  // Every location for the map and names; the table shows the server's page.
  const locations = useLocations();
  const table = useServerTable<Location>({
    list: useListParams(LIST_OPTIONS),
    pageSizes: LIST_OPTIONS.pageSizes,
  });
  const { list, params } = table;
  const page = useLocationPage(table.query);
  const dimensions = useDimensions();
  const [editing, setEditing] = useState<Location | null>(null);
  // A city clicked on the map narrows the table to its locations.
  const cityCode = params.filters.region ?? null;
  const onCityClick = (code: string) => {
    // A city without locations would only empty the table; its tooltip already says so.
    if (locations.data?.some((location) => cityOfLocation(location) === code))
      list.setFilters({ region: code });
  };

  return (
    <>
      <PageHeader title={t('locations.title')} subTitle={t('common.autoRefresh')} />
      {locations.error && <LoadError error={locations.error} onRetry={() => void locations.refetch()} />}
      {page.error && <LoadError error={page.error} onRetry={() => void page.refetch()} />}
      <LocationMapCard locations={locations.data} onCityClick={onCityClick} />
      <Card
        size="small"
        className="section-card"
        title={
          <Flex gap="small" wrap align="center" className="list-filter">
            <Input.Search
              allowClear
              placeholder={t('locations.filter.text')}
              defaultValue={params.filters.text}
              // Remounted when the URL changes elsewhere (back button), so the box shows what is applied.
              key={`text-${params.filters.text ?? ''}`}
              onSearch={(value) => list.setFilters({ text: value.trim() })}
              style={{ width: 240 }}
              data-testid="locations-filter-text"
            />
            {cityCode !== null && (
              <Tag
                closable
                onClose={() => list.setFilters({ region: null })}
                color="blue"
                data-testid="locations-city-filter"
              >
                {t('locations.cityFilter', {
                  name: nameOfCode(dimensions.data, { kind: 'region', code: cityCode, locale }),
                })}
              </Tag>
            )}
          </Flex>
        }
      >
        <LocationTable
          table={table}
          page={page}
          locations={locations.data}
          dimensions={dimensions.data}
          onEdit={setEditing}
        />
      </Card>
      <LocationEditModal location={editing} onClose={() => setEditing(null)} />
    </>
  );
}

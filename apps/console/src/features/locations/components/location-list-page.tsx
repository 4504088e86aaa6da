import type { Location } from '@ganzhi/contracts';
import { Card, Tag } from 'antd';
import { useState } from 'react';
import { LoadError } from '../../../components/load-error';
import { PageHeader } from '../../../components/page-header';
import { useI18n } from '../../../lib/i18n';
import { nameOfCode, useDimensions } from '../../dimensions';
import { useLocations } from '../api/location-api';
import { cityOfLocation } from '../city-points';
import { LocationEditModal } from './location-edit-modal';
import { LocationMapCard } from './location-map-card';
import { LocationTable } from './location-table';

export function LocationListPage() {
  const { t, locale } = useI18n();
  const locations = useLocations();
  const dimensions = useDimensions();
  const [editing, setEditing] = useState<Location | null>(null);
  // A city clicked on the map narrows the table to its locations.
  const [cityCode, setCityCode] = useState<string | null>(null);
  const onCityClick = (code: string) => {
    // A city without locations would only empty the table; its tooltip already says so.
    if (locations.data?.some((location) => cityOfLocation(location) === code)) setCityCode(code);
  };
  const shown =
    cityCode === null
      ? locations.data
      : locations.data?.filter((location) => cityOfLocation(location) === cityCode);

  return (
    <>
      <PageHeader title={t('locations.title')} subTitle={t('common.autoRefresh')} />
      {locations.error && <LoadError error={locations.error} onRetry={() => void locations.refetch()} />}
      <LocationMapCard locations={locations.data} onCityClick={onCityClick} />
      <Card
        size="small"
        className="section-card"
        title={
          cityCode !== null && (
            <Tag closable onClose={() => setCityCode(null)} color="blue" data-testid="locations-city-filter">
              {t('locations.cityFilter', {
                name: nameOfCode(dimensions.data, { kind: 'region', code: cityCode, locale }),
              })}
            </Tag>
          )
        }
      >
        <LocationTable
          locations={shown}
          isLoading={locations.isPending}
          dimensions={dimensions.data}
          onEdit={setEditing}
        />
      </Card>
      <LocationEditModal location={editing} onClose={() => setEditing(null)} />
    </>
  );
}

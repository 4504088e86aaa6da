import type { Location } from '@ganzhi/contracts';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { ChartPanel } from '../../../components/chart-panel';
import { colorOfSuccessRatio } from '../../../lib/failure-tier';
import { formatRatioAsPercent } from '../../../lib/format-latency';
import { useI18n } from '../../../lib/i18n';
import { nameOfCode, useDimensions } from '../../dimensions';
import { locationDisplayName } from '../location-names';
import { buildLocationMapChartOption } from '../charts/location-map-chart-option';
import { cityPointsOf } from '../city-points';

const MAP_HEIGHT_PX = 440;

export interface LocationMapCardProps {
  readonly locations: readonly Location[] | undefined;
  /** Told the city code of a dot clicked on the map. */
  readonly onCityClick: (cityCode: string) => void;
}

function CoverageStats({ locations }: { locations: readonly Location[] }) {
  const { t } = useI18n();
  const { cities } = cityPointsOf(locations);
  const covered = cities.filter((city) => city.locations.length > 0).length;
  const sum = (pick: (location: Location) => number) =>
    locations.reduce((total, item) => total + pick(item), 0);
  const runs = sum((location) => location.lastHour.runs);
  const failureRatio = runs > 0 ? sum((location) => location.lastHour.failures) / runs : null;
  const stats = [
    { key: 'cities', title: t('locations.stat.cities'), value: `${covered} / ${cities.length}` },
    { key: 'locations', title: t('locations.stat.locations'), value: String(locations.length) },
    {
      key: 'agents',
      title: t('locations.stat.agents'),
      value: `${sum((location) => location.healthyAgents)} / ${sum((location) => location.agents)}`,
    },
    { key: 'runs', title: t('locations.stat.runs'), value: String(runs) },
    {
      key: 'failures',
      title: t('locations.stat.failures'),
      value: formatRatioAsPercent(failureRatio),
      color: colorOfSuccessRatio(failureRatio === null ? null : 1 - failureRatio),
    },
  ];
  return (
    <Row gutter={[16, 24]}>
      {stats.map((stat) => (
        <Col xs={12} key={stat.key}>
          <Statistic
            title={stat.title}
            value={stat.value}
            valueStyle={stat.color ? { color: stat.color } : undefined}
            data-testid={`locations-stat-${stat.key}`}
          />
        </Col>
      ))}
    </Row>
  );
}

/** Hunan's cities with their locations' last hour, beside coverage figures; unmapped locations are named below. */
export function LocationMapCard({ locations, onCityClick }: LocationMapCardProps) {
  const { t, locale } = useI18n();
  const dimensions = useDimensions();
  const option = useMemo(() => {
    if (!locations) return null;
    const { cities } = cityPointsOf(locations);
    const nameOfCity = (code: string) => nameOfCode(dimensions.data, { kind: 'region', code, locale });
    return buildLocationMapChartOption({ cities, nameOfCity, t });
  }, [locations, dimensions.data, locale, t]);
  const unmapped = locations ? cityPointsOf(locations).unmapped : [];

  return (
    <Row gutter={[16, 16]} className="section-card">
      <Col xs={24} xl={11}>
        <Card size="small" title={t('locations.map')}>
          <ChartPanel
            option={option}
            heightPx={MAP_HEIGHT_PX}
            testId="locations-map"
            onItemClick={onCityClick}
          />
        </Card>
      </Col>
      <Col xs={24} xl={13}>
        <Card size="small" className="locations-coverage">
          {locations && <CoverageStats locations={locations} />}
          <Typography.Paragraph type="secondary" className="locations-hint">
            {t('locations.mapHint')}
          </Typography.Paragraph>
          {unmapped.length > 0 && (
            <Typography.Paragraph type="secondary" data-testid="locations-unmapped">
              {t('locations.notOnMap', {
                codes: unmapped
                  .map((location) => {
                    const naming = { locations, dimensions: dimensions.data, locale, t };
                    const name = locationDisplayName(location.code, naming);
                    return name === location.code ? name : `${name} (${location.code})`;
                  })
                  .join(locale === 'zh-CN' ? '、' : ', '),
              })}
            </Typography.Paragraph>
          )}
        </Card>
      </Col>
    </Row>
  );
}

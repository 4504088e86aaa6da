// Quality feature: the customer-experience overview (channel × city heat map), service drill-down (KQIs, KPIs by
// layer, baselines, probes) and the rankings of the slowest and worst businesses.
export { QualityOverviewPage } from './components/quality-overview-page';
export { ServiceDrillPage } from './components/service-drill-page';
export { RankingPage } from './components/ranking-page';
export { IndicatorListPage } from './components/indicator-list-page';
export { useIndicators, useSaveIndicator, useResetIndicator } from './api/quality-api';
export { indicatorNameOf } from './indicator-names';

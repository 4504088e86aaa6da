// Checks feature: list, create/edit form and detail (charts, runs) of active probe checks. The canonical console feature.
export { CheckListPage } from './components/check-list-page';
export { CheckFormPage } from './components/check-form-page';
export { CheckDetailPage } from './components/check-detail-page';
export { CheckStatusTag } from './components/check-status-tag';
export { TIME_RANGES, isTimeRange, seriesWindowOf, type TimeRange } from './time-range';
export { TIERS } from './charts/tier-chart-option';

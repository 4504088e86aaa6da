import { Segmented, Select } from 'antd';
import { useI18n } from '../../../lib/i18n';
import { useLocations } from '../../locations';

/** Segmented buttons fit a few locations; beyond this many a select takes less room. */
const MAX_SEGMENTS = 5;
/** The "all locations" choice; no location code can look like this (codes are lower-case letters and digits). */
const ALL = '*';

export interface LocationPickerProps {
  /** The check's locations. */
  readonly locations: readonly string[];
  /** The chosen location, or null for all of them. */
  readonly value: string | null;
  readonly onChange: (location: string | null) => void;
}

/** Narrows a check's charts and runs to one of its locations; "all locations" by default. */
export function LocationPicker({ locations, value, onChange }: LocationPickerProps) {
  const { t } = useI18n();
  const known = useLocations();
  const nameOf = (code: string) => known.data?.find((location) => location.code === code)?.name ?? code;
  const options = [
    { value: ALL, label: t('detail.location.all') },
    ...locations.map((code) => ({ value: code, label: nameOf(code), title: code })),
  ];
  const select = (next: string) => onChange(next === ALL ? null : next);
  if (locations.length <= MAX_SEGMENTS) {
    return (
      <Segmented<string>
        aria-label={t('detail.location')}
        data-testid="location-picker"
        options={options}
        value={value ?? ALL}
        onChange={select}
      />
    );
  }
  return (
    <Select<string>
      aria-label={t('detail.location')}
      data-testid="location-picker"
      className="location-select"
      showSearch
      optionFilterProp="label"
      options={options}
      value={value ?? ALL}
      onChange={select}
    />
  );
}

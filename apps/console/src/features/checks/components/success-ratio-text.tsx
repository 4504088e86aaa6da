import { Typography } from 'antd';
import { colorOfSuccessRatio } from '../../../lib/failure-tier';
import { formatRatioAsPercent } from '../../../lib/format-latency';

/** A success ratio as a percent, coloured by the seed failure tiers (< 1 % failures good, > 10 % bad). */
export function SuccessRatioText({ ratio }: { ratio: number | null }) {
  if (ratio === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span style={{ color: colorOfSuccessRatio(ratio), fontWeight: 500 }}>{formatRatioAsPercent(ratio)}</span>
  );
}

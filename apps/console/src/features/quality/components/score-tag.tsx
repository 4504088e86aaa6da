import { Tag, Tooltip } from 'antd';
import { useI18n } from '../../../lib/i18n';
import { SCORE_BAND_COLORS, bandOfScore, formatScore } from '../score-band';

/** A 1–5 score coloured by its band; insufficient data says so instead of showing a number. */
export function ScoreTag({ score, testId }: { readonly score: number | null; readonly testId?: string }) {
  const { t } = useI18n();
  const band = bandOfScore(score);
  const tag = (
    <Tag
      color={SCORE_BAND_COLORS[band]}
      data-testid={testId}
      data-band={band}
      style={{ minWidth: 40, textAlign: 'center', fontWeight: 600 }}
    >
      {score === null ? '—' : formatScore(score)}
    </Tag>
  );
  return score === null ? <Tooltip title={t('quality.insufficient')}>{tag}</Tooltip> : tag;
}

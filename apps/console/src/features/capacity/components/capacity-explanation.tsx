import { Collapse, Typography } from 'antd';
import { useI18n } from '../../../lib/i18n';
import { CAPACITY_BAND_BOUNDS, formatSignedIndex } from '../capacity-bands';

/** The bounds the running and capability index tags are coloured by, as the explanations quote them. */
export const CAPACITY_BOUND_TEXT = {
  running: {
    good: CAPACITY_BAND_BOUNDS.running.good.toFixed(2),
    bad: CAPACITY_BAND_BOUNDS.running.bad.toFixed(2),
  },
  capability: {
    good: formatSignedIndex(CAPACITY_BAND_BOUNDS.capability.good),
    bad: formatSignedIndex(CAPACITY_BAND_BOUNDS.capability.bad),
  },
} as const;

/**
 * What the page's numbers mean (S000, docs/indicators.md §c): tpmC, P and A, and how the running and capability
 * indices are computed from them, with the bounds their colours use. Collapsed, so it costs one line once read.
 */
export function CapacityExplanation() {
  const { t } = useI18n();
  return (
    <Collapse
      size="small"
      className="section-card"
      data-testid="capacity-explanation"
      items={[
        {
          key: 'explain',
          label: t('capacity.explain.title'),
          children: (
            <Typography>
              <Typography.Paragraph>{t('capacity.explain.tpmc')}</Typography.Paragraph>
              <Typography.Paragraph>{t('capacity.explain.pa')}</Typography.Paragraph>
              <Typography.Paragraph>
                {t('capacity.explain.running', CAPACITY_BOUND_TEXT.running)}
              </Typography.Paragraph>
              <Typography.Paragraph>
                {t('capacity.explain.capability', CAPACITY_BOUND_TEXT.capability)}
              </Typography.Paragraph>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                {t('capacity.explain.example')}
              </Typography.Paragraph>
            </Typography>
          ),
        },
      ]}
    />
  );
}

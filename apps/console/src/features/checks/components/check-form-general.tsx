import { Card, Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useI18n } from '../../../lib/i18n';
import { dimensionOptions, useDimensions, type DimensionKind, type DimensionOption } from '../../dimensions';
import { CheckFormLocations } from './check-form-locations';

const DIMENSION_KINDS: readonly DimensionKind[] = ['business', 'channel', 'region'];

/** Name, schedule, locations and tags of a check. Bounds mirror checkInputSchema (interval 10 s – 1 day). */
export function CheckFormGeneral() {
  const { t } = useI18n();
  return (
    <Card title={t('form.section.general')} className="section-card" size="small">
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item name="name" label={t('form.name')} required>
            <Input placeholder={t('form.namePlaceholder')} maxLength={200} data-testid="check-name" />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="intervalSeconds" label={t('form.intervalSeconds')}>
            <InputNumber
              min={10}
              max={86_400}
              precision={0}
              style={{ width: '100%' }}
              data-testid="check-interval"
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="enabled" label={t('form.enabled')} valuePropName="checked">
            <Switch data-testid="check-enabled" />
          </Form.Item>
        </Col>
      </Row>
      <CheckFormLocations />
      <Form.Item name="description" label={t('form.description')}>
        <Input.TextArea
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={2000}
          data-testid="check-description"
        />
      </Form.Item>
      <Form.Item name="tags" label={t('form.tags')}>
        <Select
          mode="tags"
          placeholder={t('form.tagsPlaceholder')}
          tokenSeparators={[',', ' ']}
          open={false}
          suffixIcon={null}
          data-testid="check-tags"
        />
      </Form.Item>
    </Card>
  );
}

/** Which service the check measures: business, channel and region from the dimensions API. */
export function CheckFormDimensions() {
  const { t, locale } = useI18n();
  const dimensions = useDimensions();
  return (
    <Card title={t('form.section.dimensions')} className="section-card" size="small">
      <Row gutter={16}>
        {DIMENSION_KINDS.map((kind) => (
          <Col xs={24} md={8} key={kind}>
            <Form.Item name={kind} label={t(`form.${kind}`)}>
              <Select<string, DimensionOption>
                allowClear
                showSearch
                optionFilterProp="label"
                loading={dimensions.isPending}
                placeholder={t('form.selectPlaceholder')}
                options={dimensionOptions(dimensions.data, kind, locale)}
                optionRender={(option) => (
                  <span style={{ paddingLeft: option.data.depth * 16 }}>{option.label}</span>
                )}
                data-testid={`check-${kind}`}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

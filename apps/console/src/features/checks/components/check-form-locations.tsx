import { Badge, Flex, Form, Select, Space, Tag, Typography, type BadgeProps, type SelectProps } from 'antd';
import type { MouseEvent } from 'react';
import { useI18n } from '../../../lib/i18n';
import { useAgents } from '../../agents';
import { useLocations } from '../../locations';
import type { CheckFormValues } from '../check-form-values';
import {
  locationChoicesOf,
  locationsWithoutBrowser,
  type AgentPresence,
  type LocationChoice,
} from '../location-choices';

/** antd Badge statuses: green online, red offline, grey without an agent (as on the agents page). */
const PRESENCE_BADGE: Readonly<Record<AgentPresence, BadgeProps['status']>> = {
  online: 'success',
  offline: 'error',
  none: 'default',
};

interface LocationOption {
  readonly value: string;
  /** The name; the code is matched too (see `matchesSearch`). */
  readonly label: string;
  /** The code, as a stable handle for tests and a tooltip for people. */
  readonly title: string;
}

/** By name or code. The option antd adds for a code being typed has no name of its own (typed loosely here). */
function matchesSearch(input: string, option: Partial<LocationOption> | undefined): boolean {
  const needle = input.trim().toLowerCase();
  return [option?.label, option?.value].some((text) =>
    String(text ?? '')
      .toLowerCase()
      .includes(needle),
  );
}

/** Keeps a click on a tag's close icon from opening the dropdown (antd's advice for custom tags). */
function keepClosed(event: MouseEvent) {
  event.preventDefault();
  event.stopPropagation();
}

function LocationOptionRow({ choice, isMarked }: { choice: LocationChoice; isMarked: boolean }) {
  const { t } = useI18n();
  return (
    <Flex justify="space-between" align="center" gap={8} data-testid={`location-option-${choice.code}`}>
      <Space size={6}>
        <Badge status={PRESENCE_BADGE[choice.presence]} />
        <span>{choice.name}</span>
        {choice.name !== choice.code && <Typography.Text type="secondary">{choice.code}</Typography.Text>}
      </Space>
      <Space size={4}>
        {isMarked && <Tag color="warning">{t('location.noBrowser')}</Tag>}
        <Typography.Text type="secondary" data-presence={choice.presence}>
          {t(`location.presence.${choice.presence}`)}
          {choice.agents > 0 &&
            ` · ${t('location.agentsHealthy', { healthy: choice.healthyAgents, total: choice.agents })}`}
        </Typography.Text>
      </Space>
    </Flex>
  );
}

/**
 * The check's locations: the known ones with their agents' presence (and, when the check has a browser step,
 * whether they can run it); a city code may be typed to plan a location before its agent arrives. The server has
 * the last word: its refusals (an unknown location, a step kind a location cannot run) show under the field.
 */
export function CheckFormLocations() {
  const { t, locale } = useI18n();
  const form = Form.useFormInstance<CheckFormValues>();
  const chosen = Form.useWatch((values: CheckFormValues) => values.locations, form) ?? [];
  const hasBrowserStep =
    Form.useWatch(
      (values: CheckFormValues) => values.steps?.some((step) => step?.kind === 'browser'),
      form,
    ) ?? false;
  const locations = useLocations();
  const agents = useAgents();
  const choices = locationChoicesOf(locations.data ?? [], agents.data ?? [], chosen);
  const byCode = new Map(choices.map((choice) => [choice.code, choice]));
  const withoutBrowser = locationsWithoutBrowser(choices, { chosen, hasBrowserStep });
  const isMarked = (code: string) => hasBrowserStep && byCode.get(code)?.browser === 'no';
  const options: LocationOption[] = choices.map((choice) => ({
    value: choice.code,
    label: choice.name,
    title: choice.code,
  }));

  const renderTag: SelectProps['tagRender'] = ({ value, closable, onClose }) => {
    const code = String(value);
    const choice = byCode.get(code);
    return (
      <Tag
        closable={closable}
        onClose={onClose}
        onMouseDown={keepClosed}
        color={isMarked(code) ? 'warning' : undefined}
        className="location-tag"
        data-testid={`location-tag-${code}`}
      >
        <Badge status={PRESENCE_BADGE[choice?.presence ?? 'none']} text={choice?.name ?? code} />
      </Tag>
    );
  };

  return (
    <Form.Item
      name="locations"
      label={t('form.locations')}
      extra={
        <Space direction="vertical" size={0}>
          <span>{t('form.locationsHelp')}</span>
          {withoutBrowser.length > 0 && (
            <Typography.Text type="warning" data-testid="locations-no-browser">
              {t('location.noBrowserWarning', {
                names: withoutBrowser.map((choice) => choice.name).join(locale === 'zh-CN' ? '、' : ', '),
              })}
            </Typography.Text>
          )}
        </Space>
      }
    >
      <Select<string[], LocationOption>
        mode="tags"
        placeholder={t('form.locationsPlaceholder')}
        loading={locations.isPending}
        options={options}
        filterOption={matchesSearch}
        optionRender={(option) => {
          // While a code is typed, antd offers it as an option of its own, without a choice behind it.
          const choice = byCode.get(String(option.value));
          return choice ? (
            <LocationOptionRow choice={choice} isMarked={isMarked(choice.code)} />
          ) : (
            option.label
          );
        }}
        tagRender={renderTag}
        data-testid="check-locations"
      />
    </Form.Item>
  );
}

import type { StepKind } from '@ganzhi/contracts';
import type { ComponentType } from 'react';
import { BrowserStepFields } from './browser-step-fields';
import { DnsStepFields } from './dns-step-fields';
import { HttpStepFields } from './http-step-fields';
import type { StepFieldsProps } from './step-fields-props';
import { TcpStepFields } from './tcp-step-fields';
import { TlsStepFields } from './tls-step-fields';
import { WaitStepFields } from './wait-step-fields';

/** The only place that maps a step kind to its editor fields. Adding a kind = a file + a line here. */
export const STEP_FIELDS: Readonly<Record<StepKind, ComponentType<StepFieldsProps>>> = {
  http: HttpStepFields,
  tcp: TcpStepFields,
  dns: DnsStepFields,
  tls: TlsStepFields,
  browser: BrowserStepFields,
  wait: WaitStepFields,
};

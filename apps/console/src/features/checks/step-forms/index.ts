// Step forms: the flow editor's values for each step kind, and their pure conversions to and from the API's steps.
export { newStepValues, summarizeStep, toStepFormValues, toStepInput } from './step-form-registry';
export type { StepFormValues, StepFormOf, StepRuleValues } from './step-form-values';
export {
  HTTP_AUTH_TYPES,
  HTTP_BODY_TYPES,
  isBodylessMethod,
  parseJsonText,
  type HttpAuthType,
  type HttpBodyType,
  type HttpStepFormValues,
} from './http-step-form';
export {
  BROWSER_ACTION_FIELDS,
  BROWSER_ACTION_TYPES,
  WAIT_STATES,
  type BrowserActionField,
  type BrowserActionRow,
  type BrowserActionType,
} from './browser-step-form';
export {
  RULE_SOURCES,
  needsExpression,
  needsValue,
  newAssertRow,
  newExtractRow,
  type AssertRow,
  type AssertSubject,
  type ExtractRow,
  type ExtractSource,
} from './step-rule-rows';
export {
  indexOfRow,
  textOrUndefined,
  numberOrUndefined,
  toRecord,
  toRows,
  type KeyValueRow,
} from './key-value-rows';
export { OBJECT_FIELDS, PLAIN_STEP_FIELDS, ROW_FIELDS } from './step-field-names';

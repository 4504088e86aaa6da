/** What every kind's fields component gets: its place in the `steps` list. */
export interface StepFieldsProps {
  /** The step's index: the Form.List field name, so `[index, 'url']` names its URL. */
  readonly index: number;
  /** Prefix of the step's test ids, e.g. `step-0`. */
  readonly testId: string;
}

/** The absolute form path of a step field, for `Form.useWatch`. */
export function stepPath(index: number, ...rest: (string | number)[]): (string | number)[] {
  return ['steps', index, ...rest];
}

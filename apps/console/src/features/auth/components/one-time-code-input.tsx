// Input itself rather than antd's Input namespace, which brings the text area, search and OTP fields along.
import Input, { type InputProps } from 'antd/es/input/Input';
import { normalizeOneTimeCode } from '../second-factor';

/**
 * A six-digit one-time code field: numeric keyboard on phones, filled in by the browser's one-time-code autofill,
 * and reduced to digits as typed or pasted. Used inside a `Form.Item`, which passes `value` and `onChange`.
 */
export function OneTimeCodeInput({
  value,
  onChange,
  ...rest
}: {
  value?: string;
  onChange?: (code: string) => void;
} & Omit<InputProps, 'value' | 'onChange'>) {
  return (
    <Input
      {...rest}
      value={value}
      onChange={(event) => onChange?.(normalizeOneTimeCode(event.target.value).slice(0, 6))}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={7}
      className="one-time-code"
    />
  );
}

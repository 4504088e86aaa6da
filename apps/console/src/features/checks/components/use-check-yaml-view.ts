import { locateCheckIssues, readCheckYaml, type CheckInputRaw, type CheckYamlIssue } from '@ganzhi/contracts';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import type { FieldIssue } from '../../../lib/api-error';
import { useI18n } from '../../../lib/i18n';
import { describeIssue } from '../../../lib/server-text';
import type { CheckFormValues } from '../check-form-values';
import { checkYamlOf, readCheckYamlValues } from '../check-yaml-text';

export type EditorMode = 'form' | 'yaml';

/** A definition ready to send, and the editor's values for it (to place the server's problems on the form). */
export interface Checked {
  readonly input: CheckInputRaw;
  readonly values: CheckFormValues;
}

/**
 * The editor's YAML view: its text, its problems with their lines, and the switches between it and the form. The
 * form stays mounted while the YAML is shown, and takes the YAML's values only when they read without problems,
 * so neither side's edit is lost.
 */
export function useCheckYamlView(form: FormInstance<CheckFormValues>) {
  const { locale, t } = useI18n();
  const [mode, setMode] = useState<EditorMode>('form');
  const [text, setText] = useState('');
  const [issues, setIssues] = useState<readonly CheckYamlIssue[]>([]);

  /** Reads the text with the schema `ganzhi apply` uses; null (and the problems shown) when it cannot be used. */
  const read = (): Checked | null => {
    const reading = readCheckYamlValues(text, locale);
    if (!reading.ok) {
      setIssues(reading.issues);
      return null;
    }
    setIssues([]);
    return { input: reading.input, values: reading.values };
  };

  return {
    mode,
    text,
    issues,
    read,

    /** Shows the YAML of the form's values: what `ganzhi export` writes for this check once saved. */
    openYaml: (): void => {
      setText(checkYamlOf(form.getFieldsValue(true) as CheckFormValues));
      setIssues([]);
      setMode('yaml');
    },

    /** Back to the form with what the YAML says; returns its values, or null (staying in YAML) on problems. */
    openForm: (): CheckFormValues | null => {
      const checked = read();
      if (!checked) return null;
      // Every key is present in the values, so the form's old values are replaced rather than merged.
      form.setFieldsValue(checked.values);
      setMode('form');
      return checked.values;
    },

    /** An edit of the text; once problems are shown they are re-read on every edit, as the form does. */
    edit: (next: string): void => {
      setText(next);
      if (issues.length === 0) return;
      const reading = readCheckYaml(next, { language: locale });
      setIssues(reading.ok ? [] : reading.issues);
    },

    /** The server's refusal of what the YAML said, placed on its lines, in the reader's language. */
    showRefusal: (details: readonly FieldIssue[], sentText: string): void => {
      const translated = details.map((detail) => ({ path: detail.path, message: describeIssue(detail, t) }));
      setIssues(locateCheckIssues(sentText, translated));
    },
  };
}

export type CheckYamlView = ReturnType<typeof useCheckYamlView>;

import type { Check, CheckInputRaw } from '@ganzhi/contracts';
import { Alert, App, Button, Form, Spin } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { LoadError } from '../../../components/load-error';
import { PageHeader } from '../../../components/page-header';
import { isApiError } from '../../../lib/api-error';
import { useI18n } from '../../../lib/i18n';
import { useCheckSummary, useSaveCheck } from '../api/check-api';
import {
  isPlainFormField,
  issuesFromDetails,
  validateCheckInput,
  type FormFieldPath,
  type FormIssue,
} from '../check-form-issues';
import { NEW_CHECK_VALUES, toCheckInput, toFormValues, type CheckFormValues } from '../check-form-values';
import { CheckFormDimensions, CheckFormGeneral } from './check-form-general';
import { CheckFormAssertions, CheckFormRequest } from './check-form-request';

/** `/checks/new` and `/checks/:id/edit`: the same form, empty or filled with the check. */
export function CheckFormPage() {
  const { id } = useParams();
  if (id === undefined) return <CheckForm />;
  return <EditCheckForm id={id} />;
}

function EditCheckForm({ id }: { id: string }) {
  const check = useCheckSummary(id, { refresh: false });
  if (check.error) return <LoadError error={check.error} onRetry={() => void check.refetch()} />;
  if (!check.data) return <Spin size="large" className="page-spinner" />;
  return <CheckForm existing={check.data} />;
}

/** Groups issues by field for antd (a field may have several), and keeps the rest for the form-wide alert. */
function splitIssues(issues: readonly FormIssue[]) {
  const byField = new Map<string, { name: NonNullable<FormIssue['field']>; errors: string[] }>();
  const formWide: string[] = [];
  for (const { field, message } of issues) {
    if (field === null) {
      if (!formWide.includes(message)) formWide.push(message);
      continue;
    }
    const key = JSON.stringify(field);
    const entry = byField.get(key) ?? { name: field, errors: [] };
    // One value can break two rules with the same explanation (a URL that is neither absolute nor http).
    if (!entry.errors.includes(message)) entry.errors.push(message);
    byField.set(key, entry);
  }
  return { fieldErrors: [...byField.values()], formWide };
}

function CheckForm({ existing }: { existing?: Check }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<CheckFormValues>();
  const [formWideErrors, setFormWideErrors] = useState<string[]>([]);
  const save = useSaveCheck(existing?.id);

  const showIssues = (issues: readonly FormIssue[]) => {
    const { fieldErrors, formWide } = splitIssues(issues);
    form.setFields(fieldErrors);
    setFormWideErrors(formWide.length > 0 ? formWide : [t('form.fixFields')]);
    const first = fieldErrors[0];
    if (first) form.scrollToField(first.name, { block: 'center' });
  };

  // Fields have no antd rules (the shared schema validates on submit), so a placed error stays until cleared here.
  const clearErrorsOfChanged = (changed: Partial<CheckFormValues>) => {
    const names: FormFieldPath[] = Object.keys(changed).filter(isPlainFormField);
    if ('headers' in changed) {
      form
        .getFieldsValue()
        .headers.forEach((_, index) => names.push(['headers', index, 'name'], ['headers', index, 'value']));
    }
    form.setFields(names.map((name) => ({ name, errors: [] })));
  };

  const submit = (input: CheckInputRaw, values: CheckFormValues) => {
    save.mutate(input, {
      onSuccess: (check) => {
        void message.success(existing ? t('form.saved') : t('form.created'));
        void navigate(`/checks/${encodeURIComponent(check.id)}`);
      },
      onError: (error) => {
        if (isApiError(error) && error.code === 'VALIDATION_FAILED' && error.details.length > 0) {
          showIssues(issuesFromDetails(error.details, values));
        } else {
          setFormWideErrors([t('form.saveFailed', { message: error.message })]);
        }
      },
    });
  };

  const onFinish = (values: CheckFormValues) => {
    const input = toCheckInput(values, existing);
    setFormWideErrors([]);
    const issues = validateCheckInput(input, { values, t });
    if (issues.length > 0) showIssues(issues);
    else submit(input, values);
  };

  const cancelPath = existing ? `/checks/${encodeURIComponent(existing.id)}` : '/checks';
  return (
    <>
      <PageHeader title={existing ? t('form.editTitle') : t('form.createTitle')} subTitle={existing?.name} />
      <Form<CheckFormValues>
        form={form}
        layout="vertical"
        initialValues={existing ? toFormValues(existing) : NEW_CHECK_VALUES}
        onFinish={onFinish}
        onValuesChange={clearErrorsOfChanged}
        data-testid="check-form"
        scrollToFirstError
      >
        {formWideErrors.length > 0 && (
          <Alert
            type="error"
            showIcon
            className="load-error"
            data-testid="check-form-error"
            message={formWideErrors.map((text) => (
              <div key={text}>{text}</div>
            ))}
          />
        )}
        <CheckFormGeneral />
        <CheckFormDimensions />
        <CheckFormRequest />
        <CheckFormAssertions />
        <div className="form-actions">
          <Button onClick={() => void navigate(cancelPath)}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="check-submit">
            {existing ? t('form.submitSave') : t('form.submitCreate')}
          </Button>
        </div>
      </Form>
    </>
  );
}

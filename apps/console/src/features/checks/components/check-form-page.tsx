import type { Check } from '@ganzhi/contracts';
import { App, Button, Form, Segmented, Spin } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { LoadError } from '../../../components/load-error';
import { PageHeader } from '../../../components/page-header';
import { isApiError } from '../../../lib/api-error';
import { useI18n } from '../../../lib/i18n';
import { useCheckSummary, useSaveCheck, useTryCheck } from '../api/check-api';
import { checkFormValues, issuesFromDetails, type FieldPath, type FormIssue } from '../check-form-issues';
import { newCheckValues, toFormValues, type CheckFormValues } from '../check-form-values';
import { changedLeafPaths, fieldErrorsOf, isIssueTouched } from '../form-issue-tracking';
import { CheckFormDimensions, CheckFormGeneral } from './check-form-general';
import { CheckFormVariables } from './check-form-variables';
import { CheckYamlEditor } from './check-yaml-editor';
import { FormIssueSummary } from './form-issue-summary';
import { StepList } from './step-list';
import { TryRunDrawer } from './try-run-drawer';
import { useCheckYamlView, type Checked, type EditorMode } from './use-check-yaml-view';

/** `/checks/new` and `/checks/:id/edit`: the same flow editor, empty or filled with the check. */
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

type FormInstance = ReturnType<typeof Form.useForm<CheckFormValues>>[0];

/**
 * Keeps antd's field errors equal to `issues`: fields have no antd rules (the shared schema validates), so errors
 * are placed here and cleared here when their issue goes away.
 */
function useFieldErrors(form: FormInstance, issues: readonly FormIssue[]) {
  const shown = useRef(new Map<string, FieldPath>());
  useEffect(() => {
    const next = fieldErrorsOf(issues);
    const cleared = [...shown.current]
      .filter(([key]) => !next.has(key))
      .map(([, name]) => ({ name: [...name], errors: [] }));
    const placed = [...next.values()].map(({ name, errors }) => ({ name: [...name], errors }));
    // Paths come from API issue paths, which antd's typed name paths cannot express statically.
    form.setFields([...cleared, ...placed] as Parameters<FormInstance['setFields']>[0]);
    shown.current = new Map([...next].map(([key, entry]) => [key, entry.name]));
  }, [form, issues]);
}

function CheckForm({ existing }: { existing?: Check }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<CheckFormValues>();
  const [initialValues] = useState(() => (existing ? toFormValues(existing) : newCheckValues()));
  // After the first save or try, problems are re-checked on every edit so the summary stays true.
  const [isChecking, setChecking] = useState(false);
  const [clientIssues, setClientIssues] = useState<FormIssue[]>([]);
  const [serverIssues, setServerIssues] = useState<FormIssue[]>([]);
  const [messages, setMessages] = useState<string[]>([]);
  const [checkedValues, setCheckedValues] = useState(initialValues);
  const [isTryOpen, setTryOpen] = useState(false);
  const [triedSteps, setTriedSteps] = useState(0);
  const save = useSaveCheck(existing?.id);
  const tryRun = useTryCheck();
  const issues = useMemo(() => [...clientIssues, ...serverIssues], [clientIssues, serverIssues]);
  useFieldErrors(form, issues);
  const yaml = useCheckYamlView(form);

  // The whole store: `getFieldsValue()` alone would leave out values without a mounted field (a step's kind).
  const currentValues = () => form.getFieldsValue(true) as CheckFormValues;

  const reveal = (field: FieldPath) => {
    // After the render that opens a folded step, so the field has a box to scroll to.
    window.setTimeout(() => form.scrollToField([...field], { block: 'center', behavior: 'smooth' }), 50);
  };

  const checkForm = (): Checked | null => {
    const values = currentValues();
    const result = checkFormValues(values, { t });
    setChecking(true);
    setClientIssues(result.issues);
    setServerIssues([]);
    setMessages([]);
    setCheckedValues(values);
    const first = result.issues.find((issue) => issue.field !== null)?.field;
    if (first) reveal(first);
    return result.issues.length > 0 ? null : { input: result.input, values };
  };

  /** The definition to send: what the YAML says in the YAML view, else the form's values. */
  const check = (): Checked | null => {
    setMessages([]);
    return yaml.mode === 'yaml' ? yaml.read() : checkForm();
  };

  /**
   * Returns true when the server rejected the definition and its problems are now shown: on the form, or on the
   * lines of the YAML that was sent.
   */
  const showServerIssues = (error: Error, values: CheckFormValues): boolean => {
    if (!isApiError(error) || error.code !== 'VALIDATION_FAILED' || error.details.length === 0) return false;
    if (yaml.mode === 'yaml') {
      yaml.showRefusal(error.details, yaml.text);
      return true;
    }
    const placed = issuesFromDetails(error.details, values, t);
    setServerIssues(placed);
    const first = placed.find((issue) => issue.field !== null)?.field;
    if (first) reveal(first);
    return true;
  };

  const onValuesChange = (changed: unknown) => {
    const touched = changedLeafPaths(changed);
    setServerIssues((previous) => previous.filter((issue) => !isIssueTouched(issue, touched)));
    if (!isChecking) return;
    const values = currentValues();
    setClientIssues(checkFormValues(values, { t }).issues);
    setCheckedValues(values);
  };

  const switchMode = (next: EditorMode) => {
    if (next === 'yaml') return yaml.openYaml();
    const values = yaml.openForm();
    if (!values) return;
    // Problems found on the values before the YAML edit no longer describe them.
    setServerIssues([]);
    setCheckedValues(values);
    setClientIssues(isChecking ? checkFormValues(values, { t }).issues : []);
  };

  const onSave = () => {
    const checked = check();
    if (!checked) return;
    save.mutate(checked.input, {
      onSuccess: (saved) => {
        void message.success(existing ? t('form.saved') : t('form.created'));
        void navigate(`/checks/${encodeURIComponent(saved.id)}`);
      },
      onError: (error) => {
        if (!showServerIssues(error, checked.values))
          setMessages([t('form.saveFailed', { message: error.message })]);
      },
    });
  };

  const onTry = () => {
    const checked = check();
    if (!checked) {
      setTryOpen(false);
      return;
    }
    setTriedSteps(checked.input.steps.length);
    setTryOpen(true);
    tryRun.mutate(checked.input, {
      onError: (error) => {
        if (!showServerIssues(error, checked.values)) return;
        // An invalid definition is shown on the form, where it can be fixed.
        setTryOpen(false);
        setMessages([t('try.invalid')]);
      },
    });
  };

  const isTryValidationError = isApiError(tryRun.error) && tryRun.error.code === 'VALIDATION_FAILED';
  const cancelPath = existing ? `/checks/${encodeURIComponent(existing.id)}` : '/checks';
  return (
    <>
      <PageHeader
        title={existing ? t('form.editTitle') : t('form.createTitle')}
        subTitle={existing?.name}
        extra={
          <Segmented<EditorMode>
            aria-label={t('editor.mode')}
            value={yaml.mode}
            onChange={switchMode}
            options={[
              { value: 'form', label: t('editor.mode.form') },
              { value: 'yaml', label: t('editor.mode.yaml') },
            ]}
            data-testid="check-editor-mode"
          />
        }
      />
      <Form<CheckFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={onSave}
        onValuesChange={onValuesChange}
        data-testid="check-form"
      >
        <FormIssueSummary
          issues={yaml.mode === 'form' ? issues : []}
          values={checkedValues}
          messages={messages}
          onReveal={reveal}
        />
        {/* Hidden, not unmounted, while the YAML is shown: the form keeps its values and fields. */}
        <div hidden={yaml.mode === 'yaml'}>
          <CheckFormGeneral />
          <CheckFormDimensions />
          <CheckFormVariables />
          <StepList issues={issues} />
        </div>
        {yaml.mode === 'yaml' && (
          <CheckYamlEditor text={yaml.text} issues={yaml.issues} onChange={yaml.edit} />
        )}
        <div className="form-actions form-actions-sticky">
          <Button onClick={() => void navigate(cancelPath)}>{t('common.cancel')}</Button>
          <Button onClick={onTry} loading={tryRun.isPending} data-testid="try-run-button">
            {t('try.button')}
          </Button>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="check-submit">
            {existing ? t('form.submitSave') : t('form.submitCreate')}
          </Button>
        </div>
      </Form>
      <TryRunDrawer
        open={isTryOpen}
        isRunning={tryRun.isPending}
        result={tryRun.data}
        errorMessage={
          tryRun.error && !isTryValidationError ? t('try.failed', { message: tryRun.error.message }) : null
        }
        plannedSteps={triedSteps}
        onRunAgain={onTry}
        onClose={() => setTryOpen(false)}
      />
    </>
  );
}

import type { CheckEditorMessageKey } from './messages-check-editor-zh-cn';

/** English strings of the check editor's locations field and YAML view; the type keeps the keys in step. */
export const checkEditorEnMessages: Readonly<Record<CheckEditorMessageKey, string>> = {
  'form.locationsHelp':
    "Where agents run this check. A new check runs at local (the server's built-in agent) unless you choose others; a city code plans a location before its agent arrives.",
  'form.locationsPlaceholder': 'Choose locations',
  'location.presence.online': 'Online',
  'location.presence.offline': 'Offline',
  'location.presence.none': 'No agent',
  'location.agentsHealthy': '{healthy}/{total} agents healthy',
  'location.noBrowser': 'Cannot run browser steps',
  'location.noBrowserWarning':
    "Agents at {names} have no Chromium: this check's browser steps cannot run there.",
  'editor.mode': 'Edit as',
  'editor.mode.form': 'Form',
  'editor.mode.yaml': 'YAML',
  'yaml.title': 'YAML',
  'yaml.help':
    'Exactly what ganzhi export writes for this check, and editable. Switching back to the form or saving reads it with the same rules as ganzhi apply.',
  'yaml.issuesTitle': '{count} problem(s) in the YAML; fix them to switch back to the form or save',
  'yaml.line': 'Line {line}',
  'yaml.syntax': 'Not valid YAML: {message}',
  'yaml.count': 'The YAML view edits one check; this text holds {count}',
};

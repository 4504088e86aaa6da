/**
 * Simplified Chinese strings of the check editor's locations field and its YAML view. `messages-zh-cn.ts` spreads
 * them into the source dictionary.
 */
export const checkEditorZhCnMessages = {
  'form.locationsHelp':
    '由哪些位置的探针运行该检查。新建检查默认在 local（服务器内置探针）运行；也可以输入城市代码，先规划位置再部署探针。',
  'form.locationsPlaceholder': '选择位置',
  'location.presence.online': '在线',
  'location.presence.offline': '离线',
  'location.presence.none': '无探针',
  'location.agentsHealthy': '{healthy}/{total} 个探针正常',
  'location.noBrowser': '不能运行浏览器步骤',
  'location.noBrowserWarning': '{names} 的探针没有 Chromium，无法运行本检查的浏览器步骤。',
  'editor.mode': '编辑方式',
  'editor.mode.form': '表单',
  'editor.mode.yaml': 'YAML',
  'yaml.title': 'YAML',
  'yaml.help':
    '这正是 ganzhi export 为该检查写出的内容，可直接编辑。切回表单或保存时，会用与 ganzhi apply 相同的规则解析和校验。',
  'yaml.issuesTitle': 'YAML 中有 {count} 个问题，修正后才能切回表单或保存',
  'yaml.line': '第 {line} 行',
  'yaml.syntax': 'YAML 语法错误：{message}',
  'yaml.count': 'YAML 视图只编辑一个检查，这段文本中有 {count} 个',
} as const satisfies Record<string, string>;

export type CheckEditorMessageKey = keyof typeof checkEditorZhCnMessages;

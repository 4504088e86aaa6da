/**
 * Simplified Chinese strings of sign-in security and probe secrets: the one-time code at login, enrolling and
 * resetting a second factor, and the Secrets page. `messages-zh-cn.ts` spreads them into the source dictionary.
 */
export const securityZhCnMessages = {
  'login.code': '动态验证码',
  'login.codeHint': '打开验证器应用，输入当前显示的 6 位数字',
  'login.codeRequired': '请输入 6 位动态验证码',
  'login.codeMissing': '该账号已开启两步验证，请输入动态验证码',
  'login.codeWrong': '动态验证码不正确，请输入应用中当前显示的数字',

  'totp.title': '两步验证',
  'totp.on': '已开启',
  'totp.off': '未开启',
  'totp.intro':
    '登录时除密码外，还需输入验证器应用（如 Microsoft Authenticator、Google 身份验证器）生成的动态验证码。',
  'totp.replaceHint': '你已开启两步验证。重新设置会换成新的密钥，原手机上的验证码随即失效。',
  'totp.scan': '1. 用验证器应用扫描二维码，或手动输入下面的密钥：',
  'totp.secret': '密钥',
  'totp.copy': '复制密钥',
  'totp.copied': '已复制',
  'totp.enterCode': '2. 输入应用中显示的 6 位动态验证码：',
  'totp.enable': '开启两步验证',
  'totp.enabled': '两步验证已开启，下次登录时需要输入动态验证码',
  'totp.setupFailed': '无法生成密钥：{message}',
  'totp.requiredTitle': '请先开启两步验证',
  'totp.requiredHint': '按照系统的安全要求，管理员账号必须开启两步验证后才能使用控制台。',
  'totp.requiredStart': '开启两步验证',

  'users.totp': '两步验证',
  'users.resetTotp': '重置两步验证',
  'users.resetTotpConfirm': '重置 {username} 的两步验证？',
  'users.resetTotpHint': '适用于手机丢失等情况：该用户的会话会结束，之后只用密码登录，需重新开启两步验证。',
  'users.resetTotpDone': '已重置两步验证',
  'users.resetTotpFailed': '无法重置两步验证：{message}',

  'nav.secrets': '密钥',
  'secrets.title': '密钥',
  'secrets.subtitle': '拨测步骤使用的口令、令牌等敏感值，加密保存',
  'secrets.note':
    '密钥的值保存后不会再显示，只能替换。拨测的步骤中以 {reference} 的形式引用，例如在请求头或表单里。',
  'secrets.new': '添加密钥',
  'secrets.replace': '替换',
  'secrets.replaceTitle': '替换密钥 {name}',
  'secrets.name': '名称',
  'secrets.nameHint': '大写字母、数字和 _，以字母开头，最长 64 个字符',
  'secrets.nameRequired': '请输入名称',
  'secrets.nameInvalid': '只能使用大写字母、数字和 _，并以字母开头',
  'secrets.value': '值',
  'secrets.valueHint': '保存后不会再显示',
  'secrets.valueRequired': '请输入密钥的值',
  'secrets.description': '说明',
  'secrets.descriptionPlaceholder': '用途，例如：CRM 拨测账号的密码',
  'secrets.source': '来源',
  'secrets.sourceStored': '已保存',
  'secrets.sourceEnvironment': '环境变量',
  'secrets.environmentHint':
    '来自内置拨测节点的环境变量 GANZHI_SECRET_{name}，只有内置节点能取到它的值；内置节点上环境变量优先于同名的已保存密钥',
  'secrets.updated': '更新',
  'secrets.usage': '引用方式',
  'secrets.saved': '密钥 {name} 已保存',
  'secrets.saveFailed': '无法保存密钥：{message}',
  'secrets.deleteConfirm': '删除密钥 {name}？',
  'secrets.deleteHint': '引用它的拨测将无法取得该值。',
  'secrets.deleted': '密钥 {name} 已删除',
  'secrets.deleteFailed': '无法删除密钥：{message}',
  'secrets.empty': '还没有密钥',
} as const;

export type SecurityMessageKey = keyof typeof securityZhCnMessages;

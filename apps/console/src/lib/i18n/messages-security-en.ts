import type { SecurityMessageKey } from './messages-security-zh-cn';

/** English strings of sign-in security and probe secrets; the type makes a missing or extra key a compile error. */
export const securityEnMessages: Readonly<Record<SecurityMessageKey, string>> = {
  'login.code': 'One-time code',
  'login.codeHint': 'Open your authenticator app and enter the six digits it shows',
  'login.codeRequired': 'Enter the six-digit code',
  'login.codeMissing': 'This account uses two-step verification: enter your one-time code',
  'login.codeWrong': 'Wrong one-time code: enter the digits your app shows now',

  'totp.title': 'Two-step verification',
  'totp.on': 'On',
  'totp.off': 'Off',
  'totp.intro':
    'Signing in then needs, besides the password, a one-time code from an authenticator app (such as Microsoft Authenticator or Google Authenticator).',
  'totp.replaceHint':
    'Two-step verification is on. Setting it up again replaces the key; codes from the old phone stop working.',
  'totp.scan': '1. Scan the QR code with your authenticator app, or type in the key below:',
  'totp.secret': 'Key',
  'totp.copy': 'Copy the key',
  'totp.copied': 'Copied',
  'totp.enterCode': '2. Enter the six-digit code the app shows:',
  'totp.enable': 'Turn on',
  'totp.enabled': 'Two-step verification is on: signing in now asks for a one-time code',
  'totp.setupFailed': 'Could not create a key: {message}',
  'totp.requiredTitle': 'Turn on two-step verification first',
  'totp.requiredHint':
    'This installation requires administrators to use two-step verification before they can use the console.',
  'totp.requiredStart': 'Turn on two-step verification',

  'users.totp': 'Two-step',
  'users.resetTotp': 'Reset two-step verification',
  'users.resetTotpConfirm': 'Reset the two-step verification of {username}?',
  'users.resetTotpHint':
    'For a lost phone: their sessions end, they sign in with the password alone and must turn it on again.',
  'users.resetTotpDone': 'Two-step verification reset',
  'users.resetTotpFailed': 'Could not reset two-step verification: {message}',

  'nav.secrets': 'Secrets',
  'secrets.title': 'Secrets',
  'secrets.subtitle': 'Passwords, tokens and other sensitive values used by probe steps, stored encrypted',
  'secrets.note':
    'A value is never shown again once saved; it can only be replaced. Check steps use it as {reference}, for example in a header or a form field.',
  'secrets.new': 'Add secret',
  'secrets.replace': 'Replace',
  'secrets.replaceTitle': 'Replace secret {name}',
  'secrets.name': 'Name',
  'secrets.nameHint': 'Upper-case letters, digits and _, starting with a letter, at most 64 characters',
  'secrets.nameRequired': 'Enter a name',
  'secrets.nameInvalid': 'Only upper-case letters, digits and _, starting with a letter',
  'secrets.value': 'Value',
  'secrets.valueHint': 'Not shown again after saving',
  'secrets.valueRequired': 'Enter the value',
  'secrets.description': 'Description',
  'secrets.descriptionPlaceholder': 'What it is for, e.g. the password of the CRM probe account',
  'secrets.source': 'Source',
  'secrets.sourceStored': 'Stored',
  'secrets.sourceEnvironment': 'Environment',
  'secrets.environmentHint':
    'From the environment variable GANZHI_SECRET_{name} of the built-in agent, which alone gets its value; there it wins over a stored secret of the same name',
  'secrets.updated': 'Updated',
  'secrets.usage': 'Reference',
  'secrets.saved': 'Secret {name} saved',
  'secrets.saveFailed': 'Could not save the secret: {message}',
  'secrets.deleteConfirm': 'Delete secret {name}?',
  'secrets.deleteHint': 'Checks that refer to it will no longer get its value.',
  'secrets.deleted': 'Secret {name} deleted',
  'secrets.deleteFailed': 'Could not delete the secret: {message}',
  'secrets.empty': 'No secrets yet',
};

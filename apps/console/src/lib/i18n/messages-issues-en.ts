import type { issueZhCnMessages } from './messages-issues-zh-cn';

/**
 * English texts of what the server says by code (see `messages-issues-zh-cn.ts`). Where the server's own diagnostic
 * is the best English (a JSONPath or formula parser's), the text is that diagnostic.
 */
export const issueEnMessages: Readonly<Record<keyof typeof issueZhCnMessages, string>> = {
  'issue.required': 'Required',
  'issue.too_short': 'At least {minimum} characters',
  'issue.too_long': 'At most {maximum} characters',
  'issue.too_few': 'At least {minimum} item(s)',
  'issue.too_many': 'At most {maximum} items',
  'issue.too_small': 'Must be at least {minimum}',
  'issue.too_big': 'Must be at most {maximum}',
  'issue.must_exceed': 'Must be greater than {minimum}',
  'issue.must_be_below': 'Must be less than {maximum}',
  'issue.not_integer': 'Must be a whole number',
  'issue.invalid_type': 'Wrong type: expected {expected}',
  'issue.invalid_enum': 'Must be one of: {values}',
  'issue.invalid_format': 'Invalid format',
  'issue.invalid_format.email': 'Not a valid email address',
  'issue.invalid_format.url': 'Not a valid URL: it starts with http:// or https://',
  'issue.invalid_format.datetime': 'Not a valid date and time',
  'issue.unknown_key': 'Unknown field(s): {keys}',
  'issue.invalid_value': 'Invalid value',
  'issue.unknown_variable':
    'Unknown variable {{{name}}}: define it under Variables or extract it in an earlier step',
  'issue.invalid_json_path': '{detail}',
  'issue.invalid_regex': '{detail}',
  'issue.regex_unsupported':
    'Backreferences and lookaround are not supported: patterns run on a linear-time engine (RE2)',
  'issue.invalid_selector': 'Invalid selector: check that brackets and quotes are balanced',
  'issue.expression_required': 'Name the {source}',
  'issue.source_http_only': '"{source}" is only available on HTTP steps',
  'issue.source_browser_only': '"{source}" is only available on browser steps',
  'issue.source_no_body': 'A "{kind}" step has no response body to read',
  'issue.step_kind_unsupported': 'Agents at this location cannot run "{kind}" steps',
  'issue.unknown_location':
    'Unknown location "{code}": create it on the Locations page or enrol an agent there first',
  'issue.unknown_reference': 'Unknown {kind} "{code}"',
  'issue.unknown_role': 'Unknown role "{name}"',
  'issue.duplicate_name': 'The name "{name}" is already taken',
  'issue.region_out_of_scope': 'Region {region} is outside your scope ({scope})',
  'issue.region_choice_required': 'Choose a region within your scope ({scope})',
  'issue.province_wide_only': 'This belongs to the whole province; your scope is {scope}',
  'issue.permission_required': 'This needs the permission {permission}',
  'issue.password_too_short': 'At least {minimum} characters',
  'issue.must_be_future': 'Must be in the future',
  'issue.range_reversed': 'The end must be after the start',
  'issue.invalid_formula': '{detail}',
  'issue.type.string': 'text',
  'issue.type.number': 'a number',
  'issue.type.boolean': 'yes or no',
  'issue.type.array': 'a list',
  'issue.type.object': 'an object',
  'issue.more': '{text} (and {count} more)',

  'error.NETWORK': 'Cannot reach the server: check the network and retry',
  'error.BAD_RESPONSE': 'The server answered something the console does not understand: reload the page',
  'error.FORBIDDEN': 'You may not do this',
  'error.RATE_LIMITED': 'Too many attempts: try again shortly',
  'error.PAYLOAD_TOO_LARGE': 'Too large',
  'error.UNAVAILABLE': 'The service is unavailable for a moment: try again shortly',
  'error.INTERNAL': 'Internal server error',

  'events.text.agent_enrolled': 'Agent "{agent}" enrolled at {location}',
  'events.text.agent_down': 'Agent "{agent}" at {location} is down',
  'events.text.agent_down_since': 'Agent "{agent}" at {location} is down: last seen {since}',
  'events.text.agent_recovered': 'Agent "{agent}" at {location} is back',
  'events.text.agent_revoked': 'Agent "{agent}" at {location} was revoked',
  'events.text.agent_gap':
    'Agent "{agent}" at {location} dropped {droppedRuns} runs ({reason}) from {fromTime} to {toTime}',
} as const;

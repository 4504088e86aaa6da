import type { TransactionMessageKey } from './messages-transactions-zh-cn';

/** English strings of the transactions explorer and the service model editor; the type makes a missing key an error. */
export const transactionEnMessages: Readonly<Record<TransactionMessageKey, string>> = {
  'transactions.range.custom': 'Custom',
  'transactions.range.from': 'From',
  'transactions.range.to': 'To',
  'transactions.filter.clear': 'Clear filters',
  'transactions.failureCount': '{count} failed',
  'transactions.group': 'Group',
  'transactions.noGroup': '(not set)',
  'transactions.rowHint': 'Click a row to see only that group',
  'transactions.emptyTitle': 'No transactions in this range',
  'transactions.emptyHint':
    'Business systems push transactions: POST /api/v1/ingest/transactions (NDJSON or a JSON array), ganzhi import transactions for CSV files, or an agent tailing logs. Or try another range, or clear the filters.',
  'transactions.tierShares': 'Response tier shares',

  'dimensions.slaSeconds': 'SLA baseline (s)',
  'dimensions.slaSecondsHint': 'e.g. payment and account opening 3 s, queries 30 s; empty for no SLA',
  'dimensions.secondsUnit': 's',
  'dimensions.slaInvalid': 'The SLA baseline must be more than 0 seconds, or empty',
  'dimensions.plannedPercent': 'Planned utilisation (%)',
  'dimensions.plannedPercentHint':
    'business hall 50 %, accounting 60 %, credit 70 %, billing query 80 %, settlement 100 %',
  'dimensions.plannedInvalid': 'Planned utilisation must be above 0 and at most 100 %',
  'dimensions.codeInvalid':
    'Codes use lower-case letters, digits, "_" or "-", starting with a letter or digit',
  'dimensions.aliasDeleted': 'Alias deleted',
  'dimensions.aliasEmpty': 'No aliases of this kind yet',
  'dimensions.aliasHint':
    'An alias maps how source data writes a value to its code, so records using it are accepted.',
  'dimensions.servicesHint':
    'Business × channel pairs with probe or transaction data (read-only; they appear with the data)',
  'dimensions.regionsHint':
    'Province → city → county; transactions are recorded per city, and choosing a province or city includes what lies below it.',
};

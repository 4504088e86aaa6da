// Transactions feature: the explorer of passively received business transactions by channel, business, city and
// segment — volume, failure ratio, latency percentiles and tier shares over time, compared side by side, exported.
export { TransactionsPage } from './components/transactions-page';

// Which event tells whom with which template: the notifications service's rules, shared so that the
// simulator (tools/simulate) predicts the notifications of a run from the same table, without
// importing the service's lib. Plain data and functions; no framework.
export * from './vocabulary';
export * from './notification-rules';
export * from './rule-matcher';

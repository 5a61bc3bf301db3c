// The Cluster Query Language: parse (with column-precise errors) and evaluate memberOf expressions.
export * from './ast';
export { CqlSyntaxError } from './errors';
export { parseCql } from './parser';
export { compileCql, evaluateCql, type CqlInstance, type CqlPredicate } from './evaluate';
export { parseTimestamp, parseVersion, compareVersions } from './values';
export { plainCqlInstance, type PlainCqlInstance } from './plain-instance';

import { describe, expect, it } from 'vitest';
import { databaseErrorKind } from './create-db.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('databaseErrorKind', () => {
  it('calls a database out of reach unavailable: refused, reset, shut down, starting up, connection gone', () => {
    expect(databaseErrorKind(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe('unavailable');
    // Node tries IPv4 and IPv6 and reports both at once.
    expect(databaseErrorKind(Object.assign(new AggregateError([withCode('refused', 'ECONNREFUSED')], ''), {}))).toBe('unavailable');
    expect(databaseErrorKind(withCode('terminating connection due to administrator command', '57P01'))).toBe('unavailable');
    expect(databaseErrorKind(withCode('the database system is starting up', '57P03'))).toBe('unavailable');
    expect(databaseErrorKind(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
    expect(databaseErrorKind(new Error('Client has encountered a connection error and is not queryable'))).toBe('unavailable');
  });

  it('calls a database too loaded to answer in time busy: pool wait, statement timeout, SQLite lock', () => {
    expect(databaseErrorKind(new Error('timeout exceeded when trying to connect'))).toBe('busy');
    expect(databaseErrorKind(withCode('canceling statement due to statement timeout', '57014'))).toBe('busy');
    expect(databaseErrorKind(withCode('sorry, too many clients already', '53300'))).toBe('busy');
    expect(databaseErrorKind(withCode('database is locked', 'SQLITE_BUSY'))).toBe('busy');
    expect(databaseErrorKind(withCode('database is locked', 'SQLITE_BUSY_SNAPSHOT'))).toBe('busy');
  });

  it('leaves bugs and bad data alone: they stay 4xx/500', () => {
    expect(databaseErrorKind(withCode('duplicate key value violates unique constraint', '23505'))).toBeNull();
    expect(databaseErrorKind(withCode('UNIQUE constraint failed', 'SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(databaseErrorKind(withCode('syntax error at or near', '42601'))).toBeNull();
    expect(databaseErrorKind(new TypeError('cannot read properties of undefined'))).toBeNull();
    expect(databaseErrorKind('a string')).toBeNull();
  });
});

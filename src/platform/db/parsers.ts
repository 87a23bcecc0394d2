// Both drivers must hand back the same JavaScript values for the same SQL types, or a
// test that passes on PGlite fails on the server. These are the decisions:
//   date        → 'YYYY-MM-DD' string (a legal date has no time zone)
//   int8/bigint → number (counts and fen amounts stay far below 2^53)
//   numeric     → number
//   timestamptz → Date (driver default on both)
export const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082 } as const;

export const parseDate = (value: string): string => value;
export const parseInt8 = (value: string): number => Number(value);
export const parseNumeric = (value: string): number => Number(value);

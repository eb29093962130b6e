/** Pieces of SQL text both stores (and the query compiler) write the same way. */

/** Escapes LIKE wildcards so that a user's `%` or `_` matches literally (every LIKE here says `ESCAPE '\'`). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A quoter for table and column names declared by the server (never taken from a client), refusing anything else.
 * `maxLength` is the database's identifier limit: 64 in SQLite as used here, 63 bytes in PostgreSQL (NAMEDATALEN - 1),
 * past which PostgreSQL would silently truncate the name.
 */
export function identifierQuoter(maxLength: number): (name: string) => string {
  const identifier = new RegExp(`^[A-Za-z_][A-Za-z0-9_]{0,${maxLength - 1}}$`);
  return (name) => {
    if (!identifier.test(name)) throw new Error(`Refusing identifier ${JSON.stringify(name)}`);
    return `"${name}"`;
  };
}

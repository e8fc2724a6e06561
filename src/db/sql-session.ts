/**
 * The little raw SQL the service needs outside Prisma (applying migrations, readiness checks), over either
 * engine. Prisma itself runs through a driver adapter on the same connection pool or PGlite instance.
 */
export interface SqlSession {
  query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a multi-statement script, as migration files are. */
  execScript(sql: string): Promise<void>;
  release(): Promise<void>;
}

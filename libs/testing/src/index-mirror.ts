import { Client } from 'pg';

/**
 * One statement that gives every field of every index FerretDB has recorded (in each database's
 * `_ferretdb_database_metadata`) a GIN `jsonb_path_ops` index on the very expression FerretDB pushes an equality
 * down as: `_jsonb -> 'field' @> value`, or `_jsonb #> '{a,b}' @> value` for a dotted path. FerretDB's own btree
 * indexes on those expressions serve uniqueness but never `@>`. Fields already mirrored are skipped; a collection
 * dropped meanwhile is ignored. Then it analyzes the tables that changed a lot since their last statistics: right
 * after a bulk load PostgreSQL has none, and plans equalities on several indexed fields as if each matched everything
 * (autovacuum would analyze them, but only a minute or more later). Only tables that grew a fifth since their last
 * statistics: one whose documents are only updated (standings) keeps its shape, and analyzing it every second cost
 * PostgreSQL a tenth of a core in the pipeline bench.
 */
export const MIRROR_INDEXES_SQL = `
DO $mirror$
DECLARE
  database_schema text;
  wanted record;
  index_name text;
  expression text;
BEGIN
  FOR database_schema IN
    SELECT table_schema FROM information_schema.tables WHERE table_name = '_ferretdb_database_metadata'
  LOOP
    FOR wanted IN EXECUTE format(
      $q$SELECT DISTINCT m._jsonb->>'table' AS table_name, k.field
           FROM %I._ferretdb_database_metadata m,
                jsonb_array_elements(m._jsonb->'indexes') i,
                jsonb_object_keys(i->'key') k(field)$q$, database_schema)
    LOOP
      index_name := left(wanted.table_name, 40) || '_' || left(md5(wanted.field), 12) || '_gin';
      CONTINUE WHEN to_regclass(format('%I.%I', database_schema, index_name)) IS NOT NULL;
      expression := CASE WHEN position('.' in wanted.field) > 0
        THEN format('(_jsonb #> %L::text[])', '{' || array_to_string(string_to_array(wanted.field, '.'), ',') || '}')
        ELSE format('(_jsonb -> %L::text)', wanted.field) END;
      BEGIN
        EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I.%I USING gin (%s jsonb_path_ops)', index_name, database_schema, wanted.table_name, expression);
      EXCEPTION WHEN undefined_table OR invalid_schema_name OR duplicate_table OR unique_violation THEN
        NULL;
      END;
    END LOOP;
  END LOOP;
  FOR wanted IN
    SELECT s.schemaname, s.relname FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
     WHERE s.relname NOT LIKE '\_ferretdb\_%'
       AND s.n_mod_since_analyze > 500
       AND s.n_live_tup > 500
       AND s.n_live_tup > 1.2 * GREATEST(c.reltuples, 0)
  LOOP
    BEGIN
      EXECUTE format('ANALYZE %I.%I', wanted.schemaname, wanted.relname);
    EXCEPTION WHEN undefined_table OR invalid_schema_name THEN
      NULL;
    END;
  END LOOP;
END
$mirror$`;

/** Mirrors FerretDB's indexes into GIN expression indexes, one pass every `intervalMs` (services create indexes at start). */
export class IndexMirror {
  private client?: Client;
  private timer?: NodeJS.Timeout;
  private pass?: Promise<void>;

  constructor(
    private readonly databaseUrl: string,
    private readonly intervalMs = 1_000,
  ) {}

  async start(): Promise<void> {
    this.client = new Client({ connectionString: this.databaseUrl, application_name: 'campaign-index-mirror' });
    // A store taken away on purpose (the resilience suite) must not crash the harness; the next pass reconnects.
    this.client.on('error', () => undefined);
    await this.client.connect();
    await this.mirrorNow();
    this.timer = setInterval(() => void this.mirrorNow().catch(() => undefined), this.intervalMs);
    this.timer.unref();
  }

  /** One pass now (after the pass in progress, if any). */
  async mirrorNow(): Promise<void> {
    const previous = this.pass ?? Promise.resolve();
    const next = previous.then(async () => {
      await this.client?.query(MIRROR_INDEXES_SQL);
    });
    this.pass = next.catch(() => undefined);
    await next;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.pass;
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }
}

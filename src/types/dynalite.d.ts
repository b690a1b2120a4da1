/**
 * dynalite ships no types (https://github.com/architect/dynalite): only the factory the local
 * cloud uses is declared. The returned server is never listened on; the edge server hands it
 * requests with `emit('request', req, res)`.
 */
declare module 'dynalite' {
  import type { Server } from 'node:http';

  interface DynaliteOptions {
    /** How long a new table stays CREATING (dynalite's default: 500 ms). */
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    /** LevelDB directory; in-memory when absent. */
    path?: string;
  }

  export default function dynalite(options?: DynaliteOptions): Server;
}

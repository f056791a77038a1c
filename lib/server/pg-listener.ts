import "server-only";
import pg from "pg";
import { databaseUrl } from "./db";
import { processSingleton } from "./global-singleton";

/** What a channel's listener does with a notification's payload, and after a reconnect. */
export type ChannelHandlers = {
  onNotice: (payload: string) => void;
  /** Notifications sent while the connection was down are lost: catch up from the database here. */
  onReconnect?: () => void;
};

type Listener = { channels: Map<string, ChannelHandlers>; client: pg.Client | undefined; ready: Promise<void> };

/**
 * One PostgreSQL `LISTEN` connection per process, shared by every channel this process listens
 * on (live events, cancel requests). A notification is a wake-up, never the truth: handlers read
 * the database. While the server is unreachable the connection is retried once a second; after a
 * reconnect every channel is listened to again and its `onReconnect` runs.
 * https://www.postgresql.org/docs/current/sql-notify.html
 *
 * @param channel a PostgreSQL identifier (lower case, no quoting needed)
 * Resolves once the channel is being listened to; rejects when the first connection fails.
 */
export async function listenTo(channel: string, handlers: ChannelHandlers): Promise<void> {
  const listener = processSingleton<Listener>("pg-listener", () => {
    const state: Listener = { channels: new Map(), client: undefined, ready: Promise.resolve() };
    state.ready = connect(state, false);
    return state;
  });
  await listener.ready;
  const isNew = !listener.channels.has(channel);
  listener.channels.set(channel, handlers);
  if (isNew) await listener.client?.query(`LISTEN ${channel}`);
}

async function connect(state: Listener, reconnect: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl(), keepAlive: true });
  client.on("notification", (message) => {
    if (!message.payload) return;
    try {
      state.channels.get(message.channel)?.onNotice(message.payload);
    } catch (error) {
      console.error(`[foreman] notification on ${message.channel}:`, error instanceof Error ? error.message : error); // a bad payload must not stop the others
    }
  });
  client.on("error", (error) => {
    console.error("[foreman] LISTEN connection lost, reconnecting:", error.message);
    void client.end().catch(() => undefined);
    state.client = undefined;
    reconnectSoon(state);
  });
  await client.connect();
  for (const channel of state.channels.keys()) await client.query(`LISTEN ${channel}`);
  state.client = client;
  if (reconnect) for (const handlers of state.channels.values()) handlers.onReconnect?.();
}

/** Keeps trying, once a second, while the database is unreachable. */
function reconnectSoon(state: Listener): void {
  setTimeout(() => {
    state.ready = connect(state, true).catch(() => reconnectSoon(state));
  }, 1000);
}

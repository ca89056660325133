// Constants of the live-sync channel shared by the browser and the server.
// The wire format is the stock y-websocket protocol (y-protocols sync + awareness); these names only
// fix where content lives in the Y.Doc and what each close code means.

/** y-websocket message types (first varUint of every frame). */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;

/** The Lexical body sits where @lexical/yjs binds it by default. */
export const BODY_ROOT = 'root';
/** The page title is a Y.Text beside the body, so it is co-edited live like the body. */
export const TITLE_TEXT = 'title';

/**
 * Close codes. 4400-4499 tell the stock WebsocketProvider not to reconnect;
 * 1011/1013 make it retry with back-off.
 */
export const CloseCode = {
  /** The frame could not be decoded as a y-websocket message. */
  BadMessage: { code: 4400, reason: 'malformed message' },
  Unauthorized: { code: 4401, reason: 'not signed in' },
  Forbidden: { code: 4403, reason: 'not allowed' },
  /** An awareness state with another name than the account's, or for a client id another socket holds. */
  ForeignIdentity: { code: 4403, reason: 'presence must carry your own name and client id' },
  PageNotFound: { code: 4404, reason: 'page not found' },
  /** Text frames are not part of the protocol. */
  UnsupportedData: { code: 1003, reason: 'binary frames only' },
  /** The client reads too slowly and its send buffer overflowed. */
  SlowConsumer: { code: 1013, reason: 'client too slow, reconnect' },
  /** The server could not store an update; the client keeps it and resends after reconnecting. */
  StorageFailure: { code: 1011, reason: 'storage failure, reconnect' },
  ServerShutdown: { code: 1012, reason: 'server restarting' },
  /** The socket sent messages faster than its rate limit; the client reconnects after back-off. */
  RateLimited: { code: 1008, reason: 'too many messages' },
} as const;

/**
 * Reason of the y-protocols permission-denied message that tells a client its socket is read-only
 * (sent on joining as a reader, and when a writer loses write access while connected).
 */
export const READ_ONLY_REASON = 'read-only';

export const COLLAB_PATH = '/collab';

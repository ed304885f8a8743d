import type { WsMessage } from '../api/types';
import { reconnectDelayMs } from './backoff';

/** The server sends a frame (at least a heartbeat) every 10 s; 30 s of silence means the link
 *  is dead even if the socket has not noticed. */
export const kSilenceLimitMs = 30_000;

/** Close codes the server uses (docs/api.md "Close codes"). */
export const kCloseSessionEnded = 4401;

export type LinkStatus = 'connecting' | 'open' | 'closed';

export interface LiveSocketHandlers {
  onMessage: (message: WsMessage) => void;
  onStatus: (status: LinkStatus) => void;
  /** The session ended (logout elsewhere, expiry): the page goes to the login page. */
  onSessionEnded: () => void;
}

export interface LiveSocket {
  /** Drops the connection and opens a new one (for a fresh snapshot). */
  reopen(): void;
  close(): void;
}

export function eventsUrl(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/v1/events`;
}

/** Keeps one WebSocket to /api/v1/events open: reconnects with back-off, and treats silence
 *  longer than kSilenceLimitMs as a dead link. */
export function openLiveSocket(url: string, handlers: LiveSocketHandlers): LiveSocket {
  let socket: WebSocket | null = null;
  let attempt = 0;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let silenceTimer: ReturnType<typeof setTimeout> | undefined;

  const armSilenceTimer = () => {
    clearTimeout(silenceTimer);
    silenceTimer = setTimeout(() => socket?.close(), kSilenceLimitMs);
  };

  const connect = () => {
    handlers.onStatus('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      handlers.onStatus('open');
      armSilenceTimer();
    };
    ws.onmessage = (event: MessageEvent) => {
      armSilenceTimer();
      try {
        handlers.onMessage(JSON.parse(String(event.data)) as WsMessage);
      } catch {
        // A frame that is not JSON is a server bug; the next snapshot puts things right.
        ws.close();
      }
    };
    ws.onclose = (event: CloseEvent) => {
      clearTimeout(silenceTimer);
      if (socket !== ws) {
        return;
      }
      socket = null;
      handlers.onStatus('closed');
      if (event.code === kCloseSessionEnded) {
        stopped = true;
        handlers.onSessionEnded();
        return;
      }
      if (!stopped) {
        retryTimer = setTimeout(connect, reconnectDelayMs(attempt++, Math.random()));
      }
    };
  };

  connect();
  return {
    reopen() {
      const old = socket;
      socket = null;
      old?.close();
      clearTimeout(retryTimer);
      if (!stopped) {
        connect();
      }
    },
    close() {
      stopped = true;
      clearTimeout(retryTimer);
      clearTimeout(silenceTimer);
      socket?.close(1000);
      socket = null;
    },
  };
}

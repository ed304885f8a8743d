import type { WsMessage } from '../api/types';
import { applyMessage, emptyLiveState, type LiveState } from './live_state';
import type { LinkStatus, LiveSocket } from './live_socket';

type Listener = (state: LiveState) => void;

/** Holds the latest LiveState and tells the mounted page. Connects the socket's frames to
 *  applyMessage and reopens the socket when a frame is out of sequence. */
export class LiveStore {
  private state: LiveState = emptyLiveState();
  private status: LinkStatus = 'connecting';
  private readonly listeners = new Set<Listener>();
  private readonly statusListeners = new Set<(status: LinkStatus) => void>();
  private socket: LiveSocket | null = null;

  attach(socket: LiveSocket): void {
    this.socket = socket;
  }

  current(): LiveState {
    return this.state;
  }

  linkStatus(): LinkStatus {
    return this.status;
  }

  receive(message: WsMessage, receivedAtMs: number): void {
    const result = applyMessage(this.state, message, receivedAtMs);
    if (result.resync) {
      this.socket?.reopen();
      return;
    }
    this.state = result.state;
    for (const listener of this.listeners) {
      listener(this.state);
    }
  }

  setStatus(status: LinkStatus): void {
    this.status = status;
    for (const listener of this.statusListeners) {
      listener(status);
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onStatus(listener: (status: LinkStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  close(): void {
    this.socket?.close();
    this.socket = null;
    this.state = emptyLiveState();
  }
}

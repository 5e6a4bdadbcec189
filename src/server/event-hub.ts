/** One server-sent event: an id that increases per channel, a name, and its payload serialised once. */
export interface HubEvent {
  id: number;
  event: string;
  data: unknown;
  /** `data` as JSON, made once at publish so each listener does not serialise it again. */
  json: string;
}

type Listener = (event: HubEvent) => void;

interface Channel {
  nextId: number;
  events: HubEvent[];
  bytes: number;
  listeners: Set<Listener>;
  lastActive: number;
}

export interface EventHubOptions {
  /** Events kept per channel for Last-Event-ID replay. */
  capacity?: number;
  /** Bytes of JSON kept per channel: replies carry audio, so a count alone does not bound memory. */
  maxBytes?: number;
  /** A channel nobody listens to is forgotten after this long without events. */
  idleMs?: number;
  now?: () => number;
}

/**
 * Per-channel event log for server-sent events. Keeps the recent events of each channel so a browser that
 * reconnects with Last-Event-ID gets what it missed; older history comes from the API, not from here. Channels of
 * finished conversations and talks are forgotten once idle, so memory follows what is live, not what ever was.
 */
export class EventHub {
  private readonly channels = new Map<string, Channel>();
  private readonly capacity: number;
  private readonly maxBytes: number;
  private readonly idleMs: number;
  private readonly now: () => number;
  private lastSweep = 0;

  constructor(options: EventHubOptions = {}) {
    this.capacity = options.capacity ?? 500;
    this.maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
    this.idleMs = options.idleMs ?? 30 * 60_000;
    this.now = options.now ?? Date.now;
  }

  private channel(name: string): Channel {
    this.sweep();
    let channel = this.channels.get(name);
    if (!channel) {
      channel = { nextId: 1, events: [], bytes: 0, listeners: new Set(), lastActive: this.now() };
      this.channels.set(name, channel);
    }
    channel.lastActive = this.now();
    return channel;
  }

  publish(channelName: string, event: string, data: unknown): HubEvent {
    const channel = this.channel(channelName);
    const published = { id: channel.nextId++, event, data, json: JSON.stringify(data) };
    channel.events.push(published);
    channel.bytes += published.json.length;
    while (
      channel.events.length > this.capacity ||
      (channel.bytes > this.maxBytes && channel.events.length > 1)
    ) {
      channel.bytes -= (channel.events.shift() as HubEvent).json.length;
    }
    for (const listener of channel.listeners) listener(published);
    return published;
  }

  /** Replays the events after `lastEventId` (when given), then follows new ones until the returned function is called. */
  subscribe(channelName: string, listener: Listener, lastEventId?: number): () => void {
    const channel = this.channel(channelName);
    if (lastEventId !== undefined) {
      for (const event of channel.events) if (event.id > lastEventId) listener(event);
    }
    channel.listeners.add(listener);
    return () => {
      channel.listeners.delete(listener);
      channel.lastActive = this.now();
    };
  }

  listenerCount(channelName: string): number {
    return this.channels.get(channelName)?.listeners.size ?? 0;
  }

  channelCount(): number {
    return this.channels.size;
  }

  /** Forgets idle channels nobody listens to; at most once a minute, so publishing stays O(1). */
  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [name, channel] of this.channels) {
      if (channel.listeners.size === 0 && now - channel.lastActive > this.idleMs) this.channels.delete(name);
    }
  }
}

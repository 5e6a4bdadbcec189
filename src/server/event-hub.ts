/** One server-sent event: an id that increases per channel, a name and a JSON payload. */
export interface HubEvent {
  id: number;
  event: string;
  data: unknown;
}

type Listener = (event: HubEvent) => void;

/**
 * Per-channel event log for server-sent events. Keeps the last `capacity` events of each channel so a browser that
 * reconnects with Last-Event-ID gets what it missed; older history comes from the API, not from here.
 */
export class EventHub {
  private readonly channels = new Map<
    string,
    { nextId: number; events: HubEvent[]; listeners: Set<Listener> }
  >();

  constructor(private readonly capacity = 500) {}

  private channel(name: string) {
    let channel = this.channels.get(name);
    if (!channel) {
      channel = { nextId: 1, events: [], listeners: new Set() };
      this.channels.set(name, channel);
    }
    return channel;
  }

  publish(channelName: string, event: string, data: unknown): HubEvent {
    const channel = this.channel(channelName);
    const published = { id: channel.nextId++, event, data };
    channel.events.push(published);
    if (channel.events.length > this.capacity)
      channel.events.splice(0, channel.events.length - this.capacity);
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
    return () => channel.listeners.delete(listener);
  }

  listenerCount(channelName: string): number {
    return this.channels.get(channelName)?.listeners.size ?? 0;
  }
}

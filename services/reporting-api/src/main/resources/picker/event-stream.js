// GET /events read with fetch() and a ReadableStream, so that the Authorization header is sent (EventSource cannot
// send headers). Parses text/event-stream (HTML Living Standard 9.2.6) and reconnects with exponential back-off.

import { authorization } from './api.js';

const MAX_BACKOFF_MS = 30000;

/**
 * Opens the stream and keeps it open until stop() is called.
 * onEvent(type, data) for each event; onState('open' | 'retrying' | 'unauthorised', {delayMs, reason}).
 */
export function followEvents({ onEvent, onState }) {
  let stopped = false;
  let controller = null;
  let attempt = 0;
  let timer = null;

  async function connect() {
    controller = new AbortController();
    let response;
    try {
      response = await fetch('/events', {
        headers: { ...authorization(), Accept: 'text/event-stream' },
        cache: 'no-store',
        credentials: 'omit',
        signal: controller.signal,
      });
    } catch (e) {
      return retry('the gateway cannot be reached');
    }
    if (response.status === 401 || response.status === 403) {
      onState('unauthorised', { reason: response.status });
      return;
    }
    if (!response.ok || !response.body) {
      return retry('the gateway answered ' + response.status);
    }
    attempt = 0;
    onState('open', {});
    try {
      await read(response.body.getReader());
    } catch (e) {
      if (stopped) {
        return;
      }
    }
    retry('the live connection was lost');
  }

  async function read(reader) {
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.search(/\r\n\r\n|\n\n|\r\r/)) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end).replace(/^(\r\n\r\n|\n\n|\r\r)/, '');
        dispatch(block);
      }
    }
  }

  function dispatch(block) {
    let type = 'message';
    const data = [];
    for (const line of block.split(/\r\n|\n|\r/)) {
      if (line.startsWith(':') || line === '') {
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') {
        type = value;
      } else if (field === 'data') {
        data.push(value);
      }
    }
    if (data.length > 0) {
      let event;
      try {
        event = JSON.parse(data.join('\n'));
      } catch (e) {
        return; // not JSON: not one of ours
      }
      onEvent(type, event);
    }
  }

  function retry(reason) {
    if (stopped) {
      return;
    }
    attempt += 1;
    const delayMs = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempt - 1));
    onState('retrying', { delayMs, reason });
    timer = setTimeout(connect, delayMs);
  }

  connect();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      if (controller) {
        controller.abort();
      }
    },
  };
}

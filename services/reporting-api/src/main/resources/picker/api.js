// The choice API as the picker uses it: every call carries the bearer token from this tab's sessionStorage.
// Images are fetched with the token and decoded to ImageBitmaps (an <img src> cannot send the header).

const TOKEN_KEY = 'spa-picker-token';

/** An answer the page must explain: status 0 means the gateway could not be reached at all. */
export class ApiError extends Error {
  constructor(status, code, message, retryAfter) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY) || '',
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
  /** Takes #token=... from the address (never sent to the server) into sessionStorage and removes it. */
  fromFragment() {
    const match = /(?:^#|&)token=([^&]*)/.exec(location.hash);
    if (match) {
      token.set(decodeURIComponent(match[1]));
      history.replaceState(null, '', location.pathname + location.search);
    }
  },
};

export function authorization() {
  const value = token.get();
  return value ? { Authorization: 'Bearer ' + value } : {};
}

async function call(path, options = {}) {
  let response;
  try {
    response = await fetch(path, {
      ...options,
      headers: { ...authorization(), ...(options.headers || {}) },
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', 'The gateway cannot be reached.');
  }
  if (!response.ok) {
    let body = {};
    try {
      body = await response.json();
    } catch (e) {
      body = {};
    }
    throw new ApiError(response.status, body.code || 'HTTP_' + response.status,
        body.message || response.statusText, response.headers.get('Retry-After'));
  }
  return response;
}

export async function json(path) {
  return (await call(path)).json();
}

export async function image(path) {
  const blob = await (await call(path)).blob();
  return createImageBitmap(blob);
}

export async function postChoice(body) {
  const response = await call('/choices', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.json();
}

export const sessionPath = (sessionId) => '/sessions/' + encodeURIComponent(sessionId);

// REST client: bearer token, the {success, message, data | error} envelope, one retry after a token refresh.

/** A refused or failed request; code is the server's stable error code, or NETWORK when nothing answered. */
export class ApiError extends Error {
  constructor(status, code, message, retryAfter = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }

  /** Worth sending again unchanged: nothing answered, or the server was briefly unable. */
  get retryable() {
    return this.code === 'NETWORK' || this.code === 'UNAVAILABLE' || this.code === 'RATE_LIMITED' || this.status >= 500;
  }
}

export function createApi({ getToken, refreshToken }) {
  async function request(method, path, body, retried = false) {
    const headers = { Accept: 'application/json' };
    const token = getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, 'NETWORK', 'Cannot reach the server.');
    }
    let json = null;
    try {
      json = await response.json();
    } catch {
      json = null;
    }
    if (response.status === 401 && !retried && refreshToken && (await refreshToken())) {
      return request(method, path, body, true);
    }
    if (!response.ok || !json || json.success === false) {
      const error = (json && json.error) || {};
      throw new ApiError(
        response.status,
        error.code || `HTTP_${response.status}`,
        error.message || (json && json.message) || response.statusText || 'Request failed.',
        response.headers.get('Retry-After'),
      );
    }
    return json.data || {};
  }

  return {
    get: (path) => request('GET', path),
    post: (path, body = {}) => request('POST', path, body),
    patch: (path, body = {}) => request('PATCH', path, body),
    put: (path, body) => request('PUT', path, body),
    delete: (path) => request('DELETE', path),
  };
}

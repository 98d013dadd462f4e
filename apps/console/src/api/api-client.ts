/** The services' problem+json, in words: `detail`, else `title`; `errors` names the fields. */
export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title || `the service answered ${problem.status}`);
  }

  /** the request failed because this field is missing or wrong */
  names(field: string): boolean {
    return (this.problem.errors ?? []).some((e) => e.field === field);
  }
}

export type ServiceName =
  'portal' | 'sales-installation' | 'diagnostics' | 'repairs' | 'dispatch' | 'notifications' | 'library-services';

/**
 * Calls a service's `/api/v1` through the console server's same-origin proxy (`/api/<service>/…`),
 * with the signed-in person's token in the Authorization header (never in a URL).
 */
export class ApiClient {
  constructor(
    private readonly token: string,
    private readonly onUnauthorized: () => void = () => undefined,
  ) {}

  get<T>(service: ServiceName, path: string, query: Record<string, string | undefined> = {}): Promise<T> {
    const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
    const search = params.toString();
    return this.request<T>('GET', service, search ? `${path}?${search}` : path);
  }

  post<T>(service: ServiceName, path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', service, path, body);
  }

  put<T>(service: ServiceName, path: string, body?: unknown): Promise<T> {
    return this.request<T>('PUT', service, path, body);
  }

  private async request<T>(method: string, service: ServiceName, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`/api/${service}/${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError({ status: 0, title: `${service} could not be reached` });
    }
    if (res.status === 401) this.onUnauthorized();
    const text = await res.text();
    const parsed = text ? safeJson(text) : undefined;
    if (!res.ok) throw new ApiError({ status: res.status, ...(parsed as Partial<Problem>) });
    return parsed as T;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 200) };
  }
}

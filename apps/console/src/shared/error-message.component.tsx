import { ApiError } from '../api/api-client';

/** An error in words: the API's problem detail (or title), else the error's message. */
export function errorText(error: unknown): string | undefined {
  if (error === undefined || error === null) return undefined;
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

export function ErrorMessage({ error }: { error: unknown }) {
  const text = errorText(error);
  if (!text) return null;
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}

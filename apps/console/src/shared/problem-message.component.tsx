import { ApiError } from '../api/api-client';
import { errorText } from './error-message.component';

/** The refusal in words, and for a 400 the fields it names (so the technician knows what to fix). */
export function ProblemMessage({ error }: { error: unknown }) {
  const text = errorText(error);
  if (!text) return null;
  const fields = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  return (
    <div className="error" role="alert">
      <p>{text}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={f.field}>
              <strong>{f.field}</strong>: {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import type { ComponentChildren } from 'preact';
import { ApiFailure, errorMessage, isNetworkFailure } from '../api';

/**
 * What a refusal says field by field (the `details` of 400 `invalid_request`: `[{ path, message }]`,
 * messages in Vietnamese), each once.
 */
function fieldMessages(error: unknown): string[] {
  // Other refusals with details (a paper form's answers, a definition) place them themselves.
  if (!(error instanceof ApiFailure) || error.code !== 'invalid_request') return [];
  if (!Array.isArray(error.details)) return [];
  const messages = error.details
    .map((d) => (d as { message?: unknown } | null)?.message)
    .filter((m): m is string => typeof m === 'string' && m !== '' && m !== error.message);
  return [...new Set(messages)];
}

/**
 * A failure in words the officer can act on, with what is wrong in each field; "Thử lại" when
 * the network, not the server, failed.
 */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const fields = fieldMessages(error);
  return (
    <div class="notice error" role="alert">
      <p>{errorMessage(error)}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {onRetry && isNetworkFailure(error) && (
        <button type="button" onClick={onRetry}>
          Thử lại
        </button>
      )}
    </div>
  );
}

/** A short confirmation of what just happened, read out by screen readers. */
export function Done({ children }: { children: ComponentChildren }) {
  return (
    <p class="notice ok" role="status">
      {children}
    </p>
  );
}

export const Loading = ({ what = 'Đang tải…' }: { what?: string }) => (
  <p class="loading" role="status">
    {what}
  </p>
);

import type { ComponentChildren } from 'preact';
import { errorMessage, isNetworkFailure } from '../api';

/** A failure in words the officer can act on; "Thử lại" when the network, not the server, failed. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div class="notice error" role="alert">
      <p>{errorMessage(error)}</p>
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
